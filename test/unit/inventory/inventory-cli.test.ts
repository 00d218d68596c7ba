import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli-io';
import { DB_FILE_NAME } from '../../../electron/core/data-dir';
import { csvText, encodeShiftJis } from '../helpers/spreadsheet-files';
import { tempDirs } from '../helpers/temp-dir';
import { runCli } from '../helpers/run-cli';

const dirs = tempDirs('hoan-inv-cli-');
afterEach(() => dirs.cleanup());

const run = runCli;

function deviceCount(dataDir: string): number {
  const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM devices').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function siteIn(dataDir: string): Promise<string> {
  const added = await run(['sites', 'add', '--data-dir', dataDir, '--name', '南変電所', '--region', 'kinki', '--json']);
  return (JSON.parse(added.stdout) as { id: string }).id;
}

function ledger(dir: string): string {
  const file = path.join(dir, '南変電所_台帳.csv');
  fs.writeFileSync(
    file,
    encodeShiftJis(
      csvText([
        ['南変電所 機器一覧'],
        ['管理番号', '機器名', '設置場所', 'IPアドレス', '導入日'],
        ['S-1', '保護継電器', '受電室', '10.1.0.1', '令和4年4月1日'],
        ['S-2', '監視端末', '監視室', '10.1.0.300', 'R4.4.1'],
        ['S-3', 'スイッチ', '監視室', '10.1.0.3', '２０２２/４/１'],
      ]),
    ),
  );
  return file;
}

describe('hoan inventory', () => {
  it('import --dry-run --json prints the preview and writes nothing; import commits it', async () => {
    const d = dirs.make();
    const siteId = await siteIn(d);
    const file = ledger(dirs.make());

    const dry = await run(['inventory', 'import', file, '--site', siteId, '--dry-run', '--json', '--data-dir', d]);
    expect(dry).toMatchObject({ code: EXIT.ok, stderr: '' });
    const report = JSON.parse(dry.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      fileName: '南変電所_台帳.csv',
      encoding: 'shift_jis',
      headerRow: 2,
      rows: 3,
      validRows: 2,
      invalidRows: 1,
      issues: [{ row: 4, column: 'D', header: 'IPアドレス', messageKey: 'errors.inventory.row.badIp', params: { value: '10.1.0.300' } }],
      diff: { counts: { new: 2, changed: 0, unchanged: 0, absent: 0 } },
      dryRun: true,
      committed: false,
      batch: null,
    });
    expect(report).not.toHaveProperty('jobId');
    expect(deviceCount(d)).toBe(0);

    const real = await run(['inventory', 'import', file, '--site', siteId, '--data-dir', d]);
    expect(real.code).toBe(EXIT.ok);
    expect(real.stdout.split('\n').filter(Boolean)).toEqual([
      '南変電所_台帳.csv（シート「南変電所_台帳」、見出し 2 行目）: 3行、取り込める行 2、取り込めない行 1',
      '新規 2・変更 0・変更なし 0・ファイルにない 0',
      '  4行目 D列（IPアドレス）: IPアドレスとして読めません: 10.1.0.300',
      expect.stringMatching(/^登録しました（取り込み [0-9a-f-]{36}）。$/),
    ]);
    expect(deviceCount(d)).toBe(2);
  });

  it('export --xlsx writes the inventory', async () => {
    const d = dirs.make();
    const siteId = await siteIn(d);
    await run(['inventory', 'import', ledger(dirs.make()), '--site', siteId, '--data-dir', d]);
    const target = path.join(dirs.make(), 'out', '台帳.xlsx');

    const result = await run(['inventory', 'export', '--site', siteId, '--xlsx', target, '--json', '--data-dir', d, '--lang', 'en']);

    expect(result.code).toBe(EXIT.ok);
    expect(JSON.parse(result.stdout)).toEqual({ path: target, bytes: fs.statSync(target).size });
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(target);
    const sheet = book.getWorksheet('Device inventory')!;
    expect((sheet.getRow(1).values as unknown[]).slice(1, 4)).toEqual(['Asset ID', 'Name', 'Type']);
    expect(sheet.getCell('A2').value).toBe('S-1');
    expect(sheet.getCell('O2').value).toEqual(new Date('2022-04-01T00:00:00.000Z'));
  });

  it('says what is wrong with a bad file, by name, with exit 6; an unknown site is 4; a missing --site is usage', async () => {
    const d = dirs.make();
    const siteId = await siteIn(d);
    const bad = path.join(dirs.make(), '写真.xlsx');
    fs.writeFileSync(bad, 'not a workbook at all');

    const refused = await run(['inventory', 'import', bad, '--site', siteId, '--data-dir', d]);
    expect(refused).toEqual({ code: EXIT.io, stdout: '', stderr: '写真.xlsx は表計算ファイル（.xlsx または .csv）ではありません。何も取り込んでいません。\n' });
    const inEnglish = await run(['inventory', 'import', bad, '--site', siteId, '--data-dir', d, '--lang', 'en']);
    expect(inEnglish.stderr).toBe('写真.xlsx is not a spreadsheet (.xlsx or .csv). Nothing was imported.\n');

    const missing = await run(['inventory', 'import', ledger(dirs.make()), '--site', '00000000-0000-4000-8000-000000000000', '--data-dir', d]);
    expect(missing.code).toBe(EXIT.notFound);
    expect((await run(['inventory', 'import', bad, '--data-dir', d])).code).toBe(EXIT.usage);
    expect((await run(['inventory', 'import', bad, '--site', 'x', '--data-dir', d])).code).toBe(EXIT.validation);
    expect(deviceCount(d)).toBe(0);
  });
});
