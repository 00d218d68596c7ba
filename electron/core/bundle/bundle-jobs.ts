import { randomUUID } from 'node:crypto';
import type { Core } from '../core';
import { HoanError, notFound } from '../errors';
import type { BundleJob, BundleJobKind, BundleJobPhase } from './bundle-types';

interface JobState {
  job: BundleJob;
  controller: AbortController;
  done: Promise<void>;
}

export interface JobContext {
  signal: AbortSignal;
  onBytes(n: number): void;
  onPhase(phase: BundleJobPhase): void;
}

type Outcome = Partial<Pick<BundleJob, 'exported' | 'report' | 'imported'>>;

const MAX_KEPT = 50;
const registries = new WeakMap<Core, Map<string, JobState>>();

function registry(core: Core): Map<string, JobState> {
  let jobs = registries.get(core);
  if (!jobs) registries.set(core, (jobs = new Map()));
  return jobs;
}

function prune(jobs: Map<string, JobState>): void {
  const finished = [...jobs.values()].filter((s) => s.job.state !== 'running');
  for (const s of finished.slice(0, Math.max(0, jobs.size - MAX_KEPT))) jobs.delete(s.job.id);
}

/**
 * Runs a long bundle operation (export, verify, import) in the background:
 * the UI polls its progress and may cancel it. Errors become the job's
 * error, in the same shape as an API refusal.
 */
export function startJob(core: Core, kind: BundleJobKind, bytesTotal: number, run: (ctx: JobContext) => Promise<Outcome>): BundleJob {
  const jobs = registry(core);
  prune(jobs);
  const controller = new AbortController();
  const job: BundleJob = {
    id: randomUUID(),
    kind,
    state: 'running',
    phase: 'preparing',
    bytesDone: 0,
    bytesTotal,
    startedAt: core.now().toISOString(),
    endedAt: null,
    exported: null,
    report: null,
    imported: null,
    error: null,
  };
  const ctx: JobContext = {
    signal: controller.signal,
    onBytes: (n) => (job.bytesDone = Math.min(job.bytesTotal, job.bytesDone + n)),
    onPhase: (phase) => (job.phase = phase),
  };
  const done = run(ctx).then(
    (outcome) => {
      Object.assign(job, outcome);
      job.state = 'done';
      job.phase = 'finished';
      job.bytesDone = job.bytesTotal;
    },
    (err: unknown) => {
      const cancelled = err instanceof HoanError && err.messageKey === 'bundle.errors.cancelled';
      job.state = cancelled ? 'cancelled' : 'failed';
      job.error = err instanceof HoanError ? err.toShape() : { code: 'internal', messageKey: 'errors.internal' };
      if (!(err instanceof HoanError)) console.error('[hoan] bundle job failed:', err);
    },
  ).finally(() => {
    job.endedAt = core.now().toISOString();
  });
  jobs.set(job.id, { job, controller, done });
  return structuredClone(job);
}

function stateOf(core: Core, id: string): JobState {
  const state = registry(core).get(id);
  if (!state) throw notFound('bundle-job', id);
  return state;
}

export function jobStatus(core: Core, id: string): BundleJob {
  return structuredClone(stateOf(core, id).job);
}

/** Asks the job to stop; export removes its partial file, import writes nothing. */
export function cancelJob(core: Core, id: string): BundleJob {
  const state = stateOf(core, id);
  if (state.job.state === 'running') state.controller.abort();
  return structuredClone(state.job);
}

export async function waitForJob(core: Core, id: string): Promise<BundleJob> {
  await stateOf(core, id).done;
  return jobStatus(core, id);
}
