import type { Migration } from './migration';

// Append-only: re-classifying adds a row, so the history an inspector may ask
// for ("why was this site 区分B last year?") is never overwritten.
export const migration: Migration = {
  version: 2,
  name: 'create-classifications',
  sql: `
CREATE TABLE classifications (
  id            TEXT PRIMARY KEY,
  site_id       TEXT NOT NULL REFERENCES sites (id),
  result        TEXT NOT NULL CHECK (result IN ('out_of_scope', 'A', 'B', 'C')),
  answers_json  TEXT NOT NULL,
  reasons_json  TEXT NOT NULL,
  transitional  INTEGER NOT NULL CHECK (transitional IN (0, 1)),
  classified_at TEXT NOT NULL,
  classified_by TEXT NOT NULL DEFAULT ''
);
CREATE INDEX classifications_by_site ON classifications (site_id, classified_at);
CREATE TRIGGER classifications_no_update BEFORE UPDATE ON classifications
BEGIN SELECT RAISE(ABORT, 'classifications are append-only'); END;
CREATE TRIGGER classifications_no_delete BEFORE DELETE ON classifications
BEGIN SELECT RAISE(ABORT, 'classifications are append-only'); END;
`,
};
