import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/core';
import { recordCheck } from '../../../electron/core/inventory/device-checks';
import { commitImport, undoLastImport } from '../../../electron/core/inventory/import-commit';
import { stageImport } from '../../../electron/core/inventory/import-staging';
import { checkInputSchema } from '../../../electron/core/inventory/inventory-schema';
import { startParse, type ParsedImport } from '../../../electron/core/inventory/parse-job';
import { dropStage, stageStillCurrent } from '../../../electron/core/inventory/site-stage';
import { stageUndo } from '../../../electron/core/inventory/undo-staging';
import { parseTmpDir } from '../../../electron/core/inventory/upload-store';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { createMedium } from '../../../electron/core/media/media-registry';
import { checkInSchema, mediumFieldsSchema } from '../../../electron/core/media/media-schema';
import { csvText } from '../helpers/spreadsheet-files';
import { inventoryKit, storedDevices } from './inventory-test-kit';

const kit = inventoryKit('hoan-inv-staging-');
const others: Database.Database[] = [];
afterEach(() => {
  for (const db of others.splice(0)) if (db.open) db.close();
  kit.cleanup();
});

const HEADER = ['管理番号', '機器名', '設置場所', 'IPアドレス'];

async function parsed(core: Core, rows: string[][]): Promise<ParsedImport> {
  const file = path.join(kit.dirs.make(), '台帳.csv');
  fs.writeFileSync(file, csvText([HEADER, ...rows]));
  const outcome = await startParse({ file, displayName: '台帳.csv', tmpDir: parseTmpDir(core.dataDir) }).done;
  if (outcome.state !== 'done') throw new Error('cancelled');
  return outcome.parsed;
}

const V1 = [
  ['A-1', 'PLC', '第1電気室', '192.168.0.1'],
  ['A-2', 'HMI', '第1電気室', '192.168.0.2'],
  ['A-3', '監視PC', '中央監視室', '192.168.0.3'],
];
const V2 = [
  ['A-1', 'PLC', '第1電気室', '192.168.0.11'],
  ['A-2', 'HMI', '第2電気室', '192.168.0.2'],
  ['A-4', 'ルーター', '通信室', '192.168.0.254'],
];

/** A second connection to the same data folder: another Hoan process, as SQLite sees it. */
function otherProcess(core: Core): Core {
  const other = openCore({ dataDir: core.dataDir });
  others.push(other.db);
  return other;
}

