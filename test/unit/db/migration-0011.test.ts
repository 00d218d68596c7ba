import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-m0011-');
const open: Database.Database[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
  dirs.cleanup();
});

function indexColumns(db: Database.Database, name: string): string[] {
  return (db.pragma(`index_info(${name})`) as { name: string }[]).map((c) => c.name);
}

describe('migration 0011: media log indexes end in (at, seq)', () => {
  it('replaces each filter index so that a filter, a date range and the newest-first order use one index', () => {
    const db = new Database(path.join(dirs.make(), 'hoan.sqlite3'));
    open.push(db);
    db.pragma('foreign_keys = ON');
    migrate(db, migrations.filter((m) => m.version <= 10));
    expect(indexColumns(db, 'media_log_by_person')).toEqual(['site_id', 'person', 'seq']);

    expect(migrate(db, migrations.filter((m) => m.version <= 11))).toBe(11);
    expect(indexColumns(db, 'media_log_by_at')).toEqual(['site_id', 'at', 'seq']);
    for (const [name, column] of [['medium', 'medium_id'], ['person', 'person'], ['company', 'company']]) {
      expect(indexColumns(db, `media_log_by_${name}`)).toEqual(['site_id', column, 'at', 'seq', 'decision', 'result']);
    }
    expect(indexColumns(db, 'media_log_by_result')).toEqual(['site_id', 'result', 'at', 'seq', 'decision']);
    expect(indexColumns(db, 'media_log_by_decision')).toEqual(['site_id', 'decision', 'at', 'seq', 'result']);
    expect(indexColumns(db, 'media_log_by_site')).toEqual(['site_id', 'seq']);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM media_log WHERE site_id = 's' AND at >= 'a' AND at < 'b' ORDER BY at DESC, seq DESC LIMIT 100")).toMatch(/USING INDEX media_log_by_at/);
    expect(plan("SELECT * FROM media_log WHERE site_id = 's' AND person = 'p' AND at >= 'a' ORDER BY at DESC, seq DESC LIMIT 100")).toMatch(/USING INDEX media_log_by_person/);
    expect(plan("SELECT * FROM media_log WHERE site_id = 's' AND person = 'p' ORDER BY at DESC, seq DESC LIMIT 100")).not.toMatch(/TEMP B-TREE/);
    // Counting a person's allowed entries reads the index only.
    expect(plan("SELECT count(*) FROM (SELECT 1 FROM media_log WHERE site_id = 's' AND person = 'p' AND decision = 'allowed' LIMIT 10)")).toMatch(/COVERING INDEX media_log_by_person/);
  });
});
