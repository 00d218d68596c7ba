import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { auditHistory } from '../../../electron/core/audit/audit-log';
import { openXlsx } from '../../../electron/core/inventory/xlsx-rows';
import { deflated, ledgerXlsx, PART_HEADS, PART_TAILS } from '../helpers/hostile-xlsx';
import { importPath, inventoryKit, storedDevices, writtenState } from './inventory-test-kit';

const kit = inventoryKit('hoan-inv-xlsx-');
afterEach(() => kit.cleanup());

const HEADERS = [
  '管理番号', '機器名', '種別', '設置場所', 'メーカー', '型番', 'シリアル番号', 'OS/ファームウェア',
  'バージョン', 'IPアドレス', 'MACアドレス', '接続先', '用途', '管理者', '導入日', '備考', '保守契約番号',
];

/**
 * A vendor's workbook as exceljs writes it: a cover sheet, then the ledger
 * under a merged title and a date line, with a blank row before the header.
 */
async function vendorWorkbook(dir: string): Promise<string> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('表紙').getCell('A1').value = '機器台帳 ご提出用';
  const sheet = book.addWorksheet('機器一覧');
  sheet.getCell('A1').value = '第一工場 機器台帳（令和5年度）';
  sheet.mergeCells('A1:Q1');
  sheet.getCell('A2').value = '作成日';
  sheet.getCell('B2').value = new Date(Date.UTC(2023, 5, 30));
  sheet.getRow(4).values = HEADERS;
  const rows: Record<number, unknown[]> = {
    5: ['PLC-001', 'ＰＬＣ　１号機', 'PLC', '第1電気室', '三菱電機', 'Q03UDV', 'SN-0001', 'FW 1.23', 'Ｖ２．１', '192.168.010.005', '00-11-22-aa-bb-cc', '制御LAN', '受電監視', '山田', null, '', 'MC-1'],
    6: ['PLC-002', { formula: 'CONCAT("監視","PC")', result: '監視PC' }, 'PC', '中央監視室', '富士通', 'ESPRIMO D588', 'SN-0002', 'Windows 10', '22H2', '192.168.10.6', '0011.22aa.bbcd', '情報LAN', '監視', '佐藤', '令和5年4月1日', '二重化\n予備機あり', ''],
    7: ['PLC-003', 'ルーター', 'ネットワーク機器', '通信室', 'ヤマハ', 'RTX830', 'SN-0003', 'Rev.15', '15.02', '１９２．１６８．０．２', '001122AABBCE', '接続先: 遠隔監視', '', '', 'R5.4.1', '', 'MC-3'],
    8: ['PLC-004', 'ｶﾒﾗ', '監視カメラ', '屋外', '', '', '', '', '', '', '', '', '', '', 45017, '', ''],
    9: ['PLC-005', 'UPS', 'UPS', '第1電気室', 'オムロン', 'BU100R', 'SN-0005', '', { formula: '1+1', result: 2 }, '', '', '', '', '', '2023/4/1', '', ''],
    11: ['PLC-006', '表示器', 'HMI', '第2電気室', '', '', '', '', '', '192.168.0.300', '', '', '', '', '', '', ''],
    12: ['', '管理番号のない機器', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
    13: ['PLC-001', '重複した行', '', '', '', '', '', '', '', '', '', '', '', '', '', '', ''],
    14: ['PLC-007', 'センサ', '', '', '', '', '', '', '', '', '00:11', '', '', '', '2023/2/30', '', ''],
  };
  for (const [n, values] of Object.entries(rows)) sheet.getRow(Number(n)).values = values as ExcelJS.CellValue[];
  const dateCell = sheet.getCell('O5');
  dateCell.value = new Date(Date.UTC(2023, 3, 1));
  dateCell.numFmt = 'yyyy/m/d';
  const file = path.join(dir, '機器台帳_第一工場.xlsx');
  await book.xlsx.writeFile(file);
  return file;
}

