/**
 * Head-office sample (issue 15, goal 3): site bundles as real sites would
 * send them, built with Hoan's own code, and a head-office data folder that
 * imports them.
 *
 * Each site is its own installation (its own data folder and Ed25519 key, as
 * every site PC has) with its own site: 500 devices committed through the
 * inventory import, one checklist round with every item decided and the round
 * completed, 50 small evidence files (a few KiB each, attached to items),
 * 10 media and a checkpoint log of 5,000 entries appended through
 * `appendEntry`, then one bundle written by `exportBundle`. Nothing is written
 * with hand-made SQL, so the sample cannot drift from the schema.
 *
 * Speed: the 500-device spreadsheet is parsed once (one worker job) and the
 * parsed rows are committed into every site; log entries are appended in
 * transactions of 5,000 (each `appendEntry` inside is a savepoint). What a
 * site costs is then mostly its own work: about 5,000 chain hashes and
 * inserts, the round, the evidence and the export.
 *
 * Stable API (used by bench/head-office.ts and the tests titled [#15.3]):
 *
 *   buildSiteBundles(root, count, options?) → SiteSample[]
 *       `count` sites, each in root/sites/<i>/ (data folder) with its bundle in
 *       root/bundles/. Sites are numbered from options.first (default 0), so
 *       two calls can build disjoint sets. options.keepData (default: true
 *       for site 0 only) keeps a site's data folder open-able afterwards for
 *       nextSiteBundle; the others are removed once exported (disk).
 *   nextSiteBundle(sample, entries = 100) → string
 *       `entries` more log entries at that site, and its next bundle (the
 *       whole chain again, as every site bundle carries it).
 *   openHeadOffice(dir, samples) → Core
 *       a named head-office installation that trusts every sample's key.
 *   importAll(office, samples) → ImportTiming[]
 *       imports every bundle in order, failing loudly on any refusal.
 *   sharedOfficeDir(shared, sites) → string
 *       where `npm run bench` keeps the head-office folder of that many sites
 *       for the start-up benchmark to open again (HOAN_BENCH_SHARED).
 */
import fs from 'node:fs';
import path from 'node:path';
import { exportBundle } from '../electron/core/bundle/export-bundle';
import { importBundle } from '../electron/core/bundle/import-bundle';
import { keyInfo, renameInstallation } from '../electron/core/bundle/installation';
import { addTrusted } from '../electron/core/bundle/trust-store';
import { decisionSchema } from '../electron/core/checklist/assessment-schema';
import { attachEvidence, updateDecision } from '../electron/core/checklist/item-repository';
import { completeRound, createRound } from '../electron/core/checklist/round-repository';
import { recordClassification } from '../electron/core/classification/classification-repository';
import { classificationAnswersSchema } from '../electron/core/classification/classification-schema';
import { openCore, type Core } from '../electron/core/core';
import { storeEvidenceBytes } from '../electron/core/evidence/evidence-store';
import { commitImport } from '../electron/core/inventory/import-commit';
import { startParse, type ParsedImport } from '../electron/core/inventory/parse-job';
import { parseTmpDir } from '../electron/core/inventory/upload-store';
import { appendEntry, type EntryDraft } from '../electron/core/media/checkpoint-log';
import { createMedium, getMedium } from '../electron/core/media/media-registry';
import { mediumFieldsSchema } from '../electron/core/media/media-schema';
import type { CheckInBody, Medium } from '../electron/core/media/media-types';
import { updateSettings } from '../electron/core/settings/settings-repository';
import { createSite } from '../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../electron/core/sites/site-schema';

export interface SampleOptions {
  /** Number of the first site (names, seeds): default 0. */
  first?: number;
  entries?: number;
  devices?: number;
  evidence?: number;
  /** Keep this site's data folder (for nextSiteBundle). Default: only site 0. */
  keepData?: (index: number) => boolean;
}

