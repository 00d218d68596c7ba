import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { RawRow } from '../../../electron/core/inventory/cell-text';
import { openXlsx, type XlsxBook } from '../../../electron/core/inventory/xlsx-rows';
import { openXlsx as openWithExceljs } from '../helpers/exceljs-xlsx-rows';
import { deflated, ledgerXlsx, PART_HEADS, PART_TAILS } from '../helpers/hostile-xlsx';
import { csvText, sofficeToXlsx } from '../helpers/spreadsheet-files';
import { tempDirs } from '../helpers/temp-dir';
import { importPath, inventoryKit } from './inventory-test-kit';

/**
 * The parse worker's xlsx reader (saxes, xlsx-cells.ts) against the reader
 * it replaced (exceljs 4.4.0's streaming reader, kept as the oracle in
 * test/unit/helpers/exceljs-xlsx-rows.ts): the same sheets, the same rows,
 * the same cells, on workbooks from every writer the inventory tests use
 * (exceljs, LibreOffice, parts written by hand) and every kind of cell.
 */
const dirs = tempDirs('hoan-xlsx-reader-');
const kit = inventoryKit('hoan-xlsx-reader-kit-');
afterEach(() => {
  kit.cleanup();
  dirs.cleanup();
});

interface Read {
  names: string[];
  sheets: { name: string; rows: RawRow[] }[];
}

async function readAll(open: (file: string) => XlsxBook, file: string): Promise<Read> {
  const book = open(file);
  const sheets: Read['sheets'] = [];
  try {
    for await (const sheet of book.sheets) {
      const rows: RawRow[] = [];
      for await (const row of sheet.rows) rows.push(row);
      sheets.push({ name: sheet.name, rows });
    }
    return { names: book.sheetNames(), sheets };
  } finally {
    book.close();
  }
}

async function expectSameAsExceljs(file: string): Promise<Read> {
  const lean = await readAll(openXlsx, file);
  const exceljs = await readAll(openWithExceljs, file);
  expect(lean.names, path.basename(file)).toEqual(exceljs.names);
  expect(lean.sheets.map((s) => s.name), path.basename(file)).toEqual(exceljs.sheets.map((s) => s.name));
  for (const [i, sheet] of exceljs.sheets.entries()) {
    expect(lean.sheets[i]!.rows.length, `${path.basename(file)} ${sheet.name}`).toBe(sheet.rows.length);
    for (const [j, row] of sheet.rows.entries()) expect(lean.sheets[i]!.rows[j], `${path.basename(file)} ${sheet.name} row ${row.n}`).toEqual(row);
  }
  return lean;
}

const SHEET = 'xl/worksheets/sheet1.xml';
const STYLES = 'xl/styles.xml';

/** The hand-written ledger of hostile-xlsx.ts with its sheet, styles, shared strings or workbook part replaced. */
function handWritten(name: string, parts: { sheetRows?: string; xfs?: string; numFmts?: string; strings?: string; workbook?: string; styles?: string; sheet?: string }): string {
  const replace: Parameters<typeof ledgerXlsx>[0] = {};
  if (parts.sheetRows !== undefined || parts.sheet !== undefined) replace[SHEET] = deflated(SHEET, parts.sheet ?? PART_HEADS[SHEET] + parts.sheetRows + PART_TAILS[SHEET]);
  if (parts.xfs !== undefined || parts.numFmts !== undefined || parts.styles !== undefined) {
    const head = PART_HEADS[STYLES].replace('<fonts', `${parts.numFmts ?? ''}<fonts`);
    replace[STYLES] = deflated(STYLES, parts.styles ?? head + (parts.xfs ?? '') + PART_TAILS[STYLES]);
  }
  if (parts.strings !== undefined) replace['xl/sharedStrings.xml'] = deflated('xl/sharedStrings.xml', PART_HEADS['xl/sharedStrings.xml'] + parts.strings + PART_TAILS['xl/sharedStrings.xml']);
  if (parts.workbook !== undefined) replace['xl/workbook.xml'] = deflated('xl/workbook.xml', parts.workbook);
  const file = path.join(dirs.make(), name);
  fs.writeFileSync(file, ledgerXlsx(replace));
  return file;
}

const xf = (numFmtId: number) => `<xf numFmtId="${numFmtId}" fontId="0" fillId="0" borderId="0" applyNumberFormat="1"/>`;

