import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { HoanError } from '../errors';
import { migrations as defaultMigrations, type Migration } from './migrations';
import { writeTransaction } from './transactions';

export function migrationHash(m: Migration): string {
  return createHash('sha256').update(`${m.version}\n${m.name}\n${m.sql}`).digest('hex');
}

export function latestSchemaVersion(list: readonly Migration[] = defaultMigrations): number {
  return list.length === 0 ? 0 : list[list.length - 1]!.version;
}

/** A database written by a newer Hoan is refused: this version cannot know what its schema means. */
export function assertNotNewer(found: number, list: readonly Migration[] = defaultMigrations): void {
  const supported = latestSchemaVersion(list);
  if (found > supported) {
    throw new HoanError('db_newer', 'errors.dbNewer', { found, supported });
  }
}

/**
 * Brings the schema up to date. Each migration runs in its own transaction
 * that also records its hash and bumps `user_version`, so a power cut leaves
 * the file at one version or the next, never in between.
 */
export function migrate(db: Database.Database, list: readonly Migration[] = defaultMigrations): number {
  const current = db.pragma('user_version', { simple: true }) as number;
  assertNotNewer(current, list);

  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    sha256     TEXT NOT NULL,
    applied_at TEXT NOT NULL
  )`);

  const applied = db
    .prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version')
    .all() as { version: number; name: string; sha256: string }[];
  for (const row of applied) {
    const known = list.find((m) => m.version === row.version);
    if (!known || migrationHash(known) !== row.sha256) {
      throw new HoanError('db_migration_edited', 'errors.dbMigrationEdited', {
        version: row.version,
        name: row.name,
      });
    }
  }

  // A migration this Hoan knows below the file's version that the file never ran:
  // its tables are missing, and running it now out of order is not safe.
  const ran = new Set(applied.map((row) => row.version));
  const skipped = list.find((m) => m.version <= current && !ran.has(m.version));
  if (skipped) {
    throw new HoanError('db_migration_edited', 'errors.dbMigrationEdited', { version: skipped.version, name: skipped.name });
  }

  const record = db.prepare(
    'INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)',
  );
  for (const m of list) {
    if (m.version <= current) continue;
    writeTransaction(db, () => {
      // Another Hoan process on this folder may have run it while this one waited for the lock.
      if ((db.pragma('user_version', { simple: true }) as number) >= m.version) return;
      db.exec(m.sql);
      record.run(m.version, m.name, migrationHash(m), new Date().toISOString());
      db.pragma(`user_version = ${Number(m.version)}`);
    });
  }
  return db.pragma('user_version', { simple: true }) as number;
}
