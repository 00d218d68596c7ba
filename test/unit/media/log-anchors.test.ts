import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli-io';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import type { ExportResult } from '../../../electron/core/bundle/bundle-types';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { verifyChain } from '../../../electron/core/media/log-chain';
import { checkInSchema } from '../../../electron/core/media/media-schema';
import type { LogEntry } from '../../../electron/core/media/media-types';
import { verifyChainFast } from '../../../electron/core/media/verify-parallel';
import { tempDirs } from '../helpers/temp-dir';
import { mediaWorld, type MediaWorld } from './media-fixture';
import { rewriteChain, tamper, verifyAfresh } from './tamper';

const dirs = tempDirs('hoan-anchors-');
const BIN = path.resolve(__dirname, '../../../electron/cli/bin.cjs');
let w: MediaWorld;
let usb: string;

beforeEach(() => {
  w = mediaWorld(dirs.make());
  usb = dirs.make();
});
afterEach(() => {
  if (w.core.db.open) w.core.close();
  dirs.cleanup();
});

function checkIn(person: string): LogEntry {
  w.clock.now = new Date(w.clock.now.getTime() + 60_000);
  return recordCheckIn(w.core, checkInSchema.parse({ siteId: w.site.id, mediumId: w.medium.id, person, purpose: '定期点検', method: 'none' }), '記録者');
}

async function exported(): Promise<ExportResult> {
  w.clock.now = new Date(w.clock.now.getTime() + 60_000);
  return exportBundle(w.core, w.site.id, usb);
}

/** Verify as a separate reader sees the file, after the tamperer closed it. */
const reverify = () => verifyAfresh(w.core.dbPath, w.site.id);

