import path from 'node:path';
import type Database from 'better-sqlite3';
import { HoanError } from '../errors';
import { checkCarriedDefinitions } from './bundle-definitions';
import type { BagSummary, BundleFailure, CarriedDefinitions, VerifyReport, VerifyStage } from './bundle-types';
import { DEFAULT_LIMITS, type BundleLimits } from './bundle-layout';
import { checkStructure, type CheckedEntry } from './bundle-structure';
import type { Progress } from './entry-io';
import { checkManifests } from './verify-manifests';
import { checkOwnership, checkRecords, checkReplay } from './verify-records';
import { checkSignature, type TrustLookup } from './verify-signature';
import { ZipFile } from './zip-reader';

export interface VerifyOptions extends Progress {
  trust: TrustLookup;
  /** Replay, order, ownership and the records against this database; null checks the bundle alone. */
  db: Database.Database | null;
  now: Date;
  limits?: BundleLimits;
}

export interface Verified {
  report: VerifyReport;
  /** Present when the report is ok: what an import writes. */
  contents: {
    bag: BagSummary;
    signer: { fingerprint: string; name: string; principal: string };
    records: Map<string, unknown>;
    payload: Map<string, CheckedEntry>;
    /** Head office's scanner definitions, listed and matching the manifest; null when none. */
    definitions: CarriedDefinitions | null;
  } | null;
}

/**
 * Verifies a bundle in the order the format promises, streaming, without
 * extracting anything: zip structure, signature, manifests and payload,
 * replay and order, records (head office's definitions list among them). It stops at the first stage that fails and
 * reports each failure with its class and entry. It never writes.
 */
export async function verifyBundle(file: string, options: VerifyOptions): Promise<Verified> {
  const passed: VerifyStage[] = [];
  let bag: BagSummary | null = null;
  let bytes = 0;
  const finish = (failures: BundleFailure[], contents: Verified['contents'] = null): Verified => ({
    report: { ok: failures.length === 0, fileName: path.basename(file), bytes, passed, failures, bag, definitions: contents?.definitions ?? null, checkedAt: options.now.toISOString() },
    contents,
  });

  let zip: ZipFile;
  try {
    zip = await ZipFile.open(file);
  } catch (err) {
    if ((err as { reason?: string }).reason === 'not_a_file' || (err as NodeJS.ErrnoException).code === 'EISDIR') {
      throw new HoanError('validation', 'bundle.errors.notAFile', { path: file });
    }
    throw new HoanError('io', 'bundle.errors.unreadable', { path: file, reason: (err as Error).message.slice(0, 200) });
  }
  try {
    bytes = zip.size;
    const structure = await checkStructure(zip, options.limits ?? DEFAULT_LIMITS);
    if (!structure.entries) return finish(structure.failures);
    passed.push('structure');

    const signed = await checkSignature(zip, structure.entries, options.trust);
    if ('class' in signed) return finish([signed]);
    passed.push('signature');

    const checked = await checkManifests(zip, structure.entries, signed.tagManifest, signed.signer.fingerprint, options);
    if (Array.isArray(checked)) return finish(checked);
    bag = checked.bag;
    passed.push('manifests');

    if (options.db) {
      const replay = checkReplay(options.db, checked.bag);
      if (replay) return finish([replay]);
      passed.push('replay');
    }

    const ownership = options.db ? checkOwnership(options.db, checked.bag) : null;
    if (ownership) return finish([ownership]);
    const records = checkRecords(checked.texts, checked.bag, checked.payload, options.db);
    if ('class' in records) return finish([records]);
    const carried = checkCarriedDefinitions(checked.texts, checked.bag, checked.payload, checked.manifest);
    if ('class' in carried) return finish([carried]);
    passed.push('records');
    return finish([], { bag: checked.bag, signer: signed.signer, records: records.records, payload: checked.payload, definitions: carried.definitions });
  } finally {
    await zip.close();
  }
}
