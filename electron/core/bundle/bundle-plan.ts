import { createHash, randomUUID } from 'node:crypto';
import type { Core } from '../core';
import { evidenceFilePath } from '../evidence/evidence-store';
import { chainHeadForExport, type ChainHead } from '../media/log-anchors';
import { getTimeZone } from '../settings/settings-repository';
import { getSite } from '../sites/site-repository';
import { fileDay } from '../time/time-zone';
import { APP_VERSION } from '../version';
import { BAGIT_TXT, formatManifest, MANIFESTED_TAG_FILES, TAG_FILES } from './bagit';
import { bagInfoText } from './bag-info';
import { bagReadme } from './bag-readme';
import { ADVISORIES_RECORD, selectAdvisories, withoutText, type CarriedAdvisories } from './bundle-advisories';
import { planDefinitions } from './bundle-definitions';
import { DEFINITIONS_LIST_PATH, evidencePath, README_PATH, recordPath, reportPath } from './bundle-layout';
import { preflightBundle } from './bundle-preflight';
import { siteReports } from './bundle-reports';
import type { AdvisorySelection, BundleKind, CarriedAdvisory, CarriedDefinitions } from './bundle-types';
import { nextSequence } from './export-ledger';
import { getInstallation, type Installation } from './installation';
import { RECORD_DOMAINS } from './records';
import { RECORDS_FORMAT } from './verify-records';
import { CENTRAL_HEADER_SIZE, LOCAL_HEADER_SIZE } from './zip-format';
import { readTransaction } from '../db/transactions';
import { HoanError } from '../errors';

export type PlannedEntry = { name: string; size: number } & ({ bytes: Buffer } | { file: string; sha256: string });

export interface BundlePlan {
  kind: BundleKind;
  siteId: string;
  siteName: string;
  bundleId: string;
  sequence: number;
  created: Date;
  /** The installation's zone when planned: the file name's day, bag-info's dates, the zip's entry times. */
  timeZone: string;
  fileName: string;
  self: Installation;
  /** Everything but the tag manifest's signature, in write order. */
  entries: PlannedEntry[];
  tagManifest: Buffer;
  payloadBytes: number;
  payloadFiles: number;
  /** The media log's head as media.json holds it, declared in bag-info.txt (site bundles). */
  mediaLogHead: ChainHead | null;
  /** This installation's definitions set, when asked to send it (review bundles). */
  definitions: CarriedDefinitions | null;
  /** The advisories it carries (review bundles), chosen how; null for a site bundle. */
  advisories: { selection: AdvisorySelection; carried: CarriedAdvisory[]; aliasTableVersion: number | null } | null;
}

