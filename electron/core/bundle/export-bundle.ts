import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';
import { HoanError } from '../errors';
import type { BundleJobPhase, ExportReconciliation, ExportResult, FailureClass } from './bundle-types';
import { estimatedBytes, planBundle, type BundlePlan, type PlanOptions } from './bundle-plan';
import { writeBundle } from './bundle-writer';
import type { Progress } from './entry-io';
import { closeExport, recordExport, releaseExport, reserveExport } from './export-ledger';
import { reconcileExports } from './export-reconcile';
import { namedInstallation, signingKey } from './installation';
import { actingUser } from '../settings/acting-user';
import { BUNDLE_NAMESPACE } from './keys';
import { signSshsig } from './sshsig';
import { checkTarget, type TargetInfo } from './target-folder';
import { verifyBundle } from './verify-bundle';

/**
 * Failures found after the bytes matched their hashes: they describe what
 * Hoan wrote, not what the medium did to it (bundle-preflight.ts checks them
 * before writing; this is the backstop). Every other failure on read-back
 * means the bytes changed, and only those blame the medium.
 */
const OWN_DATA_FAILURES = new Set<FailureClass>(['bag_invalid', 'records_invalid', 'chain_broken', 'ownership', 'replay', 'sequence_not_newer']);

export interface PreparedExport {
  plan: BundlePlan;
  target: TargetInfo;
  signature: string;
  /** Bytes written, then read back: the progress bar's whole. */
  bytesTotal: number;
}

/** Another export took the planned sequence number this many times in a row: give up and say so. */
const RESERVE_ATTEMPTS = 3;

/**
 * Everything that can be refused before writing: who exports and the
 * installation's name (both recorded), the signing key (owner-only,
 * and the installation's own), the site, the folder, the file system's
 * limits and free space. Signing happens here too: the tag manifest is known
 * before the payload is copied. Last, the plan's sequence number is reserved
 * (export-ledger.ts); only a reserved number is ever written to a medium.
 */
export async function prepareExport(core: Core, siteId: string, targetDir: string, options: PlanOptions = {}): Promise<PreparedExport> {
  actingUser(core);
  const key = signingKey(core.dataDir, core.keyProtector, namedInstallation(core.db));
  for (let attempt = 1; ; attempt++) {
    const plan = await planBundle(core, siteId, options);
    const target = await checkTarget(targetDir, estimatedBytes(plan));
    const signature = signSshsig(key, plan.self.publicBlob, BUNDLE_NAMESPACE, plan.tagManifest);
    const reservation = { bundleId: plan.bundleId, signerFingerprint: plan.self.fingerprint, sequence: plan.sequence, siteId: plan.siteId, kind: plan.kind, targetDir: target.dir, fileName: plan.fileName };
    if (reserveExport(core, reservation, plan.self)) return { plan, target, signature, bytesTotal: 2 * plan.payloadBytes };
    if (attempt === RESERVE_ATTEMPTS) throw new HoanError('conflict', 'bundle.errors.exportBusy');
  }
}

/** Reads the file back from the medium and verifies it completely (signature, manifests, every byte, records). */
async function readBack(core: Core, plan: BundlePlan, file: string, progress: Progress): Promise<void> {
  const self = plan.self;
  const { report } = await verifyBundle(file, {
    trust: (fp) => (fp === self.fingerprint ? { name: self.name, principal: self.principal } : undefined),
    db: null,
    now: core.now(),
    signal: progress.signal,
    onBytes: progress.onBytes,
  });
  if (!report.ok) {
    const first = report.failures[0]!;
    if (OWN_DATA_FAILURES.has(first.class)) {
      throw new HoanError('validation', 'bundle.errors.ownRecordsUnfit', { entry: first.entry ?? '', failure: first.class, detail: String(first.params?.path ?? first.params?.field ?? first.reason) });
    }
    throw new HoanError('io', 'bundle.errors.readBackFailed', { path: file, failure: first.class, entry: first.entry ?? '' });
  }
}

/**
 * An export that ends without a verified file removes what it wrote and
 * closes its reservation. Where a file stays under the final name (the
 * medium refused the delete, or the folder's sync failed after the rename),
 * the row stays pending and the next export settles it.
 */
function abandon(core: Core, plan: BundlePlan, file: string, written: boolean): void {
  try {
    if (written) fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.partial`, { force: true });
  } catch {
    releaseExport(plan.bundleId);
    return;
  }
  if (fs.existsSync(file)) releaseExport(plan.bundleId);
  else closeExport(core, plan.bundleId, 'abandoned');
}

/**
 * Settles exports a crash interrupted, then writes the bundle, reads the file
 * back from the medium and verifies it. Only then is it recorded and
 * reported as safe to remove; if not, the file is deleted. A crash at any
 * point leaves the reservation pending, which the next start or export
 * settles (export-reconcile.ts).
 */
export async function runExport(core: Core, prepared: PreparedExport, progress: Progress & { onPhase?(phase: BundleJobPhase): void } = {}): Promise<ExportResult> {
  const { plan, target } = prepared;
  const file = path.join(target.dir, plan.fileName);
  let earlier: ExportReconciliation[];
  let bytes: number;
  let written = false;
  try {
    earlier = await reconcileExports(core, { ...(progress.signal ? { signal: progress.signal } : {}), onReading: () => progress.onPhase?.('reconciling') });
    progress.onPhase?.('writing');
    await writeBundle(plan, prepared.signature, target.dir, progress);
    written = true;
    progress.onPhase?.('reading_back');
    await readBack(core, plan, file, progress);
    bytes = fs.statSync(file).size;
    // The export is recorded here: the history row and the closed reservation, in one transaction.
    recordExport(core, { ...plan, signerFingerprint: plan.self.fingerprint, signerName: plan.self.name, baggedAt: plan.created.toISOString(), mediaLogHead: plan.mediaLogHead });
  } catch (err) {
    // Not written, not verified, or cancelled: nothing stays under the final name.
    abandon(core, plan, file, written);
    throw err;
  }
  progress.onPhase?.('finished');
  const { fileName, bundleId, kind, sequence, payloadFiles, definitions } = plan;
  const advisories = plan.advisories ? { selection: plan.advisories.selection, count: plan.advisories.carried.length, aliasTableVersion: plan.advisories.aliasTableVersion } : null;
  return { path: file, fileName, bytes, bundleId, kind, sequence, payloadFiles, definitions, advisories, verified: true, earlier };
}

export async function exportBundle(core: Core, siteId: string, targetDir: string, progress: Progress = {}, options: PlanOptions = {}): Promise<ExportResult> {
  return runExport(core, await prepareExport(core, siteId, targetDir, options), progress);
}
