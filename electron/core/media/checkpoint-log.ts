import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { notFound } from '../errors';
import { canonicalJson, entryHash, GENESIS_HASH, type ChainFields } from './log-chain';
import type { Decision, LogKind, MediumType, ScanMethod, ScanResult } from './media-schema';
import type { LogEntry } from './media-types';
import { writeTransaction } from '../db/transactions';

/** What a caller decides; the log adds the id, position, time, recorder and hashes. */
export type EntryDraft = Omit<LogEntry, 'id' | 'n' | 'at' | 'recordedBy' | 'prevHash' | 'hash'>;

export interface LogRowRaw {
  seq: number;
  id: string;
  site_id: string;
  n: number;
  kind: string;
  at: string;
  medium_id: string | null;
  control_no: string;
  medium_type: string;
  person: string;
  company: string;
  purpose: string;
  method: string | null;
  result: string | null;
  decision: string | null;
  approver: string;
  exception_reason: string;
  refers_to: string | null;
  recorded_by: string;
  body_json: string;
  prev_hash: string;
  hash: string;
}

export const LOG_COLUMNS = `seq, id, site_id, n, kind, at, medium_id, control_no, medium_type, person, company, purpose,
  method, result, decision, approver, exception_reason, refers_to, recorded_by, body_json, prev_hash, hash`;

export function toLogEntry(row: LogRowRaw): LogEntry {
  return {
    id: row.id,
    siteId: row.site_id,
    n: row.n,
    kind: row.kind as LogKind,
    at: row.at,
    mediumId: row.medium_id,
    controlNo: row.control_no,
    mediumType: row.medium_type as MediumType | '',
    person: row.person,
    company: row.company,
    purpose: row.purpose,
    method: row.method as ScanMethod | null,
    result: row.result as ScanResult | null,
    decision: row.decision as Decision | null,
    approver: row.approver,
    exceptionReason: row.exception_reason,
    refersTo: row.refers_to,
    recordedBy: row.recorded_by,
    body: JSON.parse(row.body_json) as LogEntry['body'],
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

const INSERT_SQL = `INSERT INTO media_log (id, site_id, n, kind, at, medium_id, control_no, medium_type, person, company, purpose,
       method, result, decision, approver, exception_reason, refers_to, recorded_by, body_json, prev_hash, hash)
     VALUES (@id, @siteId, @n, @kind, @at, @mediumId, @controlNo, @mediumType, @person, @company, @purpose,
       @method, @result, @decision, @approver, @exceptionReason, @refersTo, @recordedBy, @body, @prev, @hash)`;

/** Prepared once per connection: an append is on the checkpoint's critical path. */
const statements = new WeakMap<Database.Database, { insert: Database.Statement; head: Database.Statement }>();
function prepared(db: Database.Database) {
  let s = statements.get(db);
  if (!s) {
    s = { insert: db.prepare(INSERT_SQL), head: db.prepare('SELECT n, hash FROM media_log_heads WHERE site_id = ?') };
    statements.set(db, s);
  }
  return s;
}

/**
 * Text as SQLite will store it: a lone UTF-16 surrogate cannot be written as
 * UTF-8, so it would come back different from the string that was hashed.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const wellFormedText = (s: string) => s.replace(LONE_SURROGATE, '\uFFFD');

function wellFormed<T>(value: T): T {
  if (typeof value === 'string') return wellFormedText(value) as T;
  if (Array.isArray(value)) return value.map(wellFormed) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [wellFormedText(k), wellFormed(v)])) as T;
  return value;
}

/**
 * Appends one entry to its site's chain and returns it once committed. The
 * write transaction is taken up front (IMMEDIATE) so that two processes on the
 * same data folder (the app and the CLI) cannot both extend the same head; with
 * synchronous=FULL the entry is on disk when this returns.
 */
export function appendEntry(db: Database.Database, input: EntryDraft, now: Date, by: string): LogEntry {
  const { insert, head } = prepared(db);
  const draft = wellFormed(input);
  const recordedBy = wellFormedText(by);
  return writeTransaction(db, () => {
    const h = head.get(draft.siteId) as { n: number; hash: string } | undefined;
    const prev = h?.hash ?? GENESIS_HASH;
    const fields: ChainFields = {
      id: randomUUID(),
      siteId: draft.siteId,
      n: (h?.n ?? 0) + 1,
      kind: draft.kind,
      at: now.toISOString(),
      mediumId: draft.mediumId,
      controlNo: draft.controlNo,
      mediumType: draft.mediumType,
      person: draft.person,
      company: draft.company,
      purpose: draft.purpose,
      method: draft.method,
      result: draft.result,
      decision: draft.decision,
      approver: draft.approver,
      exceptionReason: draft.exceptionReason,
      refersTo: draft.refersTo,
      recordedBy,
      body: canonicalJson(draft.body),
    };
    const hash = entryHash(fields, prev);
    insert.run({ ...fields, prev, hash });
    return {
      ...fields,
      kind: draft.kind,
      mediumType: draft.mediumType,
      method: draft.method,
      result: draft.result,
      decision: draft.decision,
      body: JSON.parse(fields.body) as LogEntry['body'],
      prevHash: prev,
      hash,
    };
  });
}

export function findEntry(db: Database.Database, id: string): LogEntry | undefined {
  const row = db.prepare(`SELECT ${LOG_COLUMNS} FROM media_log WHERE id = ?`).get(id) as LogRowRaw | undefined;
  return row ? toLogEntry(row) : undefined;
}

/** An entry of the given site; another site's entry is "not found" rather than a leak. */
export function getEntry(db: Database.Database, siteId: string, id: string): LogEntry {
  const entry = findEntry(db, id);
  if (!entry || entry.siteId !== siteId) throw notFound('media-log-entry', id);
  return entry;
}

/** Check-outs and corrections referring to an entry, oldest first. */
export function relatedEntries(db: Database.Database, id: string): LogEntry[] {
  return (db.prepare(`SELECT ${LOG_COLUMNS} FROM media_log WHERE refers_to = ? ORDER BY seq`).all(id) as LogRowRaw[]).map(toLogEntry);
}
