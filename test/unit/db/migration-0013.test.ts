import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { migratedDbs } from '../helpers/migrated-db';

const dbs = migratedDbs('hoan-m0013-');
afterEach(() => dbs.cleanup());

function seedSite(db: Database.Database): void {
  db.prepare(
    `INSERT INTO sites (id, name, region, grid_connected, reverse_power_flow, has_remote_monitoring, has_control_system, installation_type, created_at, updated_at)
     VALUES ('s', 'Site', 'kanto', 1, 0, 1, 0, 'new', 'x', 'x')`,
  ).run();
}

const reserve = (db: Database.Database, id: string, sequence: number, signer = 'SHA256:me') =>
  db
    .prepare(
      `INSERT INTO bundle_exports (bundle_id, signer_fingerprint, sequence, site_id, kind, target_dir, file_name, owner_pid, started_at)
       VALUES (?, ?, ?, 's', 'site', '/media/usb', ?, 4242, 'x')`,
    )
    .run(id, signer, sequence, `hoan-site-20250601-${String(sequence).padStart(4, '0')}-${id}.zip`);

describe('migration 0013: export reservations', () => {
  it('adds bundle_exports to a database from before it, leaving the bundle history as it was', () => {
    const db = dbs.at(11);
    seedSite(db);
    db.prepare(
      `INSERT INTO bundles (id, direction, kind, site_id, signer_fingerprint, sequence, bagged_at, payload_bytes, payload_files, recorded_at)
       VALUES ('old', 'export', 'site', 's', 'SHA256:me', 1, 'x', 1, 1, 'x')`,
    ).run();
    expect(migrate(db, migrations.filter((m) => m.version <= 13))).toBe(13);
    expect(db.prepare('SELECT count(*) AS n FROM bundle_exports').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT id, sequence FROM bundles').all()).toEqual([{ id: 'old', sequence: 1 }]);
  });

  it('gives one sequence number to one export per signer, and keeps a closed reservation closed and every reservation kept', () => {
    const db = dbs.at(13);
    seedSite(db);
    reserve(db, 'aaaaaaaa', 1);
    expect(() => reserve(db, 'bbbbbbbb', 1)).toThrow(/UNIQUE constraint failed: bundle_exports.signer_fingerprint, bundle_exports.sequence/);
    reserve(db, 'cccccccc', 1, 'SHA256:other');
    expect(db.prepare(`SELECT state, closed_at FROM bundle_exports WHERE bundle_id = 'aaaaaaaa'`).get()).toEqual({ state: 'pending', closed_at: null });

    expect(() => db.prepare(`UPDATE bundle_exports SET sequence = 7 WHERE bundle_id = 'aaaaaaaa'`).run()).toThrow(/not edited/);
    expect(() => db.prepare(`UPDATE bundle_exports SET target_dir = '/elsewhere' WHERE bundle_id = 'aaaaaaaa'`).run()).toThrow(/not edited/);
    expect(() => db.prepare(`UPDATE bundle_exports SET state = 'lost' WHERE bundle_id = 'aaaaaaaa'`).run()).toThrow(/CHECK constraint/);
    db.prepare(`UPDATE bundle_exports SET state = 'abandoned', closed_at = 'y' WHERE bundle_id = 'aaaaaaaa'`).run();
    expect(() => db.prepare(`UPDATE bundle_exports SET state = 'recorded' WHERE bundle_id = 'aaaaaaaa'`).run()).toThrow(/stays closed/);
    expect(() => db.prepare(`DELETE FROM bundle_exports WHERE bundle_id = 'aaaaaaaa'`).run()).toThrow(/kept/);
    // An abandoned number is still taken.
    expect(() => reserve(db, 'dddddddd', 1)).toThrow(/UNIQUE/);
  });
});
