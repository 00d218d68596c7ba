import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/core';
import { createSite } from '../../../electron/core/sites/site-repository';
import { runHoan, staleBuild } from '../helpers/built-cli';
import { setUpNames } from '../helpers/set-up';
import { siteInput } from '../helpers/site-input';
import { tempDirs } from '../helpers/temp-dir';
import { importFixtureAdvisories, importLedger } from './matching-fixture';

const dirs = tempDirs('hoan-matches-cli-');
afterAll(() => dirs.cleanup());

describe('hoan advisories matches, run as a user runs it (the built command)', () => {
  let dataDir: string;
  let siteId: string;
  beforeAll(async () => {
    expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
    dataDir = dirs.make();
    const core = openCore({ dataDir });
    setUpNames(core);
    siteId = createSite(core.db, siteInput({ name: '第一発電所' }), core.now()).id;
    await importLedger(core, siteId, dirs.make());
    await importFixtureAdvisories(core);
    core.close();
  });

  it('[#13.2] --json prints {"matches":[…]} with the advisory tracking id, status, CVEs, CVSS, vendor, product, range, device version, confidence and remediations', async () => {
    const run = await runHoan(['advisories', 'matches', '--site', siteId, '--json', '--data-dir', dataDir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { matches: Record<string, unknown>[] };
    expect(out.matches).toHaveLength(14);
    expect(out.matches[0]).toEqual({
      assetId: 'DCS-001',
      advisoryId: 'ICSA-23-047-01',
      status: 'affected',
      cves: ['CVE-2023-26593'],
      cvss: 5.3,
      vendor: 'Yokogawa Electric Corporation',
      product: 'CENTUM VP',
      versionRange: '<= 4.0.12.0 (Including R4.03.00)',
      deviceVersion: '4.0.11.0',
      confidence: 'exact',
      remediations: [{ category: 'vendor_fix', details: 'Update the firmware to the fixed version.' }],
      deviceId: expect.any(String),
      publisherNamespace: 'https://www.cisa.gov/',
      advisoryVersion: '1',
      advisorySha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      title: 'Yokogawa CENTUM VP',
    });
    expect(out.matches.filter((m) => m.assetId === 'NW-001' || m.assetId === 'NW-002').map((m) => [m.assetId, m.status, m.deviceVersion])).toEqual([['NW-001', 'affected', '9.78']]);
  });

  it('[#13.2] the text lists each match in Japanese by default and in English with --lang en; an unknown site is refused with exit 4', async () => {
    const ja = await runHoan(['advisories', 'matches', '--site', siteId, '--data-dir', dataDir]);
    expect(ja.code).toBe(0);
    const lines = ja.stdout.trim().split('\n');
    expect(lines[0]).toBe('14 件（影響あり 11 件、要確認 3 件）');
    expect(lines).toContain('NW-003\tICSA-24-011-01\t要確認\tCVSS 7.5\tMoxa EDR-810 Series\t範囲 <= 9.78\t機器 バージョン未記入\t製品名のみ一致');
    const en = await runHoan(['advisories', 'matches', '--site', siteId, '--lang', 'en', '--data-dir', dataDir]);
    expect(en.stdout).toContain('PLC-001\tICSA-20-212-02\tAffected\tCVSS 8.2\tMitsubishi Electric MELSEC iQ-R Series CPU module\trange <= 1.063R\tdevice Ver.1.050C\tmodel number');
    const missing = await runHoan(['advisories', 'matches', '--site', '00000000-0000-4000-8000-000000000000', '--data-dir', dataDir]);
    expect(missing.code).toBe(4);
  });
});