/** `hoan media log verify` in its own process, as a script at the site would run it. */
function hoanVerify(...extra: string[]) {
  const r = spawnSync(process.execPath, [BIN, 'media', 'log', 'verify', '--site', w.site.id, '--data-dir', w.core.dataDir, ...extra], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('the heads this installation exported anchor the media log', () => {
  it('records the head each site bundle carried, and an intact chain holds every one', async () => {
    ['A', 'B', 'C'].forEach(checkIn);
    const first = await exported();
    const d = checkIn('D');
    const second = await exported();
    const anchors = w.core.db.prepare('SELECT bundle_id, n, hash, sequence, file_name FROM media_log_anchors ORDER BY sequence').all();
    expect(anchors).toEqual([
      { bundle_id: first.bundleId, n: 3, hash: expect.stringMatching(/^[0-9a-f]{64}$/), sequence: 1, file_name: first.fileName },
      { bundle_id: second.bundleId, n: 4, hash: d.hash, sequence: 2, file_name: second.fileName },
    ]);
    expect(verifyChain(w.core.db, w.site.id)).toMatchObject({ ok: true, tampered: false, anchors: { checked: 2, mismatches: [] } });
    expect(fs.readFileSync(path.join(usb, second.fileName)).includes(Buffer.from(`Hoan-Media-Log-Head: ${d.hash}`))).toBe(true);
  });

  it('[#10.5] newest entries deleted and media_log_heads rewritten after an export: verify names the bundle whose head is gone', async () => {
    const e = ['A', 'B', 'C', 'D', 'E'].map(checkIn);
    const bundle = await exported();
    checkIn('F');
    tamper(w.core.dbPath, (db) => {
      db.prepare('DELETE FROM media_log WHERE n >= 4').run();
      db.prepare('UPDATE media_log_heads SET n = 3, hash = ? WHERE site_id = ?').run(e[2]!.hash, w.site.id);
    });
    w.core.close();
    const result = reverify();
    expect(result).toMatchObject({ ok: false, tampered: true, entries: 3, firstBreak: null, guardsPresent: true });
    expect(result.anchors.mismatches).toEqual([
      { problem: 'missing', bundleId: bundle.bundleId, fileName: bundle.fileName, sequence: 1, baggedAt: expect.any(String), n: 5, hash: e[4]!.hash },
    ]);

    const cli = hoanVerify('--lang', 'en');
    expect(cli.code, cli.stderr).toBe(EXIT.verifyFailed);
    expect(cli.stdout).toContain(`Bundle ${bundle.fileName} (sequence 1, made `);
    expect(cli.stdout).toContain('carried entries up to #5; they are no longer here');
  });

  it('[#10.5] every entry and the head deleted after an export: verify names the bundle', async () => {
    ['A', 'B', 'C'].forEach(checkIn);
    const bundle = await exported();
    tamper(w.core.dbPath, (db) => {
      db.prepare('DELETE FROM media_log WHERE site_id = ?').run(w.site.id);
      db.prepare('DELETE FROM media_log_heads WHERE site_id = ?').run(w.site.id);
    });
    w.core.close();
    const result = reverify();
    expect(result).toMatchObject({ ok: false, tampered: true, entries: 0, headHash: null, firstBreak: null, guardsPresent: true });
    expect(result.anchors.mismatches).toEqual([expect.objectContaining({ problem: 'missing', fileName: bundle.fileName, sequence: 1, n: 3 })]);
    expect(hoanVerify().code).toBe(EXIT.verifyFailed);
  });

  it('[#10.5] the whole chain rewritten with the documented hash function after an export: verify names every bundle whose head no longer matches', async () => {
    ['A', 'B'].forEach(checkIn);
    const first = await exported();
    ['C', 'D'].forEach(checkIn);
    const second = await exported();
    checkIn('E');
    tamper(w.core.dbPath, (db) => rewriteChain(db, w.site.id, (f) => (f.person === 'A' ? { ...f, person: 'Mallory' } : f)));
    w.core.close();
    const result = reverify();
    // The rewritten chain is consistent in itself: only the exported heads show it.
    expect(result).toMatchObject({ ok: false, tampered: true, entries: 5, firstBreak: null, findingsTotal: 0, guardsPresent: true });
    expect(result.anchors.mismatches.map((m) => [m.problem, m.fileName, m.n])).toEqual([
      ['differs', first.fileName, 2],
      ['differs', second.fileName, 4],
    ]);
    const cli = hoanVerify();
    expect(cli.code).toBe(EXIT.verifyFailed);
    expect(cli.stdout).toContain(`バンドル ${second.fileName}（通し番号 2、`);
    expect(cli.stdout).toContain('出力後の書き換え');
  });

  it('[#10.5] an exported head’s record deleted from this database (bundle history intact): named as removed', async () => {
    ['A', 'B'].forEach(checkIn);
    const bundle = await exported();
    tamper(w.core.dbPath, (db) => db.prepare('DELETE FROM media_log_anchors').run());
    w.core.close();
    expect(reverify().anchors).toEqual({
      checked: 0,
      mismatches: [{ problem: 'unrecorded', bundleId: bundle.bundleId, fileName: bundle.fileName, sequence: 1, baggedAt: expect.any(String), n: null, hash: null }],
    });
  });

  it('the worker-thread walk checks the same anchors', async () => {
    ['A', 'B', 'C', 'D'].forEach(checkIn);
    await exported();
    tamper(w.core.dbPath, (db) => rewriteChain(db, w.site.id, (f) => (f.n === 4 ? null : f)));
    const fast = await verifyChainFast(w.core.db, w.core.dbPath, w.site.id, w.core.now, { parallelFrom: 2 });
    expect(fast.threads).toBeGreaterThan(1);
    expect(fast.anchors.mismatches).toEqual([expect.objectContaining({ problem: 'missing', n: 4 })]);
    expect({ ...fast, elapsedMs: 0, threads: 0 }).toEqual({ ...verifyChain(w.core.db, w.site.id, w.core.now), elapsedMs: 0, threads: 0 });
  });

  it('what the anchors cannot see: entries added after the last export, cut again before the next', async () => {
    const e = ['A', 'B'].map(checkIn);
    await exported();
    checkIn('C');
    tamper(w.core.dbPath, (db) => {
      db.prepare('DELETE FROM media_log WHERE n = 3').run();
      db.prepare('UPDATE media_log_heads SET n = 2, hash = ? WHERE site_id = ?').run(e[1]!.hash, w.site.id);
    });
    w.core.close();
    // Head office holds entries 1-2 only; nothing outside this file ever saw entry 3.
    expect(reverify()).toMatchObject({ ok: true, tampered: false, anchors: { checked: 1, mismatches: [] } });
  });
});

describe('the guards', () => {
  it('[#10.5] triggers dropped: `hoan media log verify` fails with its own exit code and says what to do', () => {
    ['A', 'B'].forEach(checkIn);
    w.core.close();
    tamper(w.core.dbPath, () => undefined, { restoreGuards: false });
    const ja = hoanVerify();
    expect(ja.code, ja.stderr).toBe(EXIT.logGuardsMissing);
    expect(EXIT.logGuardsMissing).toBe(50);
    expect(ja.stdout).not.toContain('改ざんは検出されませんでした');
    expect(ja.stdout).toContain('データベースの保護（記録の変更・削除を拒むトリガー: media_log_no_update, media_log_no_delete, media_log_must_extend_head');
    expect(ja.stdout).toContain('セキュリティ管理者に連絡');
    const en = hoanVerify('--lang', 'en');
    expect(en.code).toBe(50);
    expect(en.stdout).toContain("The database's protection (the triggers that refuse changing or deleting entries:");
    expect(JSON.parse(hoanVerify('--json').stdout)).toMatchObject({ ok: false, tampered: false, guardsPresent: false, guardsMissing: expect.arrayContaining(['media_log_no_update']) });
  });

  it('tampering outranks the missing guards: exit 7, both reported', () => {
    ['A', 'B'].forEach(checkIn);
    w.core.close();
    tamper(w.core.dbPath, (db) => db.prepare("UPDATE media_log SET person = 'Z' WHERE n = 1").run(), { restoreGuards: false });
    const r = hoanVerify('--lang', 'en');
    expect(r.code).toBe(EXIT.verifyFailed);
    expect(r.stdout).toContain('Entry #1 was changed after it was written.');
    expect(r.stdout).toContain("The database's protection");
  });
});