describe('importing an xlsx written by exceljs', () => {
  it('finds the ledger sheet and its header, normalises every value and reports the bad rows', async () => {
    const { core, siteId } = kit.open();
    const file = await vendorWorkbook(kit.dirs.make());

    const { preview, result } = await importPath(core, siteId, file);

    expect(preview).toMatchObject({
      fileName: '機器台帳_第一工場.xlsx',
      format: 'xlsx',
      sheets: ['表紙', '機器一覧'],
      sheet: '機器一覧',
      headerRow: 4,
      problem: null,
      rows: 9,
      validRows: 5,
      invalidRows: 4,
      issueCount: 5,
    });
    expect(preview.columns.map((c) => [c.letter, c.target])).toEqual([
      ['A', 'assetId'], ['B', 'name'], ['C', 'kind'], ['D', 'location'], ['E', 'manufacturer'], ['F', 'model'],
      ['G', 'serialNumber'], ['H', 'os'], ['I', 'softwareVersion'], ['J', 'ipAddress'], ['K', 'macAddress'],
      ['L', 'network'], ['M', 'purpose'], ['N', 'administrator'], ['O', 'installedOn'], ['P', 'notes'], ['Q', 'extra'],
    ]);
    expect(preview.issues).toEqual([
      { row: 11, column: 'J', header: 'IPアドレス', messageKey: 'errors.inventory.row.badIp', params: { value: '192.168.0.300' } },
      { row: 12, column: 'A', header: '管理番号', messageKey: 'errors.inventory.row.missingAssetId' },
      { row: 13, column: 'A', header: '管理番号', messageKey: 'errors.inventory.row.duplicateAssetId', params: { assetId: 'PLC-001', firstRow: 5 } },
      { row: 14, column: 'K', header: 'MACアドレス', messageKey: 'errors.inventory.row.badMac', params: { value: '00:11' } },
      { row: 14, column: 'O', header: '導入日', messageKey: 'errors.inventory.row.badDate', params: { value: '2023/2/30' } },
    ]);
    expect(preview.diff.counts).toEqual({ new: 5, changed: 0, unchanged: 0, absent: 0 });
    expect(result?.batch.counts).toEqual({ created: 5, updated: 0, unchanged: 0, absent: 0, skipped: 4 });

    const devices = storedDevices(core);
    expect(Object.keys(devices)).toEqual(['PLC-001', 'PLC-002', 'PLC-003', 'PLC-004', 'PLC-005']);
    expect(devices['PLC-001']).toMatchObject({
      name: 'PLC 1号機',
      kind: 'PLC',
      location: '第1電気室',
      manufacturer: '三菱電機',
      model: 'Q03UDV',
      serial_number: 'SN-0001',
      os: 'FW 1.23',
      software_version: 'V2.1',
      ip_address: '192.168.10.5',
      mac_address: '00:11:22:AA:BB:CC',
      network: '制御LAN',
      purpose: '受電監視',
      administrator: '山田',
      installed_on: '2023-04-01',
      notes: '',
      extra: { 保守契約番号: 'MC-1' },
      in_latest_import: 1,
    });
    // A formula cell is its cached result; a line break in 備考 survives.
    expect(devices['PLC-002']).toMatchObject({ name: '監視PC', installed_on: '2023-04-01', mac_address: '00:11:22:AA:BB:CD', notes: '二重化\n予備機あり', extra: {} });
    expect(devices['PLC-003']).toMatchObject({ installed_on: '2023-04-01', ip_address: '192.168.0.2', network: '接続先: 遠隔監視' });
    // An Excel serial in a plain number cell, and half-width katakana.
    expect(devices['PLC-004']).toMatchObject({ name: 'カメラ', installed_on: '2023-04-01', manufacturer: '' });
    expect(devices['PLC-005']).toMatchObject({ software_version: '2', installed_on: '2023-04-01' });
  });

  it('writes one batch with one audit entry naming the file and its hash, and nothing for the skipped rows', async () => {
    const { core, siteId } = kit.open();
    const file = await vendorWorkbook(kit.dirs.make());
    const before = writtenState(core, siteId);

    const { preview, result } = await importPath(core, siteId, file);

    expect(writtenState(core, siteId)).toEqual({ ...before, devices: 5, batches: 1, audit: before.audit + 1 });
    const [entry] = auditHistory(core.db, 'inventory-import', result!.batch.id);
    expect(entry?.changes).toEqual(
      expect.arrayContaining([
        { field: 'fileName', old: null, new: '機器台帳_第一工場.xlsx' },
        { field: 'fileSha256', old: null, new: preview.fileSha256 },
        { field: 'created', old: null, new: 5 },
        { field: 'skipped', old: null, new: 4 },
      ]),
    );
    expect(preview.fileSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the sheet the user chose, and says so when it does not exist', async () => {
    const { core, siteId } = kit.open();
    const file = await vendorWorkbook(kit.dirs.make());
    await expect(importPath(core, siteId, file, { sheet: '表紙', dryRun: true })).rejects.toMatchObject({
      messageKey: 'errors.inventory.noHeaderRow',
      params: { file: '機器台帳_第一工場.xlsx', sheet: '表紙', rows: 30 },
    });
    await expect(importPath(core, siteId, file, { sheet: '別紙', dryRun: true })).rejects.toMatchObject({
      messageKey: 'errors.inventory.sheetNotFound',
      params: { file: '機器台帳_第一工場.xlsx', sheet: '別紙' },
    });
    const { preview } = await importPath(core, siteId, file, { sheet: '機器一覧', dryRun: true });
    expect(preview.validRows).toBe(5);
    expect(writtenState(core, siteId).devices).toBe(0);
  });
});

async function allRows(file: string) {
  const book = openXlsx(file);
  const sheets: { name: string; rows: unknown[][] }[] = [];
  try {
    for await (const sheet of book.sheets) {
      const rows: unknown[][] = [];
      for await (const row of sheet.rows) rows.push(row.c);
      sheets.push({ name: sheet.name, rows });
    }
    return { sheets, names: book.sheetNames() };
  } finally {
    book.close();
  }
}

describe('what the xlsx reader keeps from the workbook part', () => {
  it('sheet names in tab order without hidden sheets, and every sheet read in that order', async () => {
    const book = new ExcelJS.Workbook();
    book.addWorksheet('表紙').getCell('A1').value = '表紙';
    book.addWorksheet('作業用', { state: 'hidden' }).getCell('A1').value = '隠し';
    book.addWorksheet('台帳').getCell('A1').value = '台帳';
    book.addWorksheet('旧台帳', { state: 'veryHidden' }).getCell('A1').value = '旧';
    const file = path.join(kit.dirs.make(), 'sheets.xlsx');
    await book.xlsx.writeFile(file);
    const read = await allRows(file);
    expect(read.names).toEqual(['表紙', '台帳']);
    expect(read.sheets.map((s) => [s.name, s.rows[0]![0]])).toEqual([['表紙', '表紙'], ['作業用', '隠し'], ['台帳', '台帳'], ['旧台帳', '旧']]);
  });

  it('the 1904 date system, as Excel (date1904="1") and LibreOffice (date1904="true") write it', async () => {
    for (const value of ['1', 'true', '0']) {
      const styles = PART_HEADS['xl/styles.xml'].replace('<cellXfs count="1">', '<cellXfs count="2">') + '<xf numFmtId="14" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>' + PART_TAILS['xl/styles.xml'];
      const sheet = PART_HEADS['xl/worksheets/sheet1.xml'] + '<row r="4"><c r="A4" s="1"><v>0</v></c></row>' + PART_TAILS['xl/worksheets/sheet1.xml'];
      const workbook = PART_HEADS['xl/workbook.xml'].replace('<workbookPr/>', `<workbookPr date1904="${value}"/>`) + PART_TAILS['xl/workbook.xml'];
      const file = path.join(kit.dirs.make(), `date1904-${value}.xlsx`);
      fs.writeFileSync(
        file,
        ledgerXlsx({ 'xl/styles.xml': deflated('xl/styles.xml', styles), 'xl/worksheets/sheet1.xml': deflated('xl/worksheets/sheet1.xml', sheet), 'xl/workbook.xml': deflated('xl/workbook.xml', workbook) }),
      );
      const { sheets } = await allRows(file);
      expect(sheets[0]!.rows.at(-1)![0]).toEqual(value === '0' ? new Date('1899-12-30T00:00:00.000Z') : new Date('1904-01-01T00:00:00.000Z'));
    }
  });

  it('Japanese text split between two inflated chunks is read whole (exceljs alone turned such characters into U+FFFD)', async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('台帳');
    const names = Array.from({ length: 3000 }, (_, i) => `${['監視', '制御', '保護継電'][i % 3]}装置 第${i}号機（受電設備）`);
    for (const name of names) sheet.addRow([name]);
    const file = path.join(kit.dirs.make(), 'japanese.xlsx');
    await book.xlsx.writeFile(file);
    const { sheets } = await allRows(file);
    expect(sheets[0]!.rows.map((r) => r[0])).toEqual(names);
  });
});
