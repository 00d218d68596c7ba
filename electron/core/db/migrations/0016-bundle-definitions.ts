import type { Migration } from './migration';

// Scanner definitions a bundle carried (issue 12): one row per bundle in the
// history that had them. An export's row is 'sent'. An import's row is
// written 'pending' in the same transaction as the bundle's records, and
// settled once the definitions store has taken or refused the files: a
// crash in between leaves it pending, and the next bundle import finishes it
// from the files kept for it. A settled row is never changed or removed,
// like the bundle history it extends.
export const migration: Migration = {
  version: 16,
  name: 'bundle-definitions',
  sql: `
CREATE TABLE bundle_definitions (
  bundle_id   TEXT PRIMARY KEY REFERENCES bundles (id),
  scanner     TEXT NOT NULL CHECK (scanner IN ('clamav')),
  version     TEXT,
  built_at    TEXT,
  -- The bundle's list of files (name, sha256, size, kind, version, builtAt), as JSON.
  files_json  TEXT NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('sent', 'pending', 'installed', 'same', 'older', 'refused')),
  -- The store's set it installed, or the current one that stayed.
  set_id      TEXT,
  -- Why it was not installed: a message key and its values, as JSON.
  reason_json TEXT,
  -- The importing process: its pending row is left alone while it runs.
  owner_pid   INTEGER,
  -- Where a pending import keeps the files until the store takes them (under the data folder).
  held_dir    TEXT,
  recorded_at TEXT NOT NULL,
  settled_at  TEXT
);
CREATE INDEX bundle_definitions_pending ON bundle_definitions (state) WHERE state = 'pending';
CREATE TRIGGER bundle_definitions_fixed BEFORE UPDATE OF bundle_id, scanner, version, built_at, files_json, owner_pid, held_dir, recorded_at
ON bundle_definitions BEGIN SELECT RAISE(ABORT, 'what a bundle carried is not edited'); END;
CREATE TRIGGER bundle_definitions_settled BEFORE UPDATE ON bundle_definitions WHEN OLD.state <> 'pending'
BEGIN SELECT RAISE(ABORT, 'a settled definitions outcome stays settled'); END;
CREATE TRIGGER bundle_definitions_no_delete BEFORE DELETE ON bundle_definitions
BEGIN SELECT RAISE(ABORT, 'the bundle history is append-only'); END;
`,
};
