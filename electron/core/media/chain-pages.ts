import { isUtf8 } from 'node:buffer';
import crypto from 'node:crypto';
import type Database from 'better-sqlite3';
import type { RawRow } from './log-rows';
import type { LogFinding } from './media-types';
import { SemanticCheck, type SemanticResult } from './log-semantics';

/**
 * The quick walk over a stretch of a site's chain: it reads the entries in
 * keyset pages of PAGE_ROWS, each page one BLOB in which SQLite has laid
 * out, per entry, the stored hash and then exactly the bytes that hash
 * covers (log-chain.ts):
 *
 *   hash  header  "\n"  body_json  "\n"
 *
 * The header is assembled in SQL with `json_quote`, whose escaping is
 * JavaScript's JSON.stringify's (`"` `\` and U+0000–U+001F escaped, the
 * short forms \b \t \n \f \r, everything else literal; a test holds the two
 * against each other over awkward text), and the body is the stored text
 * itself, so every entry is hashed straight from the stored bytes. Why not
 * rows of columns: for a million entries, turning 22 columns into 22
 * JavaScript strings, building a JSON object and encoding it back to UTF-8
 * cost about ten times the SHA-256 itself; one buffer per page costs one copy.
 *
 * The page is read as Latin-1 (one character per byte) to find the fields
 * the content checks need (log-semantics.ts). In UTF-8 every byte of a
 * multi-byte character is 0x80 or above, so the ASCII keys and values those
 * checks look for are found exactly where they are, and two values are
 * equal as bytes exactly when they are equal as text. The free-text fields
 * they read (approver, reason) are decoded properly.
 *
 * This walk only ever says "this stretch holds". Anything unusual — text
 * that is not valid UTF-8 (which the row-by-row walk would read with
 * replacement characters), a BLOB where text belongs (json_quote refuses
 * it), a `result` with an escape in it, a page that does not split into its
 * rows — and it gives up: the row-by-row walk (diagnoseChain) then decides
 * and names the first break.
 */
export const PAGE_ROWS = 2000;

const q = (column: string) => `json_quote(${column})`;
const ENTRY_SQL = `concat(hash, '{"approver":', ${q('approver')}, ',"at":', ${q('at')}, ',"company":', ${q('company')},
  ',"controlNo":', ${q('control_no')}, ',"decision":', ${q('decision')}, ',"exceptionReason":', ${q('exception_reason')},
  ',"id":', ${q('id')}, ',"kind":', ${q('kind')}, ',"mediumId":', ${q('medium_id')}, ',"mediumType":', ${q('medium_type')},
  ',"method":', ${q('method')}, ',"n":', n, ',"person":', ${q('person')}, ',"prev":', ${q('prev_hash')}, ',"purpose":', ${q('purpose')},
  ',"recordedBy":', ${q('recorded_by')}, ',"refersTo":', ${q('refers_to')}, ',"result":', ${q('result')}, ',"siteId":', ${q('site_id')},
  ',"v":1}', char(10), body_json, char(10))`;

/** One page: its entries' bytes in seq order, the last seq, how many. */
const PAGE_SQL = `SELECT CAST(group_concat(entry, '') AS BLOB), max(seq), count(*) FROM
  (SELECT seq, ${ENTRY_SQL} AS entry FROM media_log WHERE site_id = ? AND seq > ? AND seq <= ? ORDER BY seq LIMIT ${PAGE_ROWS})`;

/** The header bytes of one entry, as this walk builds them: for the test that holds them against canonicalEntry. */
export const ENTRY_BYTES_SQL = `SELECT CAST(${ENTRY_SQL} AS BLOB) FROM media_log WHERE site_id = ? ORDER BY seq`;

/** What one stretch of the chain looked like: its ends, for stitching, whether it held inside, and what its entries say. */
export interface RangeResult {
  ok: boolean;
  count: number;
  first: { n: number; prev: string } | null;
  last: { n: number; hash: string } | null;
  semantic: SemanticResult;
}

const sha256Hex = (bytes: Uint8Array) => crypto.hash('sha256', bytes, 'hex');

const NEEDS_DECODING = /[\\\u0080-\u00ff]/;

/**
 * A JSON string value (`"…"`) from `from` to `to` in the header `h` (which
 * starts at `offset` in the page), decoded; null for `null`; undefined for
 * anything else.
 */
function textAt(page: Buffer, h: string, offset: number, from: number, to: number): string | null | undefined {
  if (h.charCodeAt(from) !== 0x22) return to === from + 4 && h.startsWith('null', from) ? null : undefined;
  const inner = h.slice(from + 1, to - 1);
  return NEEDS_DECODING.test(inner) ? (JSON.parse(page.toString('utf8', offset + from, offset + to)) as string) : inner;
}

/** The value between `from` and `to` as Latin-1, quotes removed; null for `null` (or anything not a string). */
function viewAt(h: string, from: number, to: number): string | null {
  return h.charCodeAt(from) === 0x22 ? h.slice(from + 1, to - 1) : null;
}

/**
 * The header's keys that start or end a value the checks read, in the order
 * the header writes them (the others are passed over: a key is only ever a key).
 */
