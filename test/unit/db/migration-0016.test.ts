import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { migratedDbs } from '../helpers/migrated-db';

const dbs = migratedDbs('hoan-m0016-');
afterEach(() => dbs.cleanup());

function seedBundle(db: Database.Database, id: string, sequence: number): void {
  db.prepare(
    `INSERT OR IGNORE INTO sites (id, name, region, grid_connected, reverse_power_flow, has_remote_monitoring, has_control_system, installation_type, created_at, updated_at)
     VALUES ('s', 'Site', 'kanto', 1, 0, 1, 0, 'new', 'x', 'x')`,
  ).run();
  db.prepare(
    `INSERT INTO bundles (id, direction, kind, site_id, signer_fingerprint, sequence, bagged_at, payload_bytes, payload_files, recorded_at)
     VALUES (?, 'import', 'review', 's', 'SHA256:office', ?, 'x', 1, 1, 'x')`,
  ).run(id, sequence);
}

const carry = (db: Database.Database, bundleId: string, state = 'pending') =>
  db
    .prepare(`INSERT INTO bundle_definitions (bundle_id, scanner, version, built_at, files_json, state, owner_pid, held_dir, recorded_at) VALUES (?, 'clamav', 'daily 27500', NULL, '[]', ?, 4242, 'bundle-definitions/x', 'x')`)
    .run(bundleId, state);

describe('migration 0016: definitions a bundle carried', () => {
  it('adds bundle_definitions to a database from before it, leaving the bundle history as it was', () => {
    const db = dbs.at(15);
    seedBundle(db, 'old', 1);
    expect(migrate(db, migrations.filter((m) => m.version <= 16))).toBe(16);
    expect(db.prepare('SELECT count(*) AS n FROM bundle_definitions').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT id FROM bundles').all()).toEqual([{ id: 'old' }]);
  });

  it('[#12.4] keeps one row per bundle of the history, settles a pending row once, and never edits or removes what a bundle carried', () => {
    const db = dbs.at(16);
    seedBundle(db, 'b1', 1);
    expect(() => carry(db, 'nobundle')).toThrow(/FOREIGN KEY/);
    carry(db, 'b1');
    expect(() => carry(db, 'b1')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.prepare(`UPDATE bundle_definitions SET state = 'lost'`).run()).toThrow(/CHECK constraint/);
    expect(() => db.prepare(`UPDATE bundle_definitions SET version = 'daily 1'`).run()).toThrow(/not edited/);
    expect(() => db.prepare(`UPDATE bundle_definitions SET held_dir = 'elsewhere'`).run()).toThrow(/not edited/);
    db.prepare(`UPDATE bundle_definitions SET state = 'installed', set_id = 'set-1', settled_at = 'y' WHERE state = 'pending'`).run();
    expect(() => db.prepare(`UPDATE bundle_definitions SET state = 'refused'`).run()).toThrow(/stays settled/);
    expect(() => db.prepare(`DELETE FROM bundle_definitions`).run()).toThrow(/append-only/);
    expect(db.prepare('SELECT state, set_id FROM bundle_definitions').get()).toEqual({ state: 'installed', set_id: 'set-1' });
  });
});
