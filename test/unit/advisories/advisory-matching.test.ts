import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { matchSite } from '../../../electron/core/advisories/advisory-matching';
import { installMakerAliasTable } from '../../../electron/core/advisories/maker-alias-store';
import type { AdvisoryMatch } from '../../../electron/core/advisories/advisory-types';
import { openCore, type Core } from '../../../electron/core/core';
import { createSite } from '../../../electron/core/sites/site-repository';
import { SAMPLE_ADVISORIES } from '../helpers/csaf';
import { setUpNames } from '../helpers/set-up';
import { siteInput } from '../helpers/site-input';
import { tempDirs } from '../helpers/temp-dir';
import { thrown } from '../helpers/thrown';
import { importFixtureAdvisories, importLedger } from './matching-fixture';

const ROOT = path.resolve(__dirname, '../../..');
const dirs = tempDirs('hoan-matching-');
const cores: Core[] = [];
afterEach(() => {
  for (const core of cores.splice(0)) core.close();
  dirs.cleanup();
});

async function site(): Promise<{ core: Core; siteId: string }> {
  const core = openCore({ dataDir: dirs.make(), now: () => new Date('2026-12-02T00:00:00.000Z') });
  setUpNames(core);
  cores.push(core);
  const { id } = createSite(core.db, siteInput({ name: '第一発電所' }), core.now());
  await importLedger(core, id, dirs.make());
  return { core, siteId: id };
}

const brief = (matches: AdvisoryMatch[]) =>
  matches.map((m) => [m.assetId, m.advisoryId, m.status, m.confidence, m.versionRange, m.deviceVersion]);

