import type { Migration } from './migration';

// Advisories on the move (issue 13, 8-4-1).
//
// `bundle_advisories`: one row per CSAF document a bundle carried. At head
// office an export's rows are 'sent', written with the export's history row:
// they are what "new since the last bundle to this site" leaves out. At a
// site an import's rows are written 'pending' with the document, in the
// transaction of the bundle's records, and settled once the advisory store
// has checked it again (imported, updated, unchanged, refused with its
// reason); the document is dropped then, since the store (or, refused, the
// bundle file) keeps it. A crash in between leaves them pending, and the next
// bundle import finishes them. A settled row is never changed or removed.
//
// `advisory_site_summaries`: the dashboard's counts by triage state per site,
// kept so the all-sites dashboard is one query. `inputs` is bumped by
// triggers whenever the site's devices or decisions change; a summary made
// at another `inputs`, or before a newer advisory or alias table arrived
// (`stamp`), is made again on the next read.
//
// A site's triage decisions, like its other records, are written only at its
// home: on a copy held elsewhere they arrive with the site's bundles alone
// (the read-only triggers of migration 0009, for the table 0017 added).
export const migration: Migration = {
  version: 18,
  name: 'bundle-advisories',
  sql: `
CREATE TABLE bundle_advisories (
  bundle_id           TEXT NOT NULL REFERENCES bundles (id),
  ordinal             INTEGER NOT NULL CHECK (ordinal >= 0),
  site_id             TEXT NOT NULL REFERENCES sites (id),
  publisher_namespace TEXT NOT NULL,
  tracking_id         TEXT NOT NULL,
  tracking_version    TEXT NOT NULL,
  -- The document's bytes as carried (UTF-8).
  sha256              TEXT NOT NULL,
  state               TEXT NOT NULL CHECK (state IN ('sent', 'pending', 'imported', 'updated', 'unchanged', 'refused')),
  -- refused: a message key and its values, as JSON.
  reason_json         TEXT,
  -- pending only: the document until the store has taken it.
  document            TEXT,
  owner_pid           INTEGER,
  recorded_at         TEXT NOT NULL,
  settled_at          TEXT,
  PRIMARY KEY (bundle_id, ordinal),
  CHECK ((state = 'pending') = (document IS NOT NULL))
);
CREATE INDEX bundle_advisories_sent ON bundle_advisories (site_id, sha256) WHERE state = 'sent';
CREATE INDEX bundle_advisories_pending ON bundle_advisories (state) WHERE state = 'pending';
CREATE TRIGGER bundle_advisories_fixed BEFORE UPDATE OF bundle_id, ordinal, site_id, publisher_namespace, tracking_id, tracking_version, sha256, owner_pid, recorded_at
ON bundle_advisories BEGIN SELECT RAISE(ABORT, 'what a bundle carried is not edited'); END;
CREATE TRIGGER bundle_advisories_settled BEFORE UPDATE ON bundle_advisories WHEN OLD.state <> 'pending'
BEGIN SELECT RAISE(ABORT, 'a settled advisory outcome stays settled'); END;
CREATE TRIGGER bundle_advisories_no_delete BEFORE DELETE ON bundle_advisories
BEGIN SELECT RAISE(ABORT, 'the bundle history is append-only'); END;

CREATE TABLE advisory_site_summaries (
  site_id      TEXT PRIMARY KEY REFERENCES sites (id),
  inputs       INTEGER NOT NULL DEFAULT 0,
  -- The inputs and stamp the summary was made at; null before the first.
  made_inputs  INTEGER,
  stamp        TEXT,
  summary_json TEXT
);
CREATE TRIGGER advisory_inputs_device_insert AFTER INSERT ON devices BEGIN
  INSERT INTO advisory_site_summaries (site_id, inputs) VALUES (NEW.site_id, 1) ON CONFLICT (site_id) DO UPDATE SET inputs = inputs + 1;
END;
-- Only the columns matching reads: a walkthrough's move or a sort key leaves the summary as it was.
CREATE TRIGGER advisory_inputs_device_update AFTER UPDATE OF site_id, asset_id, name, manufacturer, model, os, software_version ON devices BEGIN
  INSERT INTO advisory_site_summaries (site_id, inputs) VALUES (NEW.site_id, 1) ON CONFLICT (site_id) DO UPDATE SET inputs = inputs + 1;
END;
CREATE TRIGGER advisory_inputs_device_delete AFTER DELETE ON devices BEGIN
  INSERT INTO advisory_site_summaries (site_id, inputs) VALUES (OLD.site_id, 1) ON CONFLICT (site_id) DO UPDATE SET inputs = inputs + 1;
END;
CREATE TRIGGER advisory_triage_read_only_insert BEFORE INSERT ON advisory_triage
WHEN EXISTS (SELECT 1 FROM site_origins WHERE site_id = NEW.site_id) AND NOT EXISTS (SELECT 1 FROM bundle_import_active)
BEGIN SELECT RAISE(ABORT, 'hoan:site-read-only'); END;
CREATE TRIGGER advisory_inputs_triage AFTER INSERT ON advisory_triage BEGIN
  INSERT INTO advisory_site_summaries (site_id, inputs) VALUES (NEW.site_id, 1) ON CONFLICT (site_id) DO UPDATE SET inputs = inputs + 1;
END;
`,
};
