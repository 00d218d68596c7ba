import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { translate } from '../../../electron/core/i18n/translate';
import { writePasswordProtectedWorkbook } from '../helpers/spreadsheet-files';
import { importPath, inventoryKit, writtenState } from './inventory-test-kit';

const kit = inventoryKit('hoan-inv-bad-');
afterEach(() => kit.cleanup());

async function workbook(file: string, fill: (book: ExcelJS.Workbook) => void): Promise<string> {
  const book = new ExcelJS.Workbook();
  fill(book);
  await book.xlsx.writeFile(file);
  return file;
}

async function goodWorkbook(file: string): Promise<string> {
  return workbook(file, (book) => {
    const sheet = book.addWorksheet('台帳');
    sheet.addRow(['管理番号', '機器名', '設置場所']);
    for (let i = 1; i <= 2000; i++) sheet.addRow([`A-${i}`, `機器${i}`, `場所${i % 7}`]);
  });
}

/** Refused with this message key and params, in both languages, and nothing written. */
async function expectRefused(file: string, messageKey: string, params: Record<string, string | number>, options = {}) {
  const { core, siteId } = kit.open();
  const before = writtenState(core, siteId);
  const failure = await importPath(core, siteId, file, options).then(
    () => undefined,
    (err: unknown) => err as { code: string; messageKey: string; params: Record<string, string | number> },
  );
  expect(failure).toMatchObject({ code: 'io', messageKey, params });
  for (const locale of ['ja', 'en'] as const) {
    const text = translate(locale, messageKey, params);
    expect(text).not.toBe(messageKey);
    expect(text).toContain(String(params.file));
  }
  expect(writtenState(core, siteId)).toEqual(before);
  expect(fs.readdirSync(path.join(core.dataDir, 'tmp', 'inventory-parse'))).toEqual([]);
  return failure!;
}

describe('files that are not an inventory are refused by name, and nothing is written', () => {
  it('not a spreadsheet: a PNG named .xlsx, a PDF, a zip that is not a workbook, an empty file', async () => {
    const dir = kit.dirs.make();
    const png = path.join(dir, '写真.xlsx');
    fs.writeFileSync(png, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
    await expectRefused(png, 'errors.inventory.notSpreadsheet', { file: '写真.xlsx' });

    const pdf = path.join(dir, '報告書.pdf');
    fs.writeFileSync(pdf, '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
    await expectRefused(pdf, 'errors.inventory.notSpreadsheet', { file: '報告書.pdf' });

    // A zip with a text file inside: a valid archive, no worksheet.
    const docx = path.join(dir, '議事録.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.writeFile(path.join(dir, 'tmp.xlsx'));
    const bytes = fs.readFileSync(path.join(dir, 'tmp.xlsx'));
    fs.writeFileSync(docx, bytes);
    await expectRefused(docx, 'errors.inventory.notSpreadsheet', { file: '議事録.xlsx' });

    const empty = path.join(dir, '空.csv');
    fs.writeFileSync(empty, '');
    await expectRefused(empty, 'errors.inventory.emptyFile', { file: '空.csv' });
  });

  it('a password-protected workbook, and a legacy .xls', async () => {
    const dir = kit.dirs.make();
    const file = path.join(dir, '機器台帳（パスワード付き）.xlsx');
    writePasswordProtectedWorkbook(file);
    await expectRefused(file, 'errors.inventory.passwordProtected', { file: '機器台帳（パスワード付き）.xlsx' });

    const xls = path.join(dir, '旧台帳.xls');
    const ole = fs.readFileSync(file);
    // The same container without an EncryptedPackage stream is an Excel 97-2003 file.
    ole.write('Workbook\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0'.slice(0, 16), ole.indexOf(Buffer.from('EncryptedPackage', 'utf16le')), 'utf16le');
    fs.writeFileSync(xls, ole);
    await expectRefused(xls, 'errors.inventory.legacyXls', { file: '旧台帳.xls' });
  });

  it('an empty sheet, a sheet without a header row, a header without data', async () => {
    const dir = kit.dirs.make();
    const empty = await workbook(path.join(dir, 'empty.xlsx'), (b) => void b.addWorksheet('Sheet1'));
    await expectRefused(empty, 'errors.inventory.emptySheet', { file: 'empty.xlsx', sheet: 'Sheet1' });

    const noHeader = await workbook(path.join(dir, 'memo.xlsx'), (b) => {
      const s = b.addWorksheet('メモ');
      for (let i = 0; i < 40; i++) s.addRow([`打合せメモ ${i}`, i]);
    });
    await expectRefused(noHeader, 'errors.inventory.noHeaderRow', { file: 'memo.xlsx', sheet: 'メモ', rows: 30 });

    const headerOnly = await workbook(path.join(dir, 'header.xlsx'), (b) => void b.addWorksheet('台帳').addRow(['管理番号', '機器名']));
    await expectRefused(headerOnly, 'errors.inventory.noDataRows', { file: 'header.xlsx', sheet: '台帳' });
  });

  it('a truncated workbook', async () => {
    const dir = kit.dirs.make();
    const whole = await goodWorkbook(path.join(dir, 'whole.xlsx'));
    const cut = path.join(dir, '途中まで.xlsx');
    const bytes = fs.readFileSync(whole);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await expectRefused(cut, 'errors.inventory.truncated', { file: '途中まで.xlsx' });
    // The whole file reads.
    const { core, siteId } = kit.open();
    expect((await importPath(core, siteId, whole)).preview.validRows).toBe(2000);
  });

  it('more than 1,000,000 rows, naming the row where it stopped', async () => {
    const file = path.join(kit.dirs.make(), 'huge.csv');
    const out = fs.openSync(file, 'w');
    fs.writeSync(out, '管理番号,機器名\n');
    const chunk = Array.from({ length: 10_000 }, (_, i) => `D${i},x`).join('\n') + '\n';
    for (let i = 0; i < 100; i++) fs.writeSync(out, chunk);
    fs.writeSync(out, 'LAST,x\n');
    fs.closeSync(out);
    await expectRefused(file, 'errors.inventory.tooManyRows', { file: 'huge.csv', sheet: 'huge', max: 1_000_000, row: 1_000_002 });
  }, 120_000);

  it('an xlsx over a lower row limit the same way', async () => {
    const file = await goodWorkbook(path.join(kit.dirs.make(), 'big.xlsx'));
    const { core, siteId } = kit.open();
    const { startParse } = await import('../../../electron/core/inventory/parse-job');
    const handle = startParse({ file, displayName: 'big.xlsx', maxRows: 1500, tmpDir: path.join(core.dataDir, 'tmp', 'inventory-parse') });
    await expect(handle.done).rejects.toMatchObject({ messageKey: 'errors.inventory.tooManyRows', params: { file: 'big.xlsx', row: 1502, max: 1500 } });
    expect(writtenState(core, siteId).devices).toBe(0);
  });
});
