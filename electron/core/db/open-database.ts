import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { HoanError } from '../errors';
import { createPrivateFile, makePrivateDir, restrictFiles } from '../private-files';
import { assertNotNewer, migrate } from './migrate';

export interface OpenDatabaseOptions {
  /** Path to a better_sqlite3.node built for the running ABI (Electron's differs from Node's). */
  nativeBinding?: string;
}

const CORRUPT_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CORRUPT_VTAB']);

export function isCorruptionError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && CORRUPT_CODES.has(code);
}

/** How long a writer waits for another process's write transaction before giving up. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * SQLITE_BUSY (another connection still held the lock after busy_timeout) and
 * SQLITE_LOCKED (the same between connections sharing a cache), with their
 * extended codes: the write did not happen, and can be tried again.
 */
export function isBusyError(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^SQLITE_(BUSY|LOCKED)(_|$)/.test(code);
}

/** The one phrasing of a busy database, for every transport. */
export function busyError(): HoanError {
  return new HoanError('busy', 'errors.dbBusy', { seconds: BUSY_TIMEOUT_MS / 1000 });
}

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/**
 * SQLite itself treats a file shorter than one page header as a new, empty
 * database and would write a schema into it; a non-empty file that does not
 * start with SQLite's magic is someone's data, not ours to initialise.
 */
function hasSqliteHeaderOrIsEmpty(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw err;
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    const read = fs.readSync(fd, head, 0, head.length, 0);
    return read === 0 || (read === head.length && head.equals(SQLITE_HEADER));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The one place that opens Hoan's database. A file that is not a SQLite
 * database is reported and left exactly as it is: the user's only copy of
 * their records must never be "repaired" by recreating it.
 */
export function openDatabase(file: string, options: OpenDatabaseOptions = {}): Database.Database {
  makePrivateDir(path.dirname(file));
  if (!hasSqliteHeaderOrIsEmpty(file)) {
    throw new HoanError('db_corrupt', 'errors.dbCorrupt', { path: file });
  }
  // SQLite would create it 0644 less the umask; its -wal and -shm take the database's mode.
  createPrivateFile(file);
  // The Electron app and `hoan serve` or the CLI may share a data folder: from the first
  // statement on (even the header read and the switch to WAL), wait for the other writer.
  const db = new Database(file, { timeout: BUSY_TIMEOUT_MS, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) });
  try {
    // The first read of the header: fails with SQLITE_NOTADB on a foreign or damaged file.
    // A newer app's database is refused before anything, even the journal mode, is written to it.
    assertNotNewer(db.pragma('user_version', { simple: true }) as number);
    // Readers never block the writer, and a crash mid-write leaves the main file intact.
    db.pragma('journal_mode = WAL');
    // Power cuts happen on industrial sites: an acknowledged write must be on disk.
    db.pragma('synchronous = FULL');
    // Referential integrity is enforced by SQLite, not by hope.
    db.pragma('foreign_keys = ON');
    migrate(db);
    // A database from before modes were set explicitly is narrowed too.
    restrictFiles(file, `${file}-wal`, `${file}-shm`);
    return db;
  } catch (err) {
    db.close();
    if (isCorruptionError(err)) {
      throw new HoanError('db_corrupt', 'errors.dbCorrupt', { path: file });
    }
    if (isBusyError(err)) throw busyError();
    throw err;
  }
}
