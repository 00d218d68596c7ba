import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { listBundles } from '../../../electron/core/bundle/bundle-history';
import { estimatedBytes, planBundle } from '../../../electron/core/bundle/bundle-plan';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { importBundle } from '../../../electron/core/bundle/import-bundle';
import { addReviewNote, listReviewNotes } from '../../../electron/core/bundle/review-notes';
import { getInstallation } from '../../../electron/core/bundle/installation';
import { findTrusted } from '../../../electron/core/bundle/trust-store';
import { trustStoreLookup } from '../../../electron/core/bundle/trust-lookup';
import { verifyBundle } from '../../../electron/core/bundle/verify-bundle';
import { currentDefinitionsSet, installedClamFolder } from '../../../electron/core/definitions/definitions-store';
import { clamscanAvailable, writeMedium } from '../media/media-fixture';
import { buildDefinitions, DEFS_TEST_MALWARE, DEFS_TEST_SIGNATURE, installTestDefinitions } from '../helpers/definitions';
import { tempDirs } from '../helpers/temp-dir';
import { refusal } from '../helpers/thrown';
import { buildChildScript } from '../helpers/child-script';
import { siteKnownAtOffice, snapshot, T0, trust, type PopulatedSite, type World } from './bundle-world';
import { replaceCarried, runImportChild, scanWith, signerOf } from './definitions-kit';
import { craftZip, entriesOf, nameOf, rebag, type CraftEntry } from './zip-craft';

const dirs = tempDirs('hoan-bundle-defs-');
const DAILY = 'data/definitions/clamav/daily.cud';
const LIST = 'data/definitions/clamav.json';

/** Real sigtool containers, built once the day before T0: head office's daily 27500, an older and a newer one, and one needing a newer engine. */
let built: { office: string; older: string; newer: string; tooNew: string };
let site: World;
let office: World;
let seeded: PopulatedSite;
let usb: string;

beforeAll(() => {
  const builtAt = new Date(T0.getTime() - 86_400_000);
  const daily = (version: number, flevel?: number) => buildDefinitions(dirs.make(), { version, builtAt, ...(flevel ? { flevel } : {}) });
  built = { office: daily(27500), older: daily(27400), newer: daily(27600), tooNew: daily(27700, 999) };
});
afterAll(() => dirs.cleanup());

beforeEach(async () => {
  ({ site, office, seeded, usb } = await siteKnownAtOffice(dirs));
});
afterEach(() => {
  site.core.close();
  office.core.close();
});

const trustOfficeAs = (role: 'site' | 'head_office') => trust(office.core, site.core, role);

/** Head office's review with a note and, when asked, its current definitions. */
async function review(options: { withDefinitions?: boolean; note?: string } = {}) {
  addReviewNote(office.core.db, { siteId: seeded.site.id, text: options.note ?? '方針文書の承認日を記入してください。' }, '本社 田中', office.core.now());
  office.tick();
  return exportBundle(office.core, seeded.site.id, usb, {}, { withDefinitions: options.withDefinitions ?? true });
}

const setCount = (w: World) => (w.core.db.prepare('SELECT count(*) AS n FROM definitions_sets').get() as { n: number }).n;
const auditOf = (w: World, bundleId: string) =>
  (w.core.db.prepare(`SELECT action, changes_json, site_id FROM audit_log WHERE entity = 'bundle' AND entity_id = ? ORDER BY seq`).all(bundleId) as { action: string; changes_json: string; site_id: string }[]);

function save(entries: CraftEntry[]): string {
  const file = path.join(dirs.make(), 'crafted.zip');
  fs.writeFileSync(file, craftZip(entries));
  return file;
}

