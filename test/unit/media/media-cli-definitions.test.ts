import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli-io';
import type { LogEntry, CheckInBody, Medium } from '../../../electron/core/media/media-types';
import { runHoan, staleBuild } from '../helpers/built-cli';
import { buildDefinitions, installTestDefinitions } from '../helpers/definitions';
import { tempDirs } from '../helpers/temp-dir';
import { buildClamContainer, mediaWorld, TEST_MALWARE, writeMedium } from './media-fixture';

/*
 * `hoan media add` and `hoan media scan` as a user runs them: the built
 * command on the real clock, against definitions put into the store. Stale
 * definitions are a container sigtool built, re-dated forty days back
 * (buildDefinitions rewrites both places a container keeps its build time).
 */

const dirs = tempDirs('hoan-media-cli-defs-');
const DAY = 86_400_000;

/** A data folder with a site and USB-001, the store holding `container`, the clock now. */
async function prepared(container: (dir: string) => string) {
  const dataDir = dirs.make();
  const w = mediaWorld(dataDir);
  w.clock.now = new Date();
  await installTestDefinitions(w.core, [container(dirs.make())]);
  w.core.close();
  return { dataDir, siteId: w.site.id };
}

const scan = (dataDir: string, siteId: string, files: Record<string, string | Buffer>, ...extra: string[]) =>
  runHoan(['media', 'scan', writeMedium(dirs.make(), files), '--site', siteId, '--medium', 'USB-001', '--person', '山田', '--data-dir', dataDir, ...extra]);

beforeAll(() => {
  expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
});
afterAll(() => dirs.cleanup());

