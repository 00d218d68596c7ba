import os from 'node:os';
import { recordAudit } from '../audit/audit-log';
import type { Core } from '../core';
import { writeTransaction } from '../db/transactions';
import { userNameOf } from '../settings/acting-user';
import { expandPath, feedEntry, readCandidate, type Candidate } from './advisory-inputs';
import { trustedKeys } from './advisory-keys';
import { applySignature, type CandidateBytes, type Prepared, type PreparedRevision } from './advisory-prepare';
import type { AdvisoryFileOutcome, AdvisoryImportOptions, AdvisoryImportReport, AdvisoryImportStatus, AdvisoryText } from './advisory-types';
import { writeRevision } from './advisory-write';
import { acquireCheckPool, releaseCheckPool, type CheckPool } from './check-pool';

/**
 * Import of CSAF 2.0 advisories (8-4-1, issue 13): files, folders and ROLIE
 * feed snapshots (advisory-inputs.ts) or documents in memory, each checked
 * (advisory-prepare.ts) and stored as a revision (advisory-write.ts).
 *
 * Documents are checked first, outside any transaction and in worker
 * threads (check-pool.ts) while this thread writes, then written in file
 * order in batches, each batch one IMMEDIATE transaction and each document a
 * savepoint inside it: a document is stored whole or not at all, a refused
 * one leaves nothing behind, and the rest of the folder is still imported.
 * A batch is bounded by count and by bytes, so memory stays flat however
 * many files a folder holds.
 */

const BATCH_DOCUMENTS = 200;
const BATCH_BYTES = 16 * 1024 * 1024;
/** Files read at once (the reads wait on the disk; the checks are CPU, in workers). */
const READ_CONCURRENCY = 8;
/** Bytes read and not yet taken in order: a few 20 MB files at worst, hundreds of typical ones. */
const AHEAD_BYTES = 48 * 1024 * 1024;
/** A worker's first act is loading the validator (about as long as checking 1,000 documents): fewer files share one. */
const DOCUMENTS_PER_WORKER = 1000;
/** Refusals listed in the run's audit entry (the report has them all). */
const AUDITED_REFUSALS = 100;

interface Source {
  file: string;
  source: string;
  /** Only files may be feeds; a document handed in memory never is. */
  feedAllowed: boolean;
  read(): Promise<CandidateBytes | { key: string; params?: Record<string, string | number> }>;
  candidate?: Candidate;
}

interface Checked {
  read: Awaited<ReturnType<Source['read']>>;
  prepared?: Prepared;
}

/** Imports CSAF 2.0 files, folders (recursive) and ROLIE feed snapshots; one outcome per file. */
export async function importAdvisoryPaths(core: Core, paths: readonly string[], options: AdvisoryImportOptions = {}): Promise<AdvisoryImportReport> {
  // The first worker loads the validator while the folders are walked.
  const pool = acquireCheckPool();
  try {
    pool.grow(1);
    const sources: Source[] = [];
    for (const given of paths) {
      for (const candidate of await expandPath(given)) sources.push(fileSource(candidate, options));
    }
    return await runImport(core, sources, options, pool);
  } finally {
    releaseCheckPool(pool);
  }
}

/** Imports documents already in memory (a verified bundle's entries, tests): the same checks and store as files. */
export async function importAdvisoryTexts(core: Core, texts: readonly AdvisoryText[], options: AdvisoryImportOptions = {}): Promise<AdvisoryImportReport> {
  const source = options.source ?? (options.bundleId ? `bundle:${options.bundleId}` : null);
  const sources: Source[] = texts.map((t) => ({
    file: t.file,
    source: source ?? t.file,
    feedAllowed: false,
    read: async () => ({ bytes: Buffer.from(t.text, 'utf8'), ...(t.sha512 !== undefined ? { sha512: t.sha512 } : {}), ...(t.asc !== undefined ? { asc: t.asc } : {}) }),
  }));
  const pool = acquireCheckPool();
  try {
    return await runImport(core, sources, options, pool);
  } finally {
    releaseCheckPool(pool);
  }
}

function fileSource(candidate: Candidate, options: AdvisoryImportOptions): Source {
  return {
    file: candidate.file,
    source: options.source ?? candidate.real,
    feedAllowed: true,
    candidate,
    read: async () => (candidate.refusal ? candidate.refusal : readCandidate(candidate)),
  };
}

/** Workers for a run: one per core the writes leave free, fewer for a few files. */
function workersFor(files: number): number {
  return Math.max(1, Math.min(os.availableParallelism() - 1, Math.ceil(files / DOCUMENTS_PER_WORKER)));
}

