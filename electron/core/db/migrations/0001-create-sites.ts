import type { Migration } from './migration';

export const migration: Migration = {
  version: 1,
  name: 'create-sites',
  sql: `
CREATE TABLE sites (
  id                     TEXT PRIMARY KEY,
  name                   TEXT NOT NULL,
  address                TEXT NOT NULL DEFAULT '',
  owner_name             TEXT NOT NULL DEFAULT '',
  contractor_name        TEXT NOT NULL DEFAULT '',
  region                 TEXT NOT NULL,
  receiving_voltage_v    INTEGER,
  generation_capacity_kw REAL,
  grid_connected         INTEGER NOT NULL CHECK (grid_connected IN (0, 1)),
  reverse_power_flow     INTEGER NOT NULL CHECK (reverse_power_flow IN (0, 1)),
  has_remote_monitoring  INTEGER NOT NULL CHECK (has_remote_monitoring IN (0, 1)),
  has_control_system     INTEGER NOT NULL CHECK (has_control_system IN (0, 1)),
  installation_type      TEXT NOT NULL CHECK (installation_type IN ('new', 'existing')),
  last_system_change_date TEXT,
  created_at             TEXT NOT NULL,
  updated_at             TEXT NOT NULL,
  archived_at            TEXT
);
CREATE INDEX sites_by_name ON sites (name);
`,
};
