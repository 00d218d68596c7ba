import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { csvText } from '../helpers/spreadsheet-files';
import { importPath, inventoryKit, previewUpload, storedDevices } from './inventory-test-kit';

const kit = inventoryKit('hoan-inv-table-end-');
afterEach(() => kit.cleanup());

const HEADER = ['管理番号', '機器名', '種別', '設置場所', 'IPアドレス', '導入日', '保守契約'];
const NOTE = '※ 本台帳は年1回見直し、変更があれば電気主任技術者に報告すること。';
type Cell = string | number | Date | null;

/** A ledger as a site keeps it in Excel: a title, the table, then notes below it across merged cells. */
async function workbook(dir: string, name: string, rows: Record<number, Cell[]>, merged: number[] = []): Promise<string> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('機器一覧');
  sheet.getCell('A1').value = '第一工場 機器台帳';
  sheet.getRow(2).values = HEADER;
  for (const [n, values] of Object.entries(rows)) sheet.getRow(Number(n)).values = values as ExcelJS.CellValue[];
  for (const n of merged) sheet.mergeCells(n, 1, n, HEADER.length);
  const file = path.join(dir, name);
  await book.xlsx.writeFile(file);
  return file;
}

/** The same rows as a CSV: a blank row is an empty line, a merged note its first cell. */
function csv(dir: string, name: string, rows: Record<number, Cell[]>): string {
  const last = Math.max(...Object.keys(rows).map(Number));
  const lines: (string | number)[][] = [['第一工場 機器台帳'], HEADER];
  for (let n = 3; n <= last; n++) lines.push((rows[n] ?? []).map((c) => (c instanceof Date ? c.toISOString().slice(0, 10) : (c ?? ''))));
  const file = path.join(dir, name);
  fs.writeFileSync(file, csvText(lines));
  return file;
}

const device = (id: string, name: string): Cell[] => [id, name, 'PLC', '第1電気室', '', '', ''];

