import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { matchSite } from '../../../electron/core/advisories/advisory-matching';
import { importAdvisoryPaths } from '../../../electron/core/advisories/advisory-store';
import { activeMakerAliases, installMakerAliasTable } from '../../../electron/core/advisories/maker-alias-store';
import { listTriagedMatches } from '../../../electron/core/advisories/triage';
import { decideTriage } from '../../../electron/core/advisories/triage-decide';
import { triageDecisionSchema } from '../../../electron/core/advisories/triage-schema';
import { listBundles } from '../../../electron/core/bundle/bundle-history';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { importBundle } from '../../../electron/core/bundle/import-bundle';
import { addReviewNote, listReviewNotes } from '../../../electron/core/bundle/review-notes';
import { importLedger } from '../advisories/matching-fixture';
import { SAMPLE_ADVISORIES, writeCsafFile } from '../helpers/csaf';
import { tempDirs } from '../helpers/temp-dir';
import { refusal } from '../helpers/thrown';
import { buildChildScript } from '../helpers/child-script';
import { runImportChild, signerOf } from './definitions-kit';
import { siteKnownAtOffice, trust, type PopulatedSite, type World } from './bundle-world';
import { craftZip, editRecords, entriesOf, rebag } from './zip-craft';

const dirs = tempDirs('hoan-bundle-advisories-');
afterAll(() => dirs.cleanup());

let site: World;
let office: World;
let seeded: PopulatedSite;
let usb: string;

beforeEach(async () => {
  ({ site, office, seeded, usb } = await siteKnownAtOffice(dirs));
});
afterEach(() => {
  site.core.close();
  office.core.close();
});

/** Head office imports CSAF files as a user would (a folder with .sha512 files beside them). */
async function officeImports(...docs: Record<string, unknown>[]) {
  const folder = dirs.make();
  for (const doc of docs) writeCsafFile(folder, doc);
  const report = await importAdvisoryPaths(office.core, [folder]);
  expect(report.counts.refused).toBe(0);
  office.tick();
  return report;
}

const revisions = (w: World) =>
  w.core.db.prepare('SELECT tracking_id, tracking_version, sha256, source, superseded_by IS NULL AS current FROM advisories ORDER BY tracking_id, imported_at').all() as {
    tracking_id: string;
    tracking_version: string;
    sha256: string;
    source: string;
    current: number;
  }[];

