import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTRY_BYTES_SQL, walkRange } from '../../../electron/core/media/chain-pages';
import { appendEntry, type EntryDraft } from '../../../electron/core/media/checkpoint-log';
import { canonicalEntry, diagnoseChain, entryHash, fieldsOf, VERIFY_COLUMNS, verifyChain, type RawRow } from '../../../electron/core/media/log-chain';
import type { VerifyResult } from '../../../electron/core/media/media-types';
import { tempDirs } from '../helpers/temp-dir';
import { mediaWorld, type MediaWorld } from './media-fixture';
import { tamper } from './tamper';

const dirs = tempDirs('hoan-chain-pages-');
let w: MediaWorld;

beforeEach(() => {
  w = mediaWorld(dirs.make());
});
afterEach(() => {
  if (w.core.db.open) w.core.close();
  dirs.cleanup();
});

/** Every control character, JSON's own specials, and text JSON.stringify leaves alone. */
const CONTROL = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join('');
const AWKWARD = [
  '山田 "太郎"', '保守会社\\東京\\', CONTROL, `a\u0000b\u0000`, '\u007f\u0080\u00a0\u00ff', '\u2028\u2029', '😀 𠮷野家 👨‍👩‍👧',
  '\ud83d', 'x\udc00y', '\ufeff\ufffd\uffff', '</script>', "'single' `back`", '\\u0041 is not A', '"', '\\', '', ' ', '　全角スペース　',
  '{"approver":"x"}', ',"at":"2020-01-01T00:00:00.000Z",', 'é'.normalize('NFD'), '\r\n\t\b\f\v',
];

function draft(i: number, kind: 'check_in' | 'check_out'): EntryDraft {
  const text = (k: number) => AWKWARD[(i + k) % AWKWARD.length]!;
  const checkIn = kind === 'check_in';
  const exception = checkIn && i % 3 === 0;
  return {
    siteId: w.site.id, kind, mediumId: i % 4 === 0 ? null : w.medium.id, controlNo: text(1), mediumType: i % 5 === 0 ? '' : 'usb_stick', person: text(2), company: text(3),
    purpose: text(4), method: checkIn ? 'none' : null, result: checkIn ? 'no_evidence' : null, decision: checkIn ? (exception ? 'exception' : 'denied') : null,
    approver: exception ? `承認者 ${text(5)}` : text(5), exceptionReason: exception ? `理由 ${text(6)}` : text(6), refersTo: null,
    body: checkIn
      ? { ...(exception ? { exceptionCovers: 'scan_result' } : {}), targets: [text(7), text(8)], scan: null, prior: null, manifest: null }
      : { note: text(9), numbers: [0, -1, 1.5, 1e21, 1e-7, Number.MAX_SAFE_INTEGER, -0], nested: { z: text(10), a: [null, true, false] } },
  } as EntryDraft;
}

function fillAwkward(count: number): void {
  w.core.db.transaction(() => {
    for (let i = 0; i < count; i++) appendEntry(w.core.db, draft(i, i % 2 === 0 ? 'check_in' : 'check_out'), new Date(w.clock.now.getTime() + i * 1000), AWKWARD[i % AWKWARD.length]!);
  })();
}

const same = (r: VerifyResult) => ({ ...r, elapsedMs: 0, checkedAt: '' });

