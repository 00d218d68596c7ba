import { HoanError } from '../errors';
import { BAGIT_TXT, parseManifest, TAG_FILES } from './bagit';
import { bagName, readBagInfo } from './bag-info';
import { DEFAULT_LIMITS, limitFor, roleOf } from './bundle-layout';
import { checkCarriedDefinitions } from './bundle-definitions';
import type { BagSummary, BundleFailure } from './bundle-types';
import { checkRecords } from './verify-records';

/** The plan as far as these checks read it (bundle-plan.ts's BundlePlan). */
interface PlanToCheck {
  siteId: string;
  bundleId: string;
  sequence: number;
  payloadBytes: number;
  payloadFiles: number;
  self: { name: string; fingerprint: string };
  entries: readonly { name: string; size: number; bytes?: Buffer }[];
}

/** What the plan's bag-info must read back as. */
export interface PlannedBag {
  siteName: string;
  organization: string;
}

const refuse = (failure: BundleFailure, detail: string): never => {
  throw new HoanError('validation', 'bundle.errors.ownRecordsUnfit', { entry: failure.entry ?? '', failure: failure.class, detail: detail.slice(0, 200) });
};

function checkBagInfo(plan: PlanToCheck, bytes: Buffer, expected: PlannedBag): BagSummary {
  const bag = readBagInfo(bytes.toString('utf8'));
  if ('badField' in bag) return refuse({ class: 'bag_invalid', entry: TAG_FILES.bagInfo, reason: 'bagInfoField' }, bag.badField);
  const differs = (
    [
      ['Hoan-Site-Name', bag.siteName, bagName(expected.siteName)],
      ['Source-Organization', bag.sourceOrganization, bagName(expected.organization)],
      ['Hoan-Signer-Name', bag.signerName, bagName(plan.self.name)],
      ['Hoan-Site-Id', bag.siteId, plan.siteId],
      ['External-Identifier', bag.bundleId, plan.bundleId],
      ['Hoan-Sequence', bag.sequence, plan.sequence],
      ['Hoan-Signer-Fingerprint', bag.signerFingerprint, plan.self.fingerprint],
      ['Payload-Oxum', `${bag.payloadBytes}.${bag.payloadFiles}`, `${plan.payloadBytes}.${plan.payloadFiles}`],
    ] as const
  ).find(([, read, meant]) => read !== meant);
  if (differs) refuse({ class: 'bag_invalid', entry: TAG_FILES.bagInfo, reason: 'bagInfoField' }, differs[0]);
  return bag;
}

/**
 * Before a byte is written, Hoan's own tag files and records are read back
 * the way a receiver reads them (verify-manifests.ts, verify-records.ts): the
 * bag-info values decode to what was meant, both manifests parse and list
 * every entry, every entry fits the layout and its size limit, and every
 * record file passes its schema and checks (the media log's chain among
 * them), and so does head office's definitions list. A failure here is
 * Hoan's data, never the medium: the export is refused naming the file and
 * the check, and nothing is written. Whatever the read-back after writing
 * still finds is then a change in the bytes.
 */
export function preflightBundle(plan: PlanToCheck, expected: PlannedBag): void {
  const entries = new Map(plan.entries.map((e) => [e.name, e]));
  const bytesOf = (name: string) => {
    const entry = entries.get(name);
    return entry?.bytes ?? Buffer.alloc(0);
  };
  if (bytesOf(TAG_FILES.bagit).toString('utf8') !== BAGIT_TXT) refuse({ class: 'bag_invalid', entry: TAG_FILES.bagit, reason: 'bagitTxt' }, 'bagit.txt');
  const bag = checkBagInfo(plan, bytesOf(TAG_FILES.bagInfo), expected);

  const limits = DEFAULT_LIMITS;
  if (plan.entries.length + 1 > limits.maxEntries) refuse({ class: 'size_limit', entry: null, reason: 'tooManyEntries' }, String(plan.entries.length + 1));
  let total = 0;
  for (const e of plan.entries) {
    const role = roleOf(e.name);
    if (!role) refuse({ class: 'outside_layout', entry: e.name, reason: 'outsideLayout' }, e.name);
    else if (e.size > limitFor(role, limits)) refuse({ class: 'size_limit', entry: e.name, reason: 'entryTooLarge' }, String(e.size));
    total += e.size;
  }
  if (total > limits.maxTotalBytes) refuse({ class: 'size_limit', entry: null, reason: 'totalTooLarge' }, String(total));

  const payloadNames = new Set(plan.entries.filter((e) => roleOf(e.name) !== 'tag').map((e) => e.name));
  for (const [name, listed] of [[TAG_FILES.tagManifest, [TAG_FILES.bagit, TAG_FILES.bagInfo, TAG_FILES.manifest]], [TAG_FILES.manifest, [...payloadNames]]] as const) {
    const parsed = parseManifest(bytesOf(name).toString('utf8'));
    if ('badLine' in parsed) refuse({ class: 'bag_invalid', entry: name, reason: 'manifestLine' }, `line ${parsed.badLine}`);
    else if (parsed.files.size !== listed.length || listed.some((n) => !parsed.files.has(n))) refuse({ class: 'bag_invalid', entry: name, reason: 'manifestLine' }, 'listing');
  }

  const texts = new Map(plan.entries.flatMap((e) => (e.bytes && (roleOf(e.name) === 'record' || roleOf(e.name) === 'definitions_list') ? [[e.name, e.bytes] as const] : [])));
  const records = checkRecords(texts, bag, payloadNames, null);
  if ('class' in records) refuse(records, records.params?.path !== undefined ? String(records.params.path) : records.reason);
  const manifest = parseManifest(bytesOf(TAG_FILES.manifest).toString('utf8'));
  const carried = checkCarriedDefinitions(texts, bag, entries, 'files' in manifest ? manifest.files : new Map());
  if ('class' in carried) refuse(carried, carried.params?.path !== undefined ? String(carried.params.path) : carried.reason);
}
