import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { csvRows, detectEncoding } from '../../../electron/core/inventory/csv-rows';
import { csvText, encodeShiftJis } from '../helpers/spreadsheet-files';
import { importPath, inventoryKit, storedDevices } from './inventory-test-kit';

const kit = inventoryKit('hoan-inv-csv-');
afterEach(() => kit.cleanup());

const LEDGER = [
  ['機器台帳　第二変電所'],
  [],
  ['資産番号', '名称', '設置箇所', 'IPアドレス', '導入日', 'メモ'],
  ['ＳＷ－０１', 'ｽｲｯﾁ 1', '受電室', '１９２．１６８．１．１', '令和５年４月１日', 'ラック上段, 左'],
  ['SW-02', 'スイッチ "2"', '受電室', '192.168.1.2', 'H30.10.1', '一行目\n二行目'],
];

async function rowsOf(file: string, encoding: string) {
  const rows = [];
  for await (const row of csvRows(file, encoding)) rows.push(row);
  return rows;
}

describe('CSV files', () => {
  it('reads Shift_JIS as Excel writes it, with its title row and quoted fields', async () => {
    const { core, siteId } = kit.open();
    const file = path.join(kit.dirs.make(), '台帳_SJIS.csv');
    fs.writeFileSync(file, encodeShiftJis(csvText(LEDGER)));

    const { preview } = await importPath(core, siteId, file);

    expect(preview).toMatchObject({ format: 'csv', encoding: 'shift_jis', sheets: ['台帳_SJIS'], headerRow: 3, rows: 2, validRows: 2, issueCount: 0 });
    expect(storedDevices(core)).toMatchObject({
      'SW-01': { name: 'スイッチ 1', location: '受電室', ip_address: '192.168.1.1', installed_on: '2023-04-01', notes: 'ラック上段, 左' },
      'SW-02': { name: 'スイッチ "2"', ip_address: '192.168.1.2', installed_on: '2018-10-01', notes: '一行目\n二行目' },
    });
  });

  it('reads UTF-8 with a BOM, UTF-8 without one, and UTF-16 with tabs, to the same devices', async () => {
    const dir = kit.dirs.make();
    const utf8 = csvText(LEDGER);
    const tsv = LEDGER.map((r) => r.map((v) => (/[\t\n"]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)).join('\t')).join('\r\n');
    const files = {
      'bom.csv': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(utf8)]),
      'plain.csv': Buffer.from(utf8),
      'unicode.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]),
    };
    const results: unknown[] = [];
    for (const [name, bytes] of Object.entries(files)) {
      const { core, siteId } = kit.open();
      fs.writeFileSync(path.join(dir, name), bytes);
      const { preview } = await importPath(core, siteId, path.join(dir, name));
      expect(preview.encoding).toBe({ 'bom.csv': 'utf-8', 'plain.csv': 'utf-8', 'unicode.txt': 'utf-16le' }[name]);
      results.push(storedDevices(core));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
    expect(Object.keys(results[0] as object)).toEqual(['SW-01', 'SW-02']);
  });

  it('tells Shift_JIS from UTF-8 by the bytes', () => {
    expect(detectEncoding(encodeShiftJis('管理番号,機器名'))).toBe('shift_jis');
    expect(detectEncoding(Buffer.from('管理番号,機器名'))).toBe('utf-8');
    expect(detectEncoding(Buffer.from('asset id,name'))).toBe('utf-8');
    // A multi-byte character cut at the end of the sample is not a reason to call it Shift_JIS.
    expect(detectEncoding(Buffer.from('管理番号').subarray(0, 4))).toBe('utf-8');
  });

  it('parses quotes, doubled quotes and line breaks across read chunks', async () => {
    const dir = kit.dirs.make();
    // Short rows, then a field whose doubled quote straddles the 256 KiB chunk boundary.
    const before = `a,b\r\n${`${'y'.repeat(1000)},1\r\n`.repeat(260)}"`;
    const long = 'x'.repeat(256 * 1024 - 1 - before.length);
    const file = path.join(dir, 'chunks.csv');
    fs.writeFileSync(file, `${before}${long}""q""",2\r\nlast,"multi\r\nline"\n`);
    expect(fs.readFileSync(file).subarray(262_143, 262_145).toString()).toBe('""');
    const rows = await rowsOf(file, 'utf-8');
    expect(rows).toHaveLength(263);
    expect(rows.slice(-2).map((r) => r.c.map((c) => String(c).slice(-4)))).toEqual([
      ['x"q"', '2'],
      ['last', 'line'],
    ]);
    expect(rows[261]!.c[0]).toBe(`${long}"q"`);
    expect(rows[262]!.c[1]).toBe('multi\r\nline');
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 263 }, (_, i) => i + 1));
  });
});
