import Database from 'better-sqlite3';
import { migratedDbs } from '../helpers/migrated-db';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';

const dbs = migratedDbs('hoan-m0009-');
afterEach(() => dbs.cleanup());
const dbAt = (version: number) => dbs.at(version);

const names = (db: Database.Database, type: string) =>
  (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map((r) => r.name);

function seed(db: Database.Database) {
  for (const id of ['home', 'copy']) {
    db.prepare(
      `INSERT INTO sites (id, name, region, grid_connected, reverse_power_flow, has_remote_monitoring, has_control_system, installation_type, created_at, updated_at)
       VALUES (?, 'Site', 'kanto', 1, 0, 1, 0, 'new', 'x', 'x')`,
    ).run(id);
  }
  db.prepare(`INSERT INTO site_origins (site_id, owner_fingerprint, owner_name, last_bundle_id, last_bundle_at, imported_at) VALUES ('copy', 'SHA256:x', 'Site PC', 'b1', 'x', 'x')`).run();
}

const addMedium = (db: Database.Database, id: string, site: string) =>
  db.prepare(`INSERT INTO media (id, site_id, control_no, type, status, created_at, updated_at) VALUES (?, ?, ?, 'usb_stick', 'active', 'x', 'x')`).run(id, site, id);

describe('migration 0009: installation key, trust store, bundles, site ownership, review notes', () => {
  it('creates its tables, and read-only triggers on every table holding a site’s records', () => {
    const db = dbAt(8);
    expect(names(db, 'table')).not.toContain('bundles');
    expect(migrate(db, migrations.filter((m) => m.version <= 9))).toBe(9);
    expect(names(db, 'table')).toEqual(expect.arrayContaining(['installation', 'trusted_signers', 'bundles', 'site_origins', 'review_notes', 'bundle_import_active']));
    const triggers = names(db, 'trigger');
    for (const table of ['sites', 'classifications', 'assessment_rounds', 'assessment_items', 'assessment_evidence', 'risks', 'media', 'media_log', 'devices', 'device_checks']) {
      for (const op of ['insert', 'update', 'delete']) expect(triggers).toContain(`${table}_read_only_${op}`);
    }
  });

  it('refuses writes to an imported copy, allows them to a home site, and allows an import inside its own transaction', () => {
    const db = dbAt(9);
    seed(db);
    addMedium(db, 'm-home', 'home');
    expect(() => addMedium(db, 'm-copy', 'copy')).toThrow(/hoan:site-read-only/);
    expect(() => db.prepare(`UPDATE sites SET name = 'renamed' WHERE id = 'copy'`).run()).toThrow(/hoan:site-read-only/);
    db.prepare(`UPDATE sites SET name = 'renamed' WHERE id = 'home'`).run();

    db.transaction(() => {
      db.prepare('INSERT INTO bundle_import_active (id) VALUES (1)').run();
      addMedium(db, 'm-copy', 'copy');
      db.prepare(`UPDATE sites SET name = 'from the bundle' WHERE id = 'copy'`).run();
      db.prepare('DELETE FROM bundle_import_active').run();
    })();
    expect(db.prepare(`SELECT name FROM sites WHERE id = 'copy'`).get()).toEqual({ name: 'from the bundle' });
    expect(() => db.prepare(`UPDATE media SET description = 'x' WHERE id = 'm-copy'`).run()).toThrow(/hoan:site-read-only/);
  });

  it('keeps the bundle history and review notes append-only, one installation row, and unique sequences per signer', () => {
    const db = dbAt(9);
    seed(db);
    const bundle = (id: string, seq: number) =>
      db.prepare(
        `INSERT INTO bundles (id, direction, kind, site_id, signer_fingerprint, sequence, bagged_at, payload_bytes, payload_files, recorded_at)
         VALUES (?, 'import', 'site', 'copy', 'SHA256:x', ?, 'x', 1, 1, 'x')`,
      ).run(id, seq);
    bundle('b1', 1);
    expect(() => bundle('b2', 1)).toThrow(/UNIQUE/);
    expect(() => bundle('b1', 2)).toThrow(/UNIQUE/);
    expect(() => db.prepare('UPDATE bundles SET sequence = 5').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM bundles').run()).toThrow(/append-only/);

    db.prepare(`INSERT INTO review_notes (id, site_id, text, author_fingerprint, created_at) VALUES ('n1', 'copy', '確認', 'SHA256:y', 'x')`).run();
    expect(() => db.prepare(`UPDATE review_notes SET text = 'x'`).run()).toThrow(/append-only/);
    expect(() => db.prepare(`INSERT INTO review_notes (id, site_id, text, author_fingerprint, created_at) VALUES ('n2', 'copy', '', 'SHA256:y', 'x')`).run()).toThrow(/CHECK/);

    const install = (id: string) =>
      db.prepare(`INSERT INTO installation (id, name, principal, public_key, fingerprint, created_at, updated_at) VALUES (?, 'a', 'p', 'k', 'f', 'x', 'x')`).run(id);
    install('i1');
    expect(() => install('i2')).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO trusted_signers (fingerprint, principal, public_key, role, source, added_at) VALUES ('f', 'p', 'k', 'boss', 'manual', 'x')`).run()).toThrow(/CHECK/);
  });
});
