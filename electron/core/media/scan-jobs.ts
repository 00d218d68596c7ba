import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Core } from '../core';
import { HoanError, notFound } from '../errors';
import { storeEvidenceBytes } from '../evidence/evidence-store';
import { getSite } from '../sites/site-repository';
import { assertDirectory, buildManifest, type Manifest } from './manifest';
import type { ManifestSummary, ScanJob, ScanOutcome, ScanRecord } from './media-types';
import { chooseDefinitions, clamDefinitionsFor, usedDefinitions } from './scan-definitions';
import { getScannerConfig, scannerExecutable } from './scanner-config';
import { SCANNER_PROFILES } from './scanners/profiles';
import { runScanner } from './scanners/run-scanner';

interface JobState {
  job: ScanJob;
  controller: AbortController;
  done: Promise<void>;
  /** Kept until a check-out compares against it. */
  manifest: Manifest | null;
}

const MAX_RUNNING = 4;
const MAX_KEPT = 100;
const MAX_DETECTIONS = 200;
const registries = new WeakMap<Core, Map<string, JobState>>();

function registry(core: Core): Map<string, JobState> {
  let jobs = registries.get(core);
  if (!jobs) registries.set(core, (jobs = new Map()));
  return jobs;
}

function snapshot(state: JobState): ScanJob {
  return structuredClone(state.job);
}

function prune(jobs: Map<string, JobState>): void {
  const finished = [...jobs.values()].filter((s) => s.job.state !== 'running');
  for (const s of finished.slice(0, Math.max(0, jobs.size - MAX_KEPT))) jobs.delete(s.job.id);
}

