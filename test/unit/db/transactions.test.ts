import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { writeTransaction } from '../../../electron/core/db/transactions';

const ELECTRON_DIR = path.resolve(__dirname, '../../../electron');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'types' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

let dir: string | undefined;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A second process holds the write lock for `ms`, then commits; resolves once it holds it. */
function holdWriteLock(file: string, ms: number): Promise<{ done: Promise<number> }> {
  const script = `
    const Database = require(${JSON.stringify(require.resolve('better-sqlite3'))});
    const db = new Database(process.argv[1]);
    db.pragma('journal_mode = WAL');
    db.exec('BEGIN IMMEDIATE');
    db.prepare('INSERT INTO t (v) VALUES (?)').run('other');
    process.stdout.write('locked\\n');
    setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});
  `;
  const child = spawn(process.execPath, ['-e', script, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? -1)));
  return new Promise((resolve, reject) => {
    child.stdout.once('data', () => resolve({ done }));
    child.once('error', reject);
  });
}

function openWal(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  return db;
}

describe('write transactions', () => {
  it('[#10.4] a read-then-write waits for another process holding the write lock, instead of failing with "database is locked"', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-tx-'));
    const file = path.join(dir, 'db.sqlite3');
    const db = openWal(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    const held = await holdWriteLock(file, 400);
    // Reads first (as every repository does: look up, then write), then writes.
    writeTransaction(db, () => {
      const count = (db.prepare('SELECT count(*) AS c FROM t').get() as { c: number }).c;
      db.prepare('INSERT INTO t (v) VALUES (?)').run(`mine after ${count}`);
    });
    expect(await held.done).toBe(0);
    expect(db.prepare('SELECT v FROM t ORDER BY id').pluck().all()).toEqual(['other', 'mine after 1']);
    db.close();
  });

  it('[#10.4] the same read-then-write as a deferred transaction fails at once: why every write begins IMMEDIATE', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-tx-'));
    const file = path.join(dir, 'db.sqlite3');
    const db = openWal(file);
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL)');
    db.prepare('INSERT INTO t (v) VALUES (?)').run('first');
    // A deferred transaction takes its read snapshot, then another process writes: the upgrade cannot wait.
    db.exec('BEGIN');
    db.prepare('SELECT count(*) FROM t').get();
    const writer = await holdWriteLock(file, 300);
    expect(() => db.prepare('INSERT INTO t (v) VALUES (?)').run('mine')).toThrow(/locked|busy/i);
    db.exec('ROLLBACK');
    await writer.done;
    db.close();
  });

  it('are opened only through transactions.ts: no other source file calls .transaction( directly', () => {
    const offenders = sourceFiles(ELECTRON_DIR)
      .filter((f) => !f.endsWith(path.join('db', 'transactions.ts')))
      .filter((f) => /\.transaction\(/.test(fs.readFileSync(f, 'utf8')));
    expect(offenders.map((f) => path.relative(ELECTRON_DIR, f))).toEqual([]);
  });
});
