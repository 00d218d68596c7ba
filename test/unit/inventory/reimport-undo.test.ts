import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/core';
import { recordCheck } from '../../../electron/core/inventory/device-checks';
import { listDevices } from '../../../electron/core/inventory/device-repository';
import { undoLastImport } from '../../../electron/core/inventory/import-commit';
import { commitImportJob } from '../../../electron/core/inventory/import-jobs';
import { runHoan, staleBuild } from '../helpers/built-cli';
import { csvText } from '../helpers/spreadsheet-files';
import { importPath, inventoryKit, previewUpload, writtenState } from './inventory-test-kit';

const kit = inventoryKit('hoan-inv-reimport-');
afterEach(() => kit.cleanup());

const HEADER = ['管理番号', '機器名', '設置場所', 'IPアドレス'];

function ledger(dir: string, name: string, rows: string[][]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, csvText([['第一工場 機器台帳'], HEADER, ...rows]));
  return file;
}

const V1 = [
  ['A-1', 'PLC', '第1電気室', '10.0.0.1'],
  ['A-2', 'HMI', '第1電気室', '10.0.0.2'],
  ['A-3', '監視PC', '中央監視室', '10.0.0.3'],
];

describe('[#11.10] re-importing a file that changes nothing', () => {
  it('[#11.10] the preview says nothing changed, and neither the commit nor the file import writes a batch or an audit entry', async () => {
    const { core, siteId } = kit.open();
    const dir = kit.dirs.make();
    const first = await importPath(core, siteId, ledger(dir, '台帳.csv', V1));
    expect(first.preview.unchanged).toBe(false);
    const before = writtenState(core, siteId);

    // The same rows again, in another order, with the IP addresses written another way.
    const again = ledger(dir, '台帳_再送.csv', [['A-3', '監視PC', '中央監視室', '10.0.0.3'], ['A-1', 'PLC', '第1電気室', '010.000.000.001'], ['A-2', 'HMI', '第1電気室', '10.0.0.2']]);
    const viaFile = await importPath(core, siteId, again);
    expect(viaFile.preview).toMatchObject({ unchanged: true, diff: { counts: { new: 0, changed: 0, unchanged: 3, absent: 0 } } });
    expect(viaFile.result).toBeNull();

    const preview = await previewUpload(core, siteId, again);
    expect(preview.unchanged).toBe(true);
    expect(() => commitImportJob(core, preview.jobId)).toThrow(expect.objectContaining({ code: 'validation', messageKey: 'errors.inventory.unchanged', params: { file: '台帳_再送.csv' } }));
    expect(writtenState(core, siteId)).toEqual(before);

    // A file without A-3 marks it once; the same file again marks nothing more and is unchanged too.
    const without = ledger(dir, '台帳_撤去後.csv', V1.slice(0, 2));
    const marking = await importPath(core, siteId, without);
    expect(marking.preview.unchanged).toBe(false);
    expect(marking.result?.batch.counts).toMatchObject({ absent: 1 });
    const marked = writtenState(core, siteId);
    const repeat = await importPath(core, siteId, without);
    expect(repeat.preview).toMatchObject({ unchanged: true, diff: { counts: { absent: 1 } } });
    expect(repeat.result).toBeNull();
    expect(writtenState(core, siteId)).toEqual(marked);
  });

  it('[#11.10] hoan inventory import of an unchanged file says so, exits 0 and writes nothing (the built command)', async () => {
    expect(staleBuild()).toEqual([]);
    const { core, siteId } = kit.open();
    const file = ledger(kit.dirs.make(), '台帳.csv', V1);
    await importPath(core, siteId, file);
    const before = writtenState(core, siteId);
    const dataDir = core.dataDir;
    core.close();

    const run = await runHoan(['inventory', 'import', file, '--site', siteId, '--data-dir', dataDir, '--lang', 'ja']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n').pop()).toBe('変更はありません: ファイルの内容は現在の機器台帳と同じです。何も登録していません。');
    const json = await runHoan(['inventory', 'import', file, '--site', siteId, '--data-dir', dataDir, '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ unchanged: true, committed: false, batch: null });

    const reopened = openCore({ dataDir });
    try {
      expect(writtenState(reopened, siteId)).toEqual(before);
    } finally {
      reopened.close();
    }
  });
});

describe('[#11.10] undoing the last import', () => {
  it('[#11.10] is offered only when it would do something, with what it would remove, put back and unmark', async () => {
    const { core, siteId } = kit.open();
    const dir = kit.dirs.make();
    const undo = () => listDevices(core.db, { siteId, offset: 0, limit: 1 }).undo;
    expect(undo()).toBeNull();

    kit.setClock(new Date('2025-04-01T00:00:00Z'));
    const v1 = await importPath(core, siteId, ledger(dir, '台帳.csv', V1));
    expect(undo()).toEqual({ batchId: v1.result!.batch.id, fileName: '台帳.csv', importedAt: '2025-04-01T00:00:00.000Z', removes: 3, restores: 0, relists: 0, blocked: null });

    kit.setClock(new Date('2025-04-02T00:00:00Z'));
    const v2 = await importPath(core, siteId, ledger(dir, '台帳_更新.csv', [['A-1', 'PLC', '第2電気室', '10.0.0.1'], ['A-2', 'HMI', '第1電気室', '10.0.0.2'], ['A-4', 'ルーター', '通信室', '10.0.0.4']]));
    expect(undo()).toEqual({ batchId: v2.result!.batch.id, fileName: '台帳_更新.csv', importedAt: '2025-04-02T00:00:00.000Z', removes: 1, restores: 1, relists: 1, blocked: null });

    // It does what it said: A-4 removed, A-1 back in 第1電気室, A-3 no longer marked.
    undoLastImport(core.db, siteId, '佐藤', core.now());
    const devices = listDevices(core.db, { siteId, offset: 0, limit: 10 }).devices;
    expect(devices.map((d) => [d.assetId, d.location, d.inLatestImport])).toEqual([
      ['A-1', '第1電気室', true],
      ['A-2', '第1電気室', true],
      ['A-3', '中央監視室', true],
    ]);
    expect(undo()).toBeNull();

    // A batch that changed nothing, as an earlier Hoan recorded an unchanged re-import: nothing to offer.
    core.db
      .prepare(
        `INSERT INTO inventory_import_batches (id, site_id, file_name, file_sha256, sheet, mapping_json, created_count, updated_count,
           unchanged_count, absent_count, skipped_count, imported_at, imported_by)
         VALUES ('00000000-0000-4000-8000-000000000001', ?, '台帳.csv', ?, '台帳', '[]', 0, 0, 3, 0, 0, '2025-04-03T00:00:00.000Z', '')`,
      )
      .run(siteId, '0'.repeat(64));
    expect(undo()).toBeNull();

    kit.setClock(new Date('2025-04-04T00:00:00Z'));
    await importPath(core, siteId, ledger(dir, '台帳_更新2.csv', [...V1, ['A-5', 'UPS', '第1電気室', '10.0.0.5']]));
    expect(undo()).toMatchObject({ removes: 1, restores: 0, relists: 0, blocked: null });
    kit.setClock(new Date('2025-04-05T00:00:00Z'));
    recordCheck(core.db, { siteId, deviceId: devices[0]!.id, status: 'confirmed', checkedOn: '2025-04-05', newLocation: '', note: '' }, '山田', core.now());
    expect(undo()).toMatchObject({ removes: 1, blocked: 'checks' });
  });
});
