import type { Migration } from './migration';

// 8-2-1: every device with its configuration, and the proof that it exists.
// Devices are never deleted by an import: one a new file no longer lists is
// marked (in_latest_import = 0). Each import is a batch that keeps what it
// changed, so the last one can be undone. Existence checks are append-only.
export const migration: Migration = {
  version: 6,
  name: 'create-inventory',
  sql: `
CREATE TABLE inventory_import_batches (
  seq             INTEGER PRIMARY KEY,
  id              TEXT NOT NULL UNIQUE,
  site_id         TEXT NOT NULL REFERENCES sites (id),
  file_name       TEXT NOT NULL,
  file_sha256     TEXT NOT NULL,
  sheet           TEXT NOT NULL,
  mapping_json    TEXT NOT NULL,
  created_count   INTEGER NOT NULL,
  updated_count   INTEGER NOT NULL,
  unchanged_count INTEGER NOT NULL,
  absent_count    INTEGER NOT NULL,
  skipped_count   INTEGER NOT NULL,
  imported_at     TEXT NOT NULL,
  imported_by     TEXT NOT NULL DEFAULT '',
  undone_at       TEXT
);
CREATE INDEX inventory_import_batches_by_site ON inventory_import_batches (site_id, seq);

CREATE TABLE devices (
  id               TEXT PRIMARY KEY,
  site_id          TEXT NOT NULL REFERENCES sites (id),
  asset_id         TEXT NOT NULL CHECK (asset_id <> ''),
  name             TEXT NOT NULL DEFAULT '',
  kind             TEXT NOT NULL DEFAULT '',
  location         TEXT NOT NULL DEFAULT '',
  manufacturer     TEXT NOT NULL DEFAULT '',
  model            TEXT NOT NULL DEFAULT '',
  serial_number    TEXT NOT NULL DEFAULT '',
  os               TEXT NOT NULL DEFAULT '',
  software_version TEXT NOT NULL DEFAULT '',
  ip_address       TEXT NOT NULL DEFAULT '',
  mac_address      TEXT NOT NULL DEFAULT '',
  network          TEXT NOT NULL DEFAULT '',
  purpose          TEXT NOT NULL DEFAULT '',
  administrator    TEXT NOT NULL DEFAULT '',
  installed_on     TEXT,
  notes            TEXT NOT NULL DEFAULT '',
  extra_json       TEXT NOT NULL DEFAULT '{}',
  in_latest_import INTEGER NOT NULL DEFAULT 1 CHECK (in_latest_import IN (0, 1)),
  created_batch_id TEXT REFERENCES inventory_import_batches (id),
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL,
  UNIQUE (site_id, asset_id)
);
CREATE INDEX devices_by_location ON devices (site_id, location, asset_id);

-- What a batch changed in devices that existed before it: their state before, to undo.
CREATE TABLE inventory_import_changes (
  batch_id    TEXT NOT NULL REFERENCES inventory_import_batches (id),
  device_id   TEXT NOT NULL REFERENCES devices (id),
  before_json TEXT NOT NULL,
  PRIMARY KEY (batch_id, device_id)
);

CREATE TABLE inventory_mapping_profiles (
  id               TEXT PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,
  header_signature TEXT NOT NULL,
  mapping_json     TEXT NOT NULL,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
CREATE INDEX inventory_mapping_profiles_by_shape ON inventory_mapping_profiles (header_signature, updated_at);

CREATE TABLE device_checks (
  seq           INTEGER PRIMARY KEY,
  id            TEXT NOT NULL UNIQUE,
  site_id       TEXT NOT NULL REFERENCES sites (id),
  device_id     TEXT NOT NULL REFERENCES devices (id),
  status        TEXT NOT NULL CHECK (status IN ('confirmed', 'not_found', 'moved')),
  checked_on    TEXT NOT NULL,
  from_location TEXT NOT NULL DEFAULT '',
  new_location  TEXT NOT NULL DEFAULT '',
  note          TEXT NOT NULL DEFAULT '',
  checked_by    TEXT NOT NULL DEFAULT '',
  recorded_at   TEXT NOT NULL
);
CREATE INDEX device_checks_by_device ON device_checks (device_id, seq);
CREATE INDEX device_checks_by_site ON device_checks (site_id, seq);
CREATE TRIGGER device_checks_no_update BEFORE UPDATE ON device_checks
BEGIN SELECT RAISE(ABORT, 'device checks are append-only'); END;
CREATE TRIGGER device_checks_no_delete BEFORE DELETE ON device_checks
BEGIN SELECT RAISE(ABORT, 'device checks are append-only'); END;
`,
};
