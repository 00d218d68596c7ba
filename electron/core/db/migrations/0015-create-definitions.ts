import type { Migration } from './migration';

// Scanner definitions kept by Hoan for the whole installation (issue 12).
// A set is the complete folder a scanner loads; its files never change once
// recorded. One set per scanner is 'current', at most one 'previous' (kept
// for one rollback); older ones are 'retired' and their folders deleted, the
// rows kept so the history of what was installed, from where and by whom
// stays readable. Only a set's state moves, and never back from 'retired'.
// One current set per scanner is an index; one previous is kept by the store
// (a rollback swaps the two, and SQLite checks unique indexes row by row, so
// an index on 'previous' would refuse the swap halfway).
export const migration: Migration = {
  version: 15,
  name: 'create-definitions',
  sql: `
CREATE TABLE definitions_sets (
  seq                      INTEGER PRIMARY KEY,
  id                       TEXT NOT NULL UNIQUE,
  scanner                  TEXT NOT NULL CHECK (scanner IN ('clamav', 'defender')),
  state                    TEXT NOT NULL CHECK (state IN ('current', 'previous', 'retired')),
  version                  TEXT,
  built_at                 TEXT,
  source_kind              TEXT NOT NULL CHECK (source_kind IN ('file', 'bundle')),
  source_path              TEXT,
  source_bundle_id         TEXT,
  source_site_id           TEXT,
  imported_by              TEXT NOT NULL,
  imported_at              TEXT NOT NULL,
  unsigned_accepted_reason TEXT,
  CHECK ((source_kind = 'file' AND source_path IS NOT NULL AND source_bundle_id IS NULL)
      OR (source_kind = 'bundle' AND source_bundle_id IS NOT NULL AND source_site_id IS NOT NULL AND source_path IS NULL))
);
CREATE UNIQUE INDEX definitions_sets_one_current ON definitions_sets (scanner) WHERE state = 'current';
CREATE TABLE definitions_files (
  set_id              TEXT NOT NULL REFERENCES definitions_sets (id),
  name                TEXT NOT NULL,
  sha256              TEXT NOT NULL CHECK (length(sha256) = 64),
  size                INTEGER NOT NULL CHECK (size >= 0),
  kind                TEXT NOT NULL CHECK (kind IN ('signed', 'unsigned', 'plain', 'defender_package')),
  version             TEXT,
  built_at            TEXT,
  signatures          INTEGER,
  functionality_level INTEGER,
  PRIMARY KEY (set_id, name)
);
CREATE TRIGGER definitions_sets_fixed BEFORE UPDATE OF seq, id, scanner, version, built_at, source_kind, source_path, source_bundle_id, source_site_id, imported_by, imported_at, unsigned_accepted_reason
ON definitions_sets BEGIN SELECT RAISE(ABORT, 'a definitions set is not edited'); END;
CREATE TRIGGER definitions_sets_retired BEFORE UPDATE OF state ON definitions_sets WHEN OLD.state = 'retired'
BEGIN SELECT RAISE(ABORT, 'a retired definitions set stays retired'); END;
CREATE TRIGGER definitions_sets_no_delete BEFORE DELETE ON definitions_sets
BEGIN SELECT RAISE(ABORT, 'definitions sets are kept'); END;
CREATE TRIGGER definitions_files_fixed BEFORE UPDATE ON definitions_files
BEGIN SELECT RAISE(ABORT, 'a definitions file record is not edited'); END;
CREATE TRIGGER definitions_files_no_delete BEFORE DELETE ON definitions_files
BEGIN SELECT RAISE(ABORT, 'definitions file records are kept'); END;
`,
};