describe('[#12.3] hoan media scan uses and prints the definitions in the store', () => {
  it('[#12.3] the test malware is denied (exit 8) and a clean folder allowed (exit 0); the definitions used are printed, and --json carries them in the entry', async () => {
    const { dataDir, siteId } = await prepared((dir) => buildClamContainer(dir, { version: 27700 }));
    const denied = await scan(dataDir, siteId, { 'tool.exe': TEST_MALWARE });
    expect(denied.code, denied.stderr).toBe(EXIT.mediumDenied);
    const lines = denied.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^#1\t拒否\t検出あり\tUSB-001\t/);
    expect(lines.slice(1)).toEqual([
      '定義ファイル\tdaily 27700 (Hoan の定義ファイル)',
      expect.stringMatching(/^定義ファイルの作成日時\t\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2}$/),
      '経過日数\t0 日',
      '上限\t7 日',
      '鮮度\t上限内',
    ]);

    const allowed = await scan(dataDir, siteId, { 'README.txt': '手順書' }, '--json');
    expect(allowed.code, allowed.stderr).toBe(EXIT.ok);
    const entry = JSON.parse(allowed.stdout) as LogEntry;
    expect(entry).toMatchObject({ n: 2, decision: 'allowed', result: 'clean' });
    expect((entry.body as CheckInBody).scan!.definitions).toMatchObject({ source: 'store', version: 'daily 27700', ageDays: 0, maxAgeDays: 7, stale: false, files: [{ name: 'daily.cud', version: '27700' }] });

    const en = await scan(dataDir, siteId, { 'b.exe': TEST_MALWARE }, '--lang', 'en');
    expect(en.code).toBe(EXIT.mediumDenied);
    expect(en.stdout).toContain("Definitions\tdaily 27700 (Hoan's own definitions)\n");
    expect(en.stdout).toContain('Age (days)\t0\nLimit (days)\t7\nFreshness\tWithin the limit\n');
    const verify = await runHoan(['media', 'log', 'verify', '--site', siteId, '--data-dir', dataDir]);
    expect(verify.code, verify.stdout).toBe(EXIT.ok);
  });

  it('[#12.3] definitions older than the site\'s limit: a clean scan exits 8 and says why; with --approver and --exception-reason it is recorded as a stale-definitions exception (exit 0)', async () => {
    const { dataDir, siteId } = await prepared((dir) => buildDefinitions(dir, { builtAt: new Date(Date.now() - 40 * DAY), version: 27701 }));
    const denied = await scan(dataDir, siteId, { 'a.txt': 'ok' });
    expect(denied.code, denied.stderr).toBe(EXIT.mediumDenied);
    expect(denied.stdout).toMatch(/^#1\t拒否\t異常なし\tUSB-001\t/);
    expect(denied.stdout).toContain('経過日数\t40 日\n上限\t7 日\n鮮度\t上限超過\n');
    expect(denied.stderr).toContain('定義ファイルがこの事業場の上限（7 日）より古いため、拒否しました。');

    const excepted = await scan(dataDir, siteId, { 'a.txt': 'ok' }, '--approver', '電気主任技術者', '--exception-reason', '定義更新は来週、メーカー立会い');
    expect(excepted.code, excepted.stderr).toBe(EXIT.ok);
    expect(excepted.stdout).toMatch(/^#2\t例外許可（古い定義ファイル）\t異常なし\tUSB-001\t/);

    const json = await scan(dataDir, siteId, { 'a.txt': 'ok' }, '--approver', '電気主任技術者', '--json');
    expect(json.code).toBe(EXIT.validation);
    expect(json.stderr).toContain('--exception-reason: 必須項目です。');
  });

  it('[#12.3] an exception given for a scan that needs none is not used: a clean scan with fresh definitions is simply allowed', async () => {
    const { dataDir, siteId } = await prepared((dir) => buildClamContainer(dir));
    const r = await scan(dataDir, siteId, { 'a.txt': 'ok' }, '--approver', '主任', '--exception-reason', '念のため', '--json');
    expect(r.code, r.stderr).toBe(EXIT.ok);
    expect(JSON.parse(r.stdout)).toMatchObject({ decision: 'allowed', approver: '', exceptionReason: '' });
  });
});

describe('[#12.3] hoan media add registers a medium from a terminal', () => {
  it('[#12.3] --type takes the short words; the medium is listed; bad input names the flag and nothing is registered', async () => {
    const dataDir = dirs.make();
    const w = mediaWorld(dataDir);
    const siteId = w.site.id;
    w.core.close();
    const added = await runHoan(['media', 'add', '--site', siteId, '--control-no', 'SD-07', '--type', 'sd', '--owner-name', '佐藤 花子', '--owner-company', '計装サービス', '--serial', 'X1234', '--data-dir', dataDir, '--json']);
    expect(added.code, added.stderr).toBe(EXIT.ok);
    const medium = JSON.parse(added.stdout) as Medium;
    expect(medium).toMatchObject({ siteId, controlNo: 'SD-07', type: 'sd_card', ownerPerson: '佐藤 花子', ownerCompany: '計装サービス', serial: 'X1234', status: 'active' });
    const pc = await runHoan(['media', 'add', '--site', siteId, '--control-no', 'PC-01', '--type', 'PC', '--data-dir', dataDir]);
    expect(pc).toMatchObject({ code: EXIT.ok, stdout: expect.stringMatching(/^[0-9a-f-]{36}\tPC-01\t保守用PC\t使用中\n$/) });

    const bad = await runHoan(['media', 'add', '--site', siteId, '--control-no', '', '--type', 'floppy', '--owner-name', 'a\u0007b', '--data-dir', dataDir]);
    expect(bad.code).toBe(EXIT.validation);
    expect(bad.stderr).toContain('--control-no: 必須項目です。');
    expect(bad.stderr).toContain('--type: 次のいずれかを指定してください: usb, hdd, sd, pc, instrument, other');
    expect(bad.stderr).toContain('--owner-name: 目に見えない制御文字');
    const taken = await runHoan(['media', 'add', '--site', siteId, '--control-no', 'SD-07', '--type', 'usb', '--data-dir', dataDir, '--lang', 'en']);
    // Taken is a conflict with what is registered (exit 6, as in every other command), named by its flag.
    expect(taken.code).toBe(EXIT.io);
    expect(taken.stderr).toContain('--control-no: Control no. SD-07 is already used at this site.');
    const list = await runHoan(['media', 'list', '--site', siteId, '--data-dir', dataDir]);
    expect(list.stdout.trimEnd().split('\n').map((l) => l.split('\t')[1])).toEqual(['PC-01', 'SD-07', 'USB-001']);
  });
});
