import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';
import { HoanError } from '../errors';
import { recordExportedHead } from '../media/log-anchors';
import { getSettings } from '../settings/settings-repository';
import type { BundleJobPhase, ExportResult } from './bundle-types';
import { estimatedBytes, planBundle, type BundlePlan } from './bundle-plan';
import { writeBundle } from './bundle-writer';
import type { Progress } from './entry-io';
import { loadSigningKey } from './installation';
import { BUNDLE_NAMESPACE } from './keys';
import { signSshsig } from './sshsig';
import { checkTarget, type TargetInfo } from './target-folder';
import { verifyBundle } from './verify-bundle';

export interface PreparedExport {
  plan: BundlePlan;
  target: TargetInfo;
  signature: string;
  /** Bytes written, then read back: the progress bar's whole. */
  bytesTotal: number;
}

/**
 * Everything that can be refused before writing: the site, the folder, the
 * file system's limits, free space, and the signing key. Signing happens
 * here too: the tag manifest is known before the payload is copied.
 */
export async function prepareExport(core: Core, siteId: string, targetDir: string): Promise<PreparedExport> {
  const plan = await planBundle(core, siteId);
  const target = await checkTarget(targetDir, estimatedBytes(plan));
  const key = loadSigningKey(core.dataDir, core.keyProtector);
  const signature = signSshsig(key, plan.self.publicBlob, BUNDLE_NAMESPACE, plan.tagManifest);
  return { plan, target, signature, bytesTotal: 2 * plan.payloadBytes };
}

/**
 * Writes the bundle, then reads the file back from the medium and verifies
 * it completely (signature, manifests, every byte, records). Only then is it
 * recorded and reported as safe to remove; if not, the file is deleted.
 */
export async function runExport(core: Core, prepared: PreparedExport, progress: Progress & { onPhase?(phase: BundleJobPhase): void } = {}): Promise<ExportResult> {
  const { plan, target } = prepared;
  progress.onPhase?.('writing');
  const file = await writeBundle(plan, prepared.signature, target.dir, progress);
  try {
    progress.onPhase?.('reading_back');
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
      throw new HoanError('io', 'bundle.errors.readBackFailed', { path: file, failure: first.class, entry: first.entry ?? '' });
    }
    const bytes = fs.statSync(file).size;
    core.db
      .prepare(
        `INSERT INTO bundles (id, direction, kind, site_id, signer_fingerprint, signer_name, sequence, bagged_at, file_name,
           payload_bytes, payload_files, recorded_at, recorded_by)
         VALUES (?, 'export', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(plan.bundleId, plan.kind, plan.siteId, self.fingerprint, self.name, plan.sequence, plan.created.toISOString(), plan.fileName,
        plan.payloadBytes, plan.payloadFiles, core.now().toISOString(), getSettings(core.db).userName);
    recordExportedHead(core.db, plan, core.now());
    progress.onPhase?.('finished');
    return { path: file, fileName: path.basename(file), bytes, bundleId: plan.bundleId, kind: plan.kind, sequence: plan.sequence, payloadFiles: plan.payloadFiles, verified: true };
  } catch (err) {
    // Not verified, or cancelled while checking: nothing stays under the final name.
    fs.rmSync(file, { force: true });
    throw err;
  }
}

export async function exportBundle(core: Core, siteId: string, targetDir: string, progress: Progress = {}): Promise<ExportResult> {
  return runExport(core, await prepareExport(core, siteId, targetDir), progress);
}
