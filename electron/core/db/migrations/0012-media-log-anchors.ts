import type { Migration } from './migration';

// The media log's anchors outside this database: every site bundle carries
// the chain's head (entries, hash of the last) in its signed bag-info.txt,
// and this installation keeps each head it exported, so `media log verify`
// can tell when the chain no longer holds one (a rewrite or a cut after the
// export). One row per site export; exports made before heads were recorded
// get a row without a head, so an export with no row at all means its row
// was removed. Append-only, like the bundle history it mirrors.
export const migration: Migration = {
  version: 12,
  name: 'media-log-anchors',
  sql: `
CREATE TABLE media_log_anchors (
  bundle_id   TEXT PRIMARY KEY,
  site_id     TEXT NOT NULL REFERENCES sites (id),
  n           INTEGER CHECK (n >= 0),
  hash        TEXT CHECK (length(hash) = 64),
  sequence    INTEGER NOT NULL,
  file_name   TEXT NOT NULL,
  bagged_at   TEXT NOT NULL,
  recorded_at TEXT NOT NULL,
  CHECK ((n IS NULL) = (hash IS NULL))
);
CREATE INDEX media_log_anchors_by_site ON media_log_anchors (site_id, n);
INSERT INTO media_log_anchors (bundle_id, site_id, n, hash, sequence, file_name, bagged_at, recorded_at)
  SELECT id, site_id, NULL, NULL, sequence, file_name, bagged_at, recorded_at FROM bundles WHERE direction = 'export' AND kind = 'site';
CREATE TRIGGER media_log_anchors_no_update BEFORE UPDATE ON media_log_anchors
BEGIN SELECT RAISE(ABORT, 'the media log''s exported heads are append-only'); END;
CREATE TRIGGER media_log_anchors_no_delete BEFORE DELETE ON media_log_anchors
BEGIN SELECT RAISE(ABORT, 'the media log''s exported heads are append-only'); END;
`,
};
