import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type Database from 'better-sqlite3';
import type { Core } from '../core';
import { HoanError, type ErrorShape } from '../errors';
import { actingUser } from '../settings/acting-user';
import { getSite } from '../sites/site-repository';
import { toSingleLine } from '../text-schema';
import { nearExistingAssetIds } from './asset-id-key';
import { headerSignature, mappingOf } from './column-plan';
import { siteDevicesByAssetId } from './device-repository';
import { commitImportWith } from './import-commit';
import { planDiff, summariseDiff } from './inventory-diff';
import type { PreviewInput } from './inventory-schema';
import type { CommitResult, ImportJobStatus, ImportPreview, JobRef, MappingProfile, RowIssue } from './inventory-types';
import { getProfileByName, profileForShape, saveProfile } from './mapping-profiles';
import { ImportStager } from './import-staging';
import { startParse, type ParseHandle, type ParsedImport, type ParseRequest } from './parse-job';
import { dropStage } from './site-stage';
import { openUpload, parseTmpDir, removeUpload } from './upload-store';

/** Issues a preview carries; the rest are counted. */
const PREVIEW_ISSUES = 500;
/** Two cores on a technician's laptop: more parses at once would only slow each other. */
const MAX_RUNNING = 2;
/** A finished preview nobody committed is forgotten after this; its upload stays until swept. */
const JOB_TTL_MS = 60 * 60 * 1000;

interface Job {
  id: string;
  siteId: string;
  uploadId: string | null;
  handle: ParseHandle;
  finishedAt: number | null;
  status: ImportJobStatus;
  parsed?: ParsedImport;
}

/** Jobs live in memory, per open data folder: a preview is work in progress, not a record. */
const registries = new WeakMap<Core, Map<string, Job>>();

function jobsOf(core: Core): Map<string, Job> {
  let jobs = registries.get(core);
  if (!jobs) registries.set(core, (jobs = new Map()));
  const now = Date.now();
  for (const [id, job] of jobs) if (job.finishedAt !== null && now - job.finishedAt > JOB_TTL_MS) jobs.delete(id);
  return jobs;
}

function toShape(err: unknown): ErrorShape {
  return err instanceof HoanError ? err.toShape() : { code: 'internal', messageKey: 'errors.internal' };
}

/** The parsed file against the site's inventory as it is now. */
export function buildPreview(db: Database.Database, jobId: string, siteId: string, parsed: ParsedImport): ImportPreview {
  const existing = siteDevicesByAssetId(db, siteId);
  const plan = planDiff(existing, parsed.records, parsed.skippedAssetIds, parsed.coverage);
  const near = nearExistingAssetIds(existing, plan.creates, parsed.columns.find((c) => c.target === 'assetId'));
  const warnings = byRow(parsed.warnings, near);
  const diff = summariseDiff(plan);
  const marked = plan.absent.filter((row) => row.in_latest_import === 1).length;
  return {
    jobId,
    siteId,
    fileName: parsed.fileName,
    fileSize: parsed.fileSize,
    fileSha256: parsed.fileSha256,
    format: parsed.format,
    encoding: parsed.encoding,
    sheets: parsed.sheets,
    sheet: parsed.sheet,
    headerRow: parsed.headerRow,
    columns: parsed.columns,
    profile: parsed.profile ? { name: parsed.profile.profile.name, matchedBy: parsed.profile.matchedBy } : null,
    problem: parsed.problem,
    rows: parsed.rows,
    validRows: parsed.records.length,
    invalidRows: parsed.invalidRows,
    issues: parsed.issues.slice(0, PREVIEW_ISSUES),
    issueCount: parsed.issueCount,
    warnings: warnings.slice(0, PREVIEW_ISSUES),
    warningCount: parsed.warningCount + near.length,
    tableEnd: parsed.tableEnd,
    samples: parsed.samples,
    diff,
    unchanged: parsed.problem === null && parsed.records.length > 0 && diff.counts.new + diff.counts.changed + marked === 0,
  };
}

/** Two lists in row order, merged. */
function byRow(a: readonly RowIssue[], b: readonly RowIssue[]): RowIssue[] {
  const out: RowIssue[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) out.push(j >= b.length || (i < a.length && a[i]!.row <= b[j]!.row) ? a[i++]! : b[j++]!);
  return out;
}

function parseRequest(core: Core, file: string, displayName: string, input: Omit<PreviewInput, 'siteId' | 'uploadId'>) {
  const profile: MappingProfile | undefined = input.mappingProfile ? getProfileByName(core.db, input.mappingProfile) : undefined;
  return {
    file,
    displayName,
    ...(input.sheet !== undefined ? { sheet: input.sheet } : {}),
    ...(profile ? { profile } : {}),
    ...(input.mapping ? { mapping: input.mapping } : {}),
    profileForShape: (signature: string) => profileForShape(core.db, signature),
    tmpDir: parseTmpDir(core.dataDir),
  };
}

