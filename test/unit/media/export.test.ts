import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordCheckIn, recordCorrection } from '../../../electron/core/media/check-in';
import { exportLogXlsx } from '../../../electron/core/media/log-export';
import { checkInSchema, correctionSchema, DEFAULT_SCANNER_CONFIG } from '../../../electron/core/media/media-schema';
import { startScanJob, waitForScanJob } from '../../../electron/core/media/scan-jobs';
import { setScannerConfig } from '../../../electron/core/media/scanner-config';
import { tempDirs } from '../helpers/temp-dir';
import { mediaWorld, TEST_MALWARE, TEST_SIGNATURE, writeMedium, writeSignatureDb, type MediaWorld } from './media-fixture';

const dirs = tempDirs('hoan-export-');
let w: MediaWorld;
beforeEach(() => {
  w = mediaWorld(dirs.make());
  setScannerConfig(w.core.db, w.site.id, { ...DEFAULT_SCANNER_CONFIG, databasePath: writeSignatureDb(dirs.make()) }, w.clock.now);
});
afterEach(() => {
  w.core.close();
  dirs.cleanup();
});

async function scanned(files: Record<string, string | Buffer>, extra: object = {}) {
  const job = await startScanJob(w.core, { siteId: w.site.id, path: writeMedium(dirs.make(), files), scan: true });
  await waitForScanJob(w.core, job.id);
  w.clock.now = new Date(w.clock.now.getTime() + 60_000);
  return recordCheckIn(w.core, checkInSchema.parse({
    siteId: w.site.id, mediumId: w.medium.id, person: '山田 太郎', company: '保守電機株式会社', purpose: 'PLC更新', targets: ['PLC-1', '監視PC'], method: 'scan_here', jobId: job.id, ...extra,
  }), '記録者');
}

async function readBack(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows = (name: string) => {
    const sheet = wb.getWorksheet(name)!;
    const out: string[][] = [];
    sheet.eachRow((row) => {
      const cells = Array.from({ length: sheet.columnCount }, (_, i) => row.getCell(i + 1).value);
      out.push(cells.map((v) => (v === null || v === undefined ? '' : String(v))));
    });
    return out;
  };
  return { names: wb.worksheets.map((s) => s.name), rows };
}

describe('xlsx export in the inspector’s layout', () => {
  it('writes check-ins with corrections applied, the chain with its hashes, and the verification', async () => {
    const clean = await scanned({ 'a.txt': 'x' });
    await scanned({ 'bad.exe': TEST_MALWARE }, { exception: { approver: '主任技術者 佐藤', reason: 'メーカー確認済み' } });
    recordCorrection(w.core, correctionSchema.parse({ siteId: w.site.id, entryId: clean.id, changes: { company: '保守電機（株）' }, reason: '社名' }), '');

    const file = path.join(dirs.make(), 'sub', 'log.xlsx');
    expect(await exportLogXlsx(w.core, w.site.id, {}, file)).toEqual({ path: file, rows: 2 });
    const { names, rows } = await readBack(file);
    expect(names).toEqual(['持込記録', '記録の連鎖', '検証']);
    const log = rows('持込記録');
    expect(log[0]).toEqual(['日時', '媒体管理番号', '種別', '持込者', '所属', '目的', '接続先機器', '検査方法', 'ツール', '定義バージョン', '結果', '判定', '承認者', '例外理由', '記録番号', '備考']);
    expect(log[1]).toEqual([
      '2025年6月1日 09:31', 'USB-001', 'USBメモリ', '山田 太郎', '保守電機（株）', 'PLC更新', 'PLC-1、監視PC', '持込時スキャン',
      expect.stringMatching(/^ClamAV clamscan \d+\.\d+/), expect.stringMatching(/^hoan-test\.hdb sha256:/), '異常なし', '許可', '', '', '1', '訂正あり',
    ]);
    expect(log[2]!.slice(10, 15)).toEqual([`検出あり (${TEST_SIGNATURE}.UNOFFICIAL)`, '例外許可（検査結果）', '主任技術者 佐藤', 'メーカー確認済み', '2']);
    expect(log).toHaveLength(3);

    const chain = rows('記録の連鎖');
    expect(chain.map((r) => [r[0], r[2]])).toEqual([['記録番号', '記録'], ['1', '持込'], ['2', '持込'], ['3', '訂正']]);
    expect(chain[3]![4]).toBe(clean.id);
    expect(chain[2]![5]).toBe(chain[1]![6]);

    const verification = rows('検証');
    expect(verification[4]).toEqual(['検証結果', '改ざんは検出されませんでした（3 件を検査）。']);
    expect(verification[3]![1]).toBe(chain[3]![6]);
  });

  it('applies filters, refuses to overwrite, and leaves no partial file when it fails', async () => {
    await scanned({ 'a.txt': 'x' });
    await scanned({ 'bad.exe': TEST_MALWARE });
    const dir = dirs.make();
    const denied = path.join(dir, 'denied.xlsx');
    expect((await exportLogXlsx(w.core, w.site.id, { decision: 'denied' }, denied)).rows).toBe(1);
    expect((await readBack(denied)).rows('持込記録')[1]![11]).toBe('拒否');
    await expect(exportLogXlsx(w.core, w.site.id, {}, denied)).rejects.toMatchObject({ code: 'conflict', messageKey: 'media.errors.exportExists' });
    const blocker = path.join(dir, 'file-not-folder');
    fs.writeFileSync(blocker, 'x');
    await expect(exportLogXlsx(w.core, w.site.id, {}, path.join(blocker, 'x.xlsx'))).rejects.toBeTruthy();
    expect(fs.readdirSync(dir).sort()).toEqual(['denied.xlsx', 'file-not-folder']);
  });

  it('English on request', async () => {
    await scanned({ 'a.txt': 'x' });
    const file = path.join(dirs.make(), 'en.xlsx');
    await exportLogXlsx(w.core, w.site.id, {}, file, 'en');
    const { names, rows } = await readBack(file);
    expect(names[0]).toBe('Checkpoint log');
    expect(rows('Checkpoint log')[1]!.slice(10, 12)).toEqual(['Clean', 'Allowed']);
  });
});