describe('the page walk reads entries byte for byte', () => {
  it('[#15.2] lays out exactly the bytes canonicalEntry (JSON.stringify) gives, over awkward text of every kind', () => {
    fillAwkward(AWKWARD.length * 4);
    const rows = w.core.db.prepare(`SELECT ${VERIFY_COLUMNS} FROM media_log WHERE site_id = ? ORDER BY seq`).raw(true).all(w.site.id) as RawRow[];
    const laidOut = w.core.db.prepare(ENTRY_BYTES_SQL).raw(true).all(w.site.id) as [Buffer][];
    expect(laidOut).toHaveLength(rows.length);
    rows.forEach((r, i) => {
      const expected = Buffer.concat([Buffer.from(r[21]), Buffer.from(canonicalEntry(fieldsOf(r), r[20]), 'utf8'), Buffer.from('\n')]);
      expect(laidOut[i]![0].equals(expected), `entry ${r[3]}: ${laidOut[i]![0].toString('utf8')}`).toBe(true);
    });
    const walked = walkRange(w.core.db, w.site.id, -Infinity, Infinity, null);
    expect(walked).toMatchObject({ ok: true, count: rows.length, last: { n: rows.length, hash: rows.at(-1)![21] } });
  });

  it('[#15.2] says what the row-by-row walk says about a log of awkward text, findings and warnings included', () => {
    fillAwkward(60);
    const fast = verifyChain(w.core.db, w.site.id, w.core.now);
    expect(fast).toMatchObject({ ok: true, entries: 60 });
    expect(same(fast)).toEqual(same(diagnoseChain(w.core.db, w.site.id, w.core.now)));
    expect(walkRange(w.core.db, w.site.id, -Infinity, Infinity, null).ok).toBe(true);

    // Content that the hashes cannot catch: a back-dated time, a time that is not one, an exception with a blank approver.
    w.core.close();
    tamper(w.core.dbPath, (db) => {
      db.prepare("UPDATE media_log SET at = '2019-01-01T00:00:00.000Z' WHERE n = 10").run();
      db.prepare("UPDATE media_log SET at = '昨日 \"夕方\"' WHERE n = 20").run();
      db.prepare("UPDATE media_log SET approver = '　' WHERE n = 31").run();
      const before = db.prepare('SELECT at FROM media_log WHERE n = 39').pluck().get() as string;
      db.prepare('UPDATE media_log SET at = ? WHERE n = 40').run(new Date(Date.parse(before) - 60_000).toISOString());
      rehash(db);
    });
    const db = new Database(w.core.dbPath, { readonly: true });
    try {
      const walked = walkRange(db, w.site.id, -Infinity, Infinity, null);
      expect(walked.ok).toBe(true);
      const result = verifyChain(db, w.site.id);
      expect(result.findings.map((f) => [f.problem, f.n])).toEqual([['time_reversed', 10], ['time_invalid', 20], ['exception_incomplete', 31]]);
      expect(result.warnings.map((f) => [f.problem, f.n])).toEqual([['clock_back', 40]]);
      expect(result.findings[1]).toMatchObject({ at: '昨日 "夕方"', seq: expect.any(Number) as number, entryId: expect.any(String) as string });
      expect(same(result)).toEqual(same(diagnoseChain(db, w.site.id)));
    } finally {
      db.close();
    }
  });

  it.each([
    ['a BLOB where text belongs', "UPDATE media_log SET person = X'e5b1b1e794b0' WHERE n = 7"],
    ['text that is not UTF-8', "UPDATE media_log SET company = CAST(X'ff41' AS TEXT) WHERE n = 7"],
    ['a lone surrogate written as CESU-8', "UPDATE media_log SET purpose = CAST(X'eda080' AS TEXT) WHERE n = 7"],
    ['a number stored as text', "UPDATE media_log SET n = 'seven' WHERE n = 7"],
    ['a raw newline in a body', "UPDATE media_log SET body_json = '{\"note\":\"a' || char(10) || 'b\"}' WHERE n = 8"],
    ['a result with an escape in it', "UPDATE media_log SET result = 'clean\"' WHERE n = 7"],
  ])('[#15.2] leaves %s to the row-by-row walk, whose verdict stands, even with the hashes recomputed', (_label, sql) => {
    fillAwkward(12);
    w.core.close();
    tamper(w.core.dbPath, (db) => {
      db.pragma('ignore_check_constraints = ON');
      db.exec(sql);
      rehash(db);
    });
    const db = new Database(w.core.dbPath, { readonly: true });
    try {
      expect(walkRange(db, w.site.id, -Infinity, Infinity, null).ok).toBe(false);
      expect(same(verifyChain(db, w.site.id))).toEqual(same(diagnoseChain(db, w.site.id)));
    } finally {
      db.close();
    }
  });
});

/**
 * A tamperer who knows the encoding: every hash from the edited row on
 * recomputed as the row-by-row walk computes it, and the head moved along.
 */
function rehash(db: Database.Database): void {
  const rows = db.prepare(`SELECT ${VERIFY_COLUMNS} FROM media_log ORDER BY seq`).raw(true).all() as RawRow[];
  const update = db.prepare('UPDATE media_log SET prev_hash = ?, hash = ? WHERE seq = ?');
  let prev = '0'.repeat(64);
  for (const r of rows) {
    const hash = entryHash(fieldsOf(r), prev);
    update.run(prev, hash, r[0]);
    prev = hash;
  }
  db.prepare('UPDATE media_log_heads SET n = ?, hash = ?').run(rows.length, prev);
}
