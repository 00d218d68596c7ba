import type Database from 'better-sqlite3';

/**
 * The only two ways Hoan opens a transaction (a test keeps `.transaction(`
 * out of every other file).
 *
 * Writes begin IMMEDIATE: the write lock is taken at BEGIN, so a second
 * writer (the app and the CLI on one data folder, two CLI imports) waits on
 * `busy_timeout` and then runs. A deferred transaction that reads first and
 * writes later cannot wait: in WAL mode SQLite refuses its upgrade at once
 * with SQLITE_BUSY, because its snapshot may already be stale.
 */
export function writeTransaction<T>(db: Database.Database, fn: () => T): T {
  return db.transaction(fn).immediate();
}

/** Several reads that must describe one moment (a bundle's records); takes no write lock. */
export function readTransaction<T>(db: Database.Database, fn: () => T): T {
  return db.transaction(fn).deferred();
}
