import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';
import { HoanError } from '../errors';
import { actingUser } from '../settings/acting-user';
import { startJob } from './bundle-jobs';
import type { BundleSource } from './bundle-schema';
import type { BundleJob } from './bundle-types';
import { discardUpload, uploadedBundle } from './bundle-uploads';
import type { PlanOptions } from './bundle-plan';
import { prepareExport, runExport } from './export-bundle';
import { importBundle } from './import-bundle';
import { trustStoreLookup } from './trust-lookup';
import { verifyBundle } from './verify-bundle';
import type { TrustLookup } from './verify-signature';

/** The bundle file a request names, checked to be a readable file; the name to show for it. */
export function resolveSource(core: Core, source: BundleSource): { file: string; name: string; uploadId: string | null } {
  if ('uploadId' in source) return { ...uploadedBundle(core.dataDir, source.uploadId), uploadId: source.uploadId };
  if (!path.isAbsolute(source.path)) throw new HoanError('validation', 'bundle.errors.sourceNotAbsolute', { path: source.path });
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source.path);
  } catch {
    throw new HoanError('validation', 'bundle.errors.sourceMissing', { path: source.path });
  }
  if (!stat.isFile()) throw new HoanError('validation', 'bundle.errors.notAFile', { path: source.path });
  return { file: source.path, name: path.basename(source.path), uploadId: null };
}

/** Checks everything that can be refused up front (folder, space, key), then writes in the background. */
export async function startExportJob(core: Core, siteId: string, targetDir: string, options: PlanOptions = {}): Promise<BundleJob> {
  const prepared = await prepareExport(core, siteId, targetDir, options);
  return startJob(core, 'export', prepared.bytesTotal, async (ctx) => ({ exported: await runExport(core, prepared, ctx) }));
}

export function startVerifyJob(core: Core, source: BundleSource, trust: TrustLookup = trustStoreLookup(core.db)): BundleJob {
  const { file, name } = resolveSource(core, source);
  return startJob(core, 'verify', fs.statSync(file).size, async (ctx) => {
    ctx.onPhase('verifying');
    const { report } = await verifyBundle(file, { trust, db: core.db, now: core.now(), signal: ctx.signal, onBytes: ctx.onBytes });
    return { report: { ...report, fileName: name } };
  });
}

/** An uploaded bundle is removed once imported; a refused one stays until discarded or swept. */
export function startImportJob(core: Core, source: BundleSource): BundleJob {
  actingUser(core);
  const { file, name, uploadId } = resolveSource(core, source);
  return startJob(core, 'import', 2 * fs.statSync(file).size, async (ctx) => {
    const outcome = await importBundle(core, file, ctx);
    if (outcome.imported && uploadId) discardUpload(core.dataDir, uploadId);
    return { report: { ...outcome.report, fileName: name }, imported: outcome.imported };
  });
}
