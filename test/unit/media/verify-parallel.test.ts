import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendEntry } from '../../../electron/core/media/checkpoint-log';
import { verifyChain } from '../../../electron/core/media/log-chain';
import { verifyChainFast } from '../../../electron/core/media/verify-parallel';
import { tempDirs } from '../helpers/temp-dir';
import { mediaWorld, type MediaWorld } from './media-fixture';

const dirs = tempDirs('hoan-verify-par-');
let w: MediaWorld;
const BUILT_WORKER = path.resolve(__dirname, '../../../out/electron/core/media/verify-worker.js');

beforeEach(() => {
  w = mediaWorld(dirs.make());
  w.core.db.transaction(() => {
    for (let i = 0; i < 400; i++) {
      appendEntry(
        w.core.db,
        {
          siteId: w.site.id, kind: 'check_in', mediumId: w.medium.id, controlNo: 'USB-001', mediumType: 'usb_stick', person: `作業員 ${i}`, company: '保守電機',
          purpose: '点検', method: 'none', result: 'no_evidence', decision: 'denied', approver: '', exceptionReason: '', refersTo: null,
          body: { targets: [], scan: null, prior: null, manifest: null },
        },
        new Date(w.clock.now.getTime() + i * 1000),
        '',
      );
    }
  })();
});
afterEach(() => {
  if (w.core.db.open) w.core.close();
  dirs.cleanup();
});

describe('verification spread over worker threads', () => {
  it('needs the built worker (npm run build:node)', () => {
    expect(fs.existsSync(BUILT_WORKER)).toBe(true);
  });

  it('agrees with the single-threaded walk on an intact chain, using more than one thread', async () => {
    const fast = await verifyChainFast(w.core.db, w.core.dbPath, w.site.id, w.core.now, { parallelFrom: 10 });
    const slow = verifyChain(w.core.db, w.site.id, w.core.now);
    expect(fast.threads).toBeGreaterThan(1);
    expect({ ...fast, elapsedMs: 0, threads: 0 }).toEqual({ ...slow, elapsedMs: 0, threads: 0 });
    expect(fast).toMatchObject({ ok: true, entries: 400 });
  });

  it('[#15.2] workers open the database with the better-sqlite3 build they are given (in the app, Electron’s own)', async () => {
    const native = path.join(dirs.make(), 'native');
    fs.mkdirSync(native);
    const copy = path.join(native, 'better_sqlite3.node');
    fs.copyFileSync(path.resolve(__dirname, '../../../node_modules/better-sqlite3/build/Release/better_sqlite3.node'), copy);
    const given = await verifyChainFast(w.core.db, w.core.dbPath, w.site.id, w.core.now, { parallelFrom: 10, nativeBinding: copy });
    expect(given).toMatchObject({ ok: true, entries: 400 });
    expect(given.threads).toBeGreaterThan(1);
    // A build the workers cannot load: they fail, and this thread walks the chain instead.
    const missing = await verifyChainFast(w.core.db, w.core.dbPath, w.site.id, w.core.now, { parallelFrom: 10, nativeBinding: path.join(native, 'missing.node') });
    expect(missing).toMatchObject({ ok: true, entries: 400, threads: 1 });
  });

  it.each([
    ['an edit late in the chain', "UPDATE media_log SET person = 'X' WHERE n = 390", { problem: 'hash_mismatch', n: 390 }],
    ['a deletion at a slice boundary', 'DELETE FROM media_log WHERE n = 201', { problem: 'missing_entries', n: 202, expectedN: 201 }],
    ['a cut at the end', 'DELETE FROM media_log WHERE n = 400', { problem: 'head_mismatch', expectedN: 400 }],
  ])('%s: falls back to the walk and names the same first break', async (_label, sql, expected) => {
    w.core.close();
    const db = new Database(w.core.dbPath);
    db.exec('DROP TRIGGER media_log_no_update; DROP TRIGGER media_log_no_delete;');
    db.exec(sql);
    const fast = await verifyChainFast(db, w.core.dbPath, w.site.id, () => new Date(), { parallelFrom: 10 });
    expect(fast).toMatchObject({ ok: false, threads: 1, firstBreak: expected });
    expect(fast.firstBreak).toEqual(verifyChain(db, w.site.id).firstBreak);
    db.close();
  });
});
