import type { Migration } from './migration';

// 8-1-3: removable media are confirmed free of anomalies before they connect.
// `media` is the registry (changes go to the audit log; never deleted, only
// retired). `media_log` is the checkpoint log inspectors ask for first: a hash
// chain per site, append-only by trigger, each insert required to extend the
// site's head (`media_log_heads`, advanced by trigger in the same statement).
export const migration: Migration = {
  version: 7,
  name: 'create-media',
  sql: `
CREATE TABLE media (
  id            TEXT PRIMARY KEY,
  site_id       TEXT NOT NULL REFERENCES sites (id),
  control_no    TEXT NOT NULL,
  type          TEXT NOT NULL CHECK (type IN ('usb_stick', 'external_disk', 'sd_card', 'laptop', 'instrument', 'other')),
  description   TEXT NOT NULL DEFAULT '',
  owner_person  TEXT NOT NULL DEFAULT '',
  owner_company TEXT NOT NULL DEFAULT '',
  serial        TEXT NOT NULL DEFAULT '',
  status        TEXT NOT NULL CHECK (status IN ('active', 'lost', 'retired')),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  UNIQUE (site_id, control_no)
);
CREATE TRIGGER media_no_delete BEFORE DELETE ON media
BEGIN SELECT RAISE(ABORT, 'media are retired, never deleted'); END;

CREATE TABLE media_log (
  seq              INTEGER PRIMARY KEY,
  id               TEXT NOT NULL UNIQUE,
  site_id          TEXT NOT NULL REFERENCES sites (id),
  n                INTEGER NOT NULL CHECK (n >= 1),
  kind             TEXT NOT NULL CHECK (kind IN ('check_in', 'check_out', 'correction')),
  at               TEXT NOT NULL,
  medium_id        TEXT REFERENCES media (id),
  control_no       TEXT NOT NULL DEFAULT '',
  medium_type      TEXT NOT NULL DEFAULT '',
  person           TEXT NOT NULL DEFAULT '',
  company          TEXT NOT NULL DEFAULT '',
  purpose          TEXT NOT NULL DEFAULT '',
  method           TEXT CHECK (method IN ('scan_here', 'prior_evidence', 'none')),
  result           TEXT CHECK (result IN ('clean', 'infected', 'error', 'no_evidence')),
  decision         TEXT CHECK (decision IN ('allowed', 'denied', 'exception')),
  approver         TEXT NOT NULL DEFAULT '',
  exception_reason TEXT NOT NULL DEFAULT '',
  refers_to        TEXT REFERENCES media_log (id),
  recorded_by      TEXT NOT NULL DEFAULT '',
  body_json        TEXT NOT NULL,
  prev_hash        TEXT NOT NULL CHECK (length(prev_hash) = 64),
  hash             TEXT NOT NULL CHECK (length(hash) = 64),
  UNIQUE (site_id, n)
);
CREATE INDEX media_log_by_site ON media_log (site_id, seq);
CREATE INDEX media_log_by_medium ON media_log (site_id, medium_id, seq);
CREATE INDEX media_log_by_person ON media_log (site_id, person, seq);
CREATE INDEX media_log_by_company ON media_log (site_id, company, seq);
CREATE INDEX media_log_by_result ON media_log (site_id, result, seq);
CREATE INDEX media_log_by_decision ON media_log (site_id, decision, seq);
CREATE INDEX media_log_by_at ON media_log (site_id, at);
CREATE INDEX media_log_by_refers_to ON media_log (refers_to) WHERE refers_to IS NOT NULL;

CREATE TABLE media_log_heads (
  site_id TEXT PRIMARY KEY REFERENCES sites (id),
  n       INTEGER NOT NULL,
  hash    TEXT NOT NULL
);

CREATE TRIGGER media_log_must_extend_head BEFORE INSERT ON media_log
WHEN NEW.n IS NOT COALESCE((SELECT n FROM media_log_heads WHERE site_id = NEW.site_id), 0) + 1
  OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM media_log_heads WHERE site_id = NEW.site_id), '${'0'.repeat(64)}')
BEGIN SELECT RAISE(ABORT, 'a media log entry must extend its site''s chain'); END;
CREATE TRIGGER media_log_advance_head AFTER INSERT ON media_log
BEGIN INSERT OR REPLACE INTO media_log_heads (site_id, n, hash) VALUES (NEW.site_id, NEW.n, NEW.hash); END;
CREATE TRIGGER media_log_no_update BEFORE UPDATE ON media_log
BEGIN SELECT RAISE(ABORT, 'the media log is append-only'); END;
CREATE TRIGGER media_log_no_delete BEFORE DELETE ON media_log
BEGIN SELECT RAISE(ABORT, 'the media log is append-only'); END;
CREATE TRIGGER media_log_heads_no_update BEFORE UPDATE ON media_log_heads
BEGIN SELECT RAISE(ABORT, 'the media log is append-only'); END;
CREATE TRIGGER media_log_heads_no_delete BEFORE DELETE ON media_log_heads
BEGIN SELECT RAISE(ABORT, 'the media log is append-only'); END;

CREATE TABLE media_scanner_configs (
  site_id     TEXT PRIMARY KEY REFERENCES sites (id),
  config_json TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
`,
};
