import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export interface IntegrityInput {
  dbPath: string;
  nativeBinding?: string;
  /** At most this many of SQLite's lines are kept. */
  maxLines: number;
}

export type IntegrityOutput = { ok: true; lines: string[] } | { ok: false; code: string; message: string };

/**
 * `PRAGMA quick_check` on a read-only connection of its own, in a worker
 * thread (integrity-check.ts): it reads every page of the file, seconds to
 * minutes on a big data folder, and must neither hold up the host's event
 * loop nor take a lock a writer would wait for. Only better-sqlite3 and
 * Node's own modules are loaded here.
 */
function quickCheck(input: IntegrityInput): IntegrityOutput {
  try {
    const db = new Database(input.dbPath, {
      readonly: true,
      fileMustExist: true,
      timeout: 5000,
      ...(input.nativeBinding ? { nativeBinding: input.nativeBinding } : {}),
    });
    try {
      const lines = db.pragma(`quick_check(${Math.max(1, Math.floor(input.maxLines))})`, { simple: false }) as { quick_check: string }[];
      return { ok: true, lines: lines.map((row) => String(row.quick_check)) };
    } finally {
      db.close();
    }
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown };
    return { ok: false, code: typeof e?.code === 'string' ? e.code : 'ERROR', message: String(e?.message ?? err).slice(0, 500) };
  }
}

if (parentPort) parentPort.postMessage(quickCheck(workerData as IntegrityInput));
