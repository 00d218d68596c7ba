import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/core';
import { DB_FILE_NAME } from '../../../electron/core/data-dir';
import { backupDatabase } from '../../../electron/core/db/backup';
import { latestSchemaVersion } from '../../../electron/core/db/migrate';
import { openDatabase } from '../../../electron/core/db/open-database';
import { HoanError } from '../../../electron/core/errors';
import { sha256OfFile, tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-open-');
const open: Database.Database[] = [];

function track(db: Database.Database): Database.Database {
  open.push(db);
  return db;
}

function insertSetting(db: Database.Database, key: string, value: unknown) {
  db.prepare('INSERT INTO settings (key, value_json, updated_at) VALUES (?, ?, ?)').run(
    key,
    JSON.stringify(value),
    '2025-04-01T00:00:00.000Z',
  );
}

function settingRows(db: Database.Database) {
  return db.prepare('SELECT key, value_json FROM settings ORDER BY key').all();
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error('expected a rejection');
}

afterEach(() => {
  for (const db of open.splice(0)) if (db.open) db.close();
  dirs.cleanup();
});

describe('openDatabase', () => {
  it('creates the folder and the file, and migrates to the latest version', () => {
    const file = path.join(dirs.make(), 'nested', 'deeper', DB_FILE_NAME);
    const db = track(openDatabase(file));
    expect(fs.statSync(file).isFile()).toBe(true);
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
  });

  it('sets WAL, synchronous=FULL, foreign keys and a busy timeout', () => {
    const db = track(openDatabase(path.join(dirs.make(), DB_FILE_NAME)));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
  });

  it('enforces foreign keys on the connection it returns', () => {
    const db = track(openDatabase(path.join(dirs.make(), DB_FILE_NAME)));
    expect(() =>
      db
        .prepare(
          `INSERT INTO classifications (id, site_id, result, answers_json, reasons_json, transitional, classified_at)
           VALUES ('c', 'missing-site', 'A', '{}', '[]', 0, 'x')`,
        )
        .run(),
    ).toThrow(/FOREIGN KEY constraint failed/);
  });

  it('accepts an empty file as a new database', () => {
    const file = path.join(dirs.make(), DB_FILE_NAME);
    fs.writeFileSync(file, '');
    const db = track(openDatabase(file));
    expect(db.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
  });

  it('reopens an existing database with its data and the same pragmas', () => {
    const file = path.join(dirs.make(), DB_FILE_NAME);
    const first = track(openDatabase(file));
    insertSetting(first, 'language', 'en');
    first.close();

    const again = track(openDatabase(file));
    expect(settingRows(again)).toEqual([{ key: 'language', value_json: '"en"' }]);
    expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(again.pragma('synchronous', { simple: true })).toBe(2);
    expect(again.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  const garbage: [string, () => Buffer][] = [
    ['random bytes', () => randomBytes(64 * 1024)],
    ['a text file', () => Buffer.from('現場メモ: 受電設備の点検記録\nsite notes, not a database\n'.repeat(200), 'utf8')],
    ['a damaged SQLite header', () => Buffer.concat([Buffer.from('SQLite format 3\0'), randomBytes(8192 - 16)])],
    // SQLite alone would take files this short for new, empty databases and write into them.
    ['a one-byte file', () => Buffer.from('x')],
    ['a short note shorter than a page header', () => Buffer.from('点検メモ', 'utf8')],
  ];

  it.each(garbage)('refuses %s with db_corrupt and leaves the file and folder untouched', (_label, bytes) => {
    const dir = dirs.make();
    const file = path.join(dir, DB_FILE_NAME);
    fs.writeFileSync(file, bytes());
    const before = sha256OfFile(file);

    let err: unknown;
    try {
      track(openDatabase(file));
    } catch (e) {
      err = e;
    }

    expect(err).toBeInstanceOf(HoanError);
    expect((err as HoanError).toShape()).toEqual({
      code: 'db_corrupt',
      messageKey: 'errors.dbCorrupt',
      params: { path: file },
    });
    expect(sha256OfFile(file)).toBe(before);
    // No -wal, -shm or -journal beside it: refusing must not start writing.
    expect(fs.readdirSync(dir)).toEqual([DB_FILE_NAME]);
  });

  it('openCore reports a corrupt database with the path of the file', () => {
    const dir = dirs.make();
    const file = path.join(dir, DB_FILE_NAME);
    fs.writeFileSync(file, randomBytes(16 * 1024));
    const before = sha256OfFile(file);

    let err: unknown;
    try {
      openCore({ dataDir: dir }).close();
    } catch (e) {
      err = e;
    }

    expect(err).toBeInstanceOf(HoanError);
    expect((err as HoanError).code).toBe('db_corrupt');
    expect((err as HoanError).params).toEqual({ path: file });
    expect(sha256OfFile(file)).toBe(before);
    expect(fs.readdirSync(dir)).toEqual([DB_FILE_NAME]);
  });
});

describe('backupDatabase', () => {
  it('writes a consistent copy that opens and holds the data', async () => {
    const dir = dirs.make();
    const db = track(openDatabase(path.join(dir, DB_FILE_NAME)));
    insertSetting(db, 'language', 'en');
    insertSetting(db, 'userName', '山田 太郎');
    const target = path.join(dir, 'backups', 'copy.sqlite3');

    const result = await backupDatabase(db, target);

    expect(result).toEqual({ path: target, bytes: fs.statSync(target).size });
    expect(result.bytes).toBeGreaterThan(0);
    expect(fs.readdirSync(path.dirname(target))).toEqual(['copy.sqlite3']);

    // Written after the backup: must not be in the copy.
    insertSetting(db, 'calendar', 'japanese');

    const copy = track(new Database(target, { readonly: true }));
    expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(copy.pragma('user_version', { simple: true })).toBe(latestSchemaVersion());
    expect(settingRows(copy)).toEqual([
      { key: 'language', value_json: '"en"' },
      { key: 'userName', value_json: '"山田 太郎"' },
    ]);
    copy.close();

    const reopened = track(openDatabase(target));
    expect(settingRows(reopened)).toEqual([
      { key: 'language', value_json: '"en"' },
      { key: 'userName', value_json: '"山田 太郎"' },
    ]);
  });

  it('refuses to overwrite an existing file and leaves it as it was', async () => {
    const dir = dirs.make();
    const db = track(openDatabase(path.join(dir, DB_FILE_NAME)));
    insertSetting(db, 'language', 'en');
    const target = path.join(dir, 'existing.sqlite3');
    fs.writeFileSync(target, 'an earlier backup the user wants to keep');
    const before = sha256OfFile(target);

    const err = await rejection(backupDatabase(db, target));

    expect(err).toBeInstanceOf(HoanError);
    expect((err as HoanError).toShape()).toEqual({
      code: 'conflict',
      messageKey: 'errors.backupExists',
      params: { path: target },
    });
    expect(sha256OfFile(target)).toBe(before);
    expect(fs.existsSync(`${target}.partial`)).toBe(false);
  });

  it('reports a failed backup as io and leaves neither the target nor a .partial file', async () => {
    const dir = dirs.make();
    const db = track(openDatabase(path.join(dir, DB_FILE_NAME)));
    db.close();
    const target = path.join(dir, 'out', 'failed.sqlite3');

    const err = await rejection(backupDatabase(db, target));

    expect(err).toBeInstanceOf(HoanError);
    expect((err as HoanError).code).toBe('io');
    expect((err as HoanError).messageKey).toBe('errors.backupFailed');
    expect((err as HoanError).params?.path).toBe(target);
    expect(fs.readdirSync(path.dirname(target))).toEqual([]);
  });
});
