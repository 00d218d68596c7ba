import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHoan, staleBuild } from '../helpers/built-cli';
import { registersKit } from '../helpers/registers';

/**
 * `hoan registers export` as a user runs it (issue 14): the built command in
 * a process of its own, the workbook read back with exceljs.
 */

const kit = registersKit('hoan-registers-export-');
let dataDir: string;
let siteId: string;

beforeAll(async () => {
  expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
  const { core, siteId: id } = await kit.open();
  siteId = id;
  dataDir = path.dirname(core.dbPath);
  core.close();
});
afterAll(() => kit.cleanup());

async function read(file: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows = (name: string) => {
    const out: string[][] = [];
    wb.getWorksheet(name)!.eachRow((r) => void out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return out;
  };
  return { names: wb.worksheets.map((w) => w.name), rows, wb };
}

describe('[#14.4] hoan registers export', () => {
  it('[#14.4] writes the workbook of the three register sheets, the same as the report\'s', async () => {
    const file = path.join(kit.dirs.make(), '体制と接続点.xlsx');
    const result = await runHoan(['registers', 'export', '--site', siteId, '--xlsx', file, '--data-dir', dataDir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.trim()).toBe(`書き出しました: ${file}`);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    const { names, rows, wb } = await read(file);
    expect(names).toEqual(['体制', '連絡体制', '接続点']);
    expect(rows('体制').slice(1).map((r) => r[1])).toEqual(['山田 太郎（代表取締役）', '佐藤 花子（発電所長）', '鈴木 一郎（電気管理技術者）', '高橋 次郎', 'ソーラー監視センター株式会社', '東芝三菱電機産業システム株式会社（サポート窓口）']);
    expect(rows('連絡体制').at(-1)!.slice(0, 3)).toEqual(['5', '所轄の産業保安監督部', '関東東北産業保安監督部 電力安全課']);
    expect(rows('接続点').slice(1).map((r) => r[0]!.split('\n')[0])).toEqual(['遠隔監視回線（LTE）', '保守用リモートアクセス（VPN）', '出力制御回線']);
    expect(wb.getWorksheet('接続点')!.headerFooter.oddHeader).toContain('第一太陽光発電所 体制・連絡体制・接続点');
  });

  it('[#14.4] finds the site by its name as well', async () => {
    const file = path.join(kit.dirs.make(), 'by-name.xlsx');
    const result = await runHoan(['registers', 'export', '--site', '第一太陽光発電所', '--xlsx', file, '--data-dir', dataDir]);
    expect(result.code).toBe(0);
    expect((await read(file)).names).toEqual(['体制', '連絡体制', '接続点']);
  });

  it('[#14.4] writes English sheets with --lang en, and answers --json with the path', async () => {
    const file = path.join(kit.dirs.make(), 'registers.xlsx');
    const result = await runHoan(['registers', 'export', '--site', siteId, '--xlsx', file, '--lang', 'en', '--json', '--data-dir', dataDir]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ path: file, bytes: fs.statSync(file).size });
    const { names, rows } = await read(file);
    expect(names).toEqual(['Organisation', 'Contacts', 'Connection points']);
    expect(rows('Organisation')[0]![0]).toBe('Role');
    expect(rows('Organisation')[1]![0]).toBe('Owner');
  });

  it('[#14.4] refuses an unknown site (92, as hoan registers diagram) and a missing --xlsx (2), writing nothing', async () => {
    const file = path.join(kit.dirs.make(), 'none.xlsx');
    const unknown = await runHoan(['registers', 'export', '--site', '00000000-0000-4000-8000-000000000000', '--xlsx', file, '--data-dir', dataDir]);
    expect(unknown.code).toBe(92);
    expect(unknown.stderr).not.toBe('');
    expect(fs.existsSync(file)).toBe(false);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    expect((await runHoan(['registers', 'export', '--site', siteId, '--data-dir', dataDir])).code).toBe(2);
  });
});
