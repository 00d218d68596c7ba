import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { HoanError } from '../../../electron/core/errors';
import { latestSchemaVersion, migrate, migrationHash } from '../../../electron/core/db/migrate';
import { migrations, type Migration } from '../../../electron/core/db/migrations';
import { openDatabase } from '../../../electron/core/db/open-database';
import { sha256OfFile, tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-migrations-');
const open: Database.Database[] = [];

function freshDb(): { db: Database.Database; file: string } {
  const file = path.join(dirs.make(), 'hoan.sqlite3');
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  open.push(db);
  return { db, file };
}

function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function objectNames(db: Database.Database, type: 'table' | 'index' | 'trigger'): string[] {
  return (
    db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]
  ).map((r) => r.name);
}

function columns(db: Database.Database, table: string): string[] {
  return (db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
}

function appliedRows(db: Database.Database) {
  return db.prepare('SELECT version, name, sha256, applied_at FROM schema_migrations ORDER BY version').all() as {
    version: number;
    name: string;
    sha256: string;
    applied_at: string;
  }[];
}

function schemaDump(db: Database.Database): unknown[] {
  return db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name').all();
}

function byVersion(version: number): Migration {
  const m = migrations.find((x) => x.version === version);
  if (!m) throw new Error(`no migration ${version}`);
  return m;
}

/** Everything up to and including `version`. */
function upTo(version: number): Migration[] {
  return migrations.filter((m) => m.version <= version);
}

const SITE_ROW = {
  id: 'site-1',
  name: 'Site',
  region: 'kanto',
  grid_connected: 1,
  reverse_power_flow: 0,
  has_remote_monitoring: 1,
  has_control_system: 0,
  installation_type: 'new',
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
};

function insertSite(db: Database.Database, overrides: Record<string, unknown> = {}) {
  db.prepare(
    `INSERT INTO sites (id, name, region, grid_connected, reverse_power_flow, has_remote_monitoring,
       has_control_system, installation_type, created_at, updated_at)
     VALUES (@id, @name, @region, @grid_connected, @reverse_power_flow, @has_remote_monitoring,
       @has_control_system, @installation_type, @created_at, @updated_at)`,
  ).run({ ...SITE_ROW, ...overrides });
}

function insertClassification(db: Database.Database, overrides: Record<string, unknown> = {}) {
  db.prepare(
    `INSERT INTO classifications (id, site_id, result, answers_json, reasons_json, transitional, classified_at)
     VALUES (@id, @site_id, @result, '{}', '[]', 0, '2025-01-02T00:00:00.000Z')`,
  ).run({ id: 'c-1', site_id: SITE_ROW.id, result: 'B', ...overrides });
}

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  dirs.cleanup();
});