describe('[#11.10] the end of the table', () => {
  it('[#11.10] a note row under the table ("※ 本台帳は…", after a blank row, text in its first column only) is not a device, in xlsx and CSV, in the preview and the commit', async () => {
    // 1,000 devices: the blank row and the note arrive in the worker's second batch of rows.
    const rows: Record<number, Cell[]> = {};
    for (let i = 1; i <= 1000; i++) rows[i + 2] = device(`KT-${i}`, `機器${i}`);
    rows[1004] = [NOTE];
    rows[1005] = ['注1) IPアドレスは制御LANのもの'];
    rows[1007] = [null, null, null, null, '作成: 山田', '承認: 佐藤'];
    const dir = kit.dirs.make();
    const files = [await workbook(dir, '台帳.xlsx', rows, [1004, 1005]), csv(dir, '台帳.csv', rows)];

    for (const file of files) {
      const { core, siteId } = kit.open();
      const viaUpload = await previewUpload(core, siteId, file);
      const { preview } = await importPath(core, siteId, file);
      for (const p of [viaUpload, preview]) {
        expect(p).toMatchObject({ rows: 1000, validRows: 1000, invalidRows: 0, issueCount: 0, warningCount: 0 });
        expect(p.tableEnd).toEqual({
          row: 1004,
          reason: 'note',
          count: 3,
          deviceLike: 0,
          rows: [
            { row: 1004, text: NOTE, deviceLike: false },
            { row: 1005, text: '注1) IPアドレスは制御LANのもの', deviceLike: false },
            { row: 1007, text: '作成: 山田 承認: 佐藤', deviceLike: false },
          ],
        });
      }
      const stored = storedDevices(core);
      expect(Object.keys(stored)).toHaveLength(1000);
      expect(Object.keys(stored).filter((id) => !id.startsWith('KT-'))).toEqual([]);
    }
  });

  it('[#11.10] a device after an accidental blank row is imported; a heading after a blank row ends the table, and the device rows below it are listed, not dropped silently', async () => {
    const rows: Record<number, Cell[]> = {
      3: device('A-1', 'PLC'),
      4: device('A-2', 'HMI'),
      // 5: blank by accident
      6: device('A-3', '監視PC'),
      // 7: blank, then a heading in one cell: the table ends there
      8: ['【撤去済み】'],
      9: device('A-9', '旧ルーター'),
      // 10: blank, then a footer with neither 管理番号 nor 機器名
      11: [null, null, null, '合計', 3],
    };
    const dir = kit.dirs.make();
    for (const file of [await workbook(dir, '台帳.xlsx', rows), csv(dir, '台帳.csv', rows)]) {
      const { core, siteId } = kit.open();
      const { preview } = await importPath(core, siteId, file);
      expect(preview).toMatchObject({ rows: 3, validRows: 3, issueCount: 0 });
      expect(preview.tableEnd).toEqual({
        row: 8,
        reason: 'oneCell',
        count: 3,
        deviceLike: 1,
        rows: [
          { row: 8, text: '【撤去済み】', deviceLike: false },
          { row: 9, text: 'A-9 旧ルーター PLC 第1電気室', deviceLike: true },
          { row: 11, text: '合計 3', deviceLike: false },
        ],
      });
      expect(Object.keys(storedDevices(core))).toEqual(['A-1', 'A-2', 'A-3']);
    }
  });

  it('[#11.10] after a blank row, a row with neither 管理番号 nor 機器名 ends the table; a lone ※ row ends it without a blank row; a blank row under the header ends nothing', async () => {
    const dir = kit.dirs.make();
    const cases: { rows: Record<number, Cell[]>; end: { row: number; reason: string } | null; ids: string[] }[] = [
      { rows: { 3: device('A-1', 'PLC'), 5: [null, null, 'PLC', '第1電気室', '', '2024/4/1', ''] }, end: { row: 5, reason: 'noIdOrName' }, ids: ['A-1'] },
      { rows: { 3: device('A-1', 'PLC'), 4: ['※ 撤去予定の機器を含む'] }, end: { row: 4, reason: 'note' }, ids: ['A-1'] },
      { rows: { 4: device('A-1', 'PLC'), 5: device('A-2', 'HMI') }, end: null, ids: ['A-1', 'A-2'] },
      // A 管理番号 that begins like a note is still a device when more of its row is filled and no blank row comes first.
      { rows: { 3: device('A-1', 'PLC'), 4: ['注1)-7', '注入ポンプ', 'ポンプ', '', '', '', ''] }, end: null, ids: ['A-1', '注1)-7'] },
    ];
    for (const [i, c] of cases.entries()) {
      const { core, siteId } = kit.open();
      const { preview } = await importPath(core, siteId, csv(dir, `case${i}.csv`, c.rows));
      expect(preview.tableEnd && { row: preview.tableEnd.row, reason: preview.tableEnd.reason }, `case ${i}`).toEqual(c.end);
      expect(Object.keys(storedDevices(core)), `case ${i}`).toEqual(c.ids);
    }
  });

  it('[#11.10] a device row whose 機器名 is empty is imported and flagged with its row and column; a file without a 機器名 column flags nothing', async () => {
    const dir = kit.dirs.make();
    const { core, siteId } = kit.open();
    const { preview } = await importPath(core, siteId, csv(dir, '台帳.csv', { 3: device('A-1', 'PLC'), 4: device('A-2', ''), 5: device('A-3', 'HMI') }));
    expect(preview.validRows).toBe(3);
    expect(preview.warningCount).toBe(1);
    expect(preview.warnings).toEqual([{ row: 4, column: 'B', header: '機器名', messageKey: 'errors.inventory.row.missingName' }]);
    expect(Object.keys(storedDevices(core))).toEqual(['A-1', 'A-2', 'A-3']);

    const addresses = path.join(dir, 'アドレス.csv');
    fs.writeFileSync(addresses, csvText([['管理番号', 'IPアドレス'], ['A-1', '10.0.0.1'], ['A-2', '10.0.0.2']]));
    const again = await importPath(core, siteId, addresses);
    expect(again.preview.warningCount).toBe(0);
  });
});
