import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { csvText, sofficeToXlsx } from '../helpers/spreadsheet-files';
import { importPath, inventoryKit, storedDevices } from './inventory-test-kit';

/**
 * Workbooks written by LibreOffice Calc (soffice --headless --convert-to xlsx):
 * another writer than exceljs, with its own zip order, rich-text runs where
 * scripts mix, styles and cached formula results. CI installs it (.ci/run).
 */
const kit = inventoryKit('hoan-inv-lo-');
afterEach(() => kit.cleanup());

function fodsCell(value: string | number | { date: string } | { formula: string; value: number }, span = 1): string {
  const spanned = span > 1 ? ` table:number-columns-spanned="${span}" table:number-rows-spanned="1"` : '';
  const covered = span > 1 ? `<table:covered-table-cell table:number-columns-repeated="${span - 1}"/>` : '';
  if (typeof value === 'number') return `<table:table-cell${spanned} office:value-type="float" office:value="${value}"><text:p>${value}</text:p></table:table-cell>${covered}`;
  if (typeof value === 'object' && 'date' in value) {
    return `<table:table-cell table:style-name="ce-date" office:value-type="date" office:date-value="${value.date}"><text:p>${value.date}</text:p></table:table-cell>`;
  }
  if (typeof value === 'object') {
    return `<table:table-cell table:formula="${value.formula}" office:value-type="float" office:value="${value.value}"><text:p>${value.value}</text:p></table:table-cell>`;
  }
  return `<table:table-cell${spanned} office:value-type="string"><text:p>${value}</text:p></table:table-cell>${covered}`;
}

function fodsRow(cells: string[]): string {
  return `<table:table-row>${cells.join('')}</table:table-row>`;
}

/** A flat ODF spreadsheet: the one text format LibreOffice reads with merged cells, date cells and formulas. */
function fods(sheets: { name: string; rows: string[] }[]): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:styles>
 <number:date-style style:name="nd"><number:year number:style="long"/><number:text>/</number:text><number:month/><number:text>/</number:text><number:day/></number:date-style>
 <style:style style:name="ce-date" style:family="table-cell" style:data-style-name="nd"/>
