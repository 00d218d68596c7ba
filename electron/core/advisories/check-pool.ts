import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CandidateBytes, Prepared } from './advisory-prepare';
import type { CheckRequest } from './check-worker';
import type { Refusal } from './csaf-bounds';

/**
 * Worker threads that check advisory documents (check-worker.ts) while the
 * import's own thread reads files and writes the previous batch to SQLite.
 * The validator costs about twenty times reading and parsing a document, so
 * it is the part worth spreading over cores.
 *
 * Each worker takes documents in order and answers them one at a time. A
 * worker that dies (a crash, its heap limit) or takes longer than
 * CHECK_TIMEOUT_MS over one document is terminated: the document it was on
 * is refused with the reason, the others it held go to a fresh worker. After
 * MAX_RESTARTS such deaths in one import no worker is started again and
 * every document still waiting is refused, so an import never hangs and
 * never stores a document that was not checked.
 *
 * Imports share one pool (acquireCheckPool): loading the validator costs a
 * worker about a second, so workers outlive an import by IDLE_MS, unref'd
 * meanwhile so that they never keep the CLI from exiting.
 */

/** Far beyond the largest advisory allowed (20 MB), even on a busy laptop. */
export const CHECK_TIMEOUT_MS = 120_000;
/** Added before the worker has loaded the validator (a second or so; longer on a busy machine). */
const LOAD_ALLOWANCE_MS = 120_000;
const MAX_RESTARTS = 3;
const IDLE_MS = 60_000;
/** A worker's heap: room for a 20 MB document and the validator; a runaway check stops there. */
const WORKER_HEAP_MB = 1024;

interface Task {
  id: number;
  request: CheckRequest;
  resolve: (prepared: Prepared) => void;
}

interface Slot {
  worker: Worker;
  /** Posted and not yet answered, oldest first: the first is the one being checked. */
  tasks: Task[];
  timer: NodeJS.Timeout | null;
  dead: boolean;
  ready: boolean;
}

export interface CheckPoolOptions {
  /** The worker's script; tests name a stand-in that crashes or stalls. */
  script?: string;
  timeoutMs?: number;
}

/** The compiled worker; tests run TypeScript sources, so they use the build's copy (npm run build:node). */
function workerScript(): string {
  const beside = path.join(__dirname, 'check-worker.js');
  if (fs.existsSync(beside)) return beside;
  const built = path.resolve(__dirname, '..', '..', '..', 'out', 'electron', 'core', 'advisories', 'check-worker.js');
  if (fs.existsSync(built)) return built;
  throw new Error(`The advisory check worker is not built (${built}): run npm run build:node`);
}

export class CheckPool {
  private readonly slots: Slot[] = [];
  private readonly script: string;
  private readonly timeoutMs: number;
  private nextId = 0;
  private restarts = 0;
  private closed = false;
  private users = 0;
  private idle: NodeJS.Timeout | null = null;

  constructor(options: CheckPoolOptions = {}) {
    this.script = options.script ?? workerScript();
    this.timeoutMs = options.timeoutMs ?? CHECK_TIMEOUT_MS;
  }

  get size(): number {
    return this.slots.length;
  }

  /** Starts workers up to `count`; each begins loading the validator at once. */
  grow(count: number): void {
    if (this.restarts >= MAX_RESTARTS) return;
    while (!this.closed && this.slots.length < count) this.slots.push(this.start());
  }

  /** The document's checks in a worker; never rejects (a worker's death is the document's refusal). */
  check(candidate: CandidateBytes, feedAllowed: boolean): Promise<Prepared> {
    return new Promise((resolve) => {
      const id = this.nextId++;
      // Copied, not transferred: the host keeps the bytes for the `.asc` and the store.
      const request: CheckRequest = { id, bytes: candidate.bytes, ...(candidate.sha512 !== undefined ? { sha512: candidate.sha512 } : {}), feedAllowed };
      this.post({ id, request, resolve });
    });
  }

  /** One more import uses the pool: its workers keep the process alive until released. */
  acquire(): void {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    if (this.users++ === 0) this.restarts = 0;
    for (const slot of this.slots) slot.worker.ref();
  }