describe('migrate', () => {
  it('brings a fresh database to the latest schema version and records every migration', () => {
    const { db } = freshDb();
    expect(userVersion(db)).toBe(0);

    const version = migrate(db);

    expect(version).toBe(latestSchemaVersion());
    expect(latestSchemaVersion()).toBe(migrations[migrations.length - 1]!.version);
    expect(userVersion(db)).toBe(latestSchemaVersion());
    const rows = appliedRows(db);
    expect(rows.map((r) => [r.version, r.name, r.sha256])).toEqual(
      migrations.map((m) => [m.version, m.name, migrationHash(m)]),
    );
    for (const row of rows) expect(Number.isNaN(Date.parse(row.applied_at))).toBe(false);
  });

  it('numbers the migrations 1, 2, 3… without gaps', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
  });

  it('0001 creates the sites table with its checks and name index', () => {
    const { db } = freshDb();
    expect(migrate(db, upTo(1))).toBe(1);

    expect(objectNames(db, 'table')).toEqual(['schema_migrations', 'sites']);
    expect(objectNames(db, 'index')).toContain('sites_by_name');
    expect(columns(db, 'sites')).toEqual([
      'id',
      'name',
      'address',
      'owner_name',
      'contractor_name',
      'region',
      'receiving_voltage_v',
      'generation_capacity_kw',
      'grid_connected',
      'reverse_power_flow',
      'has_remote_monitoring',
      'has_control_system',
      'installation_type',
      'last_system_change_date',
      'created_at',
      'updated_at',
      'archived_at',
    ]);

    insertSite(db);
    const row = db.prepare('SELECT address, owner_name, contractor_name, archived_at FROM sites').get();
    expect(row).toEqual({ address: '', owner_name: '', contractor_name: '', archived_at: null });
    // Booleans are 0/1 and the installation type is one of two values.
    expect(() => insertSite(db, { id: 'site-2', grid_connected: 2 })).toThrow(/CHECK constraint failed/);
    expect(() => insertSite(db, { id: 'site-3', installation_type: 'old' })).toThrow(/CHECK constraint failed/);
    expect(() => insertSite(db, { id: 'site-4', name: null })).toThrow(/NOT NULL constraint failed/);
    expect(() => insertSite(db)).toThrow(/UNIQUE constraint failed/);
  });

  it('0002 creates append-only classifications that reference sites', () => {
    const { db } = freshDb();
    expect(migrate(db, upTo(2))).toBe(2);

    expect(objectNames(db, 'table')).toEqual(['classifications', 'schema_migrations', 'sites']);
    expect(objectNames(db, 'trigger')).toEqual(['classifications_no_delete', 'classifications_no_update']);
    expect(objectNames(db, 'index')).toContain('classifications_by_site');
    expect(columns(db, 'classifications')).toEqual([
      'id',
      'site_id',
      'result',
      'answers_json',
      'reasons_json',
      'transitional',
      'classified_at',
      'classified_by',
    ]);
    const fks = db.pragma('foreign_key_list(classifications)') as { table: string; from: string; to: string }[];
    expect(fks.map((f) => [f.table, f.from, f.to])).toEqual([['sites', 'site_id', 'id']]);

    insertSite(db);
    insertClassification(db);
    expect(db.prepare('SELECT classified_by FROM classifications').get()).toEqual({ classified_by: '' });

    expect(() => db.prepare("UPDATE classifications SET result = 'A'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM classifications').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT id, result FROM classifications').all()).toEqual([{ id: 'c-1', result: 'B' }]);

    expect(() => insertClassification(db, { id: 'c-2', result: 'D' })).toThrow(/CHECK constraint failed/);
    expect(() => insertClassification(db, { id: 'c-3', site_id: 'no-such-site' })).toThrow(
      /FOREIGN KEY constraint failed/,
    );
  });

  it('0003 creates the settings table keyed by setting name', () => {
    const { db } = freshDb();
    migrate(db, upTo(2));
    expect(objectNames(db, 'table')).not.toContain('settings');

    expect(migrate(db, upTo(3))).toBe(3);

    expect(objectNames(db, 'table')).toEqual(['classifications', 'schema_migrations', 'settings', 'sites']);
    expect(columns(db, 'settings')).toEqual(['key', 'value_json', 'updated_at']);
    const insert = db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, '2025-01-01')");
    insert.run('language', '"ja"');
    expect(() => insert.run('language', '"en"')).toThrow(/UNIQUE constraint failed/);
    expect(() => insert.run('calendar', null)).toThrow(/NOT NULL constraint failed/);
  });

  it('0004 creates the append-only audit log', () => {
    const { db } = freshDb();
    migrate(db, upTo(3));
    expect(objectNames(db, 'table')).not.toContain('audit_log');

    expect(migrate(db, upTo(4))).toBe(4);

    expect(columns(db, 'audit_log')).toEqual([
      'seq', 'id', 'site_id', 'entity', 'entity_id', 'action', 'changes_json', 'user_name', 'at',
    ]);
    db.prepare(
      "INSERT INTO audit_log (id, site_id, entity, entity_id, action, changes_json, at) VALUES ('e1', NULL, 'site', 's', 'create', '[]', 'x')",
    ).run();
    expect(() => db.prepare("UPDATE audit_log SET user_name = 'mallory'").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    expect(() =>
      db.prepare("INSERT INTO audit_log (id, site_id, entity, entity_id, action, changes_json, at) VALUES ('e2', 'no-such-site', 'site', 's', 'create', '[]', 'x')").run(),
    ).toThrow(/FOREIGN KEY/);
  });

  it('0005 creates the evidence index: one row per sha256, immutable', () => {
    const { db } = freshDb();
    migrate(db, upTo(4));
    expect(objectNames(db, 'table')).not.toContain('evidence_files');

    expect(migrate(db, upTo(5))).toBe(5);

    expect(columns(db, 'evidence_files')).toEqual(['sha256', 'size', 'stored_at']);
    const insert = db.prepare('INSERT INTO evidence_files (sha256, size, stored_at) VALUES (?, ?, ?)');
    const digest = 'ab'.repeat(32);
    insert.run(digest, 10, 'x');
    expect(() => insert.run(digest, 10, 'x')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => insert.run('AB'.repeat(32), 10, 'x')).toThrow(/CHECK/);
    expect(() => insert.run('ab'.repeat(31), 10, 'x')).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE evidence_files SET size = 11').run()).toThrow(/immutable/);
  });

  it('is a no-op the second time', () => {
    const { db } = freshDb();
    migrate(db);
    const rowsBefore = appliedRows(db);
    const schemaBefore = schemaDump(db);
    const changesBefore = db.prepare('SELECT total_changes() AS n').get();

    expect(migrate(db)).toBe(latestSchemaVersion());

    expect(appliedRows(db)).toEqual(rowsBefore);
    expect(schemaDump(db)).toEqual(schemaBefore);
    expect(db.prepare('SELECT total_changes() AS n').get()).toEqual(changesBefore);
    expect(userVersion(db)).toBe(latestSchemaVersion());
  });

  it('refuses a database from a newer version and leaves the file exactly as it was', () => {
    const { db, file } = freshDb();
    migrate(db);
    const found = latestSchemaVersion() + 1;
    db.pragma(`user_version = ${found}`);
    db.close();
    const before = sha256OfFile(file);

    const reopened = new Database(file);
    open.push(reopened);
    const err = catchError(() => migrate(reopened));
    reopened.close();

    expect(err).toBeInstanceOf(HoanError);
    expect((err as HoanError).toShape()).toEqual({
      code: 'db_newer',
      messageKey: 'errors.dbNewer',
      params: { found, supported: latestSchemaVersion() },
    });
    expect(sha256OfFile(file)).toBe(before);
  });

  // A newer Hoan leaves its database in WAL mode, but a file restored or
  // converted by another tool may not be: neither may be touched.
  it.each(['delete', 'wal'])('openDatabase refuses a newer database in %s journal mode without changing it', (mode) => {
    const { db, file } = freshDb();
    db.pragma(`journal_mode = ${mode}`);
    migrate(db);
    db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('language', '\"en\"', 'x')").run();
    db.pragma('user_version = 42');
    db.close();
    const before = sha256OfFile(file);

    const err = catchError(() => openDatabase(file));

    expect(err).toBeInstanceOf(HoanError);
    expect((err as HoanError).toShape()).toEqual({
      code: 'db_newer',
      messageKey: 'errors.dbNewer',
      params: { found: 42, supported: latestSchemaVersion() },
    });
    expect(sha256OfFile(file)).toBe(before);
    expect(fs.readdirSync(path.dirname(file))).toEqual([path.basename(file)]);
  });

  it('detects an edited migration that has already been applied', () => {
    const { db } = freshDb();
    migrate(db);
    const rowsBefore = appliedRows(db);
    const edited = migrations.map((m) =>
      m.version === 2 ? { ...m, sql: m.sql.replace("classified_by TEXT NOT NULL DEFAULT ''", 'classified_by TEXT') } : m,
    );
    expect(edited[1]!.sql).not.toBe(byVersion(2).sql);

    const err = catchError(() => migrate(db, edited));

    expect(err).toBeInstanceOf(HoanError);
    expect((err as HoanError).toShape()).toEqual({
      code: 'db_migration_edited',
      messageKey: 'errors.dbMigrationEdited',
      params: { version: 2, name: 'create-classifications' },
    });
    expect(appliedRows(db)).toEqual(rowsBefore);
  });

  it('detects a renamed migration and one that disappeared from the list', () => {
    const { db } = freshDb();
    migrate(db);

    const renamed = migrations.map((m) => (m.version === 1 ? { ...m, name: 'make-sites' } : m));
    expect((catchError(() => migrate(db, renamed)) as HoanError).toShape()).toEqual({
      code: 'db_migration_edited',
      messageKey: 'errors.dbMigrationEdited',
      params: { version: 1, name: 'create-sites' },
    });

    const withoutSecond = migrations.filter((m) => m.version !== 2);
    expect((catchError(() => migrate(db, withoutSecond)) as HoanError).toShape()).toEqual({
      code: 'db_migration_edited',
      messageKey: 'errors.dbMigrationEdited',
      params: { version: 2, name: 'create-classifications' },
    });
  });

  it('refuses a database that skipped a migration this Hoan knows (one added below its version)', () => {
    const { db } = freshDb();
    // A file made while version 3 did not exist yet: 1, 2 and 4 ran, user_version 4.
    migrate(db, migrations.filter((m) => m.version !== 3 && m.version <= 4));
    expect(db.pragma('user_version', { simple: true })).toBe(4);
    const rowsBefore = appliedRows(db);
    expect((catchError(() => migrate(db)) as HoanError).toShape()).toEqual({
      code: 'db_migration_edited',
      messageKey: 'errors.dbMigrationEdited',
      params: { version: 3, name: 'create-settings' },
    });
    expect(appliedRows(db)).toEqual(rowsBefore);
  });

  it('rolls back a migration that fails half-way, keeping the ones before it', () => {
    const { db } = freshDb();
    migrate(db);
    const rowsBefore = appliedRows(db);
    const broken: Migration = {
      version: latestSchemaVersion() + 1,
      name: 'broken',
      sql: `
CREATE TABLE half_done (x INTEGER);
INSERT INTO half_done VALUES (1);
INSERT INTO no_such_table VALUES (1);
`,
    };

    expect(() => migrate(db, [...migrations, broken])).toThrow(/no such table: no_such_table/);

    expect(userVersion(db)).toBe(latestSchemaVersion());
    expect(objectNames(db, 'table')).not.toContain('half_done');
    expect(appliedRows(db)).toEqual(rowsBefore);
  });

  it('commits each migration on its own: a failure in the second leaves the first applied', () => {
    const { db } = freshDb();
    const broken: Migration = { version: 2, name: 'broken', sql: 'CREATE TABLE t2 (x); SELECT * FROM missing;' };

    expect(() => migrate(db, [byVersion(1), broken])).toThrow(/no such table: missing/);

    expect(userVersion(db)).toBe(1);
    expect(objectNames(db, 'table')).toEqual(['schema_migrations', 'sites']);
    expect(appliedRows(db).map((r) => r.version)).toEqual([1]);
  });
});