describe.skipIf(!clamscanAvailable())('definitions in head office bundles', () => {
  it('[#12.4] head office sends its current definitions in a review bundle; the site verifies the bundle, installs them for the installation with the bundle as their source, and clamscan with them finds TEST_MALWARE', async () => {
    trustOfficeAs('head_office');
    await installTestDefinitions(office.core, [built.office]);
    const sent = currentDefinitionsSet(office.core)!;
    const exported = await review();
    expect(exported.definitions).toEqual({ scanner: 'clamav', version: sent.version, builtAt: sent.builtAt, files: [expect.objectContaining({ name: 'daily.cud', sha256: sent.files[0]!.sha256, size: sent.files[0]!.size, kind: 'unsigned', version: '27500' })] });

    // In the bag's payload, listed in the manifest the signature covers.
    const entries = await entriesOf(exported.path);
    const byName = new Map(entries.map((e) => [nameOf(e), e.data]));
    expect(byName.get(DAILY)).toEqual(fs.readFileSync(built.office));
    expect(byName.get('manifest-sha256.txt')!.toString()).toContain(`${sent.files[0]!.sha256}  ${DAILY}\n`);
    expect(JSON.parse(byName.get(LIST)!.toString())).toMatchObject({ format: 'hoan-definitions/1', scanner: 'clamav', version: sent.version, files: [{ name: 'daily.cud' }] });

    const { report } = await verifyBundle(exported.path, { trust: trustStoreLookup(site.core.db), db: site.core.db, now: site.core.now() });
    expect(report).toMatchObject({ ok: true, definitions: { version: sent.version, files: [{ name: 'daily.cud' }] } });

    const { report: imported, imported: summary } = await importBundle(site.core, exported.path);
    expect(imported.failures).toEqual([]);
    const current = currentDefinitionsSet(site.core)!;
    expect(summary!.definitions).toEqual({ state: 'installed', version: sent.version, builtAt: sent.builtAt, files: 1, setId: current.id, reason: null });
    expect(current.source).toEqual({ kind: 'bundle', bundleId: exported.bundleId, siteId: seeded.site.id });
    expect(current.files.map((f) => f.sha256)).toEqual([sent.files[0]!.sha256]);
    expect(listReviewNotes(site.core.db, seeded.site.id).map((n) => n.text)).toEqual(['方針文書の承認日を記入してください。']);

    const medium = writeMedium(dirs.make(), { 'tool.exe': DEFS_TEST_MALWARE, 'readme.txt': 'clean' });
    const scan = scanWith(installedClamFolder(site.core)!, medium);
    expect(scan.status).toBe(1);
    expect(scan.stdout).toContain(`${DEFS_TEST_SIGNATURE}.UNOFFICIAL FOUND`);

    // The history at both ends, and the audit entries naming the bundle.
    expect(listBundles(office.core.db, seeded.site.id)[0]).toMatchObject({ id: exported.bundleId, direction: 'export', definitions: { state: 'sent', version: sent.version } });
    expect(listBundles(site.core.db, seeded.site.id)[0]).toMatchObject({ id: exported.bundleId, direction: 'import', definitions: { state: 'installed', setId: current.id } });
    expect(auditOf(site, exported.bundleId).map((a) => [a.action, a.site_id])).toEqual([
      ['import', seeded.site.id],
      ['definitions_installed', seeded.site.id],
    ]);
    const storeAudit = site.core.db.prepare(`SELECT changes_json FROM audit_log WHERE entity = 'definitions-set' AND entity_id = ?`).get(current.id) as { changes_json: string };
    expect(storeAudit.changes_json).toContain(exported.bundleId);
    // Nothing is left where the files waited for the store.
    expect(fs.readdirSync(path.join(site.core.dataDir, 'bundle-definitions'))).toEqual([]);
  });

  it('[#12.4] a definitions file changed inside the zip fails the bundle\'s own verification: nothing is installed, nothing written', async () => {
    trustOfficeAs('head_office');
    await installTestDefinitions(office.core, [built.office]);
    const exported = await review();
    const bytes = fs.readFileSync(exported.path);
    const at = bytes.indexOf(fs.readFileSync(built.office).subarray(0, 64));
    bytes[at + 600]! ^= 0x01;
    fs.writeFileSync(exported.path, bytes);

    const before = snapshot(site.core);
    const { report, imported } = await importBundle(site.core, exported.path);
    expect(imported).toBeNull();
    expect(report.failures).toEqual([{ class: 'manifest_mismatch', entry: DAILY, reason: 'hashMismatch' }]);
    expect(report.definitions).toBeNull();
    expect(snapshot(site.core)).toEqual(before);
    expect(currentDefinitionsSet(site.core)).toBeNull();
  });

  it('[#12.4] definitions the store refuses (a functionality level above the engine\'s) leave the previous set in use; the review still imports and the result says why', async () => {
    trustOfficeAs('head_office');
    await installTestDefinitions(site.core, [built.older]);
    const previous = currentDefinitionsSet(site.core)!;
    await installTestDefinitions(office.core, [built.office]);
    const exported = await review();
    // Head office's own store would never take it; sent anyway, signed with head office's key.
    const forged = save(rebag(replaceCarried(await entriesOf(exported.path), 'daily.cud', fs.readFileSync(built.tooNew)), signerOf(office.core)));

    const { report, imported } = await importBundle(site.core, forged);
    expect(report.ok).toBe(true);
    expect(imported!.definitions).toMatchObject({ state: 'refused', setId: null, reason: { messageKey: expect.stringMatching(/^definitions\.errors\./) } });
    expect(imported!.definitions!.reason).toMatchObject({ messageKey: 'definitions.errors.levelTooHigh', params: { name: 'daily.cud', level: 999 } });
    expect(currentDefinitionsSet(site.core)!.id).toBe(previous.id);
    expect(listReviewNotes(site.core.db, seeded.site.id)).toHaveLength(1);
    expect(listBundles(site.core.db, seeded.site.id)[0]!.definitions).toMatchObject({ state: 'refused' });
    expect(auditOf(site, exported.bundleId).map((a) => a.action)).toEqual(['import', 'definitions_refused']);
    expect(auditOf(site, exported.bundleId)[1]!.changes_json).toContain('definitions.errors.');
    expect(fs.readdirSync(path.join(site.core.dataDir, 'bundle-definitions'))).toEqual([]);
  });

  it('[#12.4] an older set than the one in use is not installed: the newer set stays, and the result names the database and both versions', async () => {
    trustOfficeAs('head_office');
    await installTestDefinitions(site.core, [built.newer]);
    const newer = currentDefinitionsSet(site.core)!;
    await installTestDefinitions(office.core, [built.office]);
    const { imported } = await importBundle(site.core, (await review()).path);
    expect(imported!.definitions).toMatchObject({
      state: 'older',
      setId: newer.id,
      reason: { messageKey: 'bundle.definitions.reasons.olderVersion', params: { database: 'daily', carried: 27500, installed: 27600 } },
    });
    expect(currentDefinitionsSet(site.core)!.id).toBe(newer.id);
    expect(setCount(site)).toBe(1);
  });

  it('[#12.4] the same bundle imported again installs nothing twice (a replay), and a later bundle with the same set says it is already in use', async () => {
    trustOfficeAs('head_office');
    await installTestDefinitions(office.core, [built.office]);
    const first = await review();
    expect((await importBundle(site.core, first.path)).imported!.definitions!.state).toBe('installed');
    const installed = currentDefinitionsSet(site.core)!;

    const again = await importBundle(site.core, first.path);
    expect(again.report.failures).toEqual([expect.objectContaining({ class: 'replay' })]);
    expect(setCount(site)).toBe(1);

    const second = await review({ note: '二回目の所見' });
    const { imported } = await importBundle(site.core, second.path);
    expect(imported!.definitions).toMatchObject({ state: 'same', setId: installed.id, reason: null });
    expect(currentDefinitionsSet(site.core)!.id).toBe(installed.id);
    expect(setCount(site)).toBe(1);
  });

  it('[#12.4] two imports of one bundle at once: one imports and installs, the other is refused before its records, and the set is installed once', async () => {
    trustOfficeAs('head_office');
    await installTestDefinitions(office.core, [built.office]);
    const exported = await review();
    const outcomes = await Promise.all([importBundle(site.core, exported.path), importBundle(site.core, exported.path)]);
    const won = outcomes.filter((o) => o.imported);
    expect(won).toHaveLength(1);
    expect(won[0]!.imported!.definitions!.state).toBe('installed');
    expect(outcomes.find((o) => !o.imported)!.report.failures).toEqual([expect.objectContaining({ class: 'replay' })]);
    expect(setCount(site)).toBe(1);
    expect(fs.readdirSync(path.join(site.core.dataDir, 'bundle-definitions'))).toEqual([]);
  });

  it('[#12.4] a crash after the records leaves the definitions pending with their files; the next bundle import installs them', async () => {
    trustOfficeAs('head_office');
    await installTestDefinitions(office.core, [built.office]);
    const first = await review();
    const child = await buildChildScript(path.join(__dirname, 'import-crash-child.ts'), dirs.make());
    const run = await runImportChild(child, site.core.dataDir, first.path, 'installing_definitions');
    expect(run.killed).toBe(true);
    expect(run.lines).toContain('phase importing');

    // The records are in, the definitions wait with their files, and nothing reached the store.
    expect(listReviewNotes(site.core.db, seeded.site.id)).toHaveLength(1);
    expect(listBundles(site.core.db, seeded.site.id)[0]).toMatchObject({ id: first.bundleId, definitions: { state: 'pending' } });
    const held = fs.readdirSync(path.join(site.core.dataDir, 'bundle-definitions'));
    expect(held).toEqual([expect.stringMatching(new RegExp(`^${first.bundleId}\\.`))]);
    expect(currentDefinitionsSet(site.core)).toBeNull();

    const second = await review({ withDefinitions: false, note: '二回目の所見' });
    const { imported } = await importBundle(site.core, second.path);
    expect(imported!.definitions).toBeNull();
    expect(currentDefinitionsSet(site.core)!.source).toEqual({ kind: 'bundle', bundleId: first.bundleId, siteId: seeded.site.id });
    expect(listBundles(site.core.db, seeded.site.id).find((b) => b.id === first.bundleId)!.definitions).toMatchObject({ state: 'installed' });
    expect(fs.readdirSync(path.join(site.core.dataDir, 'bundle-definitions'))).toEqual([]);
  });

  it('[#12.4] definitions from a signer the site does not trust as head office are refused, though the bundle\'s own trust list names it head office; the review still imports', async () => {
    trustOfficeAs('site');
    await installTestDefinitions(office.core, [built.office]);
    const exported = await review();
    const { imported } = await importBundle(site.core, exported.path);
    expect(imported!.definitions).toMatchObject({ state: 'refused', reason: { messageKey: 'bundle.definitions.reasons.notHeadOffice', params: { signer: '本社 保安管理課' } } });
    expect(currentDefinitionsSet(site.core)).toBeNull();
    expect(listReviewNotes(site.core.db, seeded.site.id)).toHaveLength(1);
    // What the trust list did (existing behaviour): the next bundle's definitions are accepted.
    expect(findTrusted(site.core.db, getInstallation(office.core.db).fingerprint)?.role).toBe('head_office');
    expect(fs.existsSync(path.join(site.core.dataDir, 'bundle-definitions'))).toBe(false);
  });

  it('[#12.4] export: definitions asked for where there are none, or in a site\'s own bundle, are refused before anything is written', async () => {
    expect(await refusal(review())).toMatchObject({ code: 'validation', messageKey: 'bundle.errors.noDefinitions' });
    await installTestDefinitions(site.core, [built.office]);
    expect(await refusal(exportBundle(site.core, seeded.site.id, usb, {}, { withDefinitions: true }))).toMatchObject({
      code: 'validation',
      messageKey: 'bundle.errors.definitionsOnlyReview',
      params: { site: seeded.site.name },
    });
    expect(fs.readdirSync(usb)).toHaveLength(1);
    for (const w of [site, office]) expect(w.core.db.prepare(`SELECT count(*) AS n FROM bundle_exports WHERE state = 'pending'`).get()).toEqual({ n: 0 });
  });

  it('[#12.4] the export\'s size check counts the definitions it carries', async () => {
    await installTestDefinitions(office.core, [built.office]);
    const without = estimatedBytes(await planBundle(office.core, seeded.site.id));
    const withDefinitions = await planBundle(office.core, seeded.site.id, { withDefinitions: true });
    expect(estimatedBytes(withDefinitions) - without).toBeGreaterThanOrEqual(fs.statSync(built.office).size);
    expect(withDefinitions.payloadBytes).toBeGreaterThan(fs.statSync(built.office).size);
  });

  describe('a bag whose definitions and list disagree is refused at verification, nothing written', () => {
    async function expectRefusedAtSite(file: string, entry: string, reason: string) {
      const before = snapshot(site.core);
      const { report, imported } = await importBundle(site.core, file);
      expect(imported).toBeNull();
      expect(report.failures).toEqual([expect.objectContaining({ class: 'records_invalid', entry, reason })]);
      expect(snapshot(site.core)).toEqual(before);
    }

    beforeEach(async () => {
      trustOfficeAs('head_office');
      await installTestDefinitions(office.core, [built.office]);
    });

    it('[#12.4] a file the list does not name', async () => {
      const entries = await entriesOf((await review()).path);
      const extra = { name: 'data/definitions/clamav/extra.hdb', data: Buffer.from('44d88612fea8a8f36de82e1278abb02f:68:Extra\n') };
      await expectRefusedAtSite(save(rebag([...entries, extra], signerOf(office.core))), 'data/definitions/clamav/extra.hdb', 'definitionsUnlisted');
    });

    it('[#12.4] a list whose hash is not the file\'s', async () => {
      const entries = (await entriesOf((await review()).path)).map((e) => {
        if (nameOf(e) !== LIST) return e;
        return { ...e, data: Buffer.from(e.data.toString().replace(/"sha256":"[0-9a-f]{64}"/, `"sha256":"${'0'.repeat(64)}"`)) };
      });
      await expectRefusedAtSite(save(rebag(entries, signerOf(office.core))), DAILY, 'definitionsMismatch');
    });

    it('[#12.4] definitions in a site\'s own bundle', async () => {
      const fromOffice = await entriesOf((await exportBundle(office.core, seeded.site.id, usb, {}, { withDefinitions: true })).path);
      const carried = fromOffice.filter((e) => nameOf(e).startsWith('data/definitions/'));
      site.tick();
      const own = await entriesOf((await exportBundle(site.core, seeded.site.id, dirs.make())).path);
      const file = save(rebag([...own, ...carried], signerOf(site.core)));
      const before = snapshot(office.core);
      const { report } = await importBundle(office.core, file);
      expect(report.failures).toEqual([expect.objectContaining({ class: 'records_invalid', entry: LIST, reason: 'definitionsInSiteBundle' })]);
      expect(snapshot(office.core)).toEqual(before);
    });
  });
});
