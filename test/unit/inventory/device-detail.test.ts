import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordCheck } from '../../../electron/core/inventory/device-checks';
import { deviceDetail } from '../../../electron/core/inventory/device-history';
import { listDevices } from '../../../electron/core/inventory/device-repository';
import { undoLastImport } from '../../../electron/core/inventory/import-commit';
import { createSite } from '../../../electron/core/sites/site-repository';
import { siteInput } from '../helpers/site-input';
import { csvText } from '../helpers/spreadsheet-files';
import { importPath, inventoryKit } from './inventory-test-kit';

const kit = inventoryKit('hoan-inv-detail-');
afterEach(() => kit.cleanup());

const HEADER = ['管理番号', '機器名', '設置場所', 'IPアドレス', '導入日', '保守契約番号', '盤番号'];

function ledger(dir: string, name: string, rows: string[][]): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, csvText([HEADER, ...rows]));
  return file;
}

describe('[#11.10] a device opened', () => {
  it('[#11.10] shows every field, the extra columns and its history across imports, an undo and a check, newest first, each import named by its file', async () => {
    const { core, siteId } = kit.open();
    const dir = kit.dirs.make();
    const v1 = ledger(dir, '台帳_2024.csv', [
      ['KT-1', 'PLC', '第1電気室', '10.0.0.1', 'R6.4.1', 'MC-1', 'P-3'],
      ['KT-2', 'HMI', '第1電気室', '10.0.0.2', '', '', ''],
    ]);
    const v2 = ledger(dir, '台帳_2025.csv', [['KT-1', 'PLC', '第1電気室', '10.0.0.9', 'R6.4.1', 'MC-2', 'P-3']]);
    const at = (iso: string) => kit.setClock(new Date(iso));

    at('2025-04-01T01:00:00Z');
    await importPath(core, siteId, v1);
    at('2025-04-02T01:00:00Z');
    await importPath(core, siteId, v2);
    at('2025-04-03T01:00:00Z');
    undoLastImport(core.db, siteId, '佐藤', core.now());
    at('2025-04-04T01:00:00Z');
    await importPath(core, siteId, v2);
    at('2025-04-05T01:00:00Z');
    const [kt1, kt2] = listDevices(core.db, { siteId, offset: 0, limit: 10 }).devices;
    recordCheck(core.db, { siteId, deviceId: kt1!.id, status: 'moved', checkedOn: '2025-04-05', newLocation: '第2電気室', note: '盤の更新' }, '山田', core.now());

    const one = deviceDetail(core.db, siteId, kt1!.id);
    expect(one.device).toMatchObject({
      assetId: 'KT-1', name: 'PLC', location: '第2電気室', ipAddress: '10.0.0.9', installedOn: '2024-04-01', inLatestImport: true,
      extra: { 保守契約番号: 'MC-2', 盤番号: 'P-3' },
      lastCheck: { status: 'moved', newLocation: '第2電気室' },
    });
    const batches = core.db.prepare('SELECT id, file_name FROM inventory_import_batches ORDER BY seq').all() as { id: string; file_name: string }[];
    const batch = (i: number) => ({ id: batches[i]!.id, fileName: batches[i]!.file_name, sheet: path.parse(batches[i]!.file_name).name });
    const summary = (h: typeof one.history) => h.map((e) => [e.kind, e.at.slice(0, 10), e.batch, e.changes]);
    expect(summary(one.history)).toEqual([
      ['checked', '2025-04-05', null, [{ field: 'location', old: '第1電気室', new: '第2電気室' }]],
      ['updated', '2025-04-04', batch(2), [{ field: 'ipAddress', old: '10.0.0.1', new: '10.0.0.9' }, { field: 'extra.保守契約番号', old: 'MC-1', new: 'MC-2' }]],
      ['undone', '2025-04-03', batch(1), [{ field: 'ipAddress', old: '10.0.0.9', new: '10.0.0.1' }, { field: 'extra.保守契約番号', old: 'MC-2', new: 'MC-1' }]],
      ['updated', '2025-04-02', batch(1), [{ field: 'ipAddress', old: '10.0.0.1', new: '10.0.0.9' }, { field: 'extra.保守契約番号', old: 'MC-1', new: 'MC-2' }]],
      ['created', '2025-04-01', batch(0), []],
    ]);
    expect(one.history[0]!.check).toMatchObject({ status: 'moved', note: '盤の更新', checkedBy: '山田', fromLocation: '第1電気室' });
    expect(one.history[2]!.userName).toBe('佐藤');

    const two = deviceDetail(core.db, siteId, kt2!.id);
    expect(two.device).toMatchObject({ assetId: 'KT-2', inLatestImport: false, extra: {} });
    expect(summary(two.history)).toEqual([
      ['absent', '2025-04-04', batch(2), [{ field: 'inLatestImport', old: 'true', new: 'false' }]],
      ['undone', '2025-04-03', batch(1), [{ field: 'inLatestImport', old: 'false', new: 'true' }]],
      ['absent', '2025-04-02', batch(1), [{ field: 'inLatestImport', old: 'true', new: 'false' }]],
      ['created', '2025-04-01', batch(0), []],
    ]);
  });

  it('[#11.10] a device of another site, or one that does not exist, is not found', async () => {
    const { core, siteId } = kit.open();
    await importPath(core, siteId, ledger(kit.dirs.make(), '台帳.csv', [['KT-1', 'PLC', '', '', '', '', '']]));
    const [device] = listDevices(core.db, { siteId, offset: 0, limit: 1 }).devices;
    const other = createSite(core.db, siteInput({ name: '第二工場' }), core.now());
    expect(() => deviceDetail(core.db, other.id, device!.id)).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => deviceDetail(core.db, siteId, '00000000-0000-4000-8000-000000000000')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });
});
