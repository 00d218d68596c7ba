import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { HoanError } from '../errors';
import { fileStamp } from '../time/time-zone';
import { createPrivateFile, makePrivateDir, restrictFiles } from '../private-files';
import type { BackupResult } from './backup-types';


/**
 * Online backup through SQLite's backup API: consistent even while the app
 * writes. Written beside the target first so a failed backup never leaves a
 * half-written file under the final name. A backup holds every record, so it
 * is owner-only (0600) like the database, whatever the umask; a folder made
 * for it is 0700.
 */
export async function backupDatabase(db: Database.Database, destination: string): Promise<BackupResult> {
  const target = path.resolve(destination);
  if (fs.existsSync(target)) {
    throw new HoanError('conflict', 'errors.backupExists', { path: target });
  }
  const partial = `${target}.partial`;
  try {
    if (!fs.existsSync(path.dirname(target))) makePrivateDir(path.dirname(target));
    fs.rmSync(partial, { force: true });
    createPrivateFile(partial);
    await db.backup(partial);
    selfContained(partial);
    restrictFiles(partial);
    fs.renameSync(partial, target);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw new HoanError('io', 'errors.backupFailed', { path: target, reason: String((err as Error).message) });
  }
  return { path: target, bytes: fs.statSync(target).size };
}

/**
 * The copy inherits WAL mode from the live database; switched back to a
 * rollback journal it is one file that opens anywhere, read-only media included.
 */
function selfContained(file: string): void {
  const copy = new Database(file);
  try {
    copy.pragma('journal_mode = DELETE');
  } finally {
    copy.close();
  }
}

/** Stamped in the installation's zone, to the millisecond: two backups in the same second do not collide. */
export function backupFileName(now: Date, zone: string): string {
  return `hoan-${fileStamp(now, zone)}-${String(now.getUTCMilliseconds()).padStart(3, '0')}.sqlite3`;
}