describe('advisories in head office bundles', () => {
  it('[#13.4] head office sends every current revision not yet sent to the site; the site takes them through its own store with the bundle as source, and the next bundle carries only what is new', async () => {
    trust(office.core, site.core, 'head_office');
    await officeImports(SAMPLE_ADVISORIES.melsec(), SAMPLE_ADVISORIES.omron(), SAMPLE_ADVISORIES.yokogawa());

    const first = await exportBundle(office.core, seeded.site.id, usb);
    expect(first.advisories).toEqual({ selection: 'new', count: 3, aliasTableVersion: null });
    const imported = (await importBundle(site.core, first.path)).imported!;
    expect(imported.advisories!.counts).toMatchObject({ imported: 3, refused: 0, pending: 0 });
    // Verified twice: the bundle's signature, then the site's own CSAF checks; the bytes are head office's.
    const atSite = revisions(site);
    expect(atSite.map((r) => r.sha256)).toEqual(revisions(office).map((r) => r.sha256));
    expect(new Set(atSite.map((r) => r.source))).toEqual(new Set([`bundle:${first.bundleId}`]));

    // Nothing new: the next bundle carries none, and says so.
    office.tick();
    const second = await exportBundle(office.core, seeded.site.id, usb);
    expect(second.advisories!.count).toBe(0);
    expect((await importBundle(site.core, second.path)).imported!.advisories).toBeNull();

    // A newer revision of one advisory, and a new advisory: only those two travel.
    await officeImports(SAMPLE_ADVISORIES.melsec('2', '2021-03-01T00:00:00.000Z'), SAMPLE_ADVISORIES.moxa());
    const third = await exportBundle(office.core, seeded.site.id, usb);
    expect(third.advisories!.count).toBe(2);
    const settled = (await importBundle(site.core, third.path)).imported!.advisories!;
    expect(settled.counts).toMatchObject({ imported: 1, updated: 1, refused: 0 });
    expect(revisions(site).filter((r) => r.tracking_id === 'ICSA-20-212-02').map((r) => [r.tracking_version, r.current])).toEqual([
      ['1', 0],
      ['2', 1],
    ]);
    // The history says per bundle what was sent, and at the site what the store made of it.
    expect(listBundles(office.core.db, seeded.site.id).find((b) => b.id === third.bundleId)!.advisories).toMatchObject({ sent: 2 });
    expect(listBundles(site.core.db, seeded.site.id).find((b) => b.id === third.bundleId)!.advisories).toMatchObject({ imported: 1, updated: 1 });
  });

  it('[#13.4] `none` sends nothing and records nothing as sent, so the next bundle still carries them; a site bundle refuses advisories', async () => {
    trust(office.core, site.core, 'head_office');
    await officeImports(SAMPLE_ADVISORIES.omron());
    const none = await exportBundle(office.core, seeded.site.id, usb, {}, { advisories: 'none' });
    expect(none.advisories).toMatchObject({ selection: 'none', count: 0 });
    office.tick();
    expect((await exportBundle(office.core, seeded.site.id, usb)).advisories!.count).toBe(1);
    expect(await refusal(exportBundle(site.core, seeded.site.id, usb, {}, { advisories: 'new' }))).toMatchObject({ messageKey: 'advisories.bundle.errors.onlyReview' });
  });

  it('[#13.4] a crash after the records leaves the advisories pending with their documents; the next bundle import takes them into the store', async () => {
    trust(office.core, site.core, 'head_office');
    await officeImports(SAMPLE_ADVISORIES.melsec(), SAMPLE_ADVISORIES.omron());
    const first = await exportBundle(office.core, seeded.site.id, usb);
    const child = await buildChildScript(path.join(__dirname, 'import-crash-child.ts'), dirs.make());
    const run = await runImportChild(child, site.core.dataDir, first.path, 'importing_advisories');
    expect(run.killed).toBe(true);
    expect(run.lines).toContain('phase importing');

    // The records are in; the documents wait in the history with their text, and nothing reached the store.
    const pending = () =>
      site.core.db.prepare(`SELECT state, document IS NOT NULL AS held FROM bundle_advisories WHERE bundle_id = ? ORDER BY ordinal`).all(first.bundleId) as { state: string; held: number }[];
    expect(pending()).toEqual([
      { state: 'pending', held: 1 },
      { state: 'pending', held: 1 },
    ]);
    expect(revisions(site)).toEqual([]);

    office.tick();
    const second = await exportBundle(office.core, seeded.site.id, usb);
    expect(second.advisories!.count).toBe(0);
    await importBundle(site.core, second.path);
    expect(pending()).toEqual([
      { state: 'imported', held: 0 },
      { state: 'imported', held: 0 },
    ]);
    expect(new Set(revisions(site).map((r) => r.source))).toEqual(new Set([`bundle:${first.bundleId}`]));
    expect(revisions(site).map((r) => r.sha256)).toEqual(revisions(office).map((r) => r.sha256));
  });

  it('[#13.4] a document the site\'s store refuses is reported with its reason; the bundle and its other records are imported all the same', async () => {
    trust(office.core, site.core, 'head_office');
    await officeImports(SAMPLE_ADVISORIES.moxa());
    // A row no import would have written (JSON, not CSAF), as a damaged or older head office might hold one.
    const text = '{"document":{"category":"csaf_base","csaf_version":"2.1"}}';
    office.core.db
      .prepare(
        `INSERT INTO advisories (id, publisher_namespace, publisher_name, tracking_id, tracking_version, tracking_status, initial_release_date, current_release_date,
           title, sha256, size, document, integrity, source, imported_at) VALUES (?, 'https://example.com/', 'Example', 'EX-1', '1', 'final', 'x', 'x', 'x', ?, ?, ?, 'none', 'test', 'x')`,
      )
      .run(randomUUID(), createHash('sha256').update(text).digest('hex'), text.length, text);
    addReviewNote(office.core.db, { siteId: seeded.site.id, text: '脆弱性情報を確認してください。' }, '本社 田中', office.core.now());
    const exported = await exportBundle(office.core, seeded.site.id, usb);
    expect(exported.advisories!.count).toBe(2);

    const outcome = (await importBundle(site.core, exported.path)).imported!.advisories!;
    expect(outcome.counts).toMatchObject({ imported: 1, refused: 1 });
    expect(outcome.refused).toEqual([expect.objectContaining({ trackingId: 'EX-1', reason: expect.objectContaining({ messageKey: expect.stringMatching(/^advisories\./) }) })]);
    expect(listReviewNotes(site.core.db, seeded.site.id).map((n) => n.text)).toContain('脆弱性情報を確認してください。');
    expect(revisions(site).map((r) => r.tracking_id)).toEqual(['ICSA-24-011-01']);
  });

  it('[#13.4] a key trusted only as a site cannot hand a site advisories: they are recorded refused and never reach the store', async () => {
    trust(office.core, site.core, 'site');
    await officeImports(SAMPLE_ADVISORIES.moxa());
    const exported = await exportBundle(office.core, seeded.site.id, usb);
    const outcome = (await importBundle(site.core, exported.path)).imported!.advisories!;
    expect(outcome.counts).toMatchObject({ refused: 1, imported: 0 });
    expect(outcome.refused[0]!.reason).toMatchObject({ messageKey: 'advisories.bundle.reasons.notHeadOffice' });
    expect(revisions(site)).toEqual([]);
  });

  it('[#13.4] a document whose bytes are not what its hash says is refused at verification, before anything is written, even under a trusted signature', async () => {
    trust(office.core, site.core, 'head_office');
    await officeImports(SAMPLE_ADVISORIES.moxa());
    const exported = await exportBundle(office.core, seeded.site.id, usb);
    const edited = editRecords(await entriesOf(exported.path), 'advisories.json', (d) => {
      const doc = (d.documents as { text: string }[])[0]!;
      doc.text = doc.text.replace('<= 9.78', '<= 1.00');
    });
    const file = path.join(dirs.make(), 'forged.zip');
    fs.writeFileSync(file, craftZip(rebag(edited, signerOf(office.core))));
    const { report, imported } = await importBundle(site.core, file);
    expect(imported).toBeNull();
    expect(report.failures[0]).toMatchObject({ class: 'records_invalid', entry: 'data/records/advisories.json', reason: 'advisoryHash' });
    expect(revisions(site)).toEqual([]);
  });

  it('[#13.4] `relevant` sends only what the site\'s inventory, as head office holds it, matches; the rest stay new for a later bundle', async () => {
    trust(office.core, site.core, 'head_office');
    // The site's Japanese ledger reaches head office with the site's next bundle.
    await importLedger(site.core, seeded.site.id, dirs.make(), [
      ['管理番号', '機器名', 'メーカー', '型番', 'OS/ファームウェア', 'バージョン'],
      ['PLC-101', '受電監視PLC', '三菱電機株式会社', 'R04ENCPU', '', 'Ver.1.050C'],
      ['NW-101', '制御LANルーター', 'MOXA Inc.', 'EDR-810', '', '9.80'],
    ]);
    site.tick();
    expect((await importBundle(office.core, (await exportBundle(site.core, seeded.site.id, usb)).path)).imported).not.toBeNull();
    await officeImports(SAMPLE_ADVISORIES.melsec(), SAMPLE_ADVISORIES.omron(), SAMPLE_ADVISORIES.moxa());
    // Moxa 9.80 is outside `<= 9.78`: not affected, so not a match; the MELSEC CPU is.
    expect(new Set(matchSite(office.core, seeded.site.id).map((m) => m.advisoryId))).toEqual(new Set(['ICSA-20-212-02']));

    const relevant = await exportBundle(office.core, seeded.site.id, usb, {}, { advisories: 'relevant' });
    expect(relevant.advisories).toMatchObject({ selection: 'relevant', count: 1 });
    await importBundle(site.core, relevant.path);
    expect(revisions(site).map((r) => r.tracking_id)).toEqual(['ICSA-20-212-02']);
    expect(matchSite(site.core, seeded.site.id).map((m) => [m.assetId, m.advisoryId, m.status])).toEqual([['PLC-101', 'ICSA-20-212-02', 'affected']]);
    office.tick();
    expect((await exportBundle(office.core, seeded.site.id, usb)).advisories!.count).toBe(2);
  });

  it('[#13.4] head office\'s newer maker alias table travels with its bundle and is installed at the site; an older or the same one is kept out', async () => {
    trust(office.core, site.core, 'head_office');
    const table = structuredClone(activeMakerAliases(office.core).table);
    table.version += 1;
    expect(installMakerAliasTable(office.core, JSON.stringify(table), '/media/usb/maker-aliases.json').status).toBe('installed');
    const exported = await exportBundle(office.core, seeded.site.id, usb);
    expect(exported.advisories!.aliasTableVersion).toBe(table.version);
    const outcome = (await importBundle(site.core, exported.path)).imported!.advisories!;
    expect(outcome.aliasTable).toEqual({ version: table.version, installed: true });
    expect(activeMakerAliases(site.core).ref).toMatchObject({ version: table.version, source: `bundle:${exported.bundleId}` });
    office.tick();
    const again = await exportBundle(office.core, seeded.site.id, usb);
    expect((await importBundle(site.core, again.path)).imported!.advisories!.aliasTable).toEqual({ version: table.version, installed: false });
  });

  it('[#13.4] the site\'s triage decisions reach head office with its next bundle, once each however often they travel, on the devices its inventory carries; head office cannot decide for a site it does not own', async () => {
    trust(office.core, site.core, 'head_office');
    await importLedger(site.core, seeded.site.id, dirs.make(), [
      ['管理番号', '機器名', 'メーカー', '型番', 'OS/ファームウェア', 'バージョン'],
      ['PLC-101', '受電監視PLC', '三菱電機株式会社', 'R04ENCPU', '', 'Ver.1.050C'],
      ['NW-101', '制御LANルーター', 'MOXA Inc.', 'EDR-810', '', '9.70'],
    ]);
    await officeImports(SAMPLE_ADVISORIES.melsec(), SAMPLE_ADVISORIES.moxa());
    await importBundle(site.core, (await exportBundle(office.core, seeded.site.id, usb)).path);
    site.tick();
    const decide = (input: Record<string, unknown>) => decideTriage(site.core, triageDecisionSchema.parse({ siteId: seeded.site.id, ...input }), '山田');
    const notAffected = decide({ assetId: 'PLC-101', advisoryId: 'ICSA-20-212-02', status: 'not_affected', reasonCode: 'function_not_used', note: 'ネットワーク機能は使っていない' });
    const accepted = decide({ assetId: 'NW-101', advisoryId: 'ICSA-24-011-01', status: 'risk_accepted', compensatingControl: '制御LANを物理的に分離', dueOn: '2025-12-01' });

    site.tick();
    const carrying = await exportBundle(site.core, seeded.site.id, usb);
    const first = (await importBundle(office.core, carrying.path)).imported!;
    expect(first.counts['advisory-triage.json']).toBe(2);
    const atOffice = listTriagedMatches(office.core, seeded.site.id);
    expect(atOffice.map((m) => [m.assetId, m.triage, m.decision?.id, m.decision?.bundleId])).toEqual(
      expect.arrayContaining([
        ['PLC-101', 'not_affected', notAffected.id, carrying.bundleId],
        ['NW-101', 'risk_accepted', accepted.id, carrying.bundleId],
      ]),
    );
    // The next bundle carries the same decisions again: nothing is added twice.
    site.tick();
    expect((await importBundle(office.core, (await exportBundle(site.core, seeded.site.id, usb)).path)).imported!.counts['advisory-triage.json']).toBe(0);
    expect(office.core.db.prepare('SELECT count(*) AS n FROM advisory_triage').get()).toEqual({ n: 2 });
    // Head office holds a read-only copy: its own decision is refused by the same triggers as any other edit of the site (the router words it).
    expect(() => decideTriage(office.core, triageDecisionSchema.parse({ siteId: seeded.site.id, assetId: 'PLC-101', advisoryId: 'ICSA-20-212-02', status: 'affected' }), '本社 田中')).toThrow(/hoan:site-read-only/);
  });

  it('[#13.4] a decision naming a device the bundle\'s inventory does not carry refuses the bundle, and nothing of it is written', async () => {
    site.tick();
    const exported = await exportBundle(site.core, seeded.site.id, usb);
    const edited = editRecords(await entriesOf(exported.path), 'advisory-triage.json', (d) => {
      d.decisions = [
        {
          id: randomUUID(), site_id: seeded.site.id, device_id: 'no-such-device', publisher_namespace: 'https://www.cisa.gov/', tracking_id: 'ICSA-24-011-01', status: 'not_affected',
          reason_code: 'not_reachable', note: '', compensating_control: '', due_on: null, risk_id: null, advisory_sha256: 'a'.repeat(64), device_version: '', decided_at: site.core.now().toISOString(), decided_by: '山田', bundle_id: null,
        },
      ];
    });
    const file = path.join(dirs.make(), 'forged.zip');
    fs.writeFileSync(file, craftZip(rebag(edited, signerOf(site.core))));
    const { report, imported } = await importBundle(office.core, file);
    expect(imported).toBeNull();
    expect(report.failures[0]).toMatchObject({ class: 'records_invalid', entry: 'data/records/advisory-triage.json', reason: 'apply' });
    expect(office.core.db.prepare('SELECT count(*) AS n FROM advisory_triage').get()).toEqual({ n: 0 });
  });
});
