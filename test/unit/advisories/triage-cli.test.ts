import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHoan, staleBuild } from '../helpers/built-cli';
import { SAMPLE_ADVISORIES } from '../helpers/csaf';
import { triageKit } from './triage-kit';

/* `hoan advisories triage` as a user runs it: the built command on a data folder with a real ledger and the sample advisories. */

const kit = triageKit('hoan-triage-cli-');
/** The built command runs on the wall clock: a review date a year ahead. */
const NEXT_YEAR = `${new Date().getFullYear() + 1}-03-31`;
let withRound: { dir: string; siteId: string };
let noRound: { dir: string; siteId: string };

beforeAll(async () => {
  expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
  const docs = [SAMPLE_ADVISORIES.melsec(), SAMPLE_ADVISORIES.omron(), SAMPLE_ADVISORIES.moxa()];
  const a = await kit.open({ advisories: docs });
  const b = await kit.open({ round: false, advisories: docs });
  withRound = { dir: a.core.dataDir, siteId: a.siteId };
  noRound = { dir: b.core.dataDir, siteId: b.siteId };
  a.core.close();
  b.core.close();
}, 60_000);
afterAll(() => kit.cleanup());

const hoan = (where: { dir: string }, args: string[]) => runHoan([...args, '--data-dir', where.dir, '--lang', 'ja']);

describe('[#13.3] hoan advisories triage (built)', () => {
  it('[#13.3] records 影響なし and リスク受容, lists them, and refuses with its own exit codes', async () => {
    const site = ['advisories', 'triage', '--site', withRound.siteId];

    const missing = await hoan(withRound, [...site, '--asset', 'CTL-001', '--advisory', 'ICSA-22-179-02', '--status', 'not_affected']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('--reason');
    expect(missing.stderr).toContain('影響なしの理由を選んでください');

    const notAffected = await hoan(withRound, [...site, '--asset', 'CTL-001', '--advisory', 'ICSA-22-179-02', '--status', 'not_affected', '--reason', 'not_reachable']);
    expect(notAffected.stderr).toBe('');
    expect(notAffected).toMatchObject({ code: 0 });
    expect(notAffected.stdout).toContain('ICSA-22-179-02 を「影響なし」と記録しました');

    const accepted = await hoan(withRound, [...site, '--asset', 'SW-001', '--advisory', 'ICSA-24-011-01', '--status', 'risk_accepted', '--control', '制御LANを物理的に分離', '--due', NEXT_YEAR, '--json']);
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ status: 'risk_accepted', riskId: expect.any(String), dueOn: NEXT_YEAR });

    const noMatch = await hoan(withRound, [...site, '--asset', 'SW-002', '--advisory', 'ICSA-24-011-01', '--status', 'affected']);
    expect(noMatch.code).toBe(87);
    expect(noMatch.stderr).toContain('SW-002');

    const refused = await hoan(noRound, ['advisories', 'triage', '--site', noRound.siteId, '--asset', 'SW-001', '--advisory', 'ICSA-24-011-01', '--status', 'risk_accepted', '--control', '分離', '--due', NEXT_YEAR]);
    expect(refused.code).toBe(88);
    expect(refused.stderr).toContain('点検を開始');

    const list = await hoan(withRound, [...site, '--list', '--json']);
    expect(list.code).toBe(0);
    const overview = JSON.parse(list.stdout) as { matches: { assetId: string; advisoryId: string; triage: string }[]; counts: Record<string, number> };
    expect(overview.matches.map((m) => [m.assetId, m.advisoryId, m.triage]).sort()).toEqual([
      ['CTL-001', 'ICSA-22-179-02', 'not_affected'],
      ['EWS-001', 'ICSA-20-212-02', 'open'],
      ['PLC-001', 'ICSA-20-212-02', 'open'],
      ['SW-001', 'ICSA-24-011-01', 'risk_accepted'],
    ]);
    expect(overview.counts).toMatchObject({ open: 2, not_affected: 1, risk_accepted: 1, closed: 0 });

    const text = await hoan(withRound, [...site, '--list', '--status', 'open']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/PLC-001\tICSA-20-212-02\t該当\t未判定\t8\.2\t<= 1\.063R \/ 1\.050C/);
    expect(text.stdout).not.toContain('CTL-001');
  });
});