const KEYS = ['at', 'company', 'decision', 'exceptionReason', 'id', 'kind', 'mediumId', 'method', 'n', 'person', 'prev', 'purpose', 'result', 'siteId'];
const NEEDLES = KEYS.map((k) => `,"${k}":`);
const AT = 0, COMPANY = 1, DECISION = 2, EXCEPTION_REASON = 3, ID = 4, KIND = 5, MEDIUM_ID = 6, METHOD = 7, N = 8, PERSON = 9, PREV = 10, PURPOSE = 11, RESULT = 12, SITE_ID = 13;

/** Where each key's `,"key":` starts, in order (in one array reused from entry to entry); null when one is missing. */
const positions = new Int32Array(NEEDLES.length);
function keyPositions(h: string): Int32Array | null {
  const at = positions;
  let from = 12;
  for (let i = 0; i < NEEDLES.length; i++) {
    const p = h.indexOf(NEEDLES[i]!, from);
    if (p < 0) return null;
    at[i] = p;
    from = p + NEEDLES[i]!.length;
  }
  return at;
}

/**
 * Checks the entries of a site with `afterSeq < seq <= toSeq`: each entry's
 * hash, each link inside the stretch, and each entry's content (from the
 * time of the entry before the stretch, `prevAt`). The links at its ends
 * are checked by whoever stitches stretches together. Findings carry the
 * entry's `n`; their `seq`, `entryId` and `at` are filled in from the
 * stored row afterwards (storedDisplay).
 */
export function walkRange(db: Database.Database, siteId: string, afterSeq: number, toSeq: number, prevAt: string | null): RangeResult {
  const semantic = new SemanticCheck(prevAt);
  const out: Omit<RangeResult, 'semantic'> = { ok: true, count: 0, first: null, last: null };
  const gaveUp = (): RangeResult => ({ ...out, ok: false, semantic: semantic.result() });
  const page = db.prepare(PAGE_SQL).raw(true);
  let after = afterSeq;
  for (;;) {
    let row: [Buffer | null, number | null, number];
    try {
      row = page.get(siteId, after, toSeq) as typeof row;
    } catch {
      return gaveUp();
    }
    const [bytes, maxSeq, count] = row;
    if (count === 0) break;
    if (!bytes || maxSeq === null || !isUtf8(bytes)) return gaveUp();
    const view = bytes.toString('latin1');
    let pos = 0;
    for (let i = 0; i < count; i++) {
      const header = pos + 64;
      if (!view.startsWith('{"approver":', header)) return gaveUp();
      const split = view.indexOf('\n', header);
      const end = split < 0 ? -1 : view.indexOf('\n', split + 1);
      if (end < 0) return gaveUp();
      const hash = view.slice(pos, header);
      if (sha256Hex(bytes.subarray(header, end)) !== hash) return gaveUp();

      // The header is json_quote's output, where a `"` inside a value is always `\"`: `,"key":` is only ever a key.
      const h = view.slice(header, split);
      const k = keyPositions(h);
      if (!k) return gaveUp();
      const nText = h.slice(k[N]! + 5, k[PERSON]!);
      const n = /^[1-9][0-9]{0,14}$/.test(nText) ? Number(nText) : NaN;
      const prev = viewAt(h, k[PREV]! + 8, k[PURPOSE]!);
      const result = viewAt(h, k[RESULT]! + 10, k[SITE_ID]!);
      if (!Number.isInteger(n) || prev === null || prev.length !== 64 || (result !== null && result.includes('\\'))) return gaveUp();
      if (out.last && (n !== out.last.n + 1 || prev !== out.last.hash)) return gaveUp();

      const approver = textAt(bytes, h, header, 12, k[AT]!);
      const exceptionReason = textAt(bytes, h, header, k[EXCEPTION_REASON]! + 19, k[ID]!);
      if (typeof approver !== 'string' || typeof exceptionReason !== 'string') return gaveUp();
      const entry: RawRow = [
        0, viewAt(h, k[ID]! + 6, k[KIND]!) ?? '', siteId, n, viewAt(h, k[KIND]! + 8, k[MEDIUM_ID]!) ?? '', viewAt(h, k[AT]! + 6, k[COMPANY]!) ?? '',
        null, '', '', '', '', '', viewAt(h, k[METHOD]! + 10, k[N]!), result, viewAt(h, k[DECISION]! + 12, k[EXCEPTION_REASON]!),
        approver, exceptionReason, null, '', view.slice(split + 1, end), prev, hash,
      ];
      semantic.entry(entry);
      if (!out.first) out.first = { n, prev };
      out.last = { n, hash };
      out.count++;
      pos = end + 1;
    }
    if (pos !== view.length) return gaveUp();
    after = maxSeq;
    if (count < PAGE_ROWS) break;
  }
  return { ...out, semantic: semantic.result() };
}

/** Findings as the stored rows show them: seq, entry id and time read back by `n` (unique in a chain that held). */
export function storedDisplay(db: Database.Database, siteId: string, semantic: SemanticResult): SemanticResult {
  const byN = db.prepare('SELECT seq, id, at FROM media_log WHERE site_id = ? AND n = ?');
  const fix = <T extends LogFinding<string>>(f: T): T => {
    const row = byN.get(siteId, f.n) as { seq: number; id: string; at: string } | undefined;
    return row ? { ...f, seq: row.seq, entryId: row.id, at: row.at } : f;
  };
  return { ...semantic, findings: semantic.findings.map(fix), warnings: semantic.warnings.map(fix) };
}
