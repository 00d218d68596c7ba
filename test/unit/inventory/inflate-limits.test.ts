import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli-io';
import { DB_FILE_NAME } from '../../../electron/core/data-dir';
import { translate } from '../../../electron/core/i18n/translate';
import { csvRows } from '../../../electron/core/inventory/csv-rows';
import { openXlsx } from '../../../electron/core/inventory/xlsx-rows';
import { bomb, bombOf, ledgerXlsx, mebibyteOf, padding, PART_HEADS, PART_TAILS, type BombablePart, type ZipPart } from '../helpers/hostile-xlsx';
import { hoanWithPeakRss } from '../helpers/peak-rss';
import { runCli } from '../helpers/run-cli';
import { tempDirs } from '../helpers/temp-dir';
import { importPath, inventoryKit, writtenState } from './inventory-test-kit';

/**
 * Decompression bombs and runaway CSV fields, each imported by the built
 * `hoan` command in a child process whose peak RSS is measured (and which a
 * watchdog kills past the limit, so the old readers fail here instead of
 * taking the machine's memory). Every file is refused by name with the
 * reader's own message, and nothing is written.
 */
const dirs = tempDirs('hoan-inflate-');
const kit = inventoryKit('hoan-inflate-kit-');
afterEach(() => {
  kit.cleanup();
  dirs.cleanup();
});

const GiB = 1024 ** 3;
const XLSX_LIMIT_MB = 800;
const CSV_LIMIT_MB = 600;

function writtenIn(dataDir: string) {
  const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
  try {
    const count = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
    return { devices: count('devices'), batches: count('inventory_import_batches'), changes: count('inventory_import_changes') };
  } finally {
    db.close();
  }
}

async function siteIn(dataDir: string): Promise<string> {
  const added = await runCli(['sites', 'add', '--data-dir', dataDir, '--name', '第一工場', '--region', 'kinki', '--json']);
  return (JSON.parse(added.stdout) as { id: string }).id;
}

function save(name: string, bytes: Buffer): string {
  const file = path.join(dirs.make(), name);
  fs.writeFileSync(file, bytes);
  return file;
}

/** Imports `file` in a child and expects it refused with `messageKey` under `limitMb` of peak RSS, nothing written. */
async function expectRefusedWithin(file: string, limitMb: number, messageKey: string, params: Record<string, string | number> = {}) {
  const dataDir = dirs.make();
  const siteId = await siteIn(dataDir);
  const run = await hoanWithPeakRss(['inventory', 'import', file, '--site', siteId, '--data-dir', dataDir, '--lang', 'en'], { killAboveMb: limitMb });
  const name = path.basename(file);
  expect(run.killed, `${name}: peak RSS passed ${limitMb} MB`).toBe(false);
  expect(run.peakMb, `${name}: peak RSS`).toBeLessThan(limitMb);
  expect(run.stderr).toBe(`${translate('en', messageKey, { file: name, ...params })}\n`);
  expect(run.code).toBe(EXIT.io);
  expect(writtenIn(dataDir)).toEqual({ devices: 0, batches: 0, changes: 0 });
  expect(fs.readdirSync(path.join(dataDir, 'tmp', 'inventory-parse'))).toEqual([]);
  return run;
}

const MiB = 1024 * 1024;
const SHEET: BombablePart = 'xl/worksheets/sheet1.xml';

/** A part that inflates to its usual start, `mebibytes` MiB of `unit` over and over, its usual end. */
function partBomb(part: BombablePart, unit: string, mebibytes = 1024): ZipPart {
  return bomb(part, PART_HEADS[part], mebibyteOf(unit), mebibytes, PART_TAILS[part]);
}

/** A sheet whose fourth row is one cell of `mebibytes` MiB of text. */
function bigCell(mebibytes: number): ZipPart {
  return bomb(SHEET, `${PART_HEADS[SHEET]}<row r="4"><c r="A4" t="inlineStr"><is><t>`, 'A'.repeat(MiB), mebibytes, `</t></is></c></row>${PART_TAILS[SHEET]}`);
}

/** 12 MB of incompressible bytes: the file's ratio budget (100 × its size) then exceeds 1 GiB, and only the part's own bounds hold. */
const pad = () => [padding('xl/media/image1.png', 12 * 1000 * 1000)];

/** Refused in a child under 800 MB; then read here, to see which bound stopped it. */
async function expectXlsxRefused(label: string, part: ZipPart, stoppedBy: RegExp, extra: ZipPart[] = []) {
  const file = save(`${label}.xlsx`, ledgerXlsx({ [part.name as BombablePart]: part }, extra));
  await expectRefusedWithin(file, XLSX_LIMIT_MB, 'errors.inventory.unreadable');
  const book = openXlsx(file);
  try {
    await expect(
      (async () => {
        for await (const sheet of book.sheets) for await (const _ of sheet.rows);
      })(),
    ).rejects.toThrow(stoppedBy);
  } finally {
    book.close();
  }
}

