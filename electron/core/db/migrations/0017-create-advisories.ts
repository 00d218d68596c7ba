import type { Migration } from './migration';

// 8-4: vulnerability information brought in on media as CSAF 2.0 advisories
// (issue 13), matched to the device inventory and triaged per device.
//
// An advisory is identified, as CSAF says, by its publisher's namespace and
// its tracking id. Every revision Hoan took is a row of `advisories`, with the
// document kept as received (bundles carry it on; the verifier and the
// inspector can read it); a newer revision supersedes the older one, which is
// kept. Products, vulnerabilities, their per-product status and remediations
// are flattened from each revision for matching: vendors are stored as
// written, and the maker alias table maps them at match time, so an updated
// alias table takes effect without re-importing anything.
//
// Triage decisions are append-only: the latest row per (site, device,
// advisory) is the decision in force; earlier rows are its history. They
// name the advisory by namespace and tracking id and the revision by its
// document's sha256, so they mean the same at head office as at the site.
export const migration: Migration = {
  version: 17,
  name: 'create-advisories',
  sql: `
CREATE TABLE advisory_publisher_keys (
  fingerprint TEXT PRIMARY KEY,
  user_ids_json TEXT NOT NULL,
  armored     TEXT NOT NULL,
  added_at    TEXT NOT NULL,
  added_by    TEXT NOT NULL DEFAULT '',
  removed_at  TEXT
);

CREATE TABLE advisories (
  id                   TEXT PRIMARY KEY,
  publisher_namespace  TEXT NOT NULL,
  publisher_name       TEXT NOT NULL,
  tracking_id          TEXT NOT NULL,
  tracking_version     TEXT NOT NULL,
  tracking_status      TEXT NOT NULL,
  initial_release_date TEXT NOT NULL,
  current_release_date TEXT NOT NULL,
  title                TEXT NOT NULL,
  lang                 TEXT NOT NULL DEFAULT '',
  sha256               TEXT NOT NULL,
  size                 INTEGER NOT NULL,
  document             TEXT NOT NULL,
  -- The strongest check the document passed beside the schema: a .sha512 file, or a trusted publisher's .asc.
  integrity            TEXT NOT NULL CHECK (integrity IN ('none', 'sha512', 'openpgp')),
  signer_fingerprint   TEXT,
  -- The file it was read from, or 'bundle:<id>'.
  source               TEXT NOT NULL,
  imported_at          TEXT NOT NULL,
  imported_by          TEXT NOT NULL DEFAULT '',
  superseded_by        TEXT REFERENCES advisories (id),
  UNIQUE (publisher_namespace, tracking_id, sha256)
);
CREATE INDEX advisories_current ON advisories (publisher_namespace, tracking_id) WHERE superseded_by IS NULL;
CREATE INDEX advisories_by_import ON advisories (imported_at);
CREATE TRIGGER advisories_fixed BEFORE UPDATE OF id, publisher_namespace, tracking_id, tracking_version, current_release_date, sha256, document, integrity, source, imported_at
ON advisories BEGIN SELECT RAISE(ABORT, 'an imported advisory is not edited'); END;
CREATE TRIGGER advisories_no_delete BEFORE DELETE ON advisories
BEGIN SELECT RAISE(ABORT, 'advisories are kept, superseded revisions too'); END;

-- The product tree flattened: one row per product_id of a revision.
CREATE TABLE advisory_products (
  advisory_id        TEXT NOT NULL REFERENCES advisories (id),
  product_id         TEXT NOT NULL,
  -- Branch names as written ('' when the tree has no such branch).
  vendor             TEXT NOT NULL DEFAULT '',
  product_name       TEXT NOT NULL DEFAULT '',
  -- product_version or product_version_range as written; '' when neither.
  version            TEXT NOT NULL DEFAULT '',
  version_is_range   INTEGER NOT NULL DEFAULT 0 CHECK (version_is_range IN (0, 1)),
  full_name          TEXT NOT NULL,
  model_numbers_json TEXT NOT NULL DEFAULT '[]',
  -- The whole product_identification_helper (cpe, purl, skus, serial_numbers, hashes…).
  helpers_json       TEXT NOT NULL DEFAULT '{}',
  PRIMARY KEY (advisory_id, product_id)
);
CREATE INDEX advisory_products_by_vendor ON advisory_products (vendor);

CREATE TABLE advisory_vulnerabilities (
  advisory_id TEXT NOT NULL REFERENCES advisories (id),
  ordinal     INTEGER NOT NULL,
  cve         TEXT NOT NULL DEFAULT '',
  title       TEXT NOT NULL DEFAULT '',
  -- The highest CVSS v3 base score given for it; null when none.
  cvss_score  REAL,
  cvss_vector TEXT,
  PRIMARY KEY (advisory_id, ordinal)
);
CREATE INDEX advisory_vulnerabilities_by_cve ON advisory_vulnerabilities (cve);

-- product_status with product groups expanded; the score is the one the
-- advisory gives that product for that vulnerability (else the vulnerability's).
CREATE TABLE advisory_product_status (
  advisory_id   TEXT NOT NULL REFERENCES advisories (id),
  vulnerability INTEGER NOT NULL,
  product_id    TEXT NOT NULL,
  status        TEXT NOT NULL CHECK (status IN ('first_affected', 'first_fixed', 'fixed', 'known_affected', 'known_not_affected', 'last_affected', 'recommended', 'under_investigation')),
  cvss_score    REAL,
  PRIMARY KEY (advisory_id, product_id, vulnerability, status)
);

CREATE TABLE advisory_remediations (
  advisory_id      TEXT NOT NULL REFERENCES advisories (id),
  vulnerability    INTEGER NOT NULL,
  ordinal          INTEGER NOT NULL,
  category         TEXT NOT NULL CHECK (category IN ('mitigation', 'no_fix_planned', 'none_available', 'vendor_fix', 'workaround')),
  details          TEXT NOT NULL,
  url              TEXT,
  -- product_ids with groups expanded.
  product_ids_json TEXT NOT NULL DEFAULT '[]',
  PRIMARY KEY (advisory_id, vulnerability, ordinal)
);

-- Maker alias tables newer than the one shipped in resources/ (carried in by bundles).
CREATE TABLE maker_alias_tables (
  version     INTEGER PRIMARY KEY,
  table_json  TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  source      TEXT NOT NULL,
  imported_at TEXT NOT NULL
);

CREATE TABLE advisory_triage (
  seq                 INTEGER PRIMARY KEY,
  id                  TEXT NOT NULL UNIQUE,
  site_id             TEXT NOT NULL REFERENCES sites (id),
  device_id           TEXT NOT NULL REFERENCES devices (id),
  publisher_namespace TEXT NOT NULL,
  tracking_id         TEXT NOT NULL,
  status              TEXT NOT NULL CHECK (status IN ('affected', 'not_affected', 'in_progress', 'resolved', 'risk_accepted')),
  -- not_affected: why (version_not_affected, function_not_used, not_reachable, other).
  reason_code         TEXT,
  note                TEXT NOT NULL DEFAULT '',
  compensating_control TEXT NOT NULL DEFAULT '',
  -- risk_accepted: when to look again (YYYY-MM-DD); in_progress: the planned date.
  due_on              TEXT,
  -- risk_accepted: the risk register entry it made (8-4-3).
  risk_id             TEXT REFERENCES risks (id),
  -- What the decision was made on: the revision's document sha256 and the device's version then.
  advisory_sha256     TEXT NOT NULL,
  device_version      TEXT NOT NULL DEFAULT '',
  decided_at          TEXT NOT NULL,
  decided_by          TEXT NOT NULL DEFAULT '',
  -- The bundle it came in with, when decided at another installation.
  bundle_id           TEXT
);
CREATE INDEX advisory_triage_latest ON advisory_triage (site_id, device_id, publisher_namespace, tracking_id, seq);
CREATE TRIGGER advisory_triage_fixed BEFORE UPDATE ON advisory_triage
BEGIN SELECT RAISE(ABORT, 'a triage decision is not edited: record a new one'); END;
CREATE TRIGGER advisory_triage_no_delete BEFORE DELETE ON advisory_triage
BEGIN SELECT RAISE(ABORT, 'triage decisions are kept'); END;
`,
};
