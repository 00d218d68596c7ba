import type { Core } from '../core';
import { HoanError } from '../errors';
import { recordAudit } from '../audit/audit-log';
import { actingUser } from '../settings/acting-user';
import type { BundleFailure, BundleJobPhase, ImportSummary, VerifyReport } from './bundle-types';
import { arrivalsOutcome, claimArrivals, installCarriedAliasTable, noArrivals, releaseArrivals, resumeArrivals, settleArrivals } from './advisory-arrivals';
import { ADVISORIES_RECORD, type CarriedAdvisories } from './bundle-advisories';
import { holdDefinitions, installHeld, recordArrival, releaseHeld, resumeInstalls, vouchesForDefinitions } from './definitions-install';
import { installing, outcomeFor } from './definitions-outcomes';
import type { Progress } from './entry-io';
import { placeEvidence, removePlaced } from './evidence-import';
import { RECORD_DOMAINS } from './records';
import { recordPath } from './bundle-layout';
import { trustStoreLookup } from './trust-lookup';
import { verifyBundle, type Verified } from './verify-bundle';
import { checkOwnership, checkReplay } from './verify-records';
import { ZipFile } from './zip-reader';
import { writeTransaction } from '../db/transactions';

/** Negative: KiB, as SQLite counts it. */
const IMPORT_CACHE_KIB = -65536;

/**
 * A site's log lands in nine indexes, one keyed by random ids: with the
 * default 2 MB page cache, an import into a head office holding hundreds of
 * sites spilled the same index pages to the WAL again and again (as the
 * inventory's commit found, import-commit.ts).
 */
function withImportCache<T>(db: Core['db'], fn: () => T): T {
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  db.pragma(`cache_size = ${IMPORT_CACHE_KIB}`);
  try {
    return fn();
  } finally {
    db.pragma(`cache_size = ${Number(cacheSize)}`);
  }
}

/** Raised inside the import transaction to roll it back with a failure to report. */
class Rejected extends Error {
  constructor(readonly failure: BundleFailure) {
    super(failure.reason);
  }
}

function applyAll(core: Core, contents: NonNullable<Verified['contents']>, stored: { sha256: string; size: number }[], held: string | null, userName: string): Omit<ImportSummary, 'definitions'> {
  const { db } = core;
  const { bag, signer, records } = contents;
  const now = core.now();
  const counts: Record<string, number> = {};
  withImportCache(db, () => writeTransaction(db, () => {
    // Checked again under the write lock: another import may have landed since verification.
    const again = checkReplay(db, bag) ?? checkOwnership(db, bag);
    if (again) throw new Rejected(again);
    db.pragma('defer_foreign_keys = ON');
    // The role the signer had before this bundle: its own trust list below may name it head office.
    if (contents.definitions) {
      const arrival = { bundleId: bag.bundleId, siteId: bag.siteId, signerFingerprint: signer.fingerprint, signerName: signer.name, carried: contents.definitions, heldDir: held };
      recordArrival(db, arrival, vouchesForDefinitions(db, signer.fingerprint), userName, now);
    }
    db.prepare('INSERT INTO bundle_import_active (id) VALUES (1)').run();
    const addFile = db.prepare('INSERT INTO evidence_files (sha256, size, stored_at) VALUES (?, ?, ?) ON CONFLICT (sha256) DO NOTHING');
    counts.evidence = stored.reduce((n, f) => n + addFile.run(f.sha256, f.size, now.toISOString()).changes, 0);
    const ctx = { db, siteId: bag.siteId, kind: bag.kind, bundleId: bag.bundleId, signer, userName, now };
    for (const domain of RECORD_DOMAINS.filter((d) => d.kinds.includes(bag.kind))) {
      try {
        counts[domain.file] = domain.apply(ctx, records.get(domain.file));
      } catch (err) {
        if (err instanceof Rejected) throw err;
        throw new Rejected({ class: 'records_invalid', entry: recordPath(domain.file), reason: 'apply', params: { detail: (err as Error).message.slice(0, 200) } });
      }
    }
    if (bag.kind === 'site') {
      db.prepare(
        `INSERT INTO site_origins (site_id, owner_fingerprint, owner_name, last_bundle_id, last_bundle_at, imported_at) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (site_id) DO UPDATE SET owner_name = excluded.owner_name, last_bundle_id = excluded.last_bundle_id,
           last_bundle_at = excluded.last_bundle_at, imported_at = excluded.imported_at`,
      ).run(bag.siteId, signer.fingerprint, signer.name, bag.bundleId, bag.baggedAt, now.toISOString());
    }
    db.prepare(
      `INSERT INTO bundles (id, direction, kind, site_id, signer_fingerprint, signer_name, sequence, bagged_at, file_name,
         payload_bytes, payload_files, recorded_at, recorded_by)
       VALUES (?, 'import', ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?)`,
    ).run(bag.bundleId, bag.kind, bag.siteId, signer.fingerprint, signer.name, bag.sequence, bag.baggedAt, bag.payloadBytes, bag.payloadFiles, now.toISOString(), userName);
    recordAudit(db, {
      siteId: bag.siteId,
      entity: 'bundle',
      entityId: bag.bundleId,
      action: 'import',
      changes: [
        { field: 'signer', old: null, new: `${signer.name} ${signer.fingerprint}` },
        { field: 'sequence', old: null, new: bag.sequence },
      ],
      userName,
      at: now,
    });
    db.prepare('DELETE FROM bundle_import_active').run();
  }));
  return { kind: bag.kind, siteId: bag.siteId, siteName: bag.siteName, bundleId: bag.bundleId, counts, evidenceStored: counts.evidence ?? 0 };
}

