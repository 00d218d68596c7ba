import { createHash } from 'node:crypto';
import { BAGIT_TXT, MANIFESTED_TAG_FILES, parseManifest, TAG_FILES } from './bagit';
import { readBagInfo } from './bag-info';
import type { BagSummary, BundleFailure } from './bundle-types';
import type { CheckedEntry } from './bundle-structure';
import { hashEntry, readEntry, type Progress } from './entry-io';
import type { ZipFile } from './zip-reader';

export interface CheckedPayload {
  bag: BagSummary;
  /** Records, README and the definitions list, by path: the very bytes that were hashed. */
  texts: Map<string, Buffer>;
  /** Payload entries by path, each hashed and matching the manifest. */
  payload: Map<string, CheckedEntry>;
  manifest: Map<string, string>;
}

const MAX_REPORTED = 50;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const PAYLOAD_ROLES = new Set<CheckedEntry['role']>(['readme', 'record', 'evidence', 'report', 'definitions_list', 'definitions']);
const isPayload = (e: CheckedEntry) => PAYLOAD_ROLES.has(e.role);

async function checkTagFiles(zip: ZipFile, entries: Map<string, CheckedEntry>, tagManifest: Buffer): Promise<BundleFailure[]> {
  const parsed = parseManifest(tagManifest.toString('utf8'));
  if ('badLine' in parsed) return [{ class: 'bag_invalid', entry: TAG_FILES.tagManifest, reason: 'manifestLine', params: { line: parsed.badLine } }];
  const required = new Set<string>(MANIFESTED_TAG_FILES);
  const failures: BundleFailure[] = [...parsed.files.keys()]
    .filter((name) => !required.has(name))
    .map((name) => ({ class: 'bag_invalid', entry: name, reason: 'tagManifestExtra' }));
  for (const name of MANIFESTED_TAG_FILES) {
    const listed = parsed.files.get(name);
    const entry = entries.get(name);
    if (!listed) failures.push({ class: 'bag_invalid', entry: name, reason: 'tagFileUnlisted' });
    else if (!entry) failures.push({ class: 'missing_file', entry: name, reason: 'missing' });
    else if (sha256(await readEntry(zip, entry)) !== listed) failures.push({ class: 'tag_manifest_mismatch', entry: name, reason: 'hashMismatch' });
  }
  return failures;
}

function compareListing(entries: Map<string, CheckedEntry>, manifest: Map<string, string>): BundleFailure[] {
  const failures: BundleFailure[] = [];
  for (const [path, hash] of manifest) {
    const entry = entries.get(path);
    if (!entry || !isPayload(entry)) failures.push({ class: 'missing_file', entry: path, reason: 'missing' });
    else if (entry.role === 'evidence' && path.slice(-64) !== hash) failures.push({ class: 'manifest_mismatch', entry: path, reason: 'evidenceName' });
  }
  for (const entry of entries.values()) {
    if (isPayload(entry) && !manifest.has(entry.name)) failures.push({ class: 'unlisted_file', entry: entry.name, reason: 'unlisted' });
  }
  return failures;
}

/**
 * Stage 3, once the tag manifest is known to be signed: the tag files
 * against it, the payload listing against the manifest (missing, unlisted,
 * Payload-Oxum), then every payload byte against its sha256.
 */
export async function checkManifests(
  zip: ZipFile,
  entries: Map<string, CheckedEntry>,
  tagManifest: Buffer,
  signerFingerprint: string,
  progress: Progress,
): Promise<CheckedPayload | BundleFailure[]> {
  const tagFailures = await checkTagFiles(zip, entries, tagManifest);
  if (tagFailures.length > 0) return tagFailures;
  if ((await readEntry(zip, entries.get(TAG_FILES.bagit)!)).toString('utf8') !== BAGIT_TXT) {
    return [{ class: 'bag_invalid', entry: TAG_FILES.bagit, reason: 'bagitTxt' }];
  }
  const bag = readBagInfo((await readEntry(zip, entries.get(TAG_FILES.bagInfo)!)).toString('utf8'));
  if ('badField' in bag) return [{ class: 'bag_invalid', entry: TAG_FILES.bagInfo, reason: 'bagInfoField', params: { field: bag.badField } }];
  if (bag.signerFingerprint !== signerFingerprint) return [{ class: 'bag_invalid', entry: TAG_FILES.bagInfo, reason: 'signerMismatch' }];
  const parsed = parseManifest((await readEntry(zip, entries.get(TAG_FILES.manifest)!)).toString('utf8'));
  if ('badLine' in parsed) return [{ class: 'bag_invalid', entry: TAG_FILES.manifest, reason: 'manifestLine', params: { line: parsed.badLine } }];

  const listing = compareListing(entries, parsed.files);
  if (listing.length > 0) return listing.slice(0, MAX_REPORTED);
  const payload = [...entries.values()].filter(isPayload).sort((a, b) => a.dataOffset - b.dataOffset);
  const bytes = payload.reduce((n, e) => n + e.size, 0);
  if (bytes !== bag.payloadBytes || payload.length !== bag.payloadFiles) {
    return [{ class: 'bag_invalid', entry: TAG_FILES.bagInfo, reason: 'oxum', params: { declared: `${bag.payloadBytes}.${bag.payloadFiles}`, found: `${bytes}.${payload.length}` } }];
  }

  const texts = new Map<string, Buffer>();
  const failures: BundleFailure[] = [];
  for (const entry of payload) {
    const keep = entry.role === 'record' || entry.role === 'readme' || entry.role === 'definitions_list';
    const { sha256: actual, bytes: kept } = await hashEntry(zip, entry, keep, progress);
    if (actual !== parsed.files.get(entry.name)) failures.push({ class: 'manifest_mismatch', entry: entry.name, reason: 'hashMismatch' });
    else if (kept) texts.set(entry.name, kept);
  }
  if (failures.length > 0) return failures.slice(0, MAX_REPORTED);
  return { bag, texts, payload: new Map(payload.map((e) => [e.name, e])), manifest: parsed.files };
}