export interface SiteSample {
  index: number;
  siteId: string;
  siteName: string;
  /** The bundle file. */
  file: string;
  /** The site's allowed_signers line, for head office's trust list. */
  allowedSigners: string;
  /** The site's data folder, or null once removed. */
  dataDir: string | null;
  /** The site's clock (ms), moved on by every write; nextSiteBundle continues it. */
  clock: number;
  entries: number;
}

export interface ImportTiming {
  index: number;
  seconds: number;
}

const REGIONS = ['hokkaido', 'tohoku', 'kanto', 'chubu', 'kinki', 'chugoku', 'shikoku', 'kyushu'] as const;
const START = Date.parse('2025-04-01T00:00:00Z');
const STEP_MS = 90 * 60_000; // a check-in every hour and a half: 5,000 cover about ten months

/** Deterministic per site, so two runs build the same logs. */
function randomFor(seed: number) {
  let s = (seed * 2654435761) >>> 0 || 1;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

const hex64 = (rand: () => number) => Array.from({ length: 8 }, () => Math.floor(rand() * 0xffffffff).toString(16).padStart(8, '0')).join('');

function draft(siteId: string, m: Medium, at: number, rand: () => number): EntryDraft {
  const r = rand();
  const result = r < 0.9 ? 'clean' : r < 0.95 ? 'infected' : r < 0.98 ? 'error' : 'no_evidence';
  const exception = result !== 'clean' && rand() < 0.2;
  const body: CheckInBody = {
    targets: ['PLC-1', '監視PC'],
    scan: result === 'no_evidence' ? null : {
      profile: 'clamav', scanner: 'ClamAV clamscan', engineVersion: '1.4.6', signatureVersion: 'daily 27500 (Tue Jan 7 09:29:48 2025)',
      startedAt: new Date(at - 13_000).toISOString(), endedAt: new Date(at - 1_000).toISOString(), filesScanned: Math.floor(rand() * 500), exitCode: result === 'infected' ? 1 : 0,
      result, detections: result === 'infected' ? [{ file: 'tools/update.exe', name: 'Win.Test.EICAR_HDB-1' }] : [],
      errorText: '', logSha256: hex64(rand),
    },
    prior: null,
    manifest: { sha256: hex64(rand), root: '/media/usb0', fileCount: 42, totalBytes: 123_456_789, hashedFiles: 42, truncated: false, limits: { maxFiles: 20000, maxFileMb: 1024, maxTotalMb: 16384 } },
  };
  return {
    siteId, kind: 'check_in', mediumId: m.id, controlNo: m.controlNo, mediumType: m.type,
    person: `作業員 ${String(Math.floor(rand() * 40)).padStart(2, '0')}`, company: `保守会社 ${String.fromCharCode(65 + Math.floor(rand() * 8))}`,
    purpose: '定期点検に伴うPLCプログラムのバックアップ', method: result === 'no_evidence' ? 'none' : 'scan_here', result, decision: result === 'clean' ? 'allowed' : exception ? 'exception' : 'denied',
    approver: exception ? '電気主任技術者' : '', exceptionReason: exception ? 'メーカー確認済み' : '', refersTo: null, body,
  };
}

/** The device register every site imports (500 rows): parsed once, committed into each site. */
async function parsedDevices(dir: string, count: number): Promise<ParsedImport> {
  const kinds = ['PLC', 'PCS', '監視装置', 'ルーター', '保護継電器', 'PC', 'スイッチ', '計測器', 'ゲートウェイ', 'HMI'];
  const rows = [['管理番号', '機器名', '種別', '設置場所', 'IPアドレス', 'メーカー', '型式']];
  for (let i = 0; i < count; i++) {
    const kind = kinds[(i * 7) % kinds.length]!;
    rows.push([`DEV-${String(i + 1).padStart(4, '0')}`, `${kind} ${i + 1} 号機`, kind, `第${(i % 6) + 1}電気室`, `192.168.${Math.floor(i / 250)}.${(i % 250) + 1}`, `メーカー${i % 12}`, `MODEL-${i % 37}`]);
  }
  const file = path.join(dir, '機器台帳.csv');
  fs.writeFileSync(file, `\uFEFF${rows.map((r) => r.join(',')).join('\r\n')}\r\n`);
  const outcome = await startParse({ file, displayName: '機器台帳.csv', tmpDir: parseTmpDir(dir) }).done;
  if (outcome.state !== 'done' || outcome.parsed.problem || outcome.parsed.records.length !== count) throw new Error('the sample device register did not parse');
  return outcome.parsed;
}

function appendLog(core: Core, siteId: string, media: Medium[], from: number, count: number, clock: { at: number }, rand: () => number): void {
  const BATCH = 5_000;
  for (let done = 0; done < count; ) {
    const n = Math.min(BATCH, count - done);
    core.db.transaction(() => {
      for (let i = 0; i < n; i++) {
        clock.at += STEP_MS;
        appendEntry(core.db, draft(siteId, media[(from + done + i) % media.length]!, clock.at, rand), new Date(clock.at), '現地 担当');
      }
    })();
    done += n;
  }
}

async function buildOne(root: string, index: number, parsed: ParsedImport, options: Required<Omit<SampleOptions, 'first' | 'keepData'>>, keep: boolean): Promise<SiteSample> {
  const rand = randomFor(index + 1);
  const clock = { at: START + index * 60_000 };
  const dataDir = path.join(root, 'sites', String(index));
  const core = openCore({ dataDir, now: () => new Date(clock.at) });
  try {
    const no = String(index + 1).padStart(3, '0');
    const siteName = `第${no}太陽光発電所`;
    renameInstallation(core.db, `${siteName} 監視PC`, core.now());
    updateSettings(core.db, { userName: '現地 担当' }, core.now());
    const site = createSite(
      core.db,
      siteFieldsSchema.parse({
        name: siteName, address: `${REGIONS[index % REGIONS.length]} ${index + 1}-1`, ownerName: `発電事業者 ${no} 株式会社`, contractorName: '電気保安法人サンプル',
        region: REGIONS[index % REGIONS.length], receivingVoltageV: 6600, generationCapacityKw: 500 + (index % 20) * 100, gridConnected: true, reversePowerFlow: index % 3 !== 0,
        hasRemoteMonitoring: true, hasControlSystem: index % 2 === 0, installationType: 'existing', lastSystemChangeDate: null,
      }),
      core.now(),
      '現地 担当',
    );
    recordClassification(core.db, site.id, classificationAnswersSchema.parse({ hasRemoteMonitoring: true, hasControlSystem: index % 2 === 0, hasGeneration: true, sellsSurplus: index % 3 !== 0 }), '現地 担当', core.now());
    commitImport(core.db, { siteId: site.id, parsed, userName: '現地 担当', now: core.now() });

    // One round, every item decided (該当なし with a reason needs no plan), small evidence on the first items, completed.
    const round = createRound(core.db, { siteId: site.id, title: '2025年度 年次点検', framework: 'jikayo-gl', carryOverFrom: null }, '現地 担当', core.now());
    const items = (core.db.prepare('SELECT item_id FROM assessment_items WHERE round_id = ? ORDER BY item_id').all(round.id) as { item_id: string }[]).map((r) => r.item_id);
    const notApplicable = decisionSchema.parse({ status: 'not_applicable', necessity: null, reason: '当該設備なし（サンプル）' });
    core.db.transaction(() => {
      for (const item of items) updateDecision(core.db, round.id, item, notApplicable, '現地 担当', core.now());
    })();
    for (let i = 0; i < options.evidence; i++) {
      const bytes = Buffer.alloc(2048 + ((index * 31 + i * 97) % 4096), `${siteName} 点検写真 ${i} `);
      const name = `photo-${String(i + 1).padStart(2, '0')}.jpg`;
      const { sha256 } = await storeEvidenceBytes(core, bytes, name);
      attachEvidence(core.db, round.id, items[i % items.length]!, { sha256, name }, '現地 担当', core.now());
    }
    completeRound(core.db, round.id, '現地 担当', core.now());

    const media = Array.from({ length: 10 }, (_, i) =>
      createMedium(core.db, site.id, mediumFieldsSchema.parse({ controlNo: `USB-${String(i + 1).padStart(3, '0')}`, type: 'usb_stick', ownerPerson: '現地 担当' }), core.now(), '現地 担当'),
    );
    appendLog(core, site.id, media, 0, options.entries, clock, rand);

    const bundles = path.join(root, 'bundles');
    fs.mkdirSync(bundles, { recursive: true });
    clock.at += 60_000;
    const { path: file } = await exportBundle(core, site.id, bundles);
    const allowedSigners = keyInfo(core.db, core.dataDir).allowedSigners;
    return { index, siteId: site.id, siteName, file, allowedSigners, dataDir: keep ? dataDir : null, clock: clock.at, entries: options.entries };
  } finally {
    core.close();
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `count` site bundles in root/bundles/ (see the header). */
export async function buildSiteBundles(root: string, count: number, options: SampleOptions = {}): Promise<SiteSample[]> {
  const first = options.first ?? 0;
  const sizes = { entries: options.entries ?? 5_000, devices: options.devices ?? 500, evidence: options.evidence ?? 50 };
  const keep = options.keepData ?? ((i: number) => i === 0);
  const work = path.join(root, 'register');
  fs.mkdirSync(work, { recursive: true });
  const parsed = await parsedDevices(work, sizes.devices);
  fs.rmSync(work, { recursive: true, force: true });
  const out: SiteSample[] = [];
  for (let i = first; i < first + count; i++) out.push(await buildOne(root, i, parsed, sizes, keep(i)));
  return out;
}

/** `entries` more log entries at the sample's site, and its next bundle; updates `sample`. */
export async function nextSiteBundle(sample: SiteSample, entries = 100): Promise<string> {
  if (!sample.dataDir) throw new Error(`site ${sample.index}'s data folder was not kept (options.keepData)`);
  const clock = { at: sample.clock };
  const core = openCore({ dataDir: sample.dataDir, now: () => new Date(clock.at) });
  try {
    const media = (core.db.prepare('SELECT id FROM media WHERE site_id = ? ORDER BY control_no').all(sample.siteId) as { id: string }[]).map((m) => m.id);
    appendLog(core, sample.siteId, media.map((id) => getMedium(core.db, id)), sample.entries, entries, clock, randomFor(sample.index * 7919 + sample.entries));
    clock.at += 60_000;
    const { path: file } = await exportBundle(core, sample.siteId, path.dirname(sample.file));
    sample.entries += entries;
    sample.clock = clock.at;
    sample.file = file;
    return file;
  } finally {
    core.close();
  }
}

/** A named head-office installation at `dir` that trusts every sample's key as a site's. */
export function openHeadOffice(dir: string, samples: readonly SiteSample[], now: () => Date = () => new Date()): Core {
  const core = openCore({ dataDir: dir, now });
  renameInstallation(core.db, '本社 保安管理課', core.now());
  updateSettings(core.db, { userName: '本社 担当' }, core.now());
  for (const s of samples) addTrusted(core.db, s.allowedSigners, 'site', 'manual', '本社 担当', core.now());
  return core;
}

/** Imports every sample's bundle in order; throws on the first refusal. */
export async function importAll(office: Core, samples: readonly SiteSample[]): Promise<ImportTiming[]> {
  const out: ImportTiming[] = [];
  for (const s of samples) {
    const t0 = process.hrtime.bigint();
    const outcome = await importBundle(office, s.file);
    if (!outcome.imported) throw new Error(`head office refused ${s.siteName}'s bundle: ${JSON.stringify(outcome.report.failures).slice(0, 500)}`);
    out.push({ index: s.index, seconds: Number(process.hrtime.bigint() - t0) / 1e9 });
  }
  return out;
}

export function sharedOfficeDir(shared: string, sites: number): string {
  return path.join(shared, `head-office-${sites}-sites`);
}
