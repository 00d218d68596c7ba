import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { appendEntry, findEntry } from '../../../electron/core/media/checkpoint-log';
import { canonicalEntry, canonicalJson, entryHash, GENESIS_HASH, verifyChain, type ChainFields } from '../../../electron/core/media/log-chain';
import { checkInSchema } from '../../../electron/core/media/media-schema';
import type { LogEntry } from '../../../electron/core/media/media-types';
import { createSite } from '../../../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../../../electron/core/sites/site-schema';
import { siteInput } from '../helpers/site-input';
import { tempDirs } from '../helpers/temp-dir';
import { mediaWorld, type MediaWorld } from './media-fixture';
import { verifyAfresh } from './tamper';

const dirs = tempDirs('hoan-chain-');
let w: MediaWorld;

beforeEach(() => {
  w = mediaWorld(dirs.make());
});
afterEach(() => {
  if (w.core.db.open) w.core.close();
  dirs.cleanup();
});

function checkIn(person: string, siteId = w.site.id, mediumId = w.medium.id): LogEntry {
  w.clock.now = new Date(w.clock.now.getTime() + 60_000);
  return recordCheckIn(
    w.core,
    checkInSchema.parse({ siteId, mediumId, person, company: '保守電機', purpose: '定期点検', targets: ['監視PC'], method: 'none' }),
    '記録者',
  );
}

/** Hoan's database opened by someone else, without its triggers: a tamperer's view. */
function behindHoansBack(edit: (db: Database.Database) => void): void {
  w.core.close();
  const db = new Database(w.core.dbPath);
  try {
    for (const t of ['media_log_no_update', 'media_log_no_delete', 'media_log_heads_no_update', 'media_log_heads_no_delete']) db.exec(`DROP TRIGGER ${t}`);
    edit(db);
  } finally {
    db.close();
  }
}

const reverify = () => verifyAfresh(w.core.dbPath, w.site.id);

