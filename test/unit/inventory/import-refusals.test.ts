import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli-io';
import { createRouter } from '../../../electron/api/router';
import { openCore } from '../../../electron/core/core';
import { translate } from '../../../electron/core/i18n/translate';
import { csvText } from '../helpers/spreadsheet-files';
import { runCli } from '../helpers/run-cli';
import { importPath, inventoryKit, previewUpload, storedDevices, writtenState } from './inventory-test-kit';

const kit = inventoryKit('hoan-inv-refusals-');
afterEach(() => kit.cleanup());

const HEADER = ['管理番号', '機器名', '設置場所', 'IPアドレス'];

function writeCsv(rows: string[][], name = '台帳.csv'): string {
  const file = path.join(kit.dirs.make(), name);
  fs.writeFileSync(file, csvText([HEADER, ...rows]));
  return file;
}

const REGISTERED = [
  ['A-1', 'PLC', '第1電気室', '192.168.0.1'],
  ['A-2', 'HMI', '第1電気室', '192.168.0.2'],
  ['A-3', '監視PC', '中央監視室', '192.168.0.3'],
];
/** Every row lacks its 管理番号: nothing in it can be imported. */
const NOTHING_VALID = [
  ['', 'PLC', '第1電気室', '192.168.0.1'],
  ['', 'HMI', '第1電気室', '192.168.0.2'],
];

describe('[#10.7 empty import] a file with no valid row', () => {
  it('[#10.7 empty import] is refused through the API, saying every device would be marked; committed only when confirmed', async () => {
    const { core, siteId } = kit.open();
    await importPath(core, siteId, writeCsv(REGISTERED));
    const before = writtenState(core, siteId);
    const router = createRouter(core);

    const preview = await previewUpload(core, siteId, writeCsv(NOTHING_VALID));
    expect(preview).toMatchObject({ validRows: 0, invalidRows: 2, diff: { counts: { new: 0, changed: 0, unchanged: 0, absent: 3 } } });
    const refused = await router.handle('inventory:commit', { jobId: preview.jobId });
    expect(refused).toEqual({
      ok: false,
      error: { code: 'validation', messageKey: 'errors.inventory.emptyImport', params: { file: '台帳.csv', devices: 3 } },
    });
    expect(translate('en', 'errors.inventory.emptyImport', { file: '台帳.csv', devices: 3 })).toContain('mark all 3 devices of this site as not in the latest import');
    expect(writtenState(core, siteId)).toEqual(before);

    const confirmed = await router.handle('inventory:commit', { jobId: preview.jobId, allowEmpty: true });
    expect(confirmed).toMatchObject({ ok: true, data: { batch: { counts: { created: 0, updated: 0, absent: 3, skipped: 2 } } } });
    expect(Object.values(storedDevices(core)).map((d) => d.in_latest_import)).toEqual([0, 0, 0]);
  });

  it('[#10.7 empty import] hoan inventory import refuses it with exit 3 after showing the rows; --allow-empty commits it', async () => {
    const dataDir = kit.dirs.make();
    const site = await runCli(['sites', 'add', '--data-dir', dataDir, '--name', '南変電所', '--region', 'kinki', '--json']);
    const siteId = (JSON.parse(site.stdout) as { id: string }).id;
    expect((await runCli(['inventory', 'import', writeCsv(REGISTERED), '--site', siteId, '--data-dir', dataDir])).code).toBe(EXIT.ok);
    const empty = writeCsv(NOTHING_VALID, '空の台帳.csv');

    const refused = await runCli(['inventory', 'import', empty, '--site', siteId, '--data-dir', dataDir]);
    expect(refused.code).toBe(EXIT.validation);
    expect(refused.stdout).toContain('空の台帳.csv（シート「空の台帳」、見出し 1 行目）: 2行、取り込める行 0、取り込めない行 2');
    expect(refused.stdout).toContain('  2行目 A列（管理番号）: 管理番号がありません。');
    expect(refused.stderr.trim()).toBe(translate('ja', 'errors.inventory.emptyImport', { file: '空の台帳.csv', devices: 3 }));
    expect(refused.stderr).toContain('--allow-empty');

    const help = await runCli(['--help']);
    expect(help.stdout).toContain('[--allow-empty]');
    const allowed = await runCli(['inventory', 'import', empty, '--site', siteId, '--data-dir', dataDir, '--allow-empty', '--json']);
    expect(allowed.code).toBe(EXIT.ok);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ committed: true, batch: { counts: { created: 0, absent: 3, skipped: 2 } } });
  });

  it('[#10.7 empty import] on a site with no devices there is nothing to save: refused with its own message', async () => {
    const { core, siteId } = kit.open();
    const refused = await importPath(core, siteId, writeCsv(NOTHING_VALID)).catch((err: unknown) => err);
    expect(refused).toMatchObject({ code: 'validation', messageKey: 'errors.inventory.nothingToImport', params: { file: '台帳.csv' } });
    expect(writtenState(core, siteId)).toMatchObject({ devices: 0, batches: 0 });
  });
});

