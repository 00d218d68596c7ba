import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { VerifyBreak, VerifyResult } from './media-types';

/**
 * The checkpoint log is a hash chain per site. Each entry stores the hash of
 * the entry before it (`prev`; the first entry's is 64 zeros) and its own hash:
 *
 *   hash = lowercase hex SHA-256 over the UTF-8 bytes of
 *          header + "\n" + body
 *
 * header is JSON (as JavaScript's JSON.stringify writes it: no whitespace,
 * `"` `\` and control characters escaped, everything else literal, integers
 * as plain digits) of one object whose keys are sorted by UTF-16 code unit:
 *
 *   approver, at, company, controlNo, decision, exceptionReason, id, kind,
 *   mediumId, mediumType, method, n, person, prev, purpose, recordedBy,
 *   refersTo, result, siteId, v
 *
 * Absent values are `null`, never omitted; `v` is the encoding's version (1).
 * body is the entry's details (scan record, evidence hashes, manifest summary,
 * correction) as canonical JSON (keys sorted at every level), stored verbatim
 * in `body_json`. JSON never contains a raw newline, so the split is
 * unambiguous, and a verifier hashes the stored body without re-encoding it.
 * The sequence number (`seq`) is not hashed: order is carried by `n` and `prev`.
 */
export const GENESIS_HASH = '0'.repeat(64);
export const ENCODING_VERSION = 1;

export interface ChainFields {
  id: string;
  siteId: string;
  n: number;
  kind: string;
  at: string;
  mediumId: string | null;
  controlNo: string;
  mediumType: string;
  person: string;
  company: string;
  purpose: string;
  method: string | null;
  result: string | null;
  decision: string | null;
  approver: string;
  exceptionReason: string;
  refersTo: string | null;
  recordedBy: string;
  body: string;
}

/** JSON with object keys sorted at every level: the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('canonicalJson: non-finite number');
    return JSON.stringify(value ?? null);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** The canonical header of one entry: its fields but the body, keys written in sorted order. */
export function canonicalHeader(f: ChainFields, prev: string): string {
  return JSON.stringify({
    approver: f.approver,
    at: f.at,
    company: f.company,
    controlNo: f.controlNo,
    decision: f.decision,
    exceptionReason: f.exceptionReason,
    id: f.id,
    kind: f.kind,
    mediumId: f.mediumId,
    mediumType: f.mediumType,
    method: f.method,
    n: f.n,
    person: f.person,
    prev,
    purpose: f.purpose,
    recordedBy: f.recordedBy,
    refersTo: f.refersTo,
    result: f.result,
    siteId: f.siteId,
    v: ENCODING_VERSION,
  });
}

/** Exactly the text whose SHA-256 is the entry's hash. */
export function canonicalEntry(f: ChainFields, prev: string): string {
  return `${canonicalHeader(f, prev)}\n${f.body}`;
}

/** One-shot hashing where Node has it (20.12+): a million small hashes cost half as much as createHash objects. */
const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash(alg: string, data: string, enc: 'hex'): string }).hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');

export function entryHash(f: ChainFields, prev: string): string {
  return sha256Hex(canonicalEntry(f, prev));
}

/** Column order of the raw rows verify reads (arrays are much faster than objects for a million rows). */
export const VERIFY_COLUMNS = `seq, id, site_id, n, kind, at, medium_id, control_no, medium_type, person, company, purpose,
  method, result, decision, approver, exception_reason, refers_to, recorded_by, body_json, prev_hash, hash`;
const VERIFY_SQL = `SELECT ${VERIFY_COLUMNS} FROM media_log WHERE site_id = ? ORDER BY seq`;

export type RawRow = [
  seq: number, id: string, siteId: string, n: number, kind: string, at: string, mediumId: string | null,
  controlNo: string, mediumType: string, person: string, company: string, purpose: string, method: string | null,
  result: string | null, decision: string | null, approver: string, exceptionReason: string, refersTo: string | null,
  recordedBy: string, body: string, prevHash: string, hash: string,
];

export function fieldsOf(r: RawRow): ChainFields {
  return {
    id: r[1], siteId: r[2], n: r[3], kind: r[4], at: r[5], mediumId: r[6], controlNo: r[7], mediumType: r[8],
    person: r[9], company: r[10], purpose: r[11], method: r[12], result: r[13], decision: r[14], approver: r[15],
    exceptionReason: r[16], refersTo: r[17], recordedBy: r[18], body: r[19],
  };
}

const GUARD_TRIGGERS = ['media_log_no_update', 'media_log_no_delete', 'media_log_must_extend_head'];

export function guardsPresent(db: Database.Database): boolean {
  const present = db
    .prepare(`SELECT count(*) AS c FROM sqlite_master WHERE type = 'trigger' AND name IN (${GUARD_TRIGGERS.map(() => '?').join(',')})`)
    .get(...GUARD_TRIGGERS) as { c: number };
  return present.c === GUARD_TRIGGERS.length;
}

/**
 * Walks a site's chain in insertion order and names the first link that does
 * not hold: a changed row (its hash no longer matches its content), a missing
 * row (a gap in `n`, or a later entry whose `prev` no longer matches), rows in
 * another order, or a chain shorter or different than its recorded head.
 */
export function verifyChain(db: Database.Database, siteId: string, now: () => Date = () => new Date()): VerifyResult {
  const started = performance.now();
  let expectedN = 1;
  let prev = GENESIS_HASH;
  let firstBreak: VerifyBreak | null = null;
  let entries = 0;
  const brk = (problem: VerifyBreak['problem'], r: RawRow | null, n: number): VerifyBreak => ({
    problem,
    n: r ? r[3] : n,
    entryId: r ? r[1] : null,
    seq: r ? r[0] : null,
    expectedN: n,
  });

  const rows = db.prepare(VERIFY_SQL).raw(true).iterate(siteId) as IterableIterator<RawRow>;
  for (const r of rows) {
    entries++;
    if (firstBreak) {
      // A "gap" whose missing positions turn up further on was a reordering, not a deletion.
      if (firstBreak.problem === 'missing_entries' && r[3] >= firstBreak.expectedN && r[3] < firstBreak.n) firstBreak.problem = 'out_of_order';
      continue;
    }
    if (r[3] !== expectedN) {
      firstBreak = brk(r[3] > expectedN ? 'missing_entries' : 'out_of_order', r, expectedN);
      continue;
    }
    if (r[20] !== prev) {
      firstBreak = brk('prev_mismatch', r, expectedN);
      continue;
    }
    if (entryHash(fieldsOf(r), prev) !== r[21]) {
      firstBreak = brk('hash_mismatch', r, expectedN);
      continue;
    }
    prev = r[21];
    expectedN++;
  }

  const head = db.prepare('SELECT n, hash FROM media_log_heads WHERE site_id = ?').get(siteId) as
    | { n: number; hash: string }
    | undefined;
  if (!firstBreak) {
    if (!head && entries > 0) firstBreak = brk('head_missing', null, expectedN);
    else if (head && (head.n !== expectedN - 1 || head.hash !== prev)) {
      // Entries after the last one found are gone (the log was cut short), or the head was rewritten.
      firstBreak = brk('head_mismatch', null, expectedN);
    }
  }
  return {
    ok: firstBreak === null,
    entries,
    headHash: head?.hash ?? null,
    firstBreak,
    guardsPresent: guardsPresent(db),
    checkedAt: now().toISOString(),
    elapsedMs: Math.round(performance.now() - started),
    threads: 1,
  };
}
