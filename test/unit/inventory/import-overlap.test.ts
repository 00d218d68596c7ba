import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { siteAuditLog } from '../../../electron/core/audit/audit-log';
import { recordCheck } from '../../../electron/core/inventory/device-checks';
import { undoLastImport } from '../../../electron/core/inventory/import-commit';
import { importFile } from '../../../electron/core/inventory/import-jobs';
import { checkInputSchema } from '../../../electron/core/inventory/inventory-schema';
import { csvText } from '../helpers/spreadsheet-files';
import { inventoryKit, storedDevices } from './inventory-test-kit';

/**
 * The CLI's import (importFile, committed at once) stages the devices in the
 * connection's TEMP tables while the worker still reads the file, batch by
 * batch; the write transaction at the end only applies them.
 */
const kit = inventoryKit('hoan-inv-overlap-');
afterEach(() => kit.cleanup());

const HEADER = ['管理番号', '機器名', '設置場所', 'IPアドレス'];

function ledger(rows: (string | number)[][]): string {
  const file = path.join(kit.dirs.make(), '台帳.csv');
  fs.writeFileSync(file, csvText([HEADER, ...rows]));
  return file;
}

const devices = (n: number, location = '第1電気室') =>
  Array.from({ length: n }, (_, i) => [`A-${i + 1}`, `PLC ${i + 1}`, location, `10.0.${(i >> 8) & 255}.${i & 255}`]);

const stageTables = (core: Core) => core.db.prepare("SELECT name FROM temp.sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
const count = (core: Core, table: string) => core.db.prepare(`SELECT count(*) FROM temp.${table}`).pluck().get();

describe('an import committed at once is staged while the file is read', () => {
  it('[#15.1] when the preview is ready the new and changed devices are staged already; the commit writes exactly them, and no stage is left', async () => {
    const { core, siteId } = kit.open();
    await importFile(core, { siteId, file: ledger(devices(3_000)), dryRun: false });

    // 1,000 rows a batch: 5 batches, 2,000 new devices, the first 10 moved, the rest unchanged.
    const next = devices(5_000).map((row, i) => (i < 10 ? [row[0]!, row[1]!, '第2電気室', row[3]!] : row));
    let staged: { creates: unknown; updates: unknown } | undefined;
    const { preview, result } = await importFile(core, {
      siteId,
      file: ledger(next),
      dryRun: false,
      onPreview: () => (staged = { creates: count(core, 'import_creates'), updates: count(core, 'import_updates') }),
    });
    expect(staged).toEqual({ creates: 2_000, updates: 10 });
    expect(preview.diff.counts).toEqual({ new: 2_000, changed: 10, unchanged: 2_990, absent: 0 });
    expect(result?.batch.counts).toEqual({ created: 2_000, updated: 10, unchanged: 2_990, absent: 0, skipped: 0 });
    const stored = storedDevices(core);
    expect(Object.keys(stored)).toHaveLength(5_000);
    expect(stored['A-10']!.location).toBe('第2電気室');
    expect(stored['A-11']!.location).toBe('第1電気室');
    expect(stageTables(core)).toEqual([]);
  });

  it('[#15.1] a file that turns out unreadable half-way leaves the site exactly as before and no stage behind', async () => {
    const { core, siteId } = kit.open();
    await importFile(core, { siteId, file: ledger(devices(100)), dryRun: false });
    const before = { devices: storedDevices(core), audit: siteAuditLog(core.db, siteId).length };

    // Three batches are staged before row 3,500, whose NUL character the reader refuses.
    const rows = devices(4_000);
    rows[3_498] = ['A-3499', 'PLC\u0000', '第1電気室', '10.0.0.1'];
    await expect(importFile(core, { siteId, file: ledger(rows), dryRun: false })).rejects.toMatchObject({ code: 'io' });
    expect(storedDevices(core)).toEqual(before.devices);
    expect(siteAuditLog(core.db, siteId)).toHaveLength(before.audit);
    expect(stageTables(core)).toEqual([]);
  });

  it('[#15.1] a device changed on the same connection after it was staged (a check recording a move) is seen: the import is staged again and records the device as it was just before', async () => {
    const { core, siteId } = kit.open();
    await importFile(core, { siteId, file: ledger(devices(3)), dryRun: false });
    const a2 = core.db.prepare("SELECT id FROM devices WHERE asset_id = 'A-2'").pluck().get() as string;

    const { result } = await importFile(core, {
      siteId,
      file: ledger(devices(3, '第2電気室')),
      dryRun: false,
      // data_version does not count this connection's own writes.
      onPreview: () =>
        recordCheck(core.db, checkInputSchema.parse({ siteId, deviceId: a2, status: 'moved', checkedOn: '2025-05-20', newLocation: '倉庫' }), '', new Date()),
    });
    expect(result?.batch.counts).toMatchObject({ updated: 3 });
    const before = core.db.prepare('SELECT before_json FROM inventory_import_changes WHERE device_id = ?').pluck().get(a2) as string;
    expect(JSON.parse(before)).toMatchObject({ asset_id: 'A-2', location: '倉庫' });
    expect(storedDevices(core)['A-2']!.location).toBe('第2電気室');
  });

  it('[#15.1] a stage replaced on the same connection meanwhile (the last import undone from the app) is not applied: the import is staged again', async () => {
    const { core, siteId } = kit.open();
    await importFile(core, { siteId, file: ledger(devices(3)), dryRun: false });

    const { result } = await importFile(core, {
      siteId,
      file: ledger(devices(4, '第2電気室')),
      dryRun: false,
      onPreview: () => undoLastImport(core.db, siteId, '', new Date()),
    });
    // Staged against three devices (one new), applied to none: four new.
    expect(result?.batch.counts).toEqual({ created: 4, updated: 0, unchanged: 0, absent: 0, skipped: 0 });
    expect(Object.keys(storedDevices(core))).toEqual(['A-1', 'A-2', 'A-3', 'A-4']);
    expect(stageTables(core)).toEqual([]);
  });
});
