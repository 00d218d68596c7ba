import type { Migration } from './migration';

// The content-addressed evidence store's index: one row per distinct file,
// named by its sha256. The bytes live in <data>/evidence/ and are never modified.
export const migration: Migration = {
  version: 5,
  name: 'create-evidence-files',
  sql: `
CREATE TABLE evidence_files (
  sha256    TEXT PRIMARY KEY CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
  size      INTEGER NOT NULL CHECK (size >= 0),
  stored_at TEXT NOT NULL
);
CREATE TRIGGER evidence_files_no_update BEFORE UPDATE ON evidence_files
BEGIN SELECT RAISE(ABORT, 'evidence files are immutable'); END;
`,
};
