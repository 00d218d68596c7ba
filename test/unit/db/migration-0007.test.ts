import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-m0007-');
const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  dirs.cleanup();
});

const ZERO = '0'.repeat(64);
const h = (c: string) => c.repeat(64);

function dbAt(version: number): Database.Database {
  const db = new Database(path.join(dirs.make(), 'hoan.sqlite3'));
  db.pragma('foreign_keys = ON');
  open.push(db);
  migrate(db, migrations.filter((m) => m.version <= version));
  return db;
}

function names(db: Database.Database, type: string): string[] {
  return (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map((r) => r.name);
}

function seed(db: Database.Database) {
  db.prepare(
    `INSERT INTO sites (id, name, region, grid_connected, reverse_power_flow, has_remote_monitoring, has_control_system, installation_type, created_at, updated_at)
     VALUES ('s1', 'Site', 'kanto', 1, 0, 1, 0, 'new', 'x', 'x')`,
  ).run();
  db.prepare(
    `INSERT INTO media (id, site_id, control_no, type, status, created_at, updated_at) VALUES ('m1', 's1', 'USB-1', 'usb_stick', 'active', 'x', 'x')`,
  ).run();
}

const insertEntry = (db: Database.Database, n: number, prev: string, hash: string, id = `e${n}`) =>
  db
    .prepare(
      `INSERT INTO media_log (id, site_id, n, kind, at, medium_id, body_json, prev_hash, hash) VALUES (?, 's1', ?, 'check_in', 'x', 'm1', '{}', ?, ?)`,
    )
    .run(id, n, prev, hash);

describe('migration 0007: media registry and checkpoint log', () => {
  it('creates the registry, the log with its indexes, chain heads and scanner configuration', () => {
    const db = dbAt(6);
    expect(names(db, 'table')).not.toContain('media');
    expect(migrate(db, migrations.filter((m) => m.version <= 7))).toBe(7);
    expect(names(db, 'table')).toEqual(expect.arrayContaining(['media', 'media_log', 'media_log_heads', 'media_scanner_configs']));
    expect(names(db, 'index')).toEqual(
      expect.arrayContaining(['media_log_by_site', 'media_log_by_medium', 'media_log_by_person', 'media_log_by_company', 'media_log_by_result', 'media_log_by_decision', 'media_log_by_at']),
    );
    expect(names(db, 'trigger')).toEqual(
      expect.arrayContaining(['media_no_delete', 'media_log_must_extend_head', 'media_log_advance_head', 'media_log_no_update', 'media_log_no_delete', 'media_log_heads_no_update', 'media_log_heads_no_delete']),
    );
  });

  it('keeps 管理番号 unique per site and media undeletable', () => {
    const db = dbAt(7);
    seed(db);
    expect(() =>
      db.prepare(`INSERT INTO media (id, site_id, control_no, type, status, created_at, updated_at) VALUES ('m2', 's1', 'USB-1', 'sd_card', 'active', 'x', 'x')`).run(),
    ).toThrow(/UNIQUE/);
    expect(() => db.prepare(`INSERT INTO media (id, site_id, control_no, type, status, created_at, updated_at) VALUES ('m3', 's1', 'X', 'floppy', 'active', 'x', 'x')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare("DELETE FROM media WHERE id = 'm1'").run()).toThrow(/never deleted/);
  });

  it('accepts only entries that extend the chain, advances the head, and refuses updates and deletes', () => {
    const db = dbAt(7);
    seed(db);
    expect(() => insertEntry(db, 2, ZERO, h('a'))).toThrow(/extend/);
    expect(() => insertEntry(db, 1, h('f'), h('a'))).toThrow(/extend/);
    insertEntry(db, 1, ZERO, h('a'));
    expect(db.prepare("SELECT n, hash FROM media_log_heads WHERE site_id = 's1'").get()).toEqual({ n: 1, hash: h('a') });
    expect(() => insertEntry(db, 2, h('b'), h('c'))).toThrow(/extend/);
    expect(() => insertEntry(db, 1, ZERO, h('c'), 'dup')).toThrow(/extend|UNIQUE/);
    insertEntry(db, 2, h('a'), h('b'));
    expect(db.prepare("SELECT n, hash FROM media_log_heads WHERE site_id = 's1'").get()).toEqual({ n: 2, hash: h('b') });

    expect(() => db.prepare("UPDATE media_log SET person = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM media_log WHERE n = 2').run()).toThrow(/append-only/);
    expect(() => db.prepare('UPDATE media_log_heads SET n = 1').run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM media_log_heads').run()).toThrow(/append-only/);
    expect(() => insertEntry(db, 3, h('b'), 'short')).toThrow(/CHECK/);
    expect(() =>
      db.prepare(`INSERT INTO media_log (id, site_id, n, kind, at, body_json, prev_hash, hash, refers_to) VALUES ('e9', 's1', 3, 'check_out', 'x', '{}', ?, ?, 'no-such')`).run(h('b'), h('d')),
    ).toThrow(/FOREIGN KEY/);
    expect((db.prepare('SELECT count(*) AS c FROM media_log').get() as { c: number }).c).toBe(2);
  });
});
