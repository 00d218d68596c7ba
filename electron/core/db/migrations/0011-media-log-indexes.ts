import type { Migration } from './migration';

// The checkpoint log is shown newest first by time. Every filter's index ends
// in (at, seq), so an equality filter, a date range and the order are served
// by one index walk: at a million entries a month's range no longer scans the
// whole log. The 判定 and 結果 ride along in the other indexes, so a person's
// or a company's entries are counted by decision without reading the rows
// (measured by bench/media-log).
export const migration: Migration = {
  version: 11,
  name: 'media-log-indexes',
  sql: `
DROP INDEX media_log_by_medium;
DROP INDEX media_log_by_person;
DROP INDEX media_log_by_company;
DROP INDEX media_log_by_result;
DROP INDEX media_log_by_decision;
DROP INDEX media_log_by_at;
CREATE INDEX media_log_by_at ON media_log (site_id, at, seq);
CREATE INDEX media_log_by_medium ON media_log (site_id, medium_id, at, seq, decision, result);
CREATE INDEX media_log_by_person ON media_log (site_id, person, at, seq, decision, result);
CREATE INDEX media_log_by_company ON media_log (site_id, company, at, seq, decision, result);
CREATE INDEX media_log_by_result ON media_log (site_id, result, at, seq, decision);
CREATE INDEX media_log_by_decision ON media_log (site_id, decision, at, seq, result);
`,
};
