import type { Core } from '../core';
import { HoanError } from '../errors';
import { recordAudit } from '../audit/audit-log';
import { actingUser } from '../settings/acting-user';
import type { BundleFailure, BundleJobPhase, ImportSummary, VerifyReport } from './bundle-types';
import type { Progress } from './entry-io';
import { placeEvidence, removePlaced } from './evidence-import';
import { RECORD_DOMAINS } from './records';
import { recordPath } from './bundle-layout';
import { trustStoreLookup } from './trust-lookup';
import { verifyBundle, type Verified } from './verify-bundle';
import { checkOwnership, checkReplay } from './verify-records';
import { ZipFile } from './zip-reader';
import { writeTransaction } from '../db/transactions';

/** Raised inside the import transaction to roll it back with a failure to report. */
class Rejected extends Error {
  constructor(readonly failure: BundleFailure) {
    super(failure.reason);
  }
}

function applyAll(core: Core, contents: NonNullable<Verified['contents']>, stored: { sha256: string; size: number }[], userName: string): ImportSummary {
  const { db } = core;
  const { bag, signer, records } = contents;
  const now = core.now();
  const counts: Record<string, number> = {};
  writeTransaction(db, () => {
    // Checked again under the write lock: another import may have landed since verification.
    const again = checkReplay(db, bag) ?? checkOwnership(db, bag);
    if (again) throw new Rejected(again);
    db.pragma('defer_foreign_keys = ON');
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
  });
  return { kind: bag.kind, siteId: bag.siteId, siteName: bag.siteName, bundleId: bag.bundleId, counts, evidenceStored: counts.evidence ?? 0 };
}

export interface ImportOutcome {
  report: VerifyReport;
  imported: ImportSummary | null;
}

/**
 * Verifies the bundle completely, then imports it: evidence into the store
 * (hash-checked again), then every record in one transaction. Any failure
 * rolls the transaction back and removes the evidence files it added:
 * nothing is written unless everything is.
 */
export async function importBundle(core: Core, file: string, progress: Progress & { onPhase?(phase: BundleJobPhase): void } = {}): Promise<ImportOutcome> {
  // Asked first: a bundle verified and stored, then refused for want of a name, would waste the wait.
  const userName = actingUser(core);
  progress.onPhase?.('verifying');
  const verified = await verifyBundle(file, { trust: trustStoreLookup(core.db), db: core.db, now: core.now(), signal: progress.signal, onBytes: progress.onBytes });
  if (!verified.contents) return { report: verified.report, imported: null };
  const contents = verified.contents;
  const reject = (failure: BundleFailure): ImportOutcome => ({ report: { ...verified.report, ok: false, failures: [failure] }, imported: null });

  progress.onPhase?.('storing');
  const zip = await ZipFile.open(file);
  let placed;
  try {
    const evidence = [...contents.payload.values()].filter((e) => e.role === 'evidence');
    placed = await placeEvidence(core, zip, evidence, progress);
  } catch (err) {
    if (err instanceof HoanError) throw err;
    const entry = (err as { entry?: string }).entry;
    if (entry) return reject({ class: 'manifest_mismatch', entry, reason: 'changedSinceVerify' });
    throw new HoanError('io', 'bundle.errors.unreadable', { path: file, reason: (err as Error).message.slice(0, 200) });
  } finally {
    await zip.close();
  }
  progress.onPhase?.('importing');
  try {
    const imported = applyAll(core, contents, placed.stored, userName);
    progress.onPhase?.('finished');
    return { report: verified.report, imported };
  } catch (err) {
    removePlaced(placed);
    if (err instanceof Rejected) return reject(err.failure);
    // A deferred foreign key fails at COMMIT, outside any one record file.
    if (String((err as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT')) {
      return reject({ class: 'records_invalid', entry: null, reason: 'apply', params: { detail: (err as Error).message.slice(0, 200) } });
    }
    throw err;
  }
}