describe('decompression limits on every part of an xlsx', () => {
  it('[#10.2] the untouched ledger, zipped in Excel\'s order (its sheet before sharedStrings.xml), imports: the bombs below differ from it in one part only', async () => {
    const dataDir = dirs.make();
    const siteId = await siteIn(dataDir);
    const run = await hoanWithPeakRss(['inventory', 'import', save('ledger.xlsx', ledgerXlsx()), '--site', siteId, '--data-dir', dataDir, '--json'], { killAboveMb: XLSX_LIMIT_MB });
    expect(run.code).toBe(EXIT.ok);
    expect(JSON.parse(run.stdout)).toMatchObject({ sheet: '台帳', headerRow: 1, validRows: 2, committed: true });
    expect(writtenIn(dataDir).devices).toBe(2);
  });

  it('[#10.2] an xlsx whose workbook.xml inflates to 1 GiB is refused with peak RSS under 800 MB, nothing written', async () => {
    const part = partBomb('xl/workbook.xml', ' ');
    expect(part.size).toBeGreaterThan(GiB);
    expect(part.body.length).toBeLessThan(2 * MiB);
    await expectXlsxRefused('workbook-bomb', part, /xl\/workbook\.xml inflates past 8388608 bytes/);
  }, 120_000);

  it('[#10.2] a sharedStrings.xml of 1 GiB of short strings, or of 250 MiB (under its own limit, over the file\'s ratio), is refused with peak RSS under 800 MB', async () => {
    await expectXlsxRefused('shared-strings-bomb', partBomb('xl/sharedStrings.xml', '<si><t>x</t></si>'), /sharedStrings\.xml inflates past 268435456 bytes/);
    await expectXlsxRefused('shared-strings-ratio', partBomb('xl/sharedStrings.xml', `<si><t>${'x'.repeat(100)}</t></si>`, 250), /the whole file inflates past/);
  }, 120_000);

  it('[#10.2] a styles.xml of 1 GiB of cell formats is refused with peak RSS under 800 MB', async () => {
    await expectXlsxRefused('styles-bomb', partBomb('xl/styles.xml', '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'), /styles\.xml inflates past 67108864 bytes/);
  }, 120_000);

  it('[#10.2] a worksheet bomb — a 1000 MiB row of 16,000 distinct cells or a 1000 MiB cell padded past the ratio check, a 1 GiB cell, 900 MiB of empty rows — is refused with peak RSS under 800 MB', async () => {
    // Each cell under the text bound, each column distinct: only the bound on a row stops it.
    const column = (n: number): string => (n < 26 ? '' : column(Math.floor(n / 26) - 1)) + String.fromCharCode(65 + (n % 26));
    const text = 'A'.repeat(64 * 1024 + 1);
    const wideRow = bombOf(SHEET, [
      `${PART_HEADS[SHEET]}<row r="4">`,
      ...Array.from({ length: 16_000 }, (_, i): (string | [string, number])[] => [`<c r="${column(i)}4" t="inlineStr"><is><t>`, text, '</t></is></c>']).flat(),
      `</row>${PART_TAILS[SHEET]}`,
    ]);
    expect(wideRow.size).toBeGreaterThan(1000 * MiB);
    expect(wideRow.size).toBeLessThan(GiB);
    await expectXlsxRefused('sheet-row', wideRow, /a row of xl\/worksheets\/sheet1\.xml inflates past 16777216/, pad());
    await expectXlsxRefused('sheet-cell', bigCell(1000), /text in xl\/worksheets\/sheet1\.xml inflates past 1048576/, pad());
    await expectXlsxRefused('sheet-bomb', bigCell(1024), /sheet1\.xml inflates past 1073741824 bytes/);
    // Empty rows far apart: under every bound but the file's ratio, and never counted towards the row limit.
    await expectXlsxRefused('sheet-ratio', bomb(SHEET, PART_HEADS[SHEET], mebibyteOf(`<row r="5"/>${' '.repeat(100_000)}`), 900, PART_TAILS[SHEET]), /the whole file inflates past/);
  }, 240_000);

  it('[#10.2] a zip that declares 1 kB for a part that inflates to 1 GiB (workbook, shared strings, styles, sheet) is refused with peak RSS under 800 MB', async () => {
    const lie = (part: ZipPart): ZipPart => ({ ...part, declaredSize: 1000 });
    await expectXlsxRefused('lying-workbook', lie(partBomb('xl/workbook.xml', ' ')), /too many bytes in the stream. expected 1000/);
    await expectXlsxRefused('lying-shared-strings', lie(partBomb('xl/sharedStrings.xml', '<si><t>x</t></si>')), /too many bytes in the stream. expected 1000/);
    await expectXlsxRefused('lying-styles', lie(partBomb('xl/styles.xml', '<xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>')), /too many bytes in the stream. expected 1000/);
    await expectXlsxRefused('lying-sheet', lie(bigCell(1024)), /too many bytes in the stream. expected 1000/, pad());
  }, 240_000);
});

