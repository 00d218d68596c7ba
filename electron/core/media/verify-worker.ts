import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { walkRange, type RangeResult } from './chain-pages';

export type { RangeResult };

export interface RangeInput {
  dbPath: string;
  siteId: string;
  fromSeq: number;
  toSeq: number;
  /** The better-sqlite3 build the starting thread uses (Electron's ABI differs from Node's). */
  nativeBinding?: string;
}

/**
 * Checks one slice of a site's chain on its own read-only connection
 * (chain-pages.ts: each entry's hash, each link inside the slice, and each
 * entry's content from the time of the entry before the slice). The links
 * between slices are checked by whoever started the workers.
 */
function checkRange(input: RangeInput): RangeResult {
  const db = new Database(input.dbPath, { readonly: true, fileMustExist: true, ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}) });
  try {
    const before = db.prepare('SELECT at FROM media_log WHERE site_id = ? AND seq < ? ORDER BY seq DESC LIMIT 1').pluck().get(input.siteId, input.fromSeq) as string | undefined;
    return walkRange(db, input.siteId, input.fromSeq - 1, input.toSeq, before ?? null);
  } finally {
    db.close();
  }
}

if (parentPort) parentPort.postMessage(checkRange(workerData as RangeInput));
