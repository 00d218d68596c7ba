import type { Migration } from './migration';

// Every change to a record, append-only: who, when, and each field's old and
// new value. Inspectors ask "who changed this decision, and from what?".
export const migration: Migration = {
  version: 4,
  name: 'create-audit-log',
  sql: `
CREATE TABLE audit_log (
  seq          INTEGER PRIMARY KEY,
  id           TEXT NOT NULL UNIQUE,
  site_id      TEXT REFERENCES sites (id),
  entity       TEXT NOT NULL,
  entity_id    TEXT NOT NULL,
  action       TEXT NOT NULL,
  changes_json TEXT NOT NULL,
  user_name    TEXT NOT NULL DEFAULT '',
  at           TEXT NOT NULL
);
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id, seq);
CREATE INDEX audit_log_by_site ON audit_log (site_id, seq);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
`,
};