describe('canonical encoding', () => {
  const fields: ChainFields = {
    id: 'e1', siteId: 's1', n: 1, kind: 'check_in', at: '2025-01-01T00:00:00.000Z', mediumId: 'm1', controlNo: 'USB-1',
    mediumType: 'usb_stick', person: '山田 "太郎"\n', company: '', purpose: 'p', method: 'none', result: 'no_evidence',
    decision: 'denied', approver: '', exceptionReason: '', refersTo: null, recordedBy: 'r', body: '{"a":1}',
  };

  it('is a sorted-key JSON header (fields, previous hash, version), a newline and the stored body; the hash is sha256 of its UTF-8 bytes', () => {
    const text = canonicalEntry(fields, GENESIS_HASH);
    const { body, ...header } = fields;
    expect(text).toBe(`${canonicalJson({ ...header, prev: GENESIS_HASH, v: 1 })}\n${body}`);
    const head = text.slice(0, text.indexOf('\n'));
    expect(Object.keys(JSON.parse(head) as object)).toEqual(Object.keys(JSON.parse(head) as object).sort());
    expect(entryHash(fields, GENESIS_HASH)).toBe(createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'));
    expect(text).toContain('"n":1,');
    expect(text).toContain('"refersTo":null');
    expect(text).toContain('"person":"山田 \\"太郎\\"\\n"');
  });

  it('changes with any field and with the previous hash', () => {
    const base = entryHash(fields, GENESIS_HASH);
    for (const [key, value] of Object.entries({ person: '山田 太郎', n: 2, body: '{"a":2}', refersTo: 'x', decision: 'exception' })) {
      expect(entryHash({ ...fields, [key]: value }, GENESIS_HASH), key).not.toBe(base);
    }
    expect(entryHash(fields, 'f'.repeat(64))).not.toBe(base);
  });

  it('sorts nested keys and refuses values JSON cannot carry', () => {
    expect(canonicalJson({ b: [{ z: 1, a: null }], a: 'x', u: undefined })).toBe('{"a":"x","b":[{"a":null,"z":1}]}');
    expect(() => canonicalJson({ x: Number.NaN })).toThrow();
  });
});

describe('the checkpoint log chain', () => {
  it('links each entry to the one before and verifies', () => {
    const a = checkIn('A');
    const b = checkIn('B');
    const c = checkIn('C');
    expect([a.n, b.n, c.n]).toEqual([1, 2, 3]);
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(b.prevHash).toBe(a.hash);
    expect(c.prevHash).toBe(b.hash);
    expect(findEntry(w.core.db, b.id)).toEqual(b);
    const result = verifyChain(w.core.db, w.site.id);
    expect(result).toMatchObject({ ok: true, entries: 3, headHash: c.hash, firstBreak: null, guardsPresent: true });
  });

  it('keeps one chain per site', () => {
    const other = createSite(w.core.db, siteFieldsSchema.parse(siteInput({ name: '別の事業場' })), w.clock.now);
    const otherMedium = w.addMedium({ controlNo: 'USB-XYZ' });
    checkIn('A');
    w.core.db.prepare('UPDATE media SET site_id = ? WHERE id = ?').run(other.id, otherMedium.id);
    const first = checkIn('B', other.id, otherMedium.id);
    expect(first).toMatchObject({ n: 1, prevHash: GENESIS_HASH });
    expect(verifyChain(w.core.db, w.site.id)).toMatchObject({ ok: true, entries: 1 });
    expect(verifyChain(w.core.db, other.id)).toMatchObject({ ok: true, entries: 1 });
  });

  it('stores text exactly as hashed, even a lone surrogate the input schemas refuse but a caller of core could pass', () => {
    const input = checkInSchema.parse({ siteId: w.site.id, mediumId: w.medium.id, person: '山田', purpose: '定期点検', method: 'none' });
    const e = recordCheckIn(w.core, { ...input, person: '山田\uD800太郎' }, '記録者');
    expect(e.person).toBe('山田\uFFFD太郎');
    expect(findEntry(w.core.db, e.id)).toEqual(e);
    expect(verifyChain(w.core.db, w.site.id).ok).toBe(true);
  });

  it('an empty log verifies', () => {
    expect(verifyChain(w.core.db, w.site.id)).toMatchObject({ ok: true, entries: 0, headHash: null });
  });

  it('refuses, through Hoan, to change or delete an entry', () => {
    const a = checkIn('A');
    expect(() => w.core.db.prepare("UPDATE media_log SET person = 'X' WHERE id = ?").run(a.id)).toThrow(/append-only/);
    expect(() => w.core.db.prepare('DELETE FROM media_log WHERE id = ?').run(a.id)).toThrow(/append-only/);
    expect(() =>
      appendEntry(w.core.db, { ...a, kind: 'check_in', body: { targets: [], scan: null, prior: null, manifest: null }, siteId: 'no-such-site' }, w.clock.now, ''),
    ).toThrow(/FOREIGN KEY/);
  });
});

describe('verify names the first broken link when rows are changed behind Hoan’s back', () => {
  let e: LogEntry[];
  beforeEach(() => {
    e = ['A', 'B', 'C', 'D', 'E'].map((p) => checkIn(p));
  });

  it('an edited row: its own hash no longer matches', () => {
    behindHoansBack((db) => db.prepare("UPDATE media_log SET decision = 'allowed' WHERE n = 3").run());
    expect(reverify()).toMatchObject({ ok: false, entries: 5, firstBreak: { problem: 'hash_mismatch', n: 3, entryId: e[2]!.id }, guardsPresent: false });
  });

  it('an edited row whose hash was recomputed: the next entry’s link breaks', () => {
    behindHoansBack((db) => {
      const row = db.prepare('SELECT * FROM media_log WHERE n = 2').get() as Record<string, unknown>;
      const fields = { ...(findEntryFields(row)), person: 'Mallory' };
      db.prepare('UPDATE media_log SET person = ?, hash = ? WHERE n = 2').run('Mallory', entryHash(fields, row.prev_hash as string));
    });
    expect(reverify().firstBreak).toMatchObject({ problem: 'prev_mismatch', n: 3, entryId: e[2]!.id });
  });

  it('an edited body (the scan details)', () => {
    behindHoansBack((db) => db.prepare(`UPDATE media_log SET body_json = '{"targets":[]}' WHERE n = 4`).run());
    expect(reverify().firstBreak).toMatchObject({ problem: 'hash_mismatch', n: 4 });
  });

  it('a deleted row in the middle: the gap is named', () => {
    behindHoansBack((db) => db.prepare('DELETE FROM media_log WHERE n = 2').run());
    expect(reverify()).toMatchObject({ ok: false, entries: 4, firstBreak: { problem: 'missing_entries', n: 3, expectedN: 2, entryId: e[2]!.id } });
  });

  it('deleted rows at the end: the head no longer matches', () => {
    behindHoansBack((db) => db.prepare('DELETE FROM media_log WHERE n >= 4').run());
    expect(reverify()).toMatchObject({ ok: false, entries: 3, firstBreak: { problem: 'head_mismatch', expectedN: 4, entryId: null } });
  });

  it('cut at the end with the head rewritten to match, before any export: the chain alone cannot tell, the missing guards can', () => {
    behindHoansBack((db) => {
      db.prepare('DELETE FROM media_log WHERE n = 5').run();
      db.prepare("UPDATE media_log_heads SET n = 4, hash = (SELECT hash FROM media_log WHERE n = 4)").run();
    });
    // The limit of any hash chain without an outside anchor; an exported head is one (log-anchors.test.ts).
    expect(reverify()).toMatchObject({ ok: false, tampered: false, guardsPresent: false, entries: 4, headHash: e[3]!.hash, anchors: { checked: 0, mismatches: [] } });
  });

  it('the head deleted', () => {
    behindHoansBack((db) => db.prepare('DELETE FROM media_log_heads').run());
    expect(reverify().firstBreak).toMatchObject({ problem: 'head_missing' });
  });

  it('two rows swapped: the first out-of-place position is named', () => {
    behindHoansBack((db) => {
      db.prepare('UPDATE media_log SET seq = 1000 WHERE n = 2').run();
      db.prepare('UPDATE media_log SET seq = 2 WHERE n = 3').run();
      db.prepare('UPDATE media_log SET seq = 3 WHERE n = 2').run();
    });
    expect(reverify().firstBreak).toMatchObject({ problem: 'out_of_order', n: 3, expectedN: 2, entryId: e[2]!.id });
  });

  it('the first row moved to the end: out of order at the start', () => {
    behindHoansBack((db) => db.prepare('UPDATE media_log SET seq = 1000 WHERE n = 1').run());
    expect(reverify().firstBreak).toMatchObject({ problem: 'out_of_order', n: 2, expectedN: 1, entryId: e[1]!.id });
  });
});

function findEntryFields(row: Record<string, unknown>): ChainFields {
  return {
    id: row.id as string, siteId: row.site_id as string, n: row.n as number, kind: row.kind as string, at: row.at as string,
    mediumId: row.medium_id as string | null, controlNo: row.control_no as string, mediumType: row.medium_type as string,
    person: row.person as string, company: row.company as string, purpose: row.purpose as string, method: row.method as string | null,
    result: row.result as string | null, decision: row.decision as string | null, approver: row.approver as string,
    exceptionReason: row.exception_reason as string, refersTo: row.refers_to as string | null, recordedBy: row.recorded_by as string,
    body: row.body_json as string,
  };
}