describe('an import staged outside the write lock', () => {
  it('[#10.4] staging an import or its undo takes no write lock: it completes while another connection holds the data folder\'s write lock', async () => {
    const { core, siteId } = kit.open();
    commitImport(core.db, { siteId, parsed: await parsed(core, V1), userName: '', now: new Date() });
    const next = await parsed(core, V2);
    const holder = new Database(core.dbPath);
    others.push(holder);
    holder.exec('BEGIN IMMEDIATE');
    // No waiting at all: if staging needed the write lock, this would fail at once with SQLITE_BUSY.
    core.db.pragma('busy_timeout = 0');
    const staged = stageImport(core.db, siteId, next);
    expect(staged.counts).toEqual({ created: 1, updated: 2, unchanged: 0, absent: 1 });
    expect(core.db.prepare('SELECT count(*) FROM temp.import_updates').pluck().get()).toBe(2);
    holder.exec('ROLLBACK');
    dropStage(core.db);

    // Its undo likewise: two devices to restore, one to remove.
    core.db.pragma('busy_timeout = 5000');
    commitImport(core.db, { siteId, parsed: next, userName: '', now: new Date() });
    holder.exec('BEGIN IMMEDIATE');
    core.db.pragma('busy_timeout = 0');
    stageUndo(core.db, siteId);
    expect(core.db.prepare('SELECT count(*) FROM temp.undo_restores').pluck().get()).toBe(3);
    expect(core.db.prepare('SELECT count(*) FROM temp.undo_removals').pluck().get()).toBe(1);
    holder.exec('ROLLBACK');
    dropStage(core.db);
  });

  it('[#10.4] a write elsewhere in the data folder leaves the staged plan valid; a change to the site\'s devices makes it stale', async () => {
    const { core, siteId } = kit.open();
    commitImport(core.db, { siteId, parsed: await parsed(core, V1), userName: '', now: new Date() });
    const next = await parsed(core, V2);
    const other = otherProcess(core);

    let staged = stageImport(core.db, siteId, next);
    expect(stageStillCurrent(core.db, siteId, staged)).toBe(true);
    // A media check-in by the web host: the database changed, this site's inventory did not.
    const medium = createMedium(other.db, siteId, mediumFieldsSchema.parse({ controlNo: 'USB-001', type: 'usb_stick' }), new Date(), '');
    recordCheckIn(other, checkInSchema.parse({ siteId, mediumId: medium.id, person: '作業員', purpose: '点検', targets: [], method: 'none' }), '');
    expect(stageStillCurrent(core.db, siteId, staged)).toBe(true);

    // A device found moved on a walkthrough, recorded by the other process.
    const a3 = other.db.prepare("SELECT id FROM devices WHERE asset_id = 'A-3'").pluck().get() as string;
    recordCheck(other.db, checkInputSchema.parse({ siteId, deviceId: a3, status: 'moved', checkedOn: '2025-05-20', newLocation: '倉庫' }), '', new Date());
    expect(stageStillCurrent(core.db, siteId, staged)).toBe(false);

    staged = stageImport(core.db, siteId, next);
    expect(stageStillCurrent(core.db, siteId, staged)).toBe(true);
    // Another import by the other process, then its undo: the devices are back as they were, so
    // the plan is valid again (it is compared by content, not by who wrote).
    const reimport = await parsed(core, [['A-9', '予備', '倉庫', '']]);
    commitImport(other.db, { siteId, parsed: reimport, userName: '', now: new Date() });
    expect(stageStillCurrent(core.db, siteId, staged)).toBe(false);
    undoLastImport(other.db, siteId, '', new Date());
    expect(stageStillCurrent(core.db, siteId, staged)).toBe(true);
    dropStage(core.db);
  });

  it('commits the same rows, audit entries and undo records as one transaction did', async () => {
    const { core, siteId } = kit.open();
    commitImport(core.db, { siteId, parsed: await parsed(core, V1), userName: '担当', now: new Date('2025-04-01T00:00:00Z') });
    const batch = commitImport(core.db, { siteId, parsed: await parsed(core, V2), userName: '担当', now: new Date('2025-04-02T00:00:00Z') });
    expect(batch.counts).toEqual({ created: 1, updated: 2, unchanged: 0, absent: 1, skipped: 0 });
    expect(core.db.prepare("SELECT name FROM sqlite_temp_master WHERE name LIKE 'import_%'").all()).toEqual([]);
    const stored = storedDevices(core);
    expect(Object.entries(stored).map(([id, d]) => [id, d.location, d.ip_address, d.in_latest_import])).toEqual([
      ['A-1', '第1電気室', '192.168.0.11', 1],
      ['A-2', '第2電気室', '192.168.0.2', 1],
      ['A-3', '中央監視室', '192.168.0.3', 0],
      ['A-4', '通信室', '192.168.0.254', 1],
    ]);
    const audit = core.db
      .prepare("SELECT d.asset_id, a.action, a.changes_json, a.user_name, a.at FROM audit_log a JOIN devices d ON d.id = a.entity_id WHERE a.entity = 'device' ORDER BY a.seq")
      .all();
    expect(audit).toEqual([
      { asset_id: 'A-1', action: 'import-update', changes_json: JSON.stringify([{ field: 'ipAddress', old: '192.168.0.1', new: '192.168.0.11' }]), user_name: '担当', at: '2025-04-02T00:00:00.000Z' },
      { asset_id: 'A-2', action: 'import-update', changes_json: JSON.stringify([{ field: 'location', old: '第1電気室', new: '第2電気室' }]), user_name: '担当', at: '2025-04-02T00:00:00.000Z' },
      { asset_id: 'A-3', action: 'import-absent', changes_json: JSON.stringify([{ field: 'inLatestImport', old: true, new: false }]), user_name: '担当', at: '2025-04-02T00:00:00.000Z' },
    ]);
    expect(core.db.prepare('SELECT count(*) FROM inventory_import_changes WHERE batch_id = ?').pluck().get(batch.id)).toBe(3);

    undoLastImport(core.db, siteId, '担当', new Date('2025-04-03T00:00:00Z'));
    expect(Object.entries(storedDevices(core)).map(([id, d]) => [id, d.location, d.ip_address, d.in_latest_import])).toEqual([
      ['A-1', '第1電気室', '192.168.0.1', 1],
      ['A-2', '第1電気室', '192.168.0.2', 1],
      ['A-3', '中央監視室', '192.168.0.3', 1],
    ]);
  });
});
