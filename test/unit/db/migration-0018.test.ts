import type Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { migratedDbs } from '../helpers/migrated-db';

const dbs = migratedDbs('hoan-m0018-');
afterEach(() => dbs.cleanup());

function seed(db: Database.Database): void {
  db.prepare(
    `INSERT INTO sites (id, name, region, grid_connected, reverse_power_flow, has_remote_monitoring, has_control_system, installation_type, created_at, updated_at)
     VALUES ('s', 'Site', 'kanto', 1, 0, 1, 0, 'new', 'x', 'x')`,
  ).run();
  db.prepare(
    `INSERT INTO bundles (id, direction, kind, site_id, signer_fingerprint, sequence, bagged_at, payload_bytes, payload_files, recorded_at)
     VALUES ('b1', 'import', 'review', 's', 'SHA256:office', 1, 'x', 1, 1, 'x')`,
  ).run();
}

const arrive = (db: Database.Database, ordinal: number, state = 'pending', document: string | null = '{}') =>
  db
    .prepare(
      `INSERT INTO bundle_advisories (bundle_id, ordinal, site_id, publisher_namespace, tracking_id, tracking_version, sha256, state, document, owner_pid, recorded_at)
       VALUES ('b1', ?, 's', 'https://www.cisa.gov/', 'ICSA-1', '1', ?, ?, ?, 4242, 'x')`,
    )
    .run(ordinal, 'a'.repeat(64), state, document);

const inputs = (db: Database.Database) => (db.prepare(`SELECT inputs FROM advisory_site_summaries WHERE site_id = 's'`).get() as { inputs: number } | undefined)?.inputs ?? 0;

describe('migration 0018: advisories a bundle carried, and the dashboard summaries', () => {
  it('[#13.4] adds its tables to a database from before it, leaving what was there', () => {
    const db = dbs.at(17);
    seed(db);
    expect(migrate(db, migrations.filter((m) => m.version <= 18))).toBe(18);
    expect(db.prepare('SELECT count(*) AS n FROM bundle_advisories').get()).toEqual({ n: 0 });
    expect(db.prepare('SELECT id FROM bundles').all()).toEqual([{ id: 'b1' }]);
  });

  it('[#13.4] a pending row holds its document until settled once; nothing a bundle carried is edited or removed', () => {
    const db = dbs.at(18);
    seed(db);
    arrive(db, 0);
    expect(() => arrive(db, 1, 'pending', null)).toThrow(/CHECK constraint/);
    expect(() => arrive(db, 1, 'sent', '{}')).toThrow(/CHECK constraint/);
    expect(() => arrive(db, 0)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => db.prepare(`UPDATE bundle_advisories SET sha256 = 'b'`).run()).toThrow(/not edited/);
    expect(() => db.prepare(`UPDATE bundle_advisories SET state = 'imported'`).run()).toThrow(/CHECK constraint/);
    db.prepare(`UPDATE bundle_advisories SET state = 'imported', document = NULL, settled_at = 'y'`).run();
    expect(() => db.prepare(`UPDATE bundle_advisories SET state = 'refused'`).run()).toThrow(/stays settled/);
    expect(() => db.prepare('DELETE FROM bundle_advisories').run()).toThrow(/append-only/);
  });

  it('[#13.4] a site\'s devices and decisions bump its summary inputs; a decision on a read-only copy is refused outside an import', () => {
    const db = dbs.at(18);
    seed(db);
    db.prepare(`INSERT INTO devices (id, site_id, asset_id, created_at, updated_at) VALUES ('d1', 's', 'PLC-01', 'x', 'x')`).run();
    expect(inputs(db)).toBe(1);
    db.prepare(`UPDATE devices SET software_version = '1.2' WHERE id = 'd1'`).run();
    expect(inputs(db)).toBe(2);
    // A walkthrough's move reads nothing matching reads: the summary stays.
    db.prepare(`UPDATE devices SET location = '電気室' WHERE id = 'd1'`).run();
    expect(inputs(db)).toBe(2);
    const decide = (id: string) =>
      db
        .prepare(
          `INSERT INTO advisory_triage (id, site_id, device_id, publisher_namespace, tracking_id, status, reason_code, advisory_sha256, decided_at)
           VALUES (?, 's', 'd1', 'https://www.cisa.gov/', 'ICSA-1', 'not_affected', 'other', ?, 'x')`,
        )
        .run(id, 'a'.repeat(64));
    decide('t1');
    expect(inputs(db)).toBe(3);
    db.prepare(`INSERT INTO site_origins (site_id, owner_fingerprint, last_bundle_id, last_bundle_at, imported_at) VALUES ('s', 'SHA256:site', 'b1', 'x', 'x')`).run();
    expect(() => decide('t2')).toThrow(/hoan:site-read-only/);
    db.prepare('INSERT INTO bundle_import_active (id) VALUES (1)').run();
    decide('t2');
    expect(inputs(db)).toBe(4);
  });
});