async function runImport(core: Core, sources: Source[], options: AdvisoryImportOptions, pool: CheckPool): Promise<AdvisoryImportReport> {
  if (sources.length > 0) pool.grow(workersFor(sources.length));
  const userName = userNameOf(core);
  const trusted = () => trustedKeys(core);
  const outcomes: AdvisoryFileOutcome[] = [];
  const seen = new Set(sources.flatMap((s) => (s.candidate && !s.candidate.refusal ? [s.candidate.real] : [])));
  let batch: { revision: PreparedRevision; outcome: AdvisoryFileOutcome; source: string; index: number }[] = [];
  let batchBytes = 0;

  const flush = () => {
    if (batch.length === 0) return;
    const at = core.now();
    const pending = batch;
    batch = [];
    batchBytes = 0;
    writeTransaction(core.db, () => {
      for (const item of pending) {
        try {
          outcomes[item.index] = writeTransaction(core.db, () => writeRevision({ db: core.db, source: item.source, at, userName }, item.revision, item.outcome));
        } catch (err) {
          if (!isDocumentError(err)) throw err;
          outcomes[item.index] = { ...item.outcome, status: 'refused', reason: { key: 'advisories.import.refused.storeFailed', params: { detail: String((err as Error).message) } } };
        }
      }
    });
  };

  // Files are read and checked ahead, in worker threads, while this thread takes the answers in
  // file order and writes them; bounded by count and bytes, so memory stays flat (a flush holds
  // this thread for a while: the workers need enough queued to stay busy meanwhile).
  const maxAhead = BATCH_DOCUMENTS * Math.max(1, pool.size);
  const results = new Map<number, Promise<Checked>>();
  let started = 0;
  let reading = 0;
  let aheadBytes = 0;
  let consumed = 0;
  const pump = () => {
    while (started < sources.length && started - consumed < maxAhead && aheadBytes < AHEAD_BYTES && reading < READ_CONCURRENCY) {
      const source = sources[started++]!;
      reading++;
      const result = source.read().then(async (read): Promise<Checked> => {
        reading--;
        if (!('bytes' in read)) return { read };
        aheadBytes += read.bytes.byteLength;
        pump();
        return { read, prepared: await pool.check(read, source.feedAllowed) };
      });
      result.catch(() => undefined);
      results.set(started - 1, result);
    }
  };
  // Sources grow while they are read: a feed adds its entries behind it.
  for (let i = 0; i < sources.length; i++) {
    const source = sources[i]!;
    pump();
    const { read, prepared: checked } = await results.get(i)!;
    results.delete(i);
    consumed++;
    if (!('bytes' in read)) {
      outcomes.push({ file: source.file, status: 'refused', reason: read });
      continue;
    }
    aheadBytes -= read.bytes.byteLength;
    const prepared = await applySignature(checked!, read, trusted);
    if (prepared.ok === 'feed') {
      for (const src of prepared.entries.sources) {
        const entry = await feedEntry(source.candidate!.real, source.file, src, prepared.entries.self);
        if (!entry.refusal && seen.has(entry.real)) continue;
        if (!entry.refusal) seen.add(entry.real);
        sources.push({ ...fileSource(entry, options), feedAllowed: false });
      }
      continue;
    }
    if (prepared.ok === false) {
      outcomes.push({ file: source.file, status: 'refused', ...prepared.identity, reason: prepared.refusal });
      continue;
    }
    const r = prepared.revision;
    const index = outcomes.length;
    const outcome: AdvisoryFileOutcome = {
      file: source.file,
      status: 'imported',
      trackingId: r.trackingId,
      publisherNamespace: r.publisherNamespace,
      version: r.version,
      integrity: r.integrity,
      ...(r.notes.length ? { notes: r.notes } : {}),
    };
    outcomes.push(outcome);
    batch.push({ revision: r, outcome, source: source.source, index });
    batchBytes += r.size;
    if (batch.length >= BATCH_DOCUMENTS || batchBytes >= BATCH_BYTES) flush();
  }
  flush();

  const counts: Record<AdvisoryImportStatus, number> = { imported: 0, updated: 0, unchanged: 0, refused: 0 };
  for (const o of outcomes) counts[o.status]++;
  if (counts.refused > 0) auditRefusals(core, outcomes, userName, options);
  return { files: outcomes, counts };
}

/** A constraint a document broke is that document's fault; anything else (a full disk, a lock) stops the import. */
function isDocumentError(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT');
}

/** Refusals leave no row; the audit log keeps that they were offered and why. */
function auditRefusals(core: Core, outcomes: AdvisoryFileOutcome[], userName: string, options: AdvisoryImportOptions): void {
  const refused = outcomes.filter((o) => o.status === 'refused');
  try {
    writeTransaction(core.db, () =>
      recordAudit(core.db, {
        siteId: null,
        entity: 'advisory',
        entityId: 'refused',
        action: 'import_refused',
        changes: [
          ...(options.bundleId ? [{ field: 'bundle', old: null, new: options.bundleId }] : []),
          { field: 'count', old: null, new: refused.length },
          ...refused.slice(0, AUDITED_REFUSALS).map((o) => ({ field: o.file, old: null, new: `${o.reason?.key ?? ''} ${JSON.stringify(o.reason?.params ?? {})}` })),
        ],
        userName,
        at: core.now(),
      }),
    );
  } catch {
    // A full disk may refuse this entry too; the report still reaches the user.
  }
}