export interface PlanOptions {
  /** Add this installation's current ClamAV definitions (bundle-definitions.ts): head office to a site only. */
  withDefinitions?: boolean;
  /** Which advisories head office's bundle carries (bundle-advisories.ts); `new` when not said. Head office to a site only. */
  advisories?: AdvisorySelection;
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A site with its home elsewhere is annotated here, not edited: its bundle is head office's review. */
export function bundleKindOf(core: Core, siteId: string): BundleKind {
  return core.db.prepare('SELECT 1 FROM site_origins WHERE site_id = ?').get(siteId) ? 'review' : 'site';
}

function collectRecords(core: Core, siteId: string, kind: BundleKind, self: Installation, advisoryIds: readonly string[]) {
  // One read transaction: every record file describes the same moment.
  return readTransaction(core.db, () => {
    const ctx = { db: core.db, siteId, kind, self, advisoryIds };
    const files = new Map<string, Buffer>();
    const evidence = new Set<string>();
    let advisories: CarriedAdvisories | null = null;
    for (const domain of RECORD_DOMAINS.filter((d) => d.kinds.includes(kind))) {
      const data = domain.collect(ctx);
      if (domain.file === ADVISORIES_RECORD) advisories = data as CarriedAdvisories;
      for (const sha of [...(domain.requiredEvidence?.(data) ?? []), ...(domain.citedEvidence?.(ctx, data) ?? [])]) evidence.add(sha);
      files.set(domain.file, Buffer.from(`${JSON.stringify({ format: RECORDS_FORMAT, file: domain.file, siteId, data })}\n`));
    }
    const stored = core.db.prepare('SELECT size FROM evidence_files WHERE sha256 = ?');
    const sizes = new Map<string, number>();
    for (const sha of [...evidence].sort()) {
      const row = stored.get(sha) as { size: number } | undefined;
      if (row) sizes.set(sha, row.size);
    }
    // Read in the same transaction as media.json, so the declared head is exactly what it holds.
    const mediaLogHead = kind === 'site' ? chainHeadForExport(core.db, siteId) : null;
    return { files, sizes, mediaLogHead, advisories: advisories as CarriedAdvisories | null };
  });
}

/** What the zip will hold and how big it will be, before a byte is written. */
export async function planBundle(core: Core, siteId: string, options: PlanOptions = {}): Promise<BundlePlan> {
  const site = getSite(core.db, siteId);
  const self = getInstallation(core.db);
  const kind = bundleKindOf(core, siteId);
  // Definitions travel from head office to a site, never back: a site's own bundle refuses them before anything else.
  if (options.withDefinitions && kind !== 'review') throw new HoanError('validation', 'bundle.errors.definitionsOnlyReview', { site: site.name });
  // So do advisories: a site's bundle carries its decisions back instead.
  if (options.advisories && options.advisories !== 'none' && kind !== 'review') throw new HoanError('validation', 'advisories.bundle.errors.onlyReview', { site: site.name });
  const definitions = options.withDefinitions ? planDefinitions(core) : null;
  const selection: AdvisorySelection = options.advisories ?? 'new';
  const advisoryIds = kind === 'review' ? selectAdvisories(core, siteId, selection) : [];
  const created = core.now();
  // The day in the file name and in bag-info is the day at the site (the installation's zone), as its people know it.
  const timeZone = getTimeZone(core.db);
  const bundleId = randomUUID();
  const sequence = nextSequence(core, self);
  const fileName = `hoan-${kind}-${fileDay(created, timeZone)}-${String(sequence).padStart(4, '0')}-${bundleId.slice(0, 8)}.zip`;

  const { files, sizes, mediaLogHead, advisories } = collectRecords(core, siteId, kind, self, advisoryIds);
  const reports = kind === 'site' ? await siteReports(core, siteId) : new Map<string, Buffer>();
  const readme = Buffer.from(bagReadme({ fileName, siteName: site.name, signerName: self.name, fingerprint: self.fingerprint, principal: self.principal }));

  const payload: PlannedEntry[] = [
    { name: README_PATH, size: readme.length, bytes: readme },
    ...[...files].map(([file, bytes]) => ({ name: recordPath(file), size: bytes.length, bytes })),
    ...[...reports].map(([name, bytes]) => ({ name: reportPath(name), size: bytes.length, bytes })),
    ...[...sizes].map(([sha, size]) => ({ name: evidencePath(sha), size, file: evidenceFilePath(core.dataDir, sha), sha256: sha })),
    ...(definitions ? [{ name: DEFINITIONS_LIST_PATH, size: definitions.list.length, bytes: definitions.list }, ...definitions.files] : []),
  ];
  const payloadBytes = payload.reduce((n, e) => n + e.size, 0);
  const manifest = Buffer.from(formatManifest(payload.map((e) => [e.name, 'bytes' in e ? sha256(e.bytes) : e.sha256])));
  const organization = (kind === 'site' ? site.ownerName || site.name : self.name) || 'Hoan';
  const bagInfo = Buffer.from(
    bagInfoText({
      bundleId,
      kind,
      siteId,
      siteName: site.name,
      organization,
      signerFingerprint: self.fingerprint,
      signerName: self.name,
      signerPrincipal: self.principal,
      sequence,
      created,
      timeZone,
      payloadBytes,
      payloadFiles: payload.length,
      agent: `Hoan ${APP_VERSION}`,
      mediaLogHead,
    }),
  );
  const tags = new Map<string, Buffer>([
    [TAG_FILES.bagit, Buffer.from(BAGIT_TXT)],
    [TAG_FILES.bagInfo, bagInfo],
    [TAG_FILES.manifest, manifest],
  ]);
  const tagManifest = Buffer.from(formatManifest(MANIFESTED_TAG_FILES.map((name) => [name, sha256(tags.get(name)!)])));
  const entries: PlannedEntry[] = [
    ...[...tags].map(([name, bytes]) => ({ name, size: bytes.length, bytes })),
    { name: TAG_FILES.tagManifest, size: tagManifest.length, bytes: tagManifest },
    ...payload,
  ];
  const plan = { kind, siteId, siteName: site.name, bundleId, sequence, created, timeZone, fileName, self, entries, tagManifest, payloadBytes, payloadFiles: payload.length, mediaLogHead, definitions: definitions?.carried ?? null,
    advisories: advisories ? { selection, carried: advisories.documents.map(withoutText), aliasTableVersion: advisories.aliasTable?.version ?? null } : null };
  preflightBundle(plan, { siteName: site.name, organization });
  return plan;
}

/** The zip's size, with room for zip64 fields and the signature: what the medium must hold. */
export function estimatedBytes(plan: BundlePlan): number {
  const perEntry = (e: { name: string; size: number }) => LOCAL_HEADER_SIZE + CENTRAL_HEADER_SIZE + 2 * e.name.length + 48 + e.size;
  return plan.entries.reduce((n, e) => n + perEntry(e), 0) + perEntry({ name: TAG_FILES.signature, size: 512 }) + 256;
}
