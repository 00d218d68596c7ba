/**
 * The background quick_check's state, as `db:integrity` reports it to the
 * renderer (the check itself: integrity-check.ts).
 *
 * - not_started: no host asked for it (a CLI command)
 * - running
 * - ok: quick_check said "ok"
 * - problems: quick_check listed damage (its own lines, at most MAX_LINES),
 *   or the file proved damaged while being read
 * - failed: the check itself could not run (its reason); nothing is known
 */
export type IntegrityState = 'not_started' | 'running' | 'ok' | 'problems' | 'failed';

export interface IntegrityStatus {
  state: IntegrityState;
  startedAt: string | null;
  finishedAt: string | null;
  /** SQLite's own words (English), for problems: what a specialist needs to look at the file. */
  details: string[];
  /** Why the check could not run (failed): an error code such as SQLITE_BUSY. */
  reason: string;
}
