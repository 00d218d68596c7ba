import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { diagnoseChain, stitched, verifyChain, verifyResult } from './log-chain';
import type { VerifyResult } from './media-types';
import type { RangeInput, RangeResult } from './verify-worker';

/** Below this many entries one thread is quicker than starting workers. */
const PARALLEL_FROM = 50_000;

/** The compiled worker: beside this file when built; tests run the sources, so they use the build's copy. */
function workerScript(): string | null {
  for (const candidate of [
    path.join(__dirname, 'verify-worker.js'),
    path.resolve(__dirname, '..', '..', '..', 'out', 'electron', 'core', 'media', 'verify-worker.js'),
  ]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

function runWorker(script: string, input: RangeInput): Promise<RangeResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { workerData: input });
    worker.once('message', (r: RangeResult) => resolve(r));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`verify worker exited with ${code}`)));
  });
}

export interface ParallelOptions {
  /** Fewer entries than this are walked on this thread. */
  parallelFrom?: number;
  /** The better-sqlite3 build this process opened the database with (Electron's); workers load the same. */
  nativeBinding?: string;
}

/**
 * verifyChain, spread over the machine's cores: each worker checks a slice
 * of the chain (chain-pages.ts: hashes, the links inside it, and what each
 * entry says) on its own read-only connection, and the slices' ends are
 * stitched here. When anything does not hold, the row-by-row walk runs to
 * name the first broken link exactly. The app (Electron, with its own
 * better-sqlite3 build, passed on to the workers), `hoan serve` and the CLI
 * all come here; short logs and one-core machines are walked on this thread.
 */
export async function verifyChainFast(
  db: Database.Database,
  dbPath: string,
  siteId: string,
  now: () => Date = () => new Date(),
  options: ParallelOptions = {},
): Promise<VerifyResult> {
  const started = performance.now();
  const script = workerScript();
  const cores = Math.min(typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length, 8);
  const stats = db.prepare('SELECT count(*) AS c, min(seq) AS lo, max(seq) AS hi FROM media_log WHERE site_id = ?').get(siteId) as { c: number; lo: number | null; hi: number | null };
  if (!script || cores < 2 || stats.c < (options.parallelFrom ?? PARALLEL_FROM)) return verifyChain(db, siteId, now);

  const at = db.prepare('SELECT seq FROM media_log WHERE site_id = ? ORDER BY seq LIMIT 1 OFFSET ?').pluck();
  const bounds = [stats.lo!];
  for (let i = 1; i < cores; i++) bounds.push(at.get(siteId, Math.floor((i * stats.c) / cores)) as number);
  const binding = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
  const ranges = bounds.map((from, i) => ({ dbPath, siteId, fromSeq: from, toSeq: i + 1 < bounds.length ? bounds[i + 1]! - 1 : stats.hi!, ...binding }));
  let results: RangeResult[];
  try {
    results = await Promise.all(ranges.map((r) => runWorker(script, r)));
  } catch {
    return verifyChain(db, siteId, now);
  }
  const walk = stitched(db, siteId, results, ranges.length);
  return walk ? verifyResult(db, siteId, walk, started, now) : diagnoseChain(db, siteId, now, started);
}