describe('matching a Japanese inventory against stored CSAF advisories', () => {
  it('[#13.2] each version form: the device inside the range is affected, the one outside is not reported; unknown versions and ranges are to review', async () => {
    const { core, siteId } = await site();
    expect(matchSite(core, siteId)).toEqual([]);
    await importFixtureAdvisories(core);

    expect(brief(matchSite(core, siteId))).toEqual([
      ['DCS-001', 'ICSA-23-047-01', 'affected', 'exact', '<= 4.0.12.0 (Including R4.03.00)', '4.0.11.0'],
      ['ENG-001', 'ICSA-20-212-02', 'affected', 'exact', '>= R5.01.00 | <= R6.06.00', 'R6.05.00'],
      ['INV-001', 'ICSA-24-100-04', 'review', 'exact', 'See the vendor notice for affected builds', '1.0'],
      ['NW-001', 'ICSA-24-011-01', 'affected', 'ignoring_dashes', '<= 9.78', '9.78'],
      ['NW-003', 'ICSA-24-011-01', 'review', 'name_only', '<= 9.78', ''],
      ['PLC-001', 'ICSA-20-212-02', 'affected', 'model_number', '<= 1.063R', 'Ver.1.050C'],
      ['PLC-003', 'ICSA-20-212-02', 'review', 'model_number', '<= 1.063R', ''],
      ['PLC-010', 'ICSA-22-179-02', 'affected', 'model_number', 'vers:generic/>=1.0|<1.49', '1.48'],
      ['PLC-012', 'ICSA-22-179-02', 'affected', 'case_insensitive', 'vers:all/*', ''],
      ['PLC-020', 'ICSA-24-100-01', 'affected', 'exact', '<V4.0.19.0', 'V4.0.15.0'],
      ['PLC-030', 'ICSA-24-100-03', 'affected', 'exact', 'prior to 2.3', '2.2'],
      ['PLC-032', 'ICSA-24-100-03', 'affected', 'exact', '2.0 and prior', '2.0'],
      ['PLC-034', 'ICSA-24-100-04', 'affected', 'exact', 'V1.0 to V2.3', 'V2.3'],
      ['RTU-001', 'ICSA-24-100-02', 'affected', 'model_number', '>=12|<=68', '13'],
    ]);
    // Not reported: outside the range (DCS-002 4.0.13.0, ENG-002 R6.07.00, NW-002 9.80 (also fixed), PLC-002 1.090U,
    // PLC-011 1.49, PLC-021 V4.0.19.0, PLC-031 2.3, PLC-033 2.1, PLC-035 V2.4, RTU-002 69); fixed inside the range
    // (PLC-022 V4.0.15.1); known_not_affected (PLC-023); makers no advisory names (RT-001 ヤマハ, ENG-003 三菱, PC-001 blank);
    // a named maker's product no advisory names (INV-002 FR-E800).
  });

  it('[#13.2] a match carries the advisory as the --json shape needs it: tracking id, revision, CVEs, highest CVSS, vendor and product as written, remediations', async () => {
    const { core, siteId } = await site();
    await importFixtureAdvisories(core);
    const matches = matchSite(core, siteId);
    const device = (assetId: string) => core.db.prepare('SELECT id FROM devices WHERE asset_id = ?').pluck().get(assetId) as string;
    expect(matches.find((m) => m.assetId === 'PLC-010')).toEqual({
      siteId,
      deviceId: device('PLC-010'),
      assetId: 'PLC-010',
      publisherNamespace: 'https://www.cisa.gov/',
      advisoryId: 'ICSA-22-179-02',
      advisorySha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      advisoryVersion: '1',
      title: 'OMRON SYSMAC CS/CJ/CP Series and NJ/NX Series',
      status: 'affected',
      cves: ['CVE-2022-34151'],
      cvss: 9.8,
      vendor: 'OMRON Corporation',
      product: 'NJ/NX-series Machine Automation Controllers',
      versionRange: 'vers:generic/>=1.0|<1.49',
      deviceVersion: '1.48',
      confidence: 'model_number',
      remediations: [{ category: 'mitigation', details: 'Use a firewall to isolate the controllers.' }],
    });
    const eng = matches.find((m) => m.assetId === 'ENG-001')!;
    expect([eng.vendor, eng.product, eng.cves, eng.cvss]).toEqual(['Mitsubishi Electric Corporation', 'GX Works3', ['CVE-2020-16226'], 8.2]);
    const review = matches.find((m) => m.assetId === 'INV-001')!;
    expect([review.cves, review.cvss]).toEqual([['CVE-2024-1004', 'CVE-2024-1005'], 8.6]);
    expect(thrown(() => matchSite(core, 'no-such-site')).messageKey).toBe('errors.notFound');
  });

  it('[#13.2] the current revision decides, and a newer alias table takes effect without re-importing anything', async () => {
    const { core, siteId } = await site();
    await importFixtureAdvisories(core);
    const revised = SAMPLE_ADVISORIES.melsec('2', '2024-02-01T00:00:00.000Z') as {
      product_tree: { branches: { branches: { branches: { name: string; product: { name: string } }[] }[] }[] };
    };
    const leaf = revised.product_tree.branches[0]!.branches[0]!.branches[0]!;
    leaf.name = '<= 1.090U';
    leaf.product.name = 'Mitsubishi Electric MELSEC iQ-R Series CPU module <= 1.090U';
    await importFixtureAdvisories(core, [revised]);
    const melsec = matchSite(core, siteId).filter((m) => m.advisoryId === 'ICSA-20-212-02');
    expect(melsec.map((m) => [m.assetId, m.status, m.advisoryVersion, m.versionRange])).toEqual([
      ['ENG-001', 'affected', '2', '>= R5.01.00 | <= R6.06.00'],
      ['PLC-001', 'affected', '2', '<= 1.090U'],
      ['PLC-002', 'affected', '2', '<= 1.090U'],
      ['PLC-003', 'review', '2', '<= 1.090U'],
    ]);

    const table = JSON.parse(fs.readFileSync(path.join(ROOT, 'resources/advisories/maker-aliases.json'), 'utf8')) as {
      version: number;
      makers: { key: string; aliases: string[] }[];
    };
    table.version = 2;
    table.makers.find((m) => m.key === 'mitsubishi-electric')!.aliases.push('三菱');
    expect(installMakerAliasTable(core, JSON.stringify(table), 'bundle:HQ-1').status).toBe('installed');
    expect(brief(matchSite(core, siteId).filter((m) => m.assetId === 'ENG-003'))).toEqual([
      ['ENG-003', 'ICSA-20-212-02', 'affected', 'exact', '>= R5.01.00 | <= R6.06.00', 'R6.01.00'],
    ]);
  });
});