/** A path the scanner printed, relative to the medium's root where it lies inside it. */
function relativeToRoot(root: string, file: string): string {
  const rel = path.relative(root, file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel.split(path.sep).join('/') : file;
}

function summarise(m: Manifest, sha256: string): ManifestSummary {
  return {
    sha256,
    root: m.root,
    fileCount: m.fileCount,
    totalBytes: m.totalBytes,
    hashedFiles: m.hashedFiles,
    truncated: m.truncated,
    limits: m.limits,
  };
}

async function run(core: Core, state: JobState): Promise<void> {
  const { job, controller } = state;
  const { signal } = controller;
  const { config } = getScannerConfig(core.db, job.siteId);
  try {
    const manifest = await buildManifest(job.path, config.manifest, core.now(), {
      signal,
      onListed: (total) => {
        job.filesTotal = total;
        job.phase = 'hashing';
      },
      onHashed: (done) => {
        job.filesDone = done;
      },
    });
    let scan: ScanRecord | null = null;
    let rawLog: string | null = null;
    if (job.scan) {
      job.phase = 'scanning';
      job.filesDone = 0;
      const profile = SCANNER_PROFILES[config.profile];
      const executable = scannerExecutable(config);
      const choice = chooseDefinitions(core, config);
      const files = choice.source === 'defender' ? null : clamDefinitionsFor(choice, executable);
      const r = await runScanner({
        profile,
        executable,
        database: choice.database,
        target: job.path,
        timeoutMs: config.timeoutMinutes * 60_000,
        signal,
        onFile: (count) => {
          job.filesDone = count;
        },
        now: core.now,
      });
      if (r.cancelled) throw new HoanError('conflict', 'media.errors.jobCancelled');
      rawLog = r.rawLog;
      scan = {
        profile: profile.id,
        scanner: profile.name,
        engineVersion: r.engineVersion,
        signatureVersion: r.signatureVersion,
        startedAt: r.startedAt,
        endedAt: r.endedAt,
        filesScanned: r.parsed.filesScanned,
        exitCode: r.exitCode,
        result: r.parsed.result,
        detections: r.parsed.detections.slice(0, MAX_DETECTIONS).map((d) => ({ file: relativeToRoot(job.path, d.file), name: d.name })),
        errorText: r.parsed.errorText,
        ...(r.parsed.result === 'error' ? { errorReason: r.parsed.errorReason ?? 'unknown' } : {}),
        logSha256: '',
        // Measured at the scan's start on Hoan's clock: what the entry, and so the chain, says the scan ran with.
        definitions: usedDefinitions(choice, files ?? r.scannerDefinitions ?? [], config.maxDefinitionsAgeDays, new Date(r.startedAt)),
      };
    }
    if (signal.aborted) throw new HoanError('conflict', 'media.errors.jobCancelled');
    job.phase = 'storing';
    const stamp = job.startedAt.replace(/[-:.]/g, '');
    const stored = await storeEvidenceBytes(core, Buffer.from(JSON.stringify(manifest)), `manifest-${stamp}.json`);
    if (scan && rawLog !== null) {
      scan.logSha256 = (await storeEvidenceBytes(core, Buffer.from(rawLog, 'utf8'), `${scan.profile}-${stamp}.log`)).sha256;
    }
    const outcome: ScanOutcome = { result: scan?.result ?? null, scan, manifest: summarise(manifest, stored.sha256) };
    state.manifest = manifest;
    job.outcome = outcome;
    job.state = 'done';
  } catch (err) {
    if (signal.aborted) job.state = 'cancelled';
    else {
      job.state = 'failed';
      job.error = err instanceof HoanError ? err.toShape() : { code: 'io', messageKey: 'media.errors.jobFailed', params: { reason: (err as Error).message } };
    }
  } finally {
    job.phase = 'finished';
    job.endedAt = core.now().toISOString();
  }
}

/**
 * Starts reading (and, with `scan`, scanning) a medium in the background and
 * returns at once; progress is polled with the job's id.
 */
export async function startScanJob(core: Core, input: { siteId: string; path: string; scan: boolean }): Promise<ScanJob> {
  getSite(core.db, input.siteId);
  const root = await assertDirectory(input.path);
  const jobs = registry(core);
  if ([...jobs.values()].filter((s) => s.job.state === 'running').length >= MAX_RUNNING) {
    throw new HoanError('conflict', 'media.errors.tooManyJobs', { max: MAX_RUNNING });
  }
  const job: ScanJob = {
    id: randomUUID(),
    siteId: input.siteId,
    path: root,
    scan: input.scan,
    state: 'running',
    phase: 'listing',
    filesTotal: null,
    filesDone: 0,
    startedAt: core.now().toISOString(),
    endedAt: null,
    outcome: null,
    error: null,
    consumed: false,
  };
  const state: JobState = { job, controller: new AbortController(), done: Promise.resolve(), manifest: null };
  jobs.set(job.id, state);
  prune(jobs);
  state.done = run(core, state);
  return snapshot(state);
}

function stateOf(core: Core, jobId: string): JobState {
  const state = registry(core).get(jobId);
  if (!state) throw notFound('scan-job', jobId);
  return state;
}

export function scanJobStatus(core: Core, jobId: string): ScanJob {
  return snapshot(stateOf(core, jobId));
}

export function cancelScanJob(core: Core, jobId: string): ScanJob {
  const state = stateOf(core, jobId);
  if (state.job.state === 'running') state.controller.abort();
  return snapshot(state);
}

/** Resolves once the job has finished, however it finished. */
export async function waitForScanJob(core: Core, jobId: string): Promise<ScanJob> {
  const state = stateOf(core, jobId);
  await state.done;
  return snapshot(state);
}

/**
 * The finished job a check-in or check-out refers to. The result comes from
 * Hoan's own record of the scan, never from what a client says it was.
 */
export function finishedJob(core: Core, jobId: string, siteId: string, needsScan: boolean): { job: ScanJob; outcome: ScanOutcome; manifest: Manifest } {
  const state = registry(core).get(jobId);
  const field = [{ path: 'jobId', messageKey: '' }];
  const fail = (key: string) => new HoanError('validation', key, undefined, field.map((f) => ({ ...f, messageKey: key })));
  if (!state || state.job.siteId !== siteId) throw fail('media.errors.jobNotFound');
  if (state.job.state === 'running') throw fail('media.errors.jobNotFinished');
  if (state.job.consumed) throw fail('media.errors.jobUsed');
  if (state.job.state !== 'done' || !state.job.outcome || !state.manifest) throw fail('media.errors.jobNotDone');
  if (needsScan && !state.job.scan) throw fail('media.errors.jobWithoutScan');
  return { job: state.job, outcome: state.job.outcome, manifest: state.manifest };
}

export function markJobUsed(core: Core, jobId: string): void {
  const state = registry(core).get(jobId);
  if (state) {
    state.job.consumed = true;
    state.manifest = null;
  }
}
