import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { auditHistory } from '../../../electron/core/audit/audit-log';
import type { Core } from '../../../electron/core/core';
import { deviceCheckHistory, recordCheck } from '../../../electron/core/inventory/device-checks';
import { listDevices, listLocations } from '../../../electron/core/inventory/device-repository';
import { undoLastImport } from '../../../electron/core/inventory/import-commit';
import { writeInventoryXlsx } from '../../../electron/core/inventory/inventory-export';
import { checkInputSchema, listInputSchema } from '../../../electron/core/inventory/inventory-schema';
import { csvText } from '../helpers/spreadsheet-files';
import { importPath, inventoryKit, storedDevices, writtenState } from './inventory-test-kit';

const kit = inventoryKit('hoan-inv-checks-');
afterEach(() => kit.cleanup());

const HEADER = ['管理番号', '機器名', '種別', '設置場所', 'IPアドレス', '導入日', '保守会社'];

function writeCsv(name: string, rows: string[][]): string {
  const file = path.join(kit.dirs.make(), name);
  fs.writeFileSync(file, csvText([HEADER, ...rows]));
  return file;
}

const V1 = [
  ['A-1', 'PLC', 'PLC', '第1電気室', '192.168.0.1', '令和5年4月1日', '保守A'],
  ['A-2', 'HMI', '表示器', '第1電気室', '192.168.0.2', '', ''],
  ['A-3', '監視PC', 'PC', '中央監視室', '192.168.0.3', '2020/1/15', '保守B'],
];

function list(core: Core, siteId: string, extra: object = {}) {
  return listDevices(core.db, listInputSchema.parse({ siteId, ...extra }));
}

function check(core: Core, siteId: string, assetId: string, status: string, extra: object = {}) {
  const device = list(core, siteId).devices.find((d) => d.assetId === assetId)!;
  return recordCheck(core.db, checkInputSchema.parse({ siteId, deviceId: device.id, status, checkedOn: '2025-05-20', ...extra }), '点検者', new Date('2025-05-20T02:00:00Z'));
}