  /** When the last import is done the workers wait, unref'd, for the next one, then stop. */
  release(onIdle: () => void): void {
    if (--this.users > 0) return;
    for (const slot of this.slots) slot.worker.unref();
    this.idle = setTimeout(onIdle, IDLE_MS);
    this.idle.unref();
  }

  async close(): Promise<void> {
    if (this.idle) clearTimeout(this.idle);
    this.idle = null;
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const slot of slots) this.bury(slot);
    await Promise.all(slots.map((s) => s.worker.terminate().catch(() => undefined)));
  }

  private post(task: Task): void {
    const live = this.slots.filter((s) => !s.dead);
    // Only after MAX_RESTARTS deaths in this import (or once closed).
    if (live.length === 0) {
      task.resolve(refusedBy({ key: 'advisories.import.refused.checkerStopped', params: { detail: 'no checker' } }));
      return;
    }
    const slot = live.reduce((a, b) => (b.tasks.length < a.tasks.length ? b : a));
    slot.tasks.push(task);
    if (slot.tasks.length === 1) this.arm(slot);
    slot.worker.postMessage(task.request);
  }

  private start(): Slot {
    // Loaded through require so that Electron's loader can find it inside the app archive.
    const worker = new Worker(`require(${JSON.stringify(this.script)})`, { eval: true, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    if (this.users === 0) worker.unref();
    const slot: Slot = { worker, tasks: [], timer: null, dead: false, ready: false };
    worker.on('message', (message: { id: number; prepared?: Prepared; failed?: string; ready?: true }) => {
      if (slot.dead) return;
      if (message.ready) {
        slot.ready = true;
        return this.arm(slot);
      }
      const task = slot.tasks[0];
      if (!task || task.id !== message.id) return this.fail(slot, 'out of order');
      slot.tasks.shift();
      this.arm(slot);
      task.resolve(message.prepared ?? refusedBy({ key: 'advisories.import.refused.validatorFailed', params: { detail: message.failed ?? '' } }));
    });
    worker.on('error', (err: Error & { code?: string }) => this.fail(slot, err.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out of memory' : String(err.message).slice(0, 200)));
    worker.on('exit', (code) => this.fail(slot, `exit ${code}`));
    return slot;
  }

  /** The timer runs for the document at the head of a worker's queue. */
  private arm(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.tasks.length === 0 || slot.dead) return;
    slot.timer = setTimeout(() => this.fail(slot, null), this.timeoutMs + (slot.ready ? 0 : LOAD_ALLOWANCE_MS));
  }

  /** A worker died or stalled: its current document is refused, the rest go elsewhere. */
  private fail(slot: Slot, detail: string | null): void {
    if (slot.dead) return;
    this.bury(slot);
    void slot.worker.terminate().catch(() => undefined);
    const [current, ...waiting] = slot.tasks;
    slot.tasks = [];
    const index = this.slots.indexOf(slot);
    if (index >= 0) {
      if (!this.closed && this.restarts < MAX_RESTARTS) {
        this.restarts++;
        this.slots[index] = this.start();
      } else {
        this.slots.splice(index, 1);
      }
    }
    current?.resolve(
      refusedBy(
        detail === null
          ? { key: 'advisories.import.refused.checkTimedOut', params: { seconds: Math.round(this.timeoutMs / 1000) } }
          : { key: 'advisories.import.refused.checkerStopped', params: { detail } },
      ),
    );
    for (const task of waiting) this.post(task);
  }

  private bury(slot: Slot): void {
    slot.dead = true;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
  }
}

function refusedBy(refusal: Refusal): Prepared {
  return { ok: false, refusal };
}

let shared: CheckPool | null = null;

/** The pool imports share, started on first use; `release` it when the import is done. */
export function acquireCheckPool(): CheckPool {
  if (!shared) shared = new CheckPool();
  shared.acquire();
  return shared;
}

export function releaseCheckPool(pool: CheckPool): void {
  pool.release(() => {
    if (shared === pool) shared = null;
    void pool.close();
  });
}
