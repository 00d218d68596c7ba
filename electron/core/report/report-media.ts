import type Database from 'better-sqlite3';
import { LOG_COLUMNS, toLogEntry, type LogRowRaw } from '../media/checkpoint-log';
import type { LogEntry } from '../media/media-types';
import { addDays, dayStart } from '../time/time-zone';

/**
 * The period's check-ins as the report reads them (issue 15): never the
 * whole period in memory, but batches of BATCH entries read one after the
 * other, each a complete query (no statement left open between batches, so
 * the app's other requests can use the connection while a report is being
 * written and awaited). The period is fixed when gathered: its first and
 * last sequence numbers and its count, so the count on the cover and the
 * rows that follow agree even if entries are appended meanwhile.
 */

/**
 * Small: a batch lives while its rows are written and so outlasts V8's
 * young generation; at 1,000 the year's report peaked at 295–302 MB, at 100
 * at 246–267 MB, in the same time.
 */
export const BATCH = 100;

/** A check-in with its check-outs and corrections, oldest first (the workbook's notes and corrected values). */
export interface CheckInWithRelated {
  entry: LogEntry;
  related: LogEntry[];
}

export interface PeriodCheckIns {
  /** How many check-ins the period holds. */
  count: number;
  /** The check-ins, oldest first, a batch at a time; each call reads them again. */
  batches(): Generator<CheckInWithRelated[]>;
}

const COLUMNS = LOG_COLUMNS.split(',')
  .map((c) => `l.${c.trim()}`)
  .join(', ');

/** The check-ins whose day (in `zone`) lies in [from, to]. */
export function periodCheckIns(db: Database.Database, siteId: string, from: string, to: string, zone: string): { checkIns: PeriodCheckIns; exceptions: LogEntry[] } {
  const range = [dayStart(from, zone), dayStart(addDays(to), zone)];
  // The (site_id, at, seq) index answers this without reading a row: the span of sequence numbers to walk.
  const span = db.prepare('SELECT min(seq) AS lo, max(seq) AS hi FROM media_log l WHERE l.site_id = ? AND l.at >= ? AND l.at < ?').get(siteId, ...range) as { lo: number | null; hi: number | null };
  const lo = span.lo ?? 0;
  const hi = span.hi ?? -1;
  // Walked by the (site_id, seq) index from one batch's last entry on: `+l.at` keeps the planner off the time index, whose order is not seq's.
  const inSpan = "l.site_id = ? AND l.seq > ? AND l.seq <= ? AND l.kind = 'check_in' AND +l.at >= ? AND +l.at < ?";
  const page = db.prepare(`SELECT ${COLUMNS} FROM media_log l WHERE ${inSpan} ORDER BY l.seq LIMIT ${BATCH}`);
  const related = db.prepare(`SELECT ${COLUMNS} FROM media_log l WHERE l.refers_to IN (SELECT value FROM json_each(?)) ORDER BY l.seq`);
  let count: number | undefined;
  const checkIns: PeriodCheckIns = {
    // Counted when first asked (the PDF's time allowance): the workbook does not need it.
    get count() {
      return (count ??= (db.prepare(`SELECT count(*) AS n FROM media_log l WHERE ${inSpan}`).get(siteId, lo - 1, hi, ...range) as { n: number }).n);
    },
    *batches() {
      let after = lo - 1;
      for (;;) {
        const rows = page.all(siteId, after, hi, ...range) as LogRowRaw[];
        if (rows.length === 0) return;
        after = rows[rows.length - 1]!.seq;
        const entries = rows.map(toLogEntry);
        const byTarget = new Map<string, LogEntry[]>();
        for (const r of (related.all(JSON.stringify(entries.map((e) => e.id))) as LogRowRaw[]).map(toLogEntry)) {
          byTarget.set(r.refersTo!, [...(byTarget.get(r.refersTo!) ?? []), r]);
        }
        yield entries.map((entry) => ({ entry, related: byTarget.get(entry.id) ?? [] }));
      }
    },
  };
  // The cover's exceptions, few: by the (site_id, decision, seq) index within the span (the planner would walk the whole span).
  const exceptions = db.prepare(`SELECT ${COLUMNS} FROM media_log l INDEXED BY media_log_by_decision WHERE ${inSpan} AND l.decision = 'exception' ORDER BY l.seq`).all(siteId, lo - 1, hi, ...range) as LogRowRaw[];
  return { checkIns, exceptions: exceptions.map(toLogEntry) };
}
