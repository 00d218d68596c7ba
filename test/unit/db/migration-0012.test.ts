import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { migratedDbs } from '../helpers/migrated-db';

const dbs = migratedDbs('hoan-m0012-');
afterEach(() => dbs.cleanup());

describe('migration 0012: the media log heads this installation exported', () => {
  it('gives every site export made before it a row without a head, so a missing row later means a removed one', () => {
    const db = dbs.at(11);
    db.prepare(
      `INSERT INTO sites (id, name, region, grid_connected, reverse_power_flow, has_remote_monitoring, has_control_system, installation_type, created_at, updated_at)
       VALUES ('s', 'Site', 'kanto', 1, 0, 1, 0, 'new', 'x', 'x')`,
    ).run();
    const bundle = (id: string, direction: string, kind: string, seq: number) =>
      db.prepare(
        `INSERT INTO bundles (id, direction, kind, site_id, signer_fingerprint, sequence, bagged_at, file_name, payload_bytes, payload_files, recorded_at)
         VALUES (?, ?, ?, 's', ?, ?, '2025-06-01T00:00:00.000Z', ?, 1, 1, 'x')`,
      ).run(id, direction, kind, `SHA256:${direction}`, seq, `${id}.zip`);
    bundle('old-export', 'export', 'site', 1);
    bundle('old-review', 'export', 'review', 2);
    bundle('an-import', 'import', 'site', 1);

    expect(migrate(db, migrations.filter((m) => m.version <= 12))).toBe(12);
    expect(db.prepare('SELECT bundle_id, site_id, n, hash, sequence, file_name FROM media_log_anchors').all()).toEqual([
      { bundle_id: 'old-export', site_id: 's', n: null, hash: null, sequence: 1, file_name: 'old-export.zip' },
    ]);

    const anchor = (id: string, n: number | null, hash: string | null) =>
      db.prepare(`INSERT INTO media_log_anchors (bundle_id, site_id, n, hash, sequence, file_name, bagged_at, recorded_at) VALUES (?, 's', ?, ?, 3, 'f', 'x', 'x')`).run(id, n, hash);
    anchor('new', 4, 'a'.repeat(64));
    expect(() => anchor('half', 4, null)).toThrow(/CHECK/);
    expect(() => anchor('short', 4, 'a')).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE media_log_anchors SET n = 5').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM media_log_anchors').run()).toThrow(/append-only/);
  });
});