/** Starts reading an uploaded file; the caller polls `importJobStatus` for progress and the preview. */
export function startImportPreview(core: Core, input: PreviewInput): JobRef {
  getSite(core.db, input.siteId);
  const upload = openUpload(core.dataDir, input.uploadId);
  const jobs = jobsOf(core);
  for (const [id, job] of jobs) {
    // A new preview of the same upload (another sheet, a corrected mapping) replaces the old one.
    if (job.uploadId === input.uploadId) {
      job.handle.cancel();
      jobs.delete(id);
    }
  }
  if ([...jobs.values()].filter((j) => j.status.state === 'running').length >= MAX_RUNNING) {
    throw new HoanError('conflict', 'errors.inventory.busy');
  }
  const handle = startParse(parseRequest(core, upload.file, upload.name, input));
  const id = randomUUID();
  const job: Job = { id, siteId: input.siteId, uploadId: input.uploadId, handle, finishedAt: null, status: { state: 'running', jobId: id, rowsRead: 0, fraction: 0 } };
  jobs.set(id, job);
  handle.done.then(
    (outcome) => {
      const rowsRead = handle.progress().rowsRead;
      if (outcome.state === 'cancelled') {
        job.status = { state: 'cancelled', jobId: id, rowsRead };
      } else {
        job.parsed = outcome.parsed;
        try {
          job.status = { state: 'done', jobId: id, rowsRead, preview: buildPreview(core.db, id, input.siteId, outcome.parsed) };
        } catch (err) {
          job.status = { state: 'failed', jobId: id, rowsRead, error: toShape(err) };
        }
      }
      job.finishedAt = Date.now();
    },
    (err: unknown) => {
      job.status = { state: 'failed', jobId: id, rowsRead: handle.progress().rowsRead, error: toShape(err) };
      job.finishedAt = Date.now();
    },
  );
  return { jobId: id };
}

function getJob(core: Core, jobId: string): Job {
  const job = jobsOf(core).get(jobId);
  if (!job) throw new HoanError('not_found', 'errors.inventory.jobNotFound');
  return job;
}

export function importJobStatus(core: Core, jobId: string): ImportJobStatus {
  const job = getJob(core, jobId);
  if (job.status.state !== 'running') return job.status;
  return { state: 'running', jobId, ...job.handle.progress() };
}

/** Stops reading and forgets the upload: nothing was written, nothing will be. */
export function cancelImportJob(core: Core, jobId: string): ImportJobStatus {
  const job = getJob(core, jobId);
  job.handle.cancel();
  if (job.uploadId) removeUpload(core.dataDir, job.uploadId);
  jobsOf(core).delete(jobId);
  return { state: 'cancelled', jobId, rowsRead: job.handle.progress().rowsRead };
}

function commitParsed(
  core: Core,
  siteId: string,
  parsed: ParsedImport,
  profileName: string | undefined,
  allowEmpty: boolean,
  staged?: ImportStager,
): CommitResult {
  const userName = actingUser(core);
  const now = core.now();
  const request = { siteId, parsed, userName, now, allowEmpty, ...(staged ? { staged } : {}) };
  const { batch, alongside: profile } = commitImportWith(core.db, request, () => {
    // A corrected mapping is remembered, so the next file of this shape reads the same way.
    const corrected = parsed.columns.some((c) => c.source === 'user');
    const name = profileName ?? (corrected ? toSingleLine(path.parse(parsed.fileName).name, 100) || parsed.sheet : undefined);
    return name ? saveProfile(core.db, name, headerSignature(parsed.headerCells), mappingOf(parsed.columns), now) : null;
  });
  return { batch, profile };
}

export interface CommitOptions {
  profileName?: string;
  /** The user confirmed committing a file with no valid row (every device marked not in it). */
  allowEmpty?: boolean;
}

/** Writes a finished preview as one import batch, then removes the uploaded file. */
export function commitImportJob(core: Core, jobId: string, options: CommitOptions = {}): CommitResult {
  const job = getJob(core, jobId);
  if (job.status.state !== 'done' || !job.parsed) throw new HoanError('conflict', 'errors.inventory.jobNotReady');
  const result = commitParsed(core, job.siteId, job.parsed, options.profileName, options.allowEmpty === true);
  if (job.uploadId) removeUpload(core.dataDir, job.uploadId);
  jobsOf(core).delete(jobId);
  return result;
}

export interface FileImportOptions {
  siteId: string;
  file: string;
  sheet?: string;
  mappingProfile?: string;
  dryRun: boolean;
  profileName?: string;
  allowEmpty?: boolean;
  /** The preview, before the commit is tried: shown even when the commit is refused. */
  onPreview?: (preview: ImportPreview) => void;
}

/**
 * The CLI's path: a file read in place, previewed, and committed unless it is
 * a dry run. Committed at once, so the devices are staged while the worker
 * still reads (import-staging.ts): the write at the end only applies them.
 */
export async function importFile(core: Core, options: FileImportOptions): Promise<{ preview: ImportPreview; result: CommitResult | null }> {
  getSite(core.db, options.siteId);
  let staged: ImportStager | undefined;
  const request: ParseRequest = {
    ...parseRequest(core, options.file, path.basename(options.file), {
      ...(options.sheet !== undefined ? { sheet: options.sheet } : {}),
      ...(options.mappingProfile !== undefined ? { mappingProfile: options.mappingProfile } : {}),
    }),
    ...(options.dryRun ? {} : { onColumns: (coverage) => (staged = new ImportStager(core.db, options.siteId, coverage)) }),
  };
  try {
    const outcome = await startParse(request).done;
    if (outcome.state !== 'done') throw new HoanError('io', 'errors.inventory.cancelled');
    const preview = buildPreview(core.db, randomUUID(), options.siteId, outcome.parsed);
    options.onPreview?.(preview);
    // An unchanged file is not an error: there is nothing to write, and nothing is.
    if (options.dryRun || outcome.parsed.problem || preview.unchanged) return { preview, result: null };
    return { preview, result: commitParsed(core, options.siteId, outcome.parsed, options.profileName, options.allowEmpty === true, staged) };
  } finally {
    // A parse that failed, a refused or unchanged file: the stage goes (a commit dropped it already).
    if (staged) dropStage(core.db);
  }
}
