import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import { storedDisplay, walkRange, type RangeResult } from './chain-pages';
import { checkAnchors } from './log-anchors';
import { GENESIS_HASH, VERIFY_COLUMNS, type RawRow } from './log-rows';
import { CLOCK_TOLERANCE_MS, mergeSemantic, SemanticCheck, type SemanticResult } from './log-semantics';
import type { VerifyBreak, VerifyResult } from './media-types';

export { GENESIS_HASH, VERIFY_COLUMNS, type RawRow };

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
 *
 * The chain's head leaves the site in every site bundle's bag-info.txt:
 * `Hoan-Media-Log-Entries` (how many entries media.json holds) and
 * `Hoan-Media-Log-Head` (the hash of the last, 64 zeros for none). A later
 * bundle's chain must contain that entry with that hash (log-anchors.ts).
 */
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

const VERIFY_SQL = `SELECT ${VERIFY_COLUMNS} FROM media_log WHERE site_id = ? ORDER BY seq`;

export function fieldsOf(r: RawRow): ChainFields {
  return {
    id: r[1], siteId: r[2], n: r[3], kind: r[4], at: r[5], mediumId: r[6], controlNo: r[7], mediumType: r[8],
    person: r[9], company: r[10], purpose: r[11], method: r[12], result: r[13], decision: r[14], approver: r[15],
    exceptionReason: r[16], refersTo: r[17], recordedBy: r[18], body: r[19],
  };
}

/**
 * What keeps the log append-only inside the database (migrations 0007, 0012):
 * without them anyone with the file can edit, cut or rewrite it unnoticed
 * until an anchor is compared.
 */
export const LOG_GUARDS = [
  'media_log_no_update',
  'media_log_no_delete',
  'media_log_must_extend_head',
  'media_log_advance_head',
  'media_log_heads_no_update',
  'media_log_heads_no_delete',
  'media_log_anchors',
  'media_log_anchors_no_update',
  'media_log_anchors_no_delete',
] as const;

/** The guards (triggers, and the anchors' table) that are gone. */
export function missingGuards(db: Database.Database): string[] {
  const present = new Set(
    (db.prepare(`SELECT name FROM sqlite_master WHERE type IN ('trigger', 'table') AND name IN (${LOG_GUARDS.map(() => '?').join(',')})`).pluck().all(...LOG_GUARDS) as string[]),
  );
  return LOG_GUARDS.filter((g) => !present.has(g));
}

/** What a walk over the chain found, single-threaded or stitched from workers. */
export interface WalkOutcome {
  entries: number;
  headHash: string | null;
  firstBreak: VerifyBreak | null;
  semantic: SemanticResult;
  threads: number;
}

/** The walk's outcome with the anchors and guards: the one place a verify result is put together. */
export function verifyResult(db: Database.Database, siteId: string, walk: WalkOutcome, started: number, now: () => Date): VerifyResult {
  const guardsMissing = missingGuards(db);
  const anchors = guardsMissing.includes('media_log_anchors') ? { checked: 0, mismatches: [] } : checkAnchors(db, siteId);
  const tampered = walk.firstBreak !== null || anchors.mismatches.length > 0 || walk.semantic.findingsTotal > 0;
  return {
    ok: !tampered && guardsMissing.length === 0,
    tampered,
    entries: walk.entries,
    headHash: walk.headHash,
    firstBreak: walk.firstBreak,
    anchors,
    findings: walk.semantic.findings,
    findingsTotal: walk.semantic.findingsTotal,
    warnings: walk.semantic.warnings,
    warningsTotal: walk.semantic.warningsTotal,
    clockToleranceMs: CLOCK_TOLERANCE_MS,
    guardsPresent: guardsMissing.length === 0,
    guardsMissing,
    checkedAt: now().toISOString(),
    elapsedMs: Math.round(performance.now() - started),
    threads: walk.threads,
  };
}

/**
 * Verifies a site's chain on this thread: the quick page walk
 * (chain-pages.ts) when everything holds, else the row-by-row walk, which
 * names the first broken link.
 */
export function verifyChain(db: Database.Database, siteId: string, now: () => Date = () => new Date()): VerifyResult {
  const started = performance.now();
  const range = walkRange(db, siteId, -Infinity, Infinity, null);
  const walk = range.ok ? stitched(db, siteId, [range], 1) : null;
  return walk ? verifyResult(db, siteId, walk, started, now) : diagnoseChain(db, siteId, now, started);
}

/**
 * Stretches of the chain, in order, as one walk over all of it: null unless
 * each holds, each starts where the one before ended, the first at the
 * chain's start, and the last at the recorded head.
 */
export function stitched(db: Database.Database, siteId: string, ranges: readonly RangeResult[], threads: number): WalkOutcome | null {
  let prev = GENESIS_HASH;
  let expectedN = 1;
  let entries = 0;
  for (const r of ranges) {
    if (!r.ok) return null;
    if (r.count === 0) continue;
    if (!r.first || !r.last || r.first.n !== expectedN || r.first.prev !== prev) return null;
    prev = r.last.hash;
    expectedN = r.last.n + 1;
    entries += r.count;
  }
  const head = db.prepare('SELECT n, hash FROM media_log_heads WHERE site_id = ?').get(siteId) as { n: number; hash: string } | undefined;
  if (entries > 0 ? !head || head.n !== expectedN - 1 || head.hash !== prev : head !== undefined) return null;
  const semantic = storedDisplay(db, siteId, mergeSemantic(ranges.map((r) => r.semantic)));
  return { entries, headHash: head?.hash ?? null, firstBreak: null, semantic, threads };
}

/**
 * Walks a site's chain in insertion order and names the first link that does
 * not hold: a changed row (its hash no longer matches its content), a missing
 * row (a gap in `n`, or a later entry whose `prev` no longer matches), rows in
 * another order, or a chain shorter or different than its recorded head.
 * Along the way every entry is checked for what it says (log-semantics.ts),
 * and at the end the chain is held against every head this installation
 * exported (log-anchors.ts).
 */
export function diagnoseChain(db: Database.Database, siteId: string, now: () => Date = () => new Date(), started = performance.now()): VerifyResult {
  let expectedN = 1;
  let prev = GENESIS_HASH;
  let firstBreak: VerifyBreak | null = null;
  let entries = 0;
  const semantic = new SemanticCheck();
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
    semantic.entry(r);
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
  return verifyResult(db, siteId, { entries, headHash: head?.hash ?? null, firstBreak, semantic: semantic.result(), threads: 1 }, started, now);
}
