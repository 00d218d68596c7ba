import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { csvText } from '../helpers/spreadsheet-files';
import { importPath, inventoryKit, storedDevices } from './inventory-test-kit';

const kit = inventoryKit('hoan-inv-values-');
afterEach(() => kit.cleanup());

const HEADER = ['管理番号', '機器名', '設置場所', 'IPアドレス', 'MACアドレス', '導入日', '保守契約番号', '確認状況'];

describe('[#11.10] the preview shows what will be stored', () => {
  it('[#11.10] every mapped column of the first rows with the value Hoan will store, and a 和暦 date and addresses written another way next to their conversion', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('機器一覧');
    sheet.getRow(1).values = HEADER;
    const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));
    const rows: ExcelJS.CellValue[][] = [
      ['KT-1', 'PLC', '第1電気室', '192.168.0.1', '00:11:22:AA:BB:01', day(2023, 4, 1), 'MC-1', '確認済み'],
      ['KT-2', 'HMI', '第1電気室', '192.168.0.2', '00:11:22:AA:BB:02', day(2023, 4, 1), '', '確認済み'],
      ['KT-3', '監視PC', '中央監視室', '192.168.0.3', '00:11:22:AA:BB:03', null, '', '確認済み'],
      ['KT-4', 'ルーター', '通信室', '192.168.0.4', '00:11:22:AA:BB:04', day(2024, 1, 5), '', '確認済み'],
      ['KT-5', 'UPS', '第1電気室', '192.168.000.005', '00-11-22-aa-bb-05', 'R6.4.1', '', '確認済み'],
      ['KT-6', 'センサ', '屋外', '192.168.0.6', '00:11:22:AA:BB:06', 45017, '', '確認済み'],
    ];
    rows.forEach((r, i) => (sheet.getRow(i + 2).values = r));
    sheet.getColumn(6).numFmt = 'yyyy/m/d';
    const file = path.join(kit.dirs.make(), '台帳.xlsx');
    await book.xlsx.writeFile(file);

    const { core, siteId } = kit.open();
    const { preview } = await importPath(core, siteId, file, { dryRun: true });
    expect(preview.columns.map((c) => c.target)).toEqual(['assetId', 'name', 'location', 'ipAddress', 'macAddress', 'installedOn', 'extra', 'ignore']);
    expect(preview.samples).toEqual([
      {
        row: 2,
        values: [
          { index: 0, stored: 'KT-1' }, { index: 1, stored: 'PLC' }, { index: 2, stored: '第1電気室' }, { index: 3, stored: '192.168.0.1' },
          { index: 4, stored: '00:11:22:AA:BB:01' }, { index: 5, stored: '2023-04-01' }, { index: 6, stored: 'MC-1' },
        ],
      },
      { row: 3, values: [{ index: 0, stored: 'KT-2' }, { index: 1, stored: 'HMI' }, { index: 2, stored: '第1電気室' }, { index: 3, stored: '192.168.0.2' }, { index: 4, stored: '00:11:22:AA:BB:02' }, { index: 5, stored: '2023-04-01' }] },
      { row: 4, values: [{ index: 0, stored: 'KT-3' }, { index: 1, stored: '監視PC' }, { index: 2, stored: '中央監視室' }, { index: 3, stored: '192.168.0.3' }, { index: 4, stored: '00:11:22:AA:BB:03' }] },
      // The first row where the file's text is not what is stored, for each converted column: here all three at once.
      {
        row: 6,
        values: [
          { index: 0, stored: 'KT-5' }, { index: 1, stored: 'UPS' }, { index: 2, stored: '第1電気室' },
          { index: 3, stored: '192.168.0.5', written: '192.168.000.005' },
          { index: 4, stored: '00:11:22:AA:BB:05', written: '00-11-22-aa-bb-05' },
          { index: 5, stored: '2024-04-01', written: 'R6.4.1' },
        ],
      },
    ]);
    expect(storedDevices(core)).toEqual({});
  });

  it('[#11.10] a column whose only conversions come late is shown with its first one, from a CSV of 5,000 rows', async () => {
    const lines: string[][] = [['管理番号', '機器名', '導入日']];
    for (let i = 1; i <= 5000; i++) lines.push([`D-${i}`, `端末${i}`, i === 4321 ? '令和5年4月1日' : '2023-04-01']);
    const file = path.join(kit.dirs.make(), '台帳.csv');
    fs.writeFileSync(file, csvText(lines));
    const { core, siteId } = kit.open();
    const { preview } = await importPath(core, siteId, file, { dryRun: true });
    expect(preview.samples.map((s) => s.row)).toEqual([2, 3, 4, 4322]);
    expect(preview.samples[3]!.values).toContainEqual({ index: 2, stored: '2023-04-01', written: '令和5年4月1日' });
  });
});
