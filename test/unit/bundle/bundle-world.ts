import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { importBundle } from '../../../electron/core/bundle/import-bundle';
import { keyInfo, renameInstallation } from '../../../electron/core/bundle/installation';
import { addTrusted } from '../../../electron/core/bundle/trust-store';
import { recordClassification } from '../../../electron/core/classification/classification-repository';
import { classificationAnswersSchema } from '../../../electron/core/classification/classification-schema';
import { attachEvidence, updateDecision } from '../../../electron/core/checklist/item-repository';
import { createRisk } from '../../../electron/core/checklist/risk-repository';
import { riskCreateSchema } from '../../../electron/core/checklist/risk-schema';
import { createRound } from '../../../electron/core/checklist/round-repository';
import { openCore, type Core } from '../../../electron/core/core';
import { storeEvidenceStream } from '../../../electron/core/evidence/evidence-store';
import { recordCheck } from '../../../electron/core/inventory/device-checks';
import { checkInputSchema } from '../../../electron/core/inventory/inventory-schema';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { createMedium } from '../../../electron/core/media/media-registry';
import { checkInSchema, mediumFieldsSchema } from '../../../electron/core/media/media-schema';
import { updateSettings } from '../../../electron/core/settings/settings-repository';
import { createSite } from '../../../electron/core/sites/site-repository';
import { siteFieldsSchema, type Site } from '../../../electron/core/sites/site-schema';
import { decision } from '../checklist/checklist-fixture';
import { siteInput } from '../helpers/site-input';
import { recordOwner } from '../helpers/registers';

export const T0 = new Date('2025-06-01T00:30:00.000Z');

export interface World {
  core: Core;
  clock: { now: Date };
  tick(minutes?: number): void;
}

/** An installation on its own data folder, with a clock that moves only when told. */
export function installation(dir: string, name: string, userName: string): World {
  const clock = { now: T0 };
  const core = openCore({ dataDir: dir, now: () => clock.now });
  renameInstallation(core.db, name, clock.now);
  updateSettings(core.db, { userName }, clock.now);
  return { core, clock, tick: (minutes = 1) => (clock.now = new Date(clock.now.getTime() + minutes * 60_000)) };
}

export async function storeBytes(core: Core, text: string | Buffer, name: string): Promise<string> {
  return (await storeEvidenceStream(core, Readable.from([Buffer.from(text)]), { name })).sha256;
}

export interface PopulatedSite {
  site: Site;
  roundId: string;
  evidence: string[];
}

/** A 区分A site with a round (decisions, evidence, a risk) and two media check-ins: every record domain has rows. */
export async function populatedSite(w: World, name = '北関東ソーラー発電所'): Promise<PopulatedSite> {
  const { core } = w;
  const site = createSite(core.db, siteFieldsSchema.parse(siteInput({ name })), core.now(), '山田');
  recordClassification(core.db, site.id, classificationAnswersSchema.parse({ hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: true, sellsSurplus: true }), '山田', core.now());
  const round = createRound(core.db, { siteId: site.id, title: '2025年度 年次点検', framework: 'jikayo-gl', carryOverFrom: null }, '山田', core.now());
  const photo = await storeBytes(core, Buffer.alloc(300_000, 7), 'panel.jpg');
  const policy = await storeBytes(core, '%PDF-1.7 セキュリティ方針', 'policy.pdf');
  // 2-1 is 実施済 only with someone in the 体制 register (issue 14).
  recordOwner(core.db, site.id, core.now(), '山田');
  updateDecision(core.db, round.id, '2-1', decision({ status: 'implemented', measures: '方針を策定済み' }), '山田', core.now());
  attachEvidence(core.db, round.id, '2-1', { sha256: policy, name: 'policy.pdf' }, '山田', core.now());
  attachEvidence(core.db, round.id, '2-1', { sha256: photo, name: 'panel.jpg' }, '山田', core.now());
  createRisk(core.db, round.id, riskCreateSchema.parse({ roundId: round.id, fields: { assetType: 'control_system', assetName: '監視PC', threat: 'malware_media', likelihood: 3, impact: 4, linkedItems: ['2-1'] } }).fields, '山田', core.now());
  const medium = createMedium(core.db, site.id, mediumFieldsSchema.parse({ controlNo: 'USB-001', type: 'usb_stick', ownerPerson: '佐藤' }), core.now(), '山田');
  const cert = await storeBytes(core, '%PDF-1.7 scan certificate', 'cert.pdf');
  recordCheckIn(core, checkInSchema.parse({ siteId: site.id, mediumId: medium.id, person: '佐藤', purpose: '点検', method: 'prior_evidence', prior: { sha256: cert, name: 'cert.pdf', scanDate: '2025-05-31', tool: 'ESET', signatureVersion: '1', result: 'clean' } }), '山田');
  w.tick();
  recordCheckIn(core, checkInSchema.parse({ siteId: site.id, mediumId: medium.id, person: '鈴木', purpose: 'ログ回収', method: 'none' }), '山田');
  // A device as a spreadsheet import would have left it (that path has its own tests), and its 存在確認.
  const deviceId = randomUUID();
  core.db
    .prepare(`INSERT INTO devices (id, site_id, asset_id, name, kind, location, ip_address, created_at, updated_at) VALUES (?, ?, 'PLC-01', '制御盤PLC', 'PLC', '電気室', '192.168.10.5', ?, ?)`)
    .run(deviceId, site.id, core.now().toISOString(), core.now().toISOString());
  recordCheck(core.db, checkInputSchema.parse({ siteId: site.id, deviceId, status: 'confirmed', checkedOn: '2025-06-01' }), '山田', core.now());
  return { site, roundId: round.id, evidence: [photo, policy, cert] };
}

/** `to` trusts `from`'s key, as if its allowed_signers line had been pasted in. */
export function trust(from: Core, to: Core, role: 'site' | 'head_office' = 'site'): void {
  addTrusted(to.db, keyInfo(from.db, from.dataDir).allowedSigners, role, 'manual', 'テスト', to.now());
}

function walk(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .map((e) => {
      const full = path.join(e.parentPath, e.name);
      const stat = fs.statSync(full);
      return `${path.relative(dir, full)}${e.isDirectory() ? '/' : ` ${stat.size} ${stat.mtimeMs}`}`;
    })
    .sort();
}

/** Every row of every table, and every file under the data folder with its size and time: what "nothing written" means. */
/**
 * The two-installation world of bundle-roundtrip.test.ts one step on: a site
 * and head office trusting each other as sites, the site's first bundle already
 * imported at head office (the start of every review-bundle test).
 */
export async function siteKnownAtOffice(dirs: { make(): string }): Promise<{ site: World; office: World; seeded: PopulatedSite; usb: string }> {
  const site = installation(dirs.make(), '北関東ソーラー発電所 PC', '山田');
  const office = installation(dirs.make(), '本社 保安管理課', '本社 田中');
  const usb = dirs.make();
  const seeded = await populatedSite(site);
  trust(site.core, office.core);
  const first = await exportBundle(site.core, seeded.site.id, usb);
  if (!(await importBundle(office.core, first.path)).imported) throw new Error("head office refused the site's first bundle");
  return { site, office, seeded, usb };
}

export function snapshot(core: Core) {
  const tables = (core.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map((t) => t.name);
  return {
    rows: Object.fromEntries(tables.map((t) => [t, core.db.prepare(`SELECT * FROM "${t}"`).all()])),
    files: walk(core.dataDir).filter((f) => !/^hoan\.sqlite3-shm /.test(f)),
  };
}
