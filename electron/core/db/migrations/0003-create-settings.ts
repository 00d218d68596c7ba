import type { Migration } from './migration';

export const migration: Migration = {
  version: 3,
  name: 'create-settings',
  sql: `
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value_json TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
`,
};
