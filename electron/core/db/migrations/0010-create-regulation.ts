import type { Migration } from './migration';

// Each saved text of the site's 保安規程 cybersecurity article is kept, with
// the date it was adopted: the office may ask which wording was in force when.
export const migration: Migration = {
  version: 10,
  name: 'create-regulation',
  sql: `
CREATE TABLE regulation_provisions (
  id          TEXT PRIMARY KEY,
  site_id     TEXT NOT NULL REFERENCES sites (id),
  text        TEXT NOT NULL,
  responsible TEXT NOT NULL DEFAULT '',
  adopted_on  TEXT,
  saved_at    TEXT NOT NULL,
  saved_by    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX regulation_provisions_by_site ON regulation_provisions (site_id, saved_at);
CREATE TRIGGER regulation_provisions_no_update BEFORE UPDATE ON regulation_provisions
BEGIN SELECT RAISE(ABORT, 'saved provisions are kept as they were'); END;
`,
};