export interface ImportOutcome {
  report: VerifyReport;
  imported: ImportSummary | null;
}

/**
 * Verifies the bundle completely, then imports it: evidence into the store
 * and head office's definitions into a held folder (both hash-checked
 * again), then every record in one transaction. Any failure rolls the
 * transaction back and removes the files it added: nothing is written unless
 * everything is. Only then are the definitions handed to the definitions
 * store; whether it takes them or not, the records stay imported (a review's
 * notes do not depend on them) and the summary says what happened.
 */
export async function importBundle(core: Core, file: string, progress: Progress & { onPhase?(phase: BundleJobPhase): void } = {}): Promise<ImportOutcome> {
  // Asked first: a bundle verified and stored, then refused for want of a name, would waste the wait.
  const userName = actingUser(core);
  await resumeInstalls(core, userName);
  await resumeArrivals(core, userName);
  progress.onPhase?.('verifying');
  const verified = await verifyBundle(file, { trust: trustStoreLookup(core.db), db: core.db, now: core.now(), signal: progress.signal, onBytes: progress.onBytes });
  if (!verified.contents) return { report: verified.report, imported: null };
  const contents = verified.contents;
  const { bag, definitions: carried } = contents;
  const reject = (failure: BundleFailure): ImportOutcome => ({ report: { ...verified.report, ok: false, failures: [failure] }, imported: null });

  progress.onPhase?.('storing');
  const zip = await ZipFile.open(file);
  let placed;
  let held: string | null = null;
  try {
    const evidence = [...contents.payload.values()].filter((e) => e.role === 'evidence');
    placed = await placeEvidence(core, zip, evidence, progress);
    // Held only for a head-office signer: any other's are refused with the records, never copied out.
    if (carried && vouchesForDefinitions(core.db, contents.signer.fingerprint)) {
      try {
        held = await holdDefinitions(core, zip, bag.bundleId, carried, contents.payload, progress);
      } catch (err) {
        removePlaced(placed);
        throw err;
      }
    }
  } catch (err) {
    if (err instanceof HoanError) throw err;
    const entry = (err as { entry?: string }).entry;
    if (entry) return reject({ class: 'manifest_mismatch', entry, reason: 'changedSinceVerify' });
    throw new HoanError('io', 'bundle.errors.unreadable', { path: file, reason: (err as Error).message.slice(0, 200) });
  } finally {
    await zip.close();
  }
  progress.onPhase?.('importing');
  let imported: Omit<ImportSummary, 'definitions'>;
  // Claimed before the records commit: another import's sweep must not take this bundle's advisories meanwhile.
  claimArrivals(bag.bundleId);
  try {
    imported = applyAll(core, contents, placed.stored, held, userName);
  } catch (err) {
    releaseArrivals(bag.bundleId);
    removePlaced(placed);
    releaseHeld(core.dataDir, held);
    if (err instanceof Rejected) return reject(err.failure);
    // A deferred foreign key fails at COMMIT, outside any one record file.
    if (String((err as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')) {
      return reject({ class: 'records_invalid', entry: null, reason: 'apply', params: { detail: (err as Error).message.slice(0, 200) } });
    }
    throw err;
  }
  let definitions = carried ? outcomeFor(core.db, bag.bundleId) : null;
  if (carried && definitions?.state === 'pending') {
    // Marked before the next await: another import in this process must not resume this row meanwhile.
    installing.add(bag.bundleId);
    try {
      progress.onPhase?.('installing_definitions');
      definitions = await installHeld(core, { bundleId: bag.bundleId, siteId: bag.siteId, signerFingerprint: contents.signer.fingerprint, carried, heldDir: held }, userName);
    } finally {
      installing.delete(bag.bundleId);
    }
  }
  releaseHeld(core.dataDir, held);
  try {
    if (bag.kind === 'review') {
      progress.onPhase?.('importing_advisories');
      await settleArrivals(core, bag.bundleId, userName);
    }
  } finally {
    releaseArrivals(bag.bundleId);
  }
  const carriedAdvisories = contents.records.get(ADVISORIES_RECORD) as CarriedAdvisories | undefined;
  const aliasTable = installCarriedAliasTable(core, carriedAdvisories?.aliasTable ?? null, bag.bundleId, bag.siteId, vouchesForDefinitions(core.db, contents.signer.fingerprint), userName);
  const arrivals = bag.kind === 'review' ? arrivalsOutcome(core.db, bag.bundleId) : null;
  const advisories = arrivals || aliasTable ? { counts: arrivals?.counts ?? noArrivals(), refused: arrivals?.refused ?? [], aliasTable } : null;
  progress.onPhase?.('finished');
  return { report: verified.report, imported: { ...imported, definitions, advisories } };
}
