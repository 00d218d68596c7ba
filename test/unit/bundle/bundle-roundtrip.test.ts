import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/api/router';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { importBundle } from '../../../electron/core/bundle/import-bundle';
import { listOrigins } from '../../../electron/core/bundle/site-ownership';
import { addReviewNote, listReviewNotes } from '../../../electron/core/bundle/review-notes';
import { listBundles } from '../../../electron/core/bundle/bundle-history';
import { updateDecision } from '../../../electron/core/checklist/item-repository';
import { activeCatalogue, applyCatalogueImport } from '../../../electron/core/checklist/catalogue-store';
import { allowedSignersLine, fingerprintOf, generateKey } from '../../../electron/core/bundle/keys';
import { addTrusted, findTrusted, listTrusted } from '../../../electron/core/bundle/trust-store';
import { verifyChain } from '../../../electron/core/media/log-chain';
import { updateSite } from '../../../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../../../electron/core/sites/site-schema';
import { evidenceFilePath } from '../../../electron/core/evidence/evidence-store';
import { decision } from '../checklist/checklist-fixture';
import { siteInput } from '../helpers/site-input';
import { tempDirs } from '../helpers/temp-dir';
import { installation, populatedSite, snapshot, trust, type PopulatedSite, type World } from './bundle-world';

const dirs = tempDirs('hoan-bundle-rt-');
let site: World;
let office: World;
let usb: string;
let seeded: PopulatedSite;

beforeEach(async () => {
  site = installation(dirs.make(), '北関東ソーラー発電所 PC', '山田');
  office = installation(dirs.make(), '本社 保安管理課', '本社 田中');
  usb = dirs.make();
  seeded = await populatedSite(site);
  trust(site.core, office.core);
});

afterEach(() => {
  site.core.close();
  office.core.close();
  dirs.cleanup();
});

const rows = (w: World, sql: string, ...params: unknown[]) => w.core.db.prepare(sql).all(...params);

