import type { Migration } from './migration';

// Catalogues are kept whole, every version ever used: a round made against
// an older catalogue still shows exactly the items it was decided on.
export const migration: Migration = {
  version: 8,
  name: 'create-checklist',
  sql: `
CREATE TABLE catalogues (
  framework    TEXT NOT NULL,
  version      TEXT NOT NULL,
  revision     INTEGER NOT NULL,
  sha256       TEXT NOT NULL,
  content_json TEXT NOT NULL,
  source       TEXT NOT NULL CHECK (source IN ('builtin', 'import')),
  imported_at  TEXT NOT NULL,
  PRIMARY KEY (framework, version),
  UNIQUE (framework, revision)
);
CREATE TABLE assessment_rounds (
  id                TEXT PRIMARY KEY,
  site_id           TEXT NOT NULL REFERENCES sites (id),
  framework         TEXT NOT NULL,
  catalogue_version TEXT NOT NULL,
  title             TEXT NOT NULL,
  classification    TEXT NOT NULL CHECK (classification IN ('A', 'B', 'C')),
  site_facts_json   TEXT NOT NULL,
  started_at        TEXT NOT NULL,
  started_by        TEXT NOT NULL DEFAULT '',
  completed_at      TEXT,
  completed_by      TEXT,
  carried_from      TEXT REFERENCES assessment_rounds (id),
  FOREIGN KEY (framework, catalogue_version) REFERENCES catalogues (framework, version)
);
CREATE INDEX assessment_rounds_by_site ON assessment_rounds (site_id, started_at);
CREATE TABLE assessment_items (
  round_id              TEXT NOT NULL REFERENCES assessment_rounds (id),
  item_id               TEXT NOT NULL,
  status                TEXT CHECK (status IN ('implemented', 'partial', 'not_implemented', 'not_applicable')),
  necessity             TEXT CHECK (necessity IN ('needed', 'unnecessary')),
  reason                TEXT NOT NULL DEFAULT '',
  measures              TEXT NOT NULL DEFAULT '',
  example_measures_json TEXT NOT NULL DEFAULT '[]',
  responsible           TEXT NOT NULL DEFAULT '',
  target_date           TEXT,
  reviewer              TEXT NOT NULL DEFAULT '',
  review_date           TEXT,
  remediation_plan      TEXT NOT NULL DEFAULT '',
  remediation_date      TEXT,
  carried_over          INTEGER NOT NULL DEFAULT 0 CHECK (carried_over IN (0, 1)),
  updated_at            TEXT,
  updated_by            TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (round_id, item_id)
);
CREATE TABLE assessment_evidence (
  round_id    TEXT NOT NULL,
  item_id     TEXT NOT NULL,
  sha256      TEXT NOT NULL REFERENCES evidence_files (sha256),
  file_name   TEXT NOT NULL,
  attached_at TEXT NOT NULL,
  attached_by TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (round_id, item_id, sha256),
  FOREIGN KEY (round_id, item_id) REFERENCES assessment_items (round_id, item_id)
);
CREATE TABLE risks (
  id                TEXT PRIMARY KEY,
  round_id          TEXT NOT NULL REFERENCES assessment_rounds (id),
  asset_type        TEXT NOT NULL,
  asset_name        TEXT NOT NULL,
  threat            TEXT NOT NULL,
  threat_detail     TEXT NOT NULL DEFAULT '',
  likelihood        INTEGER NOT NULL CHECK (likelihood BETWEEN 1 AND 5),
  impact            INTEGER NOT NULL CHECK (impact BETWEEN 1 AND 5),
  linked_items_json TEXT NOT NULL DEFAULT '[]',
  planned_measures  TEXT NOT NULL DEFAULT '',
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL,
  removed_at        TEXT
);
CREATE INDEX risks_by_round ON risks (round_id);
`,
};
