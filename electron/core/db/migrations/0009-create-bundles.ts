import type { Migration } from './migration';

// Signed evidence bundles. A site has one home installation that edits it;
// other installations hold verified, read-only copies (`site_origins`).
// Read-only is enforced by triggers on every table that holds a site's
// records, so no writer (UI, CLI, a future feature) can forget the check.
// Only an import lifts it, and only inside its own transaction, by holding the
// row in `bundle_import_active` that it removes again before committing.

/** Tables holding one site's records, and how a row names its site. */
const GUARDED: [table: string, siteOf: (row: 'NEW' | 'OLD') => string][] = [
  ['sites', (r) => `${r}.id`],
  ['classifications', (r) => `${r}.site_id`],
  ['assessment_rounds', (r) => `${r}.site_id`],
  ['assessment_items', (r) => `(SELECT site_id FROM assessment_rounds WHERE id = ${r}.round_id)`],
  ['assessment_evidence', (r) => `(SELECT site_id FROM assessment_rounds WHERE id = ${r}.round_id)`],
  ['risks', (r) => `(SELECT site_id FROM assessment_rounds WHERE id = ${r}.round_id)`],
  ['media', (r) => `${r}.site_id`],
  ['media_log', (r) => `${r}.site_id`],
  ['media_scanner_configs', (r) => `${r}.site_id`],
  ['devices', (r) => `${r}.site_id`],
  ['device_checks', (r) => `${r}.site_id`],
  ['inventory_import_batches', (r) => `${r}.site_id`],
];

const OPS = [
  ['insert', 'INSERT', 'NEW'],
  ['update', 'UPDATE', 'OLD'],
  ['delete', 'DELETE', 'OLD'],
] as const;

function readOnlyTriggers(): string {
  return GUARDED.flatMap(([table, siteOf]) =>
    OPS.map(
      ([name, op, row]) => `CREATE TRIGGER ${table}_read_only_${name} BEFORE ${op} ON ${table}
WHEN EXISTS (SELECT 1 FROM site_origins WHERE site_id = ${siteOf(row)}) AND NOT EXISTS (SELECT 1 FROM bundle_import_active)
BEGIN SELECT RAISE(ABORT, 'hoan:site-read-only'); END;`,
    ),
  ).join('\n');
}

export const migration: Migration = {
  version: 9,
  name: 'create-bundles',
  sql: `
-- This installation: a name and its Ed25519 key (the private half lives in keys/, never here).
CREATE TABLE installation (
  id          TEXT PRIMARY KEY,
  one         INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (one = 1),
  name        TEXT NOT NULL,
  principal   TEXT NOT NULL,
  public_key  TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- The signers whose bundles this installation accepts (OpenSSH allowed_signers lines).
CREATE TABLE trusted_signers (
  fingerprint TEXT PRIMARY KEY,
  principal   TEXT NOT NULL,
  name        TEXT NOT NULL DEFAULT '',
  public_key  TEXT NOT NULL,
  role        TEXT NOT NULL CHECK (role IN ('site', 'head_office')),
  source      TEXT NOT NULL,
  added_at    TEXT NOT NULL,
  added_by    TEXT NOT NULL DEFAULT '',
  revoked_at  TEXT
);

-- Every bundle made here or imported here: provenance, and the replay and order checks.
CREATE TABLE bundles (
  seq                INTEGER PRIMARY KEY,
  id                 TEXT NOT NULL UNIQUE,
  direction          TEXT NOT NULL CHECK (direction IN ('export', 'import')),
  kind               TEXT NOT NULL CHECK (kind IN ('site', 'review')),
  site_id            TEXT NOT NULL REFERENCES sites (id),
  signer_fingerprint TEXT NOT NULL,
  signer_name        TEXT NOT NULL DEFAULT '',
  sequence           INTEGER NOT NULL CHECK (sequence >= 1),
  bagged_at          TEXT NOT NULL,
  file_name          TEXT NOT NULL DEFAULT '',
  payload_bytes      INTEGER NOT NULL,
  payload_files      INTEGER NOT NULL,
  recorded_at        TEXT NOT NULL,
  recorded_by        TEXT NOT NULL DEFAULT '',
  UNIQUE (signer_fingerprint, sequence)
);
CREATE INDEX bundles_by_site ON bundles (site_id, seq);
CREATE TRIGGER bundles_no_update BEFORE UPDATE ON bundles
BEGIN SELECT RAISE(ABORT, 'the bundle history is append-only'); END;
CREATE TRIGGER bundles_no_delete BEFORE DELETE ON bundles
BEGIN SELECT RAISE(ABORT, 'the bundle history is append-only'); END;

-- Sites whose home is another installation: read-only here.
CREATE TABLE site_origins (
  site_id           TEXT PRIMARY KEY REFERENCES sites (id),
  owner_fingerprint TEXT NOT NULL,
  owner_name        TEXT NOT NULL DEFAULT '',
  last_bundle_id    TEXT NOT NULL,
  last_bundle_at    TEXT NOT NULL,
  imported_at       TEXT NOT NULL
);

-- Head office's notes on a site's records; they travel back to the site in head office's bundles.
CREATE TABLE review_notes (
  seq                INTEGER PRIMARY KEY,
  id                 TEXT NOT NULL UNIQUE,
  site_id            TEXT NOT NULL REFERENCES sites (id),
  round_id           TEXT,
  item_id            TEXT,
  text               TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 4000),
  author_fingerprint TEXT NOT NULL,
  author_name        TEXT NOT NULL DEFAULT '',
  written_by         TEXT NOT NULL DEFAULT '',
  created_at         TEXT NOT NULL
);
CREATE INDEX review_notes_by_site ON review_notes (site_id, seq);
CREATE TRIGGER review_notes_no_update BEFORE UPDATE ON review_notes
BEGIN SELECT RAISE(ABORT, 'review notes are append-only'); END;
CREATE TRIGGER review_notes_no_delete BEFORE DELETE ON review_notes
BEGIN SELECT RAISE(ABORT, 'review notes are append-only'); END;

-- Holds one row only inside an import's transaction; never committed.
CREATE TABLE bundle_import_active (id INTEGER PRIMARY KEY CHECK (id = 1));

${readOnlyTriggers()}
`,
};
