import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { importAdvisoryPaths, importAdvisoryTexts } from '../../../electron/core/advisories/advisory-store';
import { openCore, type Core } from '../../../electron/core/core';
import { csafDocument, SAMPLE_ADVISORIES, writeCsafFile } from '../helpers/csaf';
import { setUpNames } from '../helpers/set-up';
import { tempDirs } from '../helpers/temp-dir';

/** The store on real SQLite files and real CSAF files written as CISA lays them out. */
const dirs = tempDirs('hoan-advisories-');
const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
  dirs.cleanup();
});

function open(): Core {
  const core = openCore({ dataDir: dirs.make() });
  setUpNames(core);
  cores.push(core);
  return core;
}

/** Every row of the advisory tables, ordered, without the columns an import stamps (ids, times). */
function tables(core: Core): unknown {
  const q = (sql: string) => core.db.prepare(sql).all();
  return {
    advisories: q('SELECT publisher_namespace, tracking_id, tracking_version, sha256, integrity, superseded_by IS NULL AS current FROM advisories ORDER BY tracking_id, tracking_version'),
    products: q('SELECT a.tracking_id, a.tracking_version, p.product_id, p.vendor, p.product_name, p.version, p.version_is_range, p.model_numbers_json FROM advisory_products p JOIN advisories a ON a.id = p.advisory_id ORDER BY 1, 2, 3'),
    vulnerabilities: q('SELECT a.tracking_id, a.tracking_version, v.cve, v.cvss_score FROM advisory_vulnerabilities v JOIN advisories a ON a.id = v.advisory_id ORDER BY 1, 2, 3'),
    statuses: q('SELECT a.tracking_id, a.tracking_version, s.product_id, s.status, s.cvss_score FROM advisory_product_status s JOIN advisories a ON a.id = s.advisory_id ORDER BY 1, 2, 3, 4'),
    remediations: q('SELECT a.tracking_id, a.tracking_version, r.category, r.details, r.product_ids_json FROM advisory_remediations r JOIN advisories a ON a.id = r.advisory_id ORDER BY 1, 2, 3'),
    audit: (core.db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = 'advisory'").get() as { n: number }).n,
  };
}

describe('[#13.1] advisory store', () => {
  it('[#13.1] stores a folder of CISA-shaped advisories: revisions, products with vendor/product/range/model numbers, CVEs with CVSS, status and remediations', async () => {
    const core = open();
    const folder = dirs.make();
    for (const doc of [SAMPLE_ADVISORIES.melsec(), SAMPLE_ADVISORIES.omron(), SAMPLE_ADVISORIES.yokogawa(), SAMPLE_ADVISORIES.moxa()]) writeCsafFile(folder, doc);
    const report = await importAdvisoryPaths(core, [folder]);
    expect(report.counts).toEqual({ imported: 4, updated: 0, unchanged: 0, refused: 0 });
    expect(report.files.map((f) => [f.file, f.status, f.trackingId, f.integrity])).toEqual([
      ['2020/icsa-20-212-02.json', 'imported', 'ICSA-20-212-02', 'sha512'],
      ['2024/icsa-22-179-02.json', 'imported', 'ICSA-22-179-02', 'sha512'],
      ['2024/icsa-23-047-01.json', 'imported', 'ICSA-23-047-01', 'sha512'],
      ['2024/icsa-24-011-01.json', 'imported', 'ICSA-24-011-01', 'sha512'],
    ]);
    const t = tables(core) as Record<string, unknown[]>;
    expect(t.products).toContainEqual({
      tracking_id: 'ICSA-20-212-02', tracking_version: '1', product_id: 'CSAFPID-0001', vendor: 'Mitsubishi Electric', product_name: 'MELSEC iQ-R Series CPU module',
      version: '<= 1.063R', version_is_range: 1, model_numbers_json: '["R04*CPU","R08?CPU"]',
    });
    expect(t.products).toContainEqual(expect.objectContaining({ product_id: 'CSAFPID-0002', vendor: ' Mitsubishi Electric Corporation', version: '>= R5.01.00 | <= R6.06.00' }));
    expect(t.statuses).toContainEqual({ tracking_id: 'ICSA-24-011-01', tracking_version: '1', product_id: 'CSAFPID-0002', status: 'fixed', cvss_score: 7.5 });
    expect(t.vulnerabilities).toContainEqual({ tracking_id: 'ICSA-22-179-02', tracking_version: '1', cve: 'CVE-2022-34151', cvss_score: 9.8 });
    expect(t.remediations).toContainEqual({ tracking_id: 'ICSA-22-179-02', tracking_version: '1', category: 'mitigation', details: 'Use a firewall to isolate the controllers.', product_ids_json: '["CSAFPID-0001","CSAFPID-0002"]' });
    const stored = core.db.prepare("SELECT document, size, source, imported_by FROM advisories WHERE tracking_id = 'ICSA-24-011-01'").get() as { document: string; size: number; source: string; imported_by: string };
    const file = path.join(folder, '2024/icsa-24-011-01.json');
    expect(stored).toEqual({ document: fs.readFileSync(file, 'utf8'), size: fs.statSync(file).size, source: fs.realpathSync(file), imported_by: 'テスト担当' });
  });

  it('[#13.1] importing the same folder twice changes nothing: every file unchanged, the tables as they were', async () => {
    const core = open();
    const folder = dirs.make();
    for (const doc of [SAMPLE_ADVISORIES.melsec(), SAMPLE_ADVISORIES.omron(), SAMPLE_ADVISORIES.moxa()]) writeCsafFile(folder, doc);
    await importAdvisoryPaths(core, [folder]);
    const before = tables(core);
    const again = await importAdvisoryPaths(core, [folder]);
    expect(again.counts).toEqual({ imported: 0, updated: 0, unchanged: 3, refused: 0 });
    expect(tables(core)).toEqual(before);
  });

  it('[#13.1] a newer revision supersedes the current one, which is kept; an older one is stored as superseded with a note; the same revision with other bytes is refused', async () => {
    const core = open();
    const v1 = SAMPLE_ADVISORIES.melsec('1');
    const v2 = SAMPLE_ADVISORIES.melsec('2', '2021-02-01T00:00:00.000Z');
    const v3 = SAMPLE_ADVISORIES.melsec('3', '2022-03-01T00:00:00.000Z');
    const text = (doc: object) => `${JSON.stringify(doc, null, 2)}\n`;
    const first = await importAdvisoryTexts(core, [{ file: 'v2.json', text: text(v2) }]);
    expect(first.files[0]).toMatchObject({ status: 'imported', version: '2' });
    const second = await importAdvisoryTexts(core, [{ file: 'v3.json', text: text(v3) }]);
    expect(second.files[0]).toMatchObject({ status: 'updated', version: '3', previousVersion: '2' });
    const third = await importAdvisoryTexts(core, [{ file: 'v1.json', text: text(v1) }]);
    expect(third.files[0]).toMatchObject({ status: 'imported', version: '1', notes: [{ key: 'advisories.import.notes.olderRevision', params: { current: '3' } }] });
    const rows = core.db.prepare('SELECT tracking_version AS v, superseded_by AS s, id FROM advisories ORDER BY tracking_version').all() as { v: string; s: string | null; id: string }[];
    const byVersion = Object.fromEntries(rows.map((r) => [r.v, r]));
    expect(byVersion['3']!.s).toBeNull();
    expect(byVersion['2']!.s).toBe(byVersion['3']!.id);
    expect(byVersion['1']!.s).toBe(byVersion['2']!.id);

    const altered = SAMPLE_ADVISORIES.melsec('3', '2022-03-01T00:00:00.000Z') as { document: { title: string } };
    altered.document.title = 'Mitsubishi Electric MELSEC iQ-R Series (altered)';
    const twin = await importAdvisoryTexts(core, [{ file: 'v3-altered.json', text: text(altered) }]);
    expect(twin.files[0]).toMatchObject({ status: 'refused', reason: { key: 'advisories.import.refused.sameRevisionOtherBytes', params: { version: '3' } } });
    expect((core.db.prepare('SELECT count(*) AS n FROM advisories').get() as { n: number }).n).toBe(3);
  });

  it('[#13.1] relationships and product groups: a firmware installed on a device is a product of its own, groups are expanded in remediations, per-product scores are kept', async () => {
    const core = open();
    const doc = csafDocument({
      id: 'ICSA-24-100-01',
      products: [{ vendor: 'Moxa', product: 'EDR-810 Series', leaves: [{ range: '<= 9.78' }, { range: '<= 3.2' }] }],
      vulnerabilities: [{ cve: 'CVE-2024-1000', cvss: 9.8 }],
    }) as Record<string, any>;
    doc.product_tree.relationships = [
      { category: 'installed_on', product_reference: 'CSAFPID-0001', relates_to_product_reference: 'CSAFPID-0002', full_product_name: { name: 'EDR-810 firmware on EDR', product_id: 'CSAFPID-0003' } },
    ];
    doc.product_tree.product_groups = [{ group_id: 'CSAFGID-0001', product_ids: ['CSAFPID-0001', 'CSAFPID-0003'] }];
    const vuln = doc.vulnerabilities[0];
    vuln.product_status = { known_affected: ['CSAFPID-0001', 'CSAFPID-0002', 'CSAFPID-0003'] };
    vuln.scores = [
      { products: ['CSAFPID-0001', 'CSAFPID-0003'], cvss_v3: { version: '3.1', vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', baseScore: 7.5, baseSeverity: 'HIGH' } },
      { products: ['CSAFPID-0002'], cvss_v3: { version: '3.1', vectorString: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', baseScore: 9.8, baseSeverity: 'CRITICAL' } },
    ];
    vuln.remediations = [{ category: 'vendor_fix', details: 'Update to 9.80.', group_ids: ['CSAFGID-0001'] }];
    const report = await importAdvisoryTexts(core, [{ file: 'rel.json', text: JSON.stringify(doc) }]);
    expect(report.files[0]).toEqual(expect.objectContaining({ status: 'imported' }));
    const t = tables(core) as Record<string, unknown[]>;
    expect(t.products).toContainEqual(expect.objectContaining({ product_id: 'CSAFPID-0003', vendor: 'Moxa', product_name: 'EDR-810 Series', version: '<= 9.78', version_is_range: 1 }));
    expect(t.statuses).toEqual([
      expect.objectContaining({ product_id: 'CSAFPID-0001', cvss_score: 7.5 }),
      expect.objectContaining({ product_id: 'CSAFPID-0002', cvss_score: 9.8 }),
      expect.objectContaining({ product_id: 'CSAFPID-0003', cvss_score: 7.5 }),
    ]);
    expect(t.vulnerabilities).toEqual([expect.objectContaining({ cve: 'CVE-2024-1000', cvss_score: 9.8 })]);
    expect(t.remediations).toEqual([expect.objectContaining({ product_ids_json: '["CSAFPID-0001","CSAFPID-0003"]' })]);
  });
});