describe('runaway CSV fields', () => {
  it('[#10.2] a 100 MB CSV with one unclosed quote is refused early, naming its row, with peak RSS under 600 MB', async () => {
    const file = path.join(dirs.make(), '引用符.csv');
    const out = fs.openSync(file, 'w');
    fs.writeSync(out, '管理番号,機器名,設置場所\r\n');
    for (let i = 1; i <= 10; i++) fs.writeSync(out, `A-${i},機器${i},受電室\r\n`);
    fs.writeSync(out, 'A-11,"閉じない引用符,受電室\r\n');
    const rows = `${Array.from({ length: 10_000 }, (_, i) => `B-${i},機器,受電室`).join('\r\n')}\r\n`;
    for (let written = 0; written < 100 * 1000 * 1000; ) written += fs.writeSync(out, rows);
    fs.closeSync(out);
    await expectRefusedWithin(file, CSV_LIMIT_MB, 'errors.inventory.cellTooLong', { row: 12, max: 32_767 });
  }, 120_000);

  it('[#10.2] a field may hold what a cell holds (32,767 characters) and no more; a record is bounded in characters and columns', async () => {
    const dir = dirs.make();
    const rowsOf = async (name: string, text: string) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      const rows = [];
      for await (const row of csvRows(file, 'utf-8')) rows.push(row);
      return rows;
    };
    const full = '機'.repeat(32_767);
    const read = await rowsOf('full.csv', `管理番号,備考\r\nA-1,"${full}"\r\nA-2,${full}\r\n`);
    expect(read.map((r) => r.c[1])).toEqual(['備考', full, full]);
    await expect(rowsOf('quoted.csv', `管理番号,備考\r\nA-1,x\r\nA-2,"${full}x"\r\n`)).rejects.toMatchObject({
      messageKey: 'errors.inventory.cellTooLong',
      params: { file: 'quoted.csv', row: 3, max: 32_767 },
    });
    await expect(rowsOf('plain.csv', `管理番号,備考\r\nA-1,${full}x\r\n`)).rejects.toMatchObject({ params: { row: 2 } });
    const wide = `${Array.from({ length: 64 }, () => 'x'.repeat(20_000)).join(',')}\r\n`;
    await expect(rowsOf('wide.csv', `a,b\r\n${wide}`)).rejects.toMatchObject({ messageKey: 'errors.inventory.cellTooLong', params: { row: 2 } });
    await expect(rowsOf('columns.csv', `a,b\r\n${','.repeat(16_384)}\r\n`)).rejects.toMatchObject({ messageKey: 'errors.inventory.cellTooLong', params: { row: 2 } });
    expect((await rowsOf('columns-ok.csv', `a,b\r\n${','.repeat(16_383)}\r\n`))[1]!.c).toHaveLength(16_384);
  });

  it('[#10.2] a quote left open to the end of a small CSV is refused naming its row, not read as one cell holding the rest of the file', async () => {
    const { core, siteId } = kit.open();
    const file = path.join(dirs.make(), '台帳.csv');
    fs.writeFileSync(file, `管理番号,機器名\r\nA-1,PLC\r\nA-2,"監視PC\r\n${Array.from({ length: 50 }, (_, i) => `B-${i},機器`).join('\r\n')}\r\n`);
    await expect(importPath(core, siteId, file)).rejects.toMatchObject({ code: 'io', messageKey: 'errors.inventory.unclosedQuote', params: { file: '台帳.csv', row: 3 } });
    expect(writtenState(core, siteId).devices).toBe(0);
  });

  it('[#10.2] NUL characters in a CSV are refused naming the row, never stored', async () => {
    const { core, siteId } = kit.open();
    const before = writtenState(core, siteId);
    const dir = dirs.make();
    // Past the first 4 KB, which the file sniffer already refuses as not text.
    const rows = Array.from({ length: 3000 }, (_, i) => `A-${i + 1},機器${i + 1},受電室`);
    rows[2998] = 'A-2999,機器\0名,受電室';
    const utf8 = path.join(dir, '台帳.csv');
    fs.writeFileSync(utf8, `管理番号,機器名,設置場所\r\n${rows.join('\r\n')}\r\n`);
    const failure = await importPath(core, siteId, utf8).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toMatchObject({ code: 'io', messageKey: 'errors.inventory.nulCharacter', params: { file: '台帳.csv', row: 3000 } });
    for (const locale of ['ja', 'en'] as const) expect(translate(locale, 'errors.inventory.nulCharacter', { file: '台帳.csv', row: 3000 })).toContain('3000');
    // UTF-16 text carries NUL bytes in every character; a NUL character in it is refused the same way.
    const utf16 = path.join(dir, 'unicode.txt');
    fs.writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`管理番号\t機器名\r\nA-1\tPLC\r\nA-2\t\0\r\n`, 'utf16le')]));
    await expect(importPath(core, siteId, utf16)).rejects.toMatchObject({ messageKey: 'errors.inventory.nulCharacter', params: { file: 'unicode.txt', row: 3 } });
    expect(writtenState(core, siteId)).toEqual(before);
    expect(core.db.prepare("SELECT count(*) AS n FROM devices WHERE instr(name, char(0)) > 0").get()).toEqual({ n: 0 });
  });
});