describe('[#15.1] the xlsx reader hands over exactly the cells exceljs did', () => {
  it('[#15.1] workbooks written by exceljs: cover sheets, hidden sheets, merged titles, formulas, dates by cell and by column, rich text, hyperlinks, booleans, errors, sparse rows', async () => {
    const dir = dirs.make();
    const book = new ExcelJS.Workbook();
    book.addWorksheet('表紙').getCell('A1').value = '機器台帳 ご提出用';
    book.addWorksheet('作業用', { state: 'hidden' }).getCell('C3').value = '隠し';
    const sheet = book.addWorksheet('機器一覧');
    sheet.getCell('A1').value = '第一工場 機器台帳（令和5年度）';
    sheet.mergeCells('A1:Q1');
    sheet.getCell('A2').value = '作成日';
    sheet.getCell('B2').value = new Date(Date.UTC(2023, 5, 30));
    sheet.getRow(4).values = ['管理番号', '機器名', '導入日', '台数', '稼働', '備考', '状態', 'URL', '合計'];
    const rows: ExcelJS.CellValue[][] = [
      ['PLC-001', 'ＰＬＣ　１号機', new Date(Date.UTC(2023, 3, 1)), 2, true, '二重化\n予備機あり', { error: '#N/A' }, { text: '仕様書', hyperlink: 'https://example.com/' }, { formula: 'D5*2', result: 4 }],
      ['PLC-002', { richText: [{ text: '監視', font: { bold: true } }, { text: 'PC' }] }, 45017, 0.1 + 0.2, false, '', null, null, { formula: 'CONCAT("監視","PC")', result: '監視PC' }],
      ['PLC-003', 'ｶﾒﾗ', '令和5年4月1日', -1.5e-7, null, null, null, null, { formula: 'D7', result: -1.5e-7 }],
      [null, null, null, null, null, null, null, null, { formula: 'NA()', result: { error: '#N/A' } }],
      ['PLC-004', 'UPS', new Date(Date.UTC(1999, 11, 31, 23, 59, 59, 500)), 1e21, null, 'a & b <c> "d"'],
    ];
    rows.forEach((values, i) => (sheet.getRow(i + 5).values = values));
    sheet.getCell('Z12').value = '遠い列';
    sheet.getCell('D5').numFmt = '#,##0"台"';
    sheet.getCell('D6').numFmt = '[$-411]ggge"年"m"月"d"日"';
    sheet.getCell('D7').numFmt = '0.00E+00';
    sheet.getColumn(3).numFmt = 'yyyy/m/d';
    const file = path.join(dir, '機器台帳.xlsx');
    await book.xlsx.writeFile(file);
    const read = await expectSameAsExceljs(file);
    expect(read.names).toEqual(['表紙', '機器一覧']);
    expect(read.sheets[2]!.rows.find((r) => r.n === 5)!.c.slice(0, 4)).toEqual(['PLC-001', 'ＰＬＣ　１号機', new Date(Date.UTC(2023, 3, 1)), 2]);

    // The ledger of the benchmark: exceljs's streaming writer, shared strings, a title row, a date column.
    const streamed = path.join(dir, 'streamed.xlsx');
    const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: streamed, useSharedStrings: true, useStyles: true });
    const ledger = writer.addWorksheet('機器台帳');
    ledger.addRow(['第一工場 制御系機器台帳']).commit();
    ledger.addRow(['管理番号', '機器名', '導入日', 'IPアドレス']).commit();
    for (let i = 1; i <= 3000; i++) {
      const row = ledger.addRow([`CTL-${i}`, `監視PC ${i}号機`, new Date(Date.UTC(2015 + (i % 10), i % 12, (i % 28) + 1)), `10.0.${i >> 8}.${i & 255}`]);
      row.getCell(3).numFmt = 'yyyy/m/d';
      row.commit();
    }
    ledger.commit();
    await writer.commit();
    expect((await expectSameAsExceljs(streamed)).sheets[0]!.rows).toHaveLength(3002);
  });

  it('[#15.1] workbooks written by LibreOffice Calc, from a CSV and from a spreadsheet with merged cells, dates and formulas', async () => {
    const dir = dirs.make();
    const csv = path.join(dir, '設備台帳.csv');
    fs.writeFileSync(
      csv,
      csvText([
        ['北工場 制御系機器台帳（令和6年3月末現在）'],
        [],
        ['資産番号', '機器名称', '設置場所', 'IPアドレス', '導入日', '台数'],
        ['CTL-0001', 'ＰＬＣ（主）Controller', '受電盤室', '１９２．１６８．１．１０', '令和2年10月1日', '2'],
        ['CTL-0002', '監視端末', '中央監視室', '192.168.1.20', '2021/4/1', '0'],
        ['CTL-0003', 'ルーター & "L3"', '通信室', '', 'H31.4.30', '1.5'],
      ]),
    );
    await expectSameAsExceljs(sofficeToXlsx(csv, dir));

    const fods = path.join(dir, '台帳.fods');
    fs.writeFileSync(
      fods,
      `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:styles>
 <number:date-style style:name="nd"><number:year number:style="long"/><number:text>/</number:text><number:month/><number:text>/</number:text><number:day/></number:date-style>
 <style:style style:name="ce-date" style:family="table-cell" style:data-style-name="nd"/>
</office:styles>
<office:body><office:spreadsheet>
<table:table table:name="表紙"><table:table-row><table:table-cell table:number-columns-spanned="3" table:number-rows-spanned="1" office:value-type="string"><text:p>機器台帳</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row></table:table>
<table:table table:name="台帳">
<table:table-row><table:table-cell office:value-type="string"><text:p>管理番号</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>導入日</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>台数</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>予備</text:p></table:table-cell><table:table-cell office:value-type="string"><text:p>有効</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell office:value-type="string"><text:p>M-01</text:p></table:table-cell><table:table-cell table:style-name="ce-date" office:value-type="date" office:date-value="2023-04-01"><text:p>2023/04/01</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="2"><text:p>2</text:p></table:table-cell><table:table-cell table:formula="of:=[.C2]+1" office:value-type="float" office:value="0"><text:p>0</text:p></table:table-cell><table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>TRUE</text:p></table:table-cell></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="string"><text:p>M-02 </text:p><text:p>二行目</text:p></table:table-cell><table:table-cell table:formula="of:=&quot;a&quot;&amp;&quot;b&quot;" office:value-type="string" office:string-value="ab"><text:p>ab</text:p></table:table-cell></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document>`,
    );
    const read = await expectSameAsExceljs(sofficeToXlsx(fods, dir));
    expect(read.sheets.map((s) => s.name)).toEqual(['表紙', '台帳']);
  }, 120_000);

  it('[#15.1] parts written by hand: inline strings, string formulas, booleans, errors, shared formulas, built-in and custom date formats, row styles, the 1904 system, skipped columns and rows', async () => {
    const numFmts = '<numFmts count="4"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="165" formatCode="#,##0&quot;台&quot;"/><numFmt numFmtId="166" formatCode="[Red]0.00"/><numFmt numFmtId="167" formatCode="0\\h"/></numFmts>';
    const ids = [14, 22, 27, 57, 164, 165, 166, 167, 49, 0, 2];
    const xfs = ids.map(xf).join('');
    const cells = ids.map((_, i) => `<c r="${String.fromCharCode(66 + i)}4" s="${i + 1}"><v>45017.5</v></c>`).join('');
    const sheetRows =
      `<row r="4"><c r="A4" t="inlineStr"><is><t>SW-04</t></is></c>${cells}</row>` +
      '<row r="6" spans="1:9"><c r="A6" t="inlineStr"><is><t xml:space="preserve"> SW-06 </t></is></c><c r="C6" t="str"><f>CONCAT("a","b")</f><v>ab</v></c>' +
      '<c r="D6" t="b"><v>1</v></c><c r="E6" t="b"><v>0</v></c><c r="F6" t="e"><v>#DIV/0!</v></c><c r="G6"><f t="shared" ref="G6:G7" si="0">D6+1</f><v>2</v></c>' +
      '<c r="H6" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="I6" t="b"><f>TRUE()</f><v>1</v></c><c r="J6"><f>A1</f></c><c r="K6" s="1"/><c r="L6" t="s"><v>1</v></c><c r="M6"><v></v></c></row>' +
      '<row r="7"><c r="$A$7" t="s"><v>2</v></c><c r="G7"><f t="shared" si="0"/><v>0</v></c><c r="XFD7" t="inlineStr"><is><t>最後の列</t></is></c></row>' +
      '<row r="8" s="1" customFormat="1"><c r="A8"><v>45017</v></c><c r="B8" s="10"><v>45017</v></c><c r="C8" s="0"><v>45017</v></c><c r="D8" s="99"><v>1</v></c></row>' +
      '<row r="9" s="10" customFormat="1"><c r="A9"><v>1.25</v></c><c r="B9" t="s"><v>99</v></c><c r="C9" t="n"><v>7</v></c></row>' +
      '<row r="10"/><row r="11"><c r="A11" s="1"/></row>';
    for (const date1904 of ['0', '1', 'true']) {
      const workbook = PART_HEADS['xl/workbook.xml'].replace('<workbookPr/>', `<workbookPr date1904="${date1904}"/>`) + PART_TAILS['xl/workbook.xml'];
      const file = handWritten(`cells-${date1904}.xlsx`, { sheetRows, xfs, numFmts, workbook });
      const read = await expectSameAsExceljs(file);
      const row = (n: number) => read.sheets[0]!.rows.find((r) => r.n === n)!.c;
      expect(row(6).slice(0, 9)).toEqual([' SW-06 ', null, 'ab', true, false, '#DIV/0!', 2, null, 1]);
      expect(row(7)).toHaveLength(16384);
    }
  });

  it('[#15.1] shared strings: plain, rich-text runs, empty, with a phonetic guide after runs, and pretty-printed-free entities', async () => {
    const strings =
      '<si><r><t>監視</t></r><r><rPr><b/><sz val="11"/><rFont val="游ゴシック"/><family val="3"/><charset val="128"/></rPr><t xml:space="preserve">PC 1</t></r></si>' +
      '<si><t/></si><si><t>a &amp; b &lt;c&gt; &#x5C71;</t></si>' +
      '<si><r><t>山田</t></r><r><t>太郎</t></r><rPh sb="0" eb="2"><t>ヤマダ</t></rPh><phoneticPr fontId="1"/></si>' +
      '<si><t>保守</t><phoneticPr fontId="1"/></si>';
    const sheetRows = [3, 4, 5, 6, 7].map((i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c><c r="B${i + 1}" t="s"><v>${i}</v></c></row>`).join('');
    const read = await expectSameAsExceljs(handWritten('strings.xlsx', { strings, sheetRows }));
    expect(read.sheets[0]!.rows.slice(3).map((r) => r.c)).toEqual([['監視PC 1', '監視PC 1'], [], ['a & b <c> 山', 'a & b <c> 山'], ['山田太郎', '山田太郎'], ['保守', '保守']]);
  });

  it('[#15.1] files exceljs could not read are still refused, as unreadable', async () => {
    const refused = [
      handWritten('no-ref.xlsx', { sheetRows: '<row r="4"><c t="inlineStr"><is><t>x</t></is></c></row>' }),
      handWritten('past-xfd.xlsx', { sheetRows: '<row r="4"><c r="XFE4"><v>1</v></c></row>' }),
      handWritten('no-row-number.xlsx', { sheetRows: '<row><c r="A4"><v>1</v></c></row>' }),
      handWritten('bad-xml.xlsx', { sheetRows: '<row r="4"><c r="A4"><v>1</v></row>' }),
      handWritten('no-cell-styles.xlsx', { styles: '<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="0"/></styleSheet>', sheetRows: '<row r="4"><c r="A4" s="1"><v>1</v></c></row>' }),
    ];
    for (const file of refused) {
      await expect(readAll(openWithExceljs, file), path.basename(file)).rejects.toThrow();
      await expect(readAll(openXlsx, file), path.basename(file)).rejects.toThrow();
      const { core, siteId } = kit.open();
      await expect(importPath(core, siteId, file)).rejects.toMatchObject({ code: 'io', messageKey: 'errors.inventory.unreadable', params: { file: path.basename(file) } });
    }
  });
});

describe('[#15.1] where exceljs read a cell wrong, the xlsx reader does not', () => {
  it('[#15.1] a shared string with its phonetic guide (Japanese Excel writes one for text typed through the IME) is the text, not its reading', async () => {
    const strings = '<si><t>山田</t><rPh sb="0" eb="2"><t>ヤマダ</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>';
    const file = handWritten('phonetic.xlsx', { strings, sheetRows: '<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" t="inlineStr"><is><t>電気室</t><rPh sb="0" eb="3"><t>デンキシツ</t></rPh></is></c></row>' });
    expect((await readAll(openWithExceljs, file)).sheets[0]!.rows.at(-1)!.c).toEqual(['ヤマダ', 'デンキシツ']);
    expect((await readAll(openXlsx, file)).sheets[0]!.rows.at(-1)!.c).toEqual(['山田', '電気室']);
  });

  it('[#15.1] an inline string in runs is all its runs, entities are decoded once, a formula whose cached result is 0 or empty is that result', async () => {
    const sheetRows =
      '<row r="4"><c r="A4" t="inlineStr"><is><r><t>監視</t></r><r><rPr><b/></rPr><t>PC</t></r></is></c><c r="B4" t="inlineStr"><is><t>&amp;lt;T&amp;gt;</t></is></c>' +
      '<c r="C4"><f>B1-B1</f><v>0</v></c><c r="D4" t="str"><f>""</f><v></v></c></row>';
    const file = handWritten('exceljs-wrong.xlsx', { sheetRows });
    expect((await readAll(openWithExceljs, file)).sheets[0]!.rows.at(-1)!.c).toEqual(['PC', '<T>', null, null]);
    expect((await readAll(openXlsx, file)).sheets[0]!.rows.at(-1)!.c).toEqual(['監視PC', '&lt;T&gt;', 0, '']);
  });
});
