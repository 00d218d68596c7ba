import fs from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/core';
import { createIntegrityCheck } from '../../../electron/core/db/integrity-check';
import { sha256OfFile, tempDirs } from '../helpers/temp-dir';

// The worker is the build's copy (out/electron/core/db/integrity-worker.js): `npm run build` first.
const dirs = tempDirs('hoan-integrity-');
const cores: Core[] = [];
const T0 = new Date('2026-12-01T00:00:00.000Z');

afterEach(() => {
  for (const core of cores.splice(0)) if (core.db.open) core.close();
  dirs.cleanup();
});

function open(dataDir: string): Core {
  const core = openCore({ dataDir, now: () => T0 });
  cores.push(core);
  return core;
}

/**
 * A data folder whose file is damaged where start-up never reads: a table of
 * its own, filled past one page, whose root page gets an impossible page
 * type. Opening it works (the schema and Hoan's own tables are sound); only
 * reading every page, as quick_check does, finds the damage.
 */
function damagedFolder(): string {
  const dataDir = dirs.make();
  const core = open(dataDir);
  core.db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  const insert = core.db.prepare('INSERT INTO filler (text) VALUES (?)');
  for (let i = 0; i < 2000; i++) insert.run(`row ${i} `.repeat(20));
  const root = core.db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'filler'").pluck().get() as number;
  const pageSize = core.db.pragma('page_size', { simple: true }) as number;
  const file = core.dbPath;
  core.close();
  // The last connection closed: the WAL is in the main file, and the page is where the header says.
  const fd = fs.openSync(file, 'r+');
  try {
    fs.writeSync(fd, Buffer.from([0xff]), 0, 1, (root - 1) * pageSize);
  } finally {
    fs.closeSync(fd);
  }
  return dataDir;
}

describe('the background integrity check', () => {
  it('[#15.4] runs in a worker: start() returns with the check running, and a sound file is ok', async () => {
    const core = open(dirs.make());
    expect(core.integrity.status()).toEqual({ state: 'not_started', startedAt: null, finishedAt: null, details: [], reason: '' });
    core.integrity.start();
    // Had the check run on this thread, it would be over by now.
    expect(core.integrity.status().state).toBe('running');
    const done = await core.integrity.finished();
    expect(done).toEqual({ state: 'ok', startedAt: T0.toISOString(), finishedAt: T0.toISOString(), details: [], reason: '' });
    // Started once: a second start changes nothing.
    core.integrity.start();
    expect(core.integrity.status()).toEqual(done);
  });

  it('[#15.4] reports damage that start-up does not see, in SQLite\'s words, and leaves the file as it was', async () => {
    const dataDir = damagedFolder();
    const core = open(dataDir);
    const before = sha256OfFile(core.dbPath);
    core.integrity.start();
    const done = await core.integrity.finished();
    expect(done.state).toBe('problems');
    expect(done.details.length).toBeGreaterThan(0);
    expect(done.details.length).toBeLessThanOrEqual(20);
    expect(done.details.join('\n')).toMatch(/page|btree|corrupt/i);
    // The host still answers from the same connection.
    expect(core.db.prepare('SELECT count(*) FROM sites').pluck().get()).toBe(0);
    expect(sha256OfFile(core.dbPath)).toBe(before);
  });

  it('[#15.4] a delayed start waits, and a data folder closed before the check began ends it unstarted', async () => {
    const core = open(dirs.make());
    core.integrity.start({ afterMs: 60_000 });
    expect(core.integrity.status().state).toBe('not_started');
    const waiting = core.integrity.finished();
    core.close();
    expect((await waiting).state).toBe('not_started');
  });

  it('[#15.4] a check that cannot run says so instead of claiming the file is sound', async () => {
    const check = createIntegrityCheck('/nonexistent/hoan.sqlite3', { now: () => T0 });
    check.start();
    const done = await check.finished();
    expect(done.state).toBe('failed');
    expect(done.reason).not.toBe('');
    expect(done.details).toEqual([]);
  });
});