</office:styles>
<office:body><office:spreadsheet>
${sheets.map((s) => `<table:table table:name="${s.name}">${s.rows.join('\n')}</table:table>`).join('\n')}
</office:spreadsheet></office:body></office:document>`;
}

describe('importing xlsx files written by LibreOffice Calc', () => {
  it('from a CSV with a title row: Japanese headers, 和暦 dates, full-width digits', async () => {
    const dir = kit.dirs.make();
    const csv = path.join(dir, '設備台帳_北工場.csv');
    fs.writeFileSync(
      csv,
      csvText([
        ['北工場 制御系機器台帳（令和6年3月末現在）'],
        [],
        ['資産番号', '機器名称', '設置場所', '製造者', '型式', 'ソフトウェアバージョン', 'IPアドレス', 'MACアドレス', '導入日', '保守契約'],
        ['CTL-0001', 'ＰＬＣ（主）', '受電盤室', 'オムロン', 'NJ501', 'Ver.１．４８', '１９２．１６８．１．１０', '00-1A-2B-3C-4D-5E', '令和2年10月1日', 'あり'],
        ['CTL-0002', '監視端末', '中央監視室', '富士通', 'ESPRIMO', '22H2', '192.168.1.20', '001a.2b3c.4d5f', 'R3.4.1', 'なし'],
        ['CTL-0003', 'ルーター', '通信室', 'ヤマハ', 'RTX1300', '23.00.09', '192.168.1.1, 203.0.113.5', '', 'H31.4.30', 'あり'],
        ['CTL-0004', 'ＵＰＳ', '受電盤室', 'オムロン', 'BN150T', '', '', '', '平成28年7月15日', ''],
      ]),
    );
    const xlsx = sofficeToXlsx(csv, dir);
    const { core, siteId } = kit.open();

    const { preview, result } = await importPath(core, siteId, xlsx);

    expect(preview).toMatchObject({ format: 'xlsx', sheet: '設備台帳_北工場', headerRow: 3, rows: 4, validRows: 4, issueCount: 0 });
    expect(result?.batch.counts.created).toBe(4);
    expect(storedDevices(core)).toEqual({
      'CTL-0001': expect.objectContaining({ name: 'PLC(主)', location: '受電盤室', manufacturer: 'オムロン', model: 'NJ501', software_version: 'Ver.1.48', ip_address: '192.168.1.10', mac_address: '00:1A:2B:3C:4D:5E', installed_on: '2020-10-01', extra: { 保守契約: 'あり' } }),
      'CTL-0002': expect.objectContaining({ name: '監視端末', ip_address: '192.168.1.20', mac_address: '00:1A:2B:3C:4D:5F', installed_on: '2021-04-01', extra: { 保守契約: 'なし' } }),
      'CTL-0003': expect.objectContaining({ ip_address: '192.168.1.1, 203.0.113.5', installed_on: '2019-04-30', software_version: '23.00.09' }),
      'CTL-0004': expect.objectContaining({ name: 'UPS', installed_on: '2016-07-15', mac_address: '', extra: {} }),
    });
  }, 120_000);

  it('from a spreadsheet with a cover sheet, merged title cells, date cells and formulas', async () => {
    const dir = kit.dirs.make();
    const source = path.join(dir, '機器台帳2024.fods');
    fs.writeFileSync(
      source,
      fods([
        { name: '表紙', rows: [fodsRow([fodsCell('機器台帳', 3)]), fodsRow([fodsCell('第一工場')])] },
        {
          name: '台帳',
          rows: [
            fodsRow([fodsCell('第一工場 機器台帳', 6)]),
            fodsRow([fodsCell('作成'), fodsCell({ date: '2024-04-01' })]),
            fodsRow([fodsCell('管理番号'), fodsCell('機器名'), fodsCell('設置箇所'), fodsCell('導入日'), fodsCell('台数'), fodsCell('予備を含む台数')]),
            fodsRow([fodsCell('M-01'), fodsCell('ＨＭＩ'), fodsCell('第1電気室'), fodsCell({ date: '2023-04-01' }), fodsCell(2), fodsCell({ formula: 'of:=[.E4]+1', value: 0 })]),
            fodsRow([fodsCell('M-02'), fodsCell('PLC'), fodsCell('第1電気室'), fodsCell('令和5年4月1日'), fodsCell(1), fodsCell({ formula: 'of:=[.E5]*2', value: 0 })]),
            fodsRow([fodsCell('M-03'), fodsCell('センサ'), fodsCell('屋外'), fodsCell(45017), fodsCell(4), fodsCell({ formula: 'of:=SUM([.E4:.E6])', value: 0 })]),
          ],
        },
      ]),
    );
    const xlsx = sofficeToXlsx(source, dir);
    const { core, siteId } = kit.open();

    const { preview } = await importPath(core, siteId, xlsx);

    expect(preview).toMatchObject({ sheets: ['表紙', '台帳'], sheet: '台帳', headerRow: 3, rows: 3, validRows: 3, issueCount: 0 });
    // LibreOffice recalculated the formulas when it wrote the file; the cached results are imported.
    expect(storedDevices(core)).toEqual({
      'M-01': expect.objectContaining({ name: 'HMI', location: '第1電気室', installed_on: '2023-04-01', extra: { 台数: '2', 予備を含む台数: '3' } }),
      'M-02': expect.objectContaining({ name: 'PLC', installed_on: '2023-04-01', extra: { 台数: '1', 予備を含む台数: '2' } }),
      'M-03': expect.objectContaining({ name: 'センサ', installed_on: '2023-04-01', extra: { 台数: '4', 予備を含む台数: '7' } }),
    });
  }, 120_000);
});
