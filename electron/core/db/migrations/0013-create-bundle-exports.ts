import type { Migration } from './migration';

// An export reserves its sequence number here before a byte is written, and
// the row stays 'pending' until the file is recorded in `bundles` or known
// to be gone. A crash in between (the file complete on the medium, the
// history not yet written) leaves the row pending; the next start or export
// settles it against the medium (bundle/export-reconcile.ts). A reserved
// number is never handed out again, whatever became of its file, so no two
// bundles from this installation ever carry the same sequence.
export const migration: Migration = {
  version: 13,
  name: 'create-bundle-exports',
  sql: `
CREATE TABLE bundle_exports (
  seq                INTEGER PRIMARY KEY,
  bundle_id          TEXT NOT NULL UNIQUE,
  signer_fingerprint TEXT NOT NULL,
  sequence           INTEGER NOT NULL CHECK (sequence >= 1),
  site_id            TEXT NOT NULL REFERENCES sites (id),
  kind               TEXT NOT NULL CHECK (kind IN ('site', 'review')),
  target_dir         TEXT NOT NULL,
  file_name          TEXT NOT NULL,
  -- The exporting process: its row is left alone while it runs.
  owner_pid          INTEGER NOT NULL,
  state              TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'recorded', 'abandoned', 'set_aside')),
  started_at         TEXT NOT NULL,
  closed_at          TEXT,
  UNIQUE (signer_fingerprint, sequence)
);
CREATE INDEX bundle_exports_pending ON bundle_exports (state) WHERE state = 'pending';
CREATE TRIGGER bundle_exports_fixed BEFORE UPDATE OF bundle_id, signer_fingerprint, sequence, site_id, kind, target_dir, file_name, owner_pid, started_at
ON bundle_exports BEGIN SELECT RAISE(ABORT, 'an export reservation is not edited'); END;
CREATE TRIGGER bundle_exports_closed BEFORE UPDATE ON bundle_exports WHEN OLD.state <> 'pending'
BEGIN SELECT RAISE(ABORT, 'a closed export stays closed'); END;
CREATE TRIGGER bundle_exports_no_delete BEFORE DELETE ON bundle_exports
BEGIN SELECT RAISE(ABORT, 'export reservations are kept'); END;
`,
};
