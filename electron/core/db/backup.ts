import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { HoanError } from '../errors';
import type { BackupResult } from './backup-types';


/**
 * Online backup through SQLite's backup API: consistent even while the app
 * writes. Written beside the target first so a failed backup never leaves a
 * half-written file under the final name.
 */
export async function backupDatabase(db: Database.Database, destination: string): Promise<BackupResult> {
  const target = path.resolve(destination);
  if (fs.existsSync(target)) {
    throw new HoanError('conflict', 'errors.backupExists', { path: target });
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  fs.rmSync(partial, { force: true });
  try {
    await db.backup(partial);
    fs.renameSync(partial, target);
  } catch (err) {
    fs.rmSync(partial, { force: true });
    throw new HoanError('io', 'errors.backupFailed', { path: target, reason: String((err as Error).message) });
  }
  return { path: target, bytes: fs.statSync(target).size };
}

export function backupFileName(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `hoan-${stamp}.sqlite3`;
}
