import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { entryHash, fieldsOf } from './log-chain';
import { VERIFY_COLUMNS, type RawRow } from './log-rows';
import { SemanticCheck, type SemanticResult } from './log-semantics';

export interface RangeInput {
  dbPath: string;
  siteId: string;
  fromSeq: number;
  toSeq: number;
}

/** What one slice of the chain looked like: its ends, for stitching, whether it held inside, and what its entries say. */
export interface RangeResult {
  ok: boolean;
  count: number;
  first: { n: number; prev: string } | null;
  last: { n: number; hash: string } | null;
  semantic: SemanticResult;
}

/**
 * Checks one slice of a site's chain on its own read-only connection: each
 * entry's hash, each link inside the slice, and each entry's content (from
 * the time of the entry before the slice). The links between slices are
 * checked by whoever started the workers.
 */
function checkRange(input: RangeInput): RangeResult {
  const db = new Database(input.dbPath, { readonly: true, fileMustExist: true });
  try {
    const before = db.prepare('SELECT at FROM media_log WHERE site_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1').pluck().get(input.siteId, input.fromSeq) as string | undefined;
    const semantic = new SemanticCheck(before ?? null);
    const rows = db
      .prepare(`SELECT ${VERIFY_COLUMNS} FROM media_log WHERE site_id = ? AND seq BETWEEN ? AND ? ORDER BY seq`)
      .raw(true)
      .iterate(input.siteId, input.fromSeq, input.toSeq) as IterableIterator<RawRow>;
    const result: Omit<RangeResult, 'semantic'> = { ok: true, count: 0, first: null, last: null };
    for (const r of rows) {
      if (result.last && (r[3] !== result.last.n + 1 || r[20] !== result.last.hash)) return { ...result, ok: false, semantic: semantic.result() };
      if (entryHash(fieldsOf(r), r[20]) !== r[21]) return { ...result, ok: false, semantic: semantic.result() };
      semantic.entry(r);
      if (!result.first) result.first = { n: r[3], prev: r[20] };
      result.last = { n: r[3], hash: r[21] };
      result.count++;
    }
    return { ...result, semantic: semantic.result() };
  } finally {
    db.close();
  }
}

if (parentPort) parentPort.postMessage(checkRange(workerData as RangeInput));
