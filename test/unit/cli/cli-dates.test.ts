import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { checkInSchema } from '../../../electron/core/media/media-schema';
import { updateSettings } from '../../../electron/core/settings/settings-repository';
import { runHoan, staleBuild } from '../helpers/built-cli';
import { tempDirs } from '../helpers/temp-dir';
import { mediaWorld } from '../media/media-fixture';

const dirs = tempDirs('hoan-cli-dates-');
afterEach(() => dirs.cleanup());
beforeAll(() => {
  expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
});

/** 23:30 UTC on the 2nd: 08:30 on the 3rd in Japan. */
const LATE = new Date('2026-12-02T23:30:00.000Z');

/** A site whose clock ran 30 s backwards once (a warning with two times), with one bundle exported, in 和暦. */
async function prepared() {
  const dataDir = dirs.make();
  const w = mediaWorld(dataDir);
  const checkIn = () => recordCheckIn(w.core, checkInSchema.parse({ siteId: w.site.id, mediumId: w.medium.id, person: '佐藤', purpose: '点検', method: 'none' }), '');
  w.clock.now = LATE;
  checkIn();
  w.clock.now = new Date(LATE.getTime() - 30_000);
  checkIn();
  w.clock.now = LATE;
  await exportBundle(w.core, w.site.id, dirs.make());
  updateSettings(w.core.db, { calendar: 'japanese' }, LATE);
  w.core.close();
  return { dataDir, siteId: w.site.id };
}

describe('[#11.5] the hoan command prints times in the installation’s zone, as the app shows them', () => {
  it('media log verify and bundle history (built CLI, as a user runs it)', async () => {
    const { dataDir, siteId } = await prepared();
    const verify = await runHoan(['media', 'log', 'verify', '--site', siteId, '--data-dir', dataDir]);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toContain('記録 #2 の日時（令和8年12月3日 08:29）が直前の記録（令和8年12月3日 08:30）より 30 秒前です。');
    const history = await runHoan(['bundle', 'history', '--data-dir', dataDir, '--lang', 'en']);
    expect(history.stdout.split('\t')[0]).toBe('Reiwa 8 (2026)-12-03 08:30');
  });

  it('report --xlsx writes its period and made-at time in 和暦', async () => {
    const { dataDir, siteId } = await prepared();
    const file = path.join(dirs.make(), 'report.xlsx');
    const made = await runHoan(['report', '--site', siteId, '--from', '2026-04-01', '--to', '2026-12-03', '--xlsx', file, '--data-dir', dataDir]);
    expect(made.code, made.stderr).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const cover = new Map<string, string>();
    wb.worksheets[0]!.eachRow((r) => cover.set(String(r.getCell(1).value), String(r.getCell(2).value ?? '')));
    expect(cover.get('対象期間')).toBe('令和8年4月1日 〜 令和8年12月3日');
    // Made now, by the real clock: today's era, and a time to the minute.
    expect(cover.get('作成日時')).toMatch(/^令和\d+年\d{1,2}月\d{1,2}日 \d\d:\d\d$/);
  });
});
