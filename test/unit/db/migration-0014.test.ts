import path from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/core';
import { migrate } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { naturalSortKey } from '../../../electron/core/inventory/natural-sort-key';
import { migratedDbs } from '../helpers/migrated-db';

const dbs = migratedDbs('hoan-m0014-');
afterEach(() => dbs.cleanup());

function seed(db: Database.Database): void {
  db.prepare(
    `INSERT INTO sites (id, name, region, grid_connected, reverse_power_flow, has_remote_monitoring, has_control_system, installation_type, created_at, updated_at)
     VALUES ('s1', 'Site', 'kanto', 1, 0, 1, 0, 'new', 'x', 'x')`,
  ).run();
  const add = db.prepare(`INSERT INTO devices (id, site_id, asset_id, created_at, updated_at) VALUES (?, 's1', ?, 'x', 'x')`);
  for (const [id, assetId] of [['d1', 'KT-10'], ['d2', 'KT-2'], ['d3', 'kt-1']]) add.run(id, assetId);
}

const keys = (db: Database.Database) => db.prepare('SELECT asset_id, asset_sort_key FROM devices ORDER BY id').all();

describe('migration 0014: the 管理番号 sort key', () => {
  it('adds an indexed, empty sort key to the devices of a database from before it, and the next start fills it', () => {
    const db = dbs.at(13);
    seed(db);
    expect(migrate(db, migrations.filter((m) => m.version <= 14))).toBe(14);
    expect(keys(db)).toEqual([
      { asset_id: 'KT-10', asset_sort_key: null },
      { asset_id: 'KT-2', asset_sort_key: null },
      { asset_id: 'kt-1', asset_sort_key: null },
    ]);
    expect(db.prepare("SELECT sql FROM sqlite_master WHERE name = 'devices_by_asset_order'").pluck().get()).toBe(
      'CREATE INDEX devices_by_asset_order ON devices (site_id, asset_sort_key, asset_id)',
    );
    const file = db.name;
    db.close();

    const core = openCore({ dataDir: path.dirname(file) });
    try {
      expect(keys(core.db)).toEqual([
        { asset_id: 'KT-10', asset_sort_key: naturalSortKey('KT-10') },
        { asset_id: 'KT-2', asset_sort_key: naturalSortKey('KT-2') },
        { asset_id: 'kt-1', asset_sort_key: naturalSortKey('kt-1') },
      ]);
      expect(core.db.prepare('SELECT asset_id FROM devices ORDER BY asset_sort_key').pluck().all()).toEqual(['kt-1', 'KT-2', 'KT-10']);
    } finally {
      core.close();
    }
  });
});
