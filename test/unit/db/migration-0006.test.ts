import Database from 'better-sqlite3';
import { migratedDbs } from '../helpers/migrated-db';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';

const dbs = migratedDbs('hoan-m0006-');
afterEach(() => dbs.cleanup());
const dbAt = (version: number) => dbs.at(version);

function names(db: Database.Database, type: string): string[] {
  return (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map((r) => r.name);
}

function seedSite(db: Database.Database, id = 's1') {
  db.prepare(
    `INSERT INTO sites (id, name, region, grid_connected, reverse_power_flow, has_remote_monitoring, has_control_system, installation_type, created_at, updated_at)
     VALUES (?, 'Site', 'kanto', 1, 0, 1, 0, 'new', 'x', 'x')`,
  ).run(id);
}

const addDevice = (db: Database.Database, id: string, assetId: string, siteId = 's1') =>
  db.prepare(`INSERT INTO devices (id, site_id, asset_id, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')`).run(id, siteId, assetId);

const addCheck = (db: Database.Database, id: string, deviceId: string, status: string) =>
  db
    .prepare(
      `INSERT INTO device_checks (id, site_id, device_id, status, checked_on, recorded_at) VALUES (?, 's1', ?, ?, '2025-04-01', 'x')`,
    )
    .run(id, deviceId, status);

describe('migration 0006: device inventory', () => {
  it('adds devices, import batches with their undo data, mapping profiles and existence checks', () => {
    const db = dbAt(5);
    expect(names(db, 'table')).not.toContain('devices');
    expect(migrate(db, migrations.filter((m) => m.version <= 6))).toBe(6);
    expect(names(db, 'table')).toEqual(
      expect.arrayContaining(['devices', 'inventory_import_batches', 'inventory_import_changes', 'inventory_mapping_profiles', 'device_checks']),
    );
    expect(names(db, 'index')).toEqual(
      expect.arrayContaining(['devices_by_location', 'inventory_import_batches_by_site', 'inventory_mapping_profiles_by_shape', 'device_checks_by_device', 'device_checks_by_site']),
    );
    expect(names(db, 'trigger')).toEqual(expect.arrayContaining(['device_checks_no_update', 'device_checks_no_delete']));
  });

  it('keeps one 管理番号 once per site, allows it at another site, and refuses an empty one', () => {
    const db = dbAt(6);
    seedSite(db);
    seedSite(db, 's2');
    addDevice(db, 'd1', 'A-1');
    expect(() => addDevice(db, 'd2', 'A-1')).toThrow(/UNIQUE/);
    expect(() => addDevice(db, 'd3', 'A-1', 's2')).not.toThrow();
    expect(() => addDevice(db, 'd4', '')).toThrow(/CHECK/);
    expect(() => addDevice(db, 'd5', 'A-9', 'no-such-site')).toThrow(/FOREIGN KEY/);
  });

  it('holds existence checks append-only, with a known status, for a device that exists', () => {
    const db = dbAt(6);
    seedSite(db);
    addDevice(db, 'd1', 'A-1');
    addCheck(db, 'c1', 'd1', 'confirmed');
    expect(() => addCheck(db, 'c2', 'd1', 'lost')).toThrow(/CHECK/);
    expect(() => addCheck(db, 'c3', 'nope', 'confirmed')).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare(`UPDATE device_checks SET status = 'moved'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM device_checks').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT status FROM device_checks').all()).toEqual([{ status: 'confirmed' }]);
  });

  it('marks devices in the latest import with 0 or 1 only, and names profiles once', () => {
    const db = dbAt(6);
    seedSite(db);
    addDevice(db, 'd1', 'A-1');
    expect(db.prepare('SELECT in_latest_import, extra_json FROM devices').get()).toEqual({ in_latest_import: 1, extra_json: '{}' });
    expect(() => db.prepare('UPDATE devices SET in_latest_import = 2').run()).toThrow(/CHECK/);
    const profile = db.prepare(
      `INSERT INTO inventory_mapping_profiles (id, name, header_signature, mapping_json, created_at, updated_at) VALUES (?, 'ベンダーA', 'x', '{}', 'x', 'x')`,
    );
    profile.run('p1');
    expect(() => profile.run('p2')).toThrow(/UNIQUE/);
  });
});
