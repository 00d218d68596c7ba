import { afterEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { migrate } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { migratedDbs } from '../helpers/migrated-db';

const dbs = migratedDbs('hoan-m0015-');
afterEach(() => dbs.cleanup());

function addSet(db: Database.Database, id: string, state: string, scanner = 'clamav') {
  db.prepare(
    `INSERT INTO definitions_sets (id, scanner, state, version, built_at, source_kind, source_path, imported_by, imported_at)
     VALUES (?, ?, ?, 'daily 1', '2025-06-01T00:00:00.000Z', 'file', '/media/usb', 'テスト', '2025-06-02T00:00:00.000Z')`,
  ).run(id, scanner, state);
  db.prepare(`INSERT INTO definitions_files (set_id, name, sha256, size, kind) VALUES (?, 'daily.cud', ?, 10, 'unsigned')`).run(id, 'a'.repeat(64));
}

describe('[#12.1] migration 0015: the definitions store\'s records', () => {
  it('[#12.1] adds the tables to a database from before it; one current set per scanner; a set is never edited, a retired one never revived, nothing deleted', () => {
    const db = dbs.at(14);
    expect(migrate(db, migrations.filter((m) => m.version <= 15))).toBe(15);
    addSet(db, 'a', 'current');
    addSet(db, 'd', 'current', 'defender');
    expect(() => addSet(db, 'b', 'current')).toThrow(/UNIQUE/);
    addSet(db, 'b', 'previous');
    addSet(db, 'c', 'retired');
    db.prepare("UPDATE definitions_sets SET state = 'previous' WHERE id = 'a'").run();
    db.prepare("UPDATE definitions_sets SET state = 'current' WHERE id = 'b'").run();
    expect(() => db.prepare("UPDATE definitions_sets SET state = 'previous' WHERE id = 'c'").run()).toThrow(/stays retired/);
    expect(() => db.prepare("UPDATE definitions_sets SET version = 'daily 2' WHERE id = 'a'").run()).toThrow(/not edited/);
    expect(() => db.prepare("DELETE FROM definitions_sets WHERE id = 'c'").run()).toThrow(/kept/);
    expect(() => db.prepare("UPDATE definitions_files SET size = 11").run()).toThrow(/not edited/);
    expect(() => db.prepare('DELETE FROM definitions_files').run()).toThrow(/kept/);
    expect(() =>
      db.prepare(`INSERT INTO definitions_sets (id, scanner, state, source_kind, imported_by, imported_at) VALUES ('e', 'clamav', 'retired', 'bundle', 'x', 'x')`).run(),
    ).toThrow(/CHECK/);
  });
});