describe('[#10.7 near-duplicate asset ids] 管理番号 that differ only by case or width', () => {
  it('[#10.7 near-duplicate asset ids] DUP-1, dup-1 and ＤＵＰ－１ in one file: the first is imported, the others are skipped with their row and column', async () => {
    const { core, siteId } = kit.open();
    const preview = await previewUpload(
      core,
      siteId,
      writeCsv([
        ['DUP-1', 'PLC', '第1電気室', '192.168.0.1'],
        ['B-1', 'HMI', '第1電気室', '192.168.0.2'],
        ['dup-1', 'PLC（予備）', '倉庫', ''],
        ['ＤＵＰ－１', 'PLC', '第1電気室', '192.168.0.1'],
      ]),
    );
    expect(preview).toMatchObject({ rows: 4, validRows: 2, invalidRows: 2, diff: { counts: { new: 2 } } });
    expect(preview.issues).toEqual([
      {
        row: 4,
        column: 'A',
        header: '管理番号',
        messageKey: 'errors.inventory.row.probableDuplicateAssetId',
        params: { assetId: 'dup-1', firstRow: 2, first: 'DUP-1' },
      },
      // Full-width letters are read as ASCII (NFKC): this one is the very same 管理番号.
      { row: 5, column: 'A', header: '管理番号', messageKey: 'errors.inventory.row.duplicateAssetId', params: { assetId: 'DUP-1', firstRow: 2 } },
    ]);
    expect(translate('ja', preview.issues[0]!.messageKey, preview.issues[0]!.params)).toBe(
      '管理番号 dup-1 は 2 行目の DUP-1 と大文字・小文字か全角・半角だけが違うため、同じ機器の重複と見なしてこの行は登録しません。別の機器なら管理番号を付け直してください。',
    );
  });

  it('[#10.7 near-duplicate asset ids] against the site\'s devices: a warning with row and column, the row still imported', async () => {
    const { core, siteId } = kit.open();
    await importPath(core, siteId, writeCsv(REGISTERED));
    const file = writeCsv([
      ['a-1', 'PLC', '第1電気室', '192.168.0.1'],
      ['A-2', 'HMI', '第1電気室', '192.168.0.2'],
      ['A-3', '監視PC', '中央監視室', '192.168.0.3'],
    ]);
    const preview = await previewUpload(core, siteId, file);
    expect(preview).toMatchObject({ validRows: 3, issueCount: 0, warningCount: 1, diff: { counts: { new: 1, unchanged: 2, absent: 1 } } });
    expect(preview.warnings).toEqual([
      { row: 2, column: 'A', header: '管理番号', messageKey: 'errors.inventory.row.nearExistingAssetId', params: { assetId: 'a-1', existing: 'A-1' } },
    ]);

    const dataDir = core.dataDir;
    core.close();
    const cli = await runCli(['inventory', 'import', file, '--site', siteId, '--data-dir', dataDir]);
    expect(cli.code).toBe(EXIT.ok);
    expect(cli.stdout).toContain(translate('ja', 'inventory.cli.warnings'));
    expect(cli.stdout).toContain(`  2行目 A列（管理番号）: ${translate('ja', 'errors.inventory.row.nearExistingAssetId', { assetId: 'a-1', existing: 'A-1' })}`);
    // What the warning said would happen: a new device, and the old one marked.
    const reopened = openCore({ dataDir });
    expect(Object.entries(storedDevices(reopened)).map(([id, d]) => [id, d.in_latest_import])).toEqual([
      ['A-1', 0],
      ['A-2', 1],
      ['A-3', 1],
      ['a-1', 1],
    ]);
    reopened.close();
  });
});
