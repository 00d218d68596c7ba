import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from '../../../electron/core/db/migrate';
import { migrations } from '../../../electron/core/db/migrations';
import { tempDirs } from './temp-dir';

/**
 * Real database files migrated up to a given version, for a migration's own
 * test. Call `cleanup` in afterEach; it closes them and removes their folders.
 */
export function migratedDbs(prefix: string) {
  const dirs = tempDirs(prefix);
  const open: Database.Database[] = [];
  return {
    at(version: number): Database.Database {
      const db = new Database(path.join(dirs.make(), 'hoan.sqlite3'));
      db.pragma('foreign_keys = ON');
      open.push(db);
      migrate(db, migrations.filter((m) => m.version <= version));
      return db;
    },
    cleanup(): void {
      for (const db of open.splice(0)) db.close();
      dirs.cleanup();
    },
  };
}