describe('a site bundle, exported to a USB folder and imported at head office', () => {
  it('carries every record and evidence file, and the copy is read-only with its provenance', async () => {
    const exported = await exportBundle(site.core, seeded.site.id, usb);
    expect(exported).toMatchObject({ kind: 'site', sequence: 1, verified: true });
    expect(fs.readdirSync(usb)).toEqual([exported.fileName]);

    const { report, imported } = await importBundle(office.core, exported.path);
    expect(report.failures).toEqual([]);
    expect(report.passed).toEqual(['structure', 'signature', 'manifests', 'replay', 'records']);
    expect(imported).toMatchObject({ kind: 'site', siteId: seeded.site.id, evidenceStored: 3 });

    for (const sql of [
      'SELECT * FROM sites WHERE id = ?',
      'SELECT * FROM classifications WHERE site_id = ?',
      'SELECT * FROM assessment_rounds WHERE site_id = ?',
      'SELECT i.* FROM assessment_items i JOIN assessment_rounds r ON r.id = i.round_id WHERE r.site_id = ? ORDER BY i.item_id',
      'SELECT e.* FROM assessment_evidence e JOIN assessment_rounds r ON r.id = e.round_id WHERE r.site_id = ? ORDER BY e.sha256',
      'SELECT k.* FROM risks k JOIN assessment_rounds r ON r.id = k.round_id WHERE r.site_id = ?',
      'SELECT * FROM media WHERE site_id = ?',
      'SELECT id, n, hash, prev_hash, body_json FROM media_log WHERE site_id = ? ORDER BY n',
      'SELECT id, asset_id, name, location, ip_address FROM devices WHERE site_id = ?',
      'SELECT id, device_id, status, checked_on, checked_by FROM device_checks WHERE site_id = ?',
    ]) {
      expect(rows(office, sql, seeded.site.id), sql).toEqual(rows(site, sql, seeded.site.id));
    }
    expect(rows(office, 'SELECT count(*) AS n FROM devices WHERE site_id = ?', seeded.site.id)).toEqual([{ n: 1 }]);
    expect(rows(office, 'SELECT count(*) AS n FROM media_log WHERE site_id = ?', seeded.site.id)).toEqual([{ n: 2 }]);
    const auditIds = (w: World) => rows(w, 'SELECT id FROM audit_log WHERE site_id = ? AND entity != ? ORDER BY id', seeded.site.id, 'bundle');
    expect(auditIds(office)).toEqual(auditIds(site));
    expect(verifyChain(office.core.db, seeded.site.id).ok).toBe(true);
    for (const sha of seeded.evidence) expect(fs.existsSync(evidenceFilePath(office.core.dataDir, sha))).toBe(true);

    expect(listOrigins(office.core.db)).toEqual([
      expect.objectContaining({ siteId: seeded.site.id, ownerName: '北関東ソーラー発電所 PC', lastBundleId: exported.bundleId, lastBundleAt: site.clock.now.toISOString() }),
    ]);
    expect(listBundles(office.core.db)).toEqual([expect.objectContaining({ id: exported.bundleId, direction: 'import', signerName: '北関東ソーラー発電所 PC', sequence: 1 })]);
    expect(listBundles(site.core.db)).toEqual([expect.objectContaining({ id: exported.bundleId, direction: 'export', fileName: exported.fileName })]);
  });

  it('refuses edits to the imported copy with a clear error, through the API as well as underneath it', async () => {
    await importBundle(office.core, (await exportBundle(site.core, seeded.site.id, usb)).path);
    const before = snapshot(office.core);
    const router = createRouter(office.core, { log: () => undefined });
    const envelope = await router.handle('sites:update', { id: seeded.site.id, fields: siteInput({ name: '改名' }) });
    expect(envelope).toEqual({ ok: false, error: { code: 'conflict', messageKey: 'bundle.errors.siteReadOnly' } });
    expect(() => updateDecision(office.core.db, seeded.roundId, '2-2', decision({ status: 'implemented' }), '本社', office.core.now())).toThrow(/hoan:site-read-only/);
    expect(await router.handle('media:create', { siteId: seeded.site.id, fields: { controlNo: 'X-1', type: 'usb_stick' } })).toMatchObject({ ok: false, error: { messageKey: 'bundle.errors.siteReadOnly' } });
    expect(snapshot(office.core)).toEqual(before);
  });

  it('a later bundle updates the copy; the same bundle again is a replay and changes nothing', async () => {
    const first = await exportBundle(site.core, seeded.site.id, usb);
    await importBundle(office.core, first.path);
    site.tick(60);
    updateSite(site.core.db, seeded.site.id, siteFieldsSchema.parse(siteInput({ name: '北関東ソーラー発電所（増設後）' })), site.core.now(), '山田');
    const second = await exportBundle(site.core, seeded.site.id, usb);
    expect(second.sequence).toBe(2);

    const again = snapshot(office.core);
    expect((await importBundle(office.core, first.path)).report.failures).toEqual([expect.objectContaining({ class: 'replay' })]);
    expect(snapshot(office.core)).toEqual(again);

    expect((await importBundle(office.core, second.path)).report.ok).toBe(true);
    expect(rows(office, 'SELECT name FROM sites WHERE id = ?', seeded.site.id)).toEqual([{ name: '北関東ソーラー発電所（増設後）' }]);
    expect(listOrigins(office.core.db)[0]).toMatchObject({ lastBundleId: second.bundleId, lastBundleAt: site.clock.now.toISOString() });
  });

  it("head office's review notes travel back to the site in head office's own signed bundle", async () => {
    await importBundle(office.core, (await exportBundle(site.core, seeded.site.id, usb)).path);
    addReviewNote(office.core.db, { siteId: seeded.site.id, roundId: seeded.roundId, itemId: '2-1', text: '方針の承認日を記入してください' }, '本社 田中', office.core.now());
    const review = await exportBundle(office.core, seeded.site.id, usb);
    expect(review.kind).toBe('review');

    expect((await importBundle(site.core, review.path)).report.failures).toEqual([expect.objectContaining({ class: 'untrusted_signer' })]);
    trust(office.core, site.core, 'head_office');
    const { report, imported } = await importBundle(site.core, review.path);
    expect(report.failures).toEqual([]);
    expect(imported?.kind).toBe('review');
    expect(listReviewNotes(site.core.db, seeded.site.id)).toEqual([
      expect.objectContaining({ text: '方針の承認日を記入してください', authorName: '本社 保安管理課', mine: false, itemId: '2-1' }),
    ]);
    // The site stays its own home: nothing about it became read-only.
    expect(listOrigins(site.core.db)).toEqual([]);

    site.tick(5);
    const next = await importBundle(office.core, (await exportBundle(site.core, seeded.site.id, usb)).path);
    expect(next.report.ok).toBe(true);
    expect(listReviewNotes(office.core.db, seeded.site.id)).toHaveLength(1);
  });

  it("head office's bundle also brings a newer checklist catalogue and head office's second key to the site", async () => {
    await importBundle(office.core, (await exportBundle(site.core, seeded.site.id, usb)).path);
    const builtin = JSON.parse(fs.readFileSync(path.join(office.core.resourcesDir, 'catalogue', 'jikayo-gl.json'), 'utf8')) as { version: string; revision: number };
    applyCatalogueImport(office.core.db, Buffer.from(JSON.stringify({ ...builtin, version: `${builtin.version}-r2`, revision: builtin.revision + 1 })), 'jikayo-gl-r2.json', office.core.now());
    const spare = generateKey();
    addTrusted(office.core.db, allowedSignersLine('hoan-spare', spare.publicBlob, '本社 予備機'), 'head_office', 'manual', '本社', office.core.now());
    const review = await exportBundle(office.core, seeded.site.id, usb);

    trust(office.core, site.core, 'head_office');
    expect((await importBundle(site.core, review.path)).report.failures).toEqual([]);
    expect(activeCatalogue(site.core.db, 'jikayo-gl').ref).toMatchObject({ version: `${builtin.version}-r2`, source: 'import' });
    expect(findTrusted(site.core.db, fingerprintOf(spare.publicBlob))).toMatchObject({ role: 'head_office', name: '本社 予備機', source: `bundle:${review.bundleId}` });
    expect(listTrusted(site.core.db)).toHaveLength(2);
  });
});
