import type Database from 'better-sqlite3';
import { getTimeZone } from '../settings/settings-repository';
import { getSite } from '../sites/site-repository';
import { addDays, dayStart } from '../time/time-zone';
import { LOG_COLUMNS, toLogEntry, type LogRowRaw } from './checkpoint-log';
import type { LogFilter } from './media-schema';
import type { LogPage, LogRow } from './media-types';

/**
 * Counting a million matches costs more than the page itself: matches are
 * counted only this far past the requested page, and the view grows as it
 * scrolls ("10,000+ entries").
 */
export const COUNT_WINDOW = 10_000;

/**
 * The WHERE clause of a filter: every condition an equality or a range the
 * indexes serve. The filter's days are days in `zone`, as the log shows them.
 */
export function whereOf(siteId: string, filter: LogFilter, zone: string): { sql: string; params: (string | number)[] } {
  const clauses = ['l.site_id = ?'];
  const params: (string | number)[] = [siteId];
  const eq = (column: string, value: string | undefined) => {
    if (value === undefined || value === '') return;
    clauses.push(`l.${column} = ?`);
    params.push(value);
  };
  eq('medium_id', filter.mediumId);
  eq('person', filter.person);
  eq('company', filter.company);
  eq('result', filter.result);
  eq('decision', filter.decision);
  eq('kind', filter.kind);
  if (filter.dateFrom) {
    clauses.push('l.at >= ?');
    params.push(dayStart(filter.dateFrom, zone));
  }
  if (filter.dateTo) {
    clauses.push('l.at < ?');
    params.push(dayStart(addDays(filter.dateTo), zone));
  }
  return { sql: clauses.join(' AND '), params };
}

const FLAGS = `EXISTS (SELECT 1 FROM media_log c WHERE c.refers_to = l.id AND c.kind = 'correction') AS corrected,
  EXISTS (SELECT 1 FROM media_log c WHERE c.refers_to = l.id AND c.kind = 'check_out') AS checked_out`;

/** Newest first by time, one page; the virtualised view asks for the pages it shows. */
export function queryLog(db: Database.Database, siteId: string, filter: LogFilter, offset: number, limit: number): LogPage {
  getSite(db, siteId);
  const where = whereOf(siteId, filter, getTimeZone(db));
  const cols = LOG_COLUMNS.split(',')
    .map((c) => `l.${c.trim()}`)
    .join(', ');
  const rows = db
    .prepare(`SELECT ${cols}, ${FLAGS} FROM media_log l WHERE ${where.sql} ORDER BY l.at DESC, l.seq DESC LIMIT ? OFFSET ?`)
    .all(...where.params, limit, offset) as (LogRowRaw & { corrected: number; checked_out: number })[];
  const cap = offset + limit + COUNT_WINDOW;
  const counted = db
    .prepare(`SELECT count(*) AS c FROM (SELECT 1 FROM media_log l WHERE ${where.sql} LIMIT ?)`)
    .get(...where.params, cap + 1) as { c: number };
  return {
    total: Math.min(counted.c, cap),
    totalCapped: counted.c > cap,
    offset,
    rows: rows.map((r): LogRow => ({ ...toLogEntry(r), corrected: r.corrected === 1, checkedOut: r.checked_out === 1 })),
  };
}

/** Every matching entry, oldest first, without loading them all at once (exports). */
export function* iterateLog(db: Database.Database, siteId: string, filter: LogFilter): Generator<ReturnType<typeof toLogEntry>> {
  const where = whereOf(siteId, filter, getTimeZone(db));
  const cols = LOG_COLUMNS.split(',')
    .map((c) => `l.${c.trim()}`)
    .join(', ');
  const stmt = db.prepare(`SELECT ${cols} FROM media_log l WHERE ${where.sql} ORDER BY l.seq`);
  for (const row of stmt.iterate(...where.params) as IterableIterator<LogRowRaw>) yield toLogEntry(row);
}