describe('existence checks', () => {
  it('records confirmed, not found and moved with the date; moved moves the device; counts follow', async () => {
    const { core, siteId } = kit.open();
    await importPath(core, siteId, writeCsv('v1.csv', V1));

    expect(check(core, siteId, 'A-1', 'confirmed')).toMatchObject({ status: 'confirmed', checkedOn: '2025-05-20', fromLocation: '第1電気室', newLocation: '', checkedBy: '点検者' });
    check(core, siteId, 'A-2', 'not_found', { note: '撤去済みの可能性' });
    const moved = check(core, siteId, 'A-3', 'moved', { newLocation: '第2電気室' });
    expect(moved).toMatchObject({ fromLocation: '中央監視室', newLocation: '第2電気室' });

    const all = list(core, siteId);
    expect(all.counts).toEqual({ devices: 3, notInLatestImport: 0, confirmed: 1, notFound: 1, moved: 1, unchecked: 0 });
    expect(all.devices.map((d) => [d.assetId, d.location, d.lastCheck?.status])).toEqual([
      ['A-1', '第1電気室', 'confirmed'],
      ['A-2', '第1電気室', 'not_found'],
      ['A-3', '第2電気室', 'moved'],
    ]);
    expect(listLocations(core.db, siteId)).toEqual([
      { location: '第1電気室', devices: 2, checked: 2 },
      { location: '第2電気室', devices: 1, checked: 1 },
    ]);
    expect(list(core, siteId, { location: '第1電気室' }).devices.map((d) => d.assetId)).toEqual(['A-1', 'A-2']);
    expect(list(core, siteId, { search: '監視' }).devices.map((d) => d.assetId)).toEqual(['A-3']);
    expect(list(core, siteId, { search: '%' }).total).toBe(0);

    const deviceId = all.devices[2]!.id;
    expect(auditHistory(core.db, 'device', deviceId).at(-1)).toMatchObject({
      action: 'check',
      userName: '点検者',
      changes: [
        { field: 'status', old: null, new: 'moved' },
        { field: 'checkedOn', old: null, new: '2025-05-20' },
        { field: 'location', old: '中央監視室', new: '第2電気室' },
      ],
    });
    // Checked again later: history keeps both.
    check(core, siteId, 'A-3', 'confirmed');
    expect(deviceCheckHistory(core.db, deviceId).map((c) => c.status)).toEqual(['moved', 'confirmed']);
  });

  it('needs a new location for a move, and a device of the same site', async () => {
    const { core, siteId } = kit.open();
    await importPath(core, siteId, writeCsv('v1.csv', V1));
    const parsed = checkInputSchema.safeParse({ siteId, deviceId: list(core, siteId).devices[0]!.id, status: 'moved', checkedOn: '2025-05-20' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['newLocation'], message: 'errors.inventory.movedNeedsLocation' });
    const other = kit.open();
    expect(() =>
      recordCheck(other.core.db, checkInputSchema.parse({ siteId: other.siteId, deviceId: list(core, siteId).devices[0]!.id, status: 'confirmed', checkedOn: '2025-05-20' }), '', new Date()),
    ).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});

describe('undoing the last import', () => {
  it('puts back what the batch changed and removes what it added; then there is nothing to undo', async () => {
    const { core, siteId } = kit.open();
    await importPath(core, siteId, writeCsv('v1.csv', V1));
    const afterV1 = storedDevices(core);
    kit.setClock(new Date('2025-06-01T00:00:00Z'));
    await importPath(core, siteId, writeCsv('v2.csv', [['A-1', 'PLC(更新)', 'PLC', '第1電気室', '192.168.0.11', '令和5年4月1日', ''], ['A-4', '新しい機器', 'PC', '事務所', '', '', '']]));
    expect(storedDevices(core)).toMatchObject({ 'A-1': { name: 'PLC(更新)', extra: {} }, 'A-2': { in_latest_import: 0 }, 'A-4': {} });

    const undone = undoLastImport(core.db, siteId, '管理者', new Date('2025-06-02T00:00:00Z'));
    expect(undone).toMatchObject({ fileName: 'v2.csv', undoneAt: '2025-06-02T00:00:00.000Z' });
    expect(storedDevices(core)).toEqual(afterV1);
    expect(list(core, siteId).lastBatch).toMatchObject({ fileName: 'v2.csv', undoneAt: '2025-06-02T00:00:00.000Z' });
    expect(() => undoLastImport(core.db, siteId, '', new Date())).toThrow(expect.objectContaining({ code: 'conflict', messageKey: 'errors.inventory.nothingToUndo' }));
  });

  it('is refused once a device has been checked after the import, whatever the clocks say', async () => {
    const { core, siteId } = kit.open();
    // The import's clock runs ahead of the check's: a device it created was still checked after it.
    kit.setClock(new Date('2025-07-01T00:00:00Z'));
    await importPath(core, siteId, writeCsv('v1.csv', V1));
    check(core, siteId, 'A-1', 'confirmed');
    const before = writtenState(core, siteId);
    expect(() => undoLastImport(core.db, siteId, '', new Date('2025-06-02T00:00:00Z'))).toThrow(
      expect.objectContaining({ code: 'conflict', messageKey: 'errors.inventory.undoAfterChecks', params: { file: 'v1.csv' } }),
    );
    expect(writtenState(core, siteId)).toEqual(before);
  });
});

describe('export to xlsx', () => {
  it('writes the import columns, the extra attributes and the confirmation status, as date cells where dates', async () => {
    const { core, siteId } = kit.open();
    await importPath(core, siteId, writeCsv('v1.csv', V1));
    check(core, siteId, 'A-1', 'confirmed');
    check(core, siteId, 'A-3', 'moved', { newLocation: '第2電気室' });
    const file = path.join(kit.dirs.make(), '出力.xlsx');

    const bytes = await writeInventoryXlsx(core.db, siteId, file, 'ja');

    expect(bytes).toBe(fs.statSync(file).size);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const sheet = book.getWorksheet('機器台帳')!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual([
      '管理番号', '機器名', '種別', '設置箇所', 'メーカー', '型式', 'シリアル番号', 'OS/ファームウェア', 'ソフトウェアバージョン',
      'IPアドレス', 'MACアドレス', 'ネットワーク区分', '用途', '管理者', '導入日', '備考', '保守会社',
      '最新の取込に含まれる', '確認状況', '確認日', '確認者', '移設先',
    ]);
    const a1 = values(2);
    expect(a1.slice(0, 4)).toEqual(['A-1', 'PLC', 'PLC', '第1電気室']);
    expect(a1[14]).toEqual(new Date('2023-04-01T00:00:00.000Z'));
    expect(a1.slice(16)).toEqual(['保守A', 'はい', '確認済み', new Date('2025-05-20T00:00:00.000Z'), '点検者']);
    expect(values(3).slice(0, 1).concat(values(3).slice(17, 19))).toEqual(['A-2', 'はい', '未確認']);
    expect(values(4).slice(17)).toEqual(['はい', '移設', new Date('2025-05-20T00:00:00.000Z'), '点検者', '第2電気室']);
    await expect(writeInventoryXlsx(core.db, siteId, file, 'ja')).rejects.toMatchObject({ code: 'conflict', messageKey: 'errors.inventory.exportExists' });
  });

  it('reads back in unchanged: the export is a valid import, in either language', async () => {
    const { core, siteId } = kit.open();
    await importPath(core, siteId, writeCsv('v1.csv', V1));
    check(core, siteId, 'A-2', 'not_found');
    for (const locale of ['ja', 'en'] as const) {
      const file = path.join(kit.dirs.make(), `export-${locale}.xlsx`);
      await writeInventoryXlsx(core.db, siteId, file, locale);
      const { preview } = await importPath(core, siteId, file, { dryRun: true });
      expect(preview.problem).toBeNull();
      expect(preview.issueCount).toBe(0);
      expect(preview.diff.counts).toEqual({ new: 0, changed: 0, unchanged: 3, absent: 0 });
      expect(preview.columns.filter((c) => c.target === 'ignore').length).toBe(5);
    }
  });
});
