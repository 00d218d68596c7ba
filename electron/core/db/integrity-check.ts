import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { IntegrityInput, IntegrityOutput } from './integrity-worker';
import type { IntegrityStatus } from './integrity-types';
import { isCorruptionError } from './open-database';

export type { IntegrityState, IntegrityStatus } from './integrity-types';

/**
 * The database's integrity, checked in the background once a host (the web
 * host, the Electron app) is up; the states are described in integrity-types.ts.
 * `PRAGMA quick_check` reads every page of the file, which on a head office's
 * or a big site's data folder takes far longer than start-up may (issue 15:
 * first answer within 1.5 s), so it is not on the start-up path. It runs in a
 * worker thread on a read-only connection of its own; the host answers
 * meanwhile, and the renderer shows the outcome (`db:integrity`). A problem
 * found changes nothing in the file: Hoan reports it, as it does a damaged
 * file at open (open-database.ts).
 */
export interface IntegrityCheck {
  /**
   * Starts the check once (after `afterMs`, so the first screen's requests
   * go first); later calls do nothing. Returns at once.
   */
  start(options?: { afterMs?: number }): void;
  status(): IntegrityStatus;
  /** Settles with the outcome once the check has ended (at once if it never started). */
  finished(): Promise<IntegrityStatus>;
  /** Ends a running check (the data folder is being closed); its outcome stays unknown. */
  stop(): void;
}

/**
 * How long after a host starts answering the check begins: the first
 * screen's requests (about half a second) go first; a second core reads the
 * file after that.
 */
export const CHECK_AFTER_MS = 2000;

/** SQLite lists at most this many problems; the first ones say enough. */
export const MAX_LINES = 20;

/** The compiled worker: beside this file when built; tests run the sources, so they use the build's copy. */
function workerScript(): string | null {
  for (const candidate of [
    path.join(__dirname, 'integrity-worker.js'),
    path.resolve(__dirname, '..', '..', '..', 'out', 'electron', 'core', 'db', 'integrity-worker.js'),
  ]) {
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

export function createIntegrityCheck(dbPath: string, options: { nativeBinding?: string; now?: () => Date } = {}): IntegrityCheck {
  const now = options.now ?? (() => new Date());
  let current: IntegrityStatus = { state: 'not_started', startedAt: null, finishedAt: null, details: [], reason: '' };
  let settle: ((status: IntegrityStatus) => void) | undefined;
  const done = new Promise<IntegrityStatus>((resolve) => (settle = resolve));
  let timer: NodeJS.Timeout | undefined;
  let worker: Worker | undefined;

  const finish = (state: 'ok' | 'problems' | 'failed', details: string[], reason = '') => {
    if (current.state !== 'running') return;
    current = { ...current, state, finishedAt: now().toISOString(), details: details.slice(0, MAX_LINES), reason };
    worker = undefined;
    settle?.(current);
  };

  const begin = () => {
    timer = undefined;
    current = { ...current, state: 'running', startedAt: now().toISOString() };
    const script = workerScript();
    if (!script) return finish('failed', [], 'WORKER_MISSING');
    const input: IntegrityInput = { dbPath, maxLines: MAX_LINES, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) };
    try {
      worker = new Worker(script, { workerData: input });
    } catch (err) {
      return finish('failed', [], (err as NodeJS.ErrnoException).code ?? 'WORKER');
    }
    // A check of a big file must not keep a host that is closing alive.
    worker.unref();
    worker.once('message', (out: IntegrityOutput) => {
      if (out.ok && out.lines.length === 1 && out.lines[0] === 'ok') finish('ok', []);
      else if (out.ok) finish('problems', out.lines);
      else if (isCorruptionError(out)) finish('problems', [out.message]);
      else finish('failed', [], out.code);
    });
    worker.once('error', (err) => finish('failed', [], (err as NodeJS.ErrnoException).code ?? 'WORKER'));
    worker.once('exit', (code) => finish('failed', [], `WORKER_EXIT_${code}`));
  };

  return {
    start(startOptions = {}) {
      if (current.state !== 'not_started' || timer) return;
      if (!startOptions.afterMs) return begin();
      timer = setTimeout(begin, startOptions.afterMs);
      timer.unref();
    },
    status: () => current,
    finished: () => (current.state === 'not_started' && !timer ? Promise.resolve(current) : done),
    stop() {
      clearTimeout(timer);
      timer = undefined;
      const stopping = worker;
      worker = undefined;
      void stopping?.terminate();
      // Whoever waits learns the check ended without an outcome.
      settle?.(current);
    },
  };
}
