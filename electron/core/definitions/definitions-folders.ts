import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import { processAlive } from '../process-alive';

/**
 * Where the store keeps ClamAV sets, under the data folder:
 *
 *   definitions/clamav/sets/<setId>/        one complete set, read-only files
 *   definitions/clamav/staging-<pid>-<id>/  an import being checked
 *
 * A set folder only ever appears by renaming a staging folder whose every
 * file was copied, fsynced and checked; it is never written to afterwards.
 * A crash leaves at worst a staging folder, or a set folder whose record was
 * never committed or whose set was retired: the sweep at start removes those.
 */

const STALE_MS = 24 * 60 * 60 * 1000;

export function clamRoot(dataDir: string): string {
  return path.join(dataDir, 'definitions', 'clamav');
}

export function setFolder(dataDir: string, setId: string): string {
  return path.join(clamRoot(dataDir), 'sets', setId);
}

export function newStagingFolder(dataDir: string): string {
  const folder = path.join(clamRoot(dataDir), `staging-${process.pid}-${randomUUID()}`);
  fs.mkdirSync(folder, { recursive: true });
  return folder;
}

/** Makes a rename durable where the platform allows syncing a folder (not on Windows). */
export function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  const fd = fs.openSync(folder, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

export interface CopiedFile {
  sha256: string;
  size: number;
}

/** Copies a file into a new file, hashing it on the way, and fsyncs it before it counts as copied. */
export async function copyHashed(source: string, target: string): Promise<CopiedFile> {
  const hash = createHash('sha256');
  let size = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  const out = fs.createWriteStream(target, { flags: 'wx', mode: 0o644 });
  await pipeline(fs.createReadStream(source), tap, out);
  const fd = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { sha256: hash.digest('hex'), size };
}

export async function sha256OfFile(file: string): Promise<CopiedFile> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of fs.createReadStream(file)) {
    hash.update(chunk as Buffer);
    size += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), size };
}

/** Removes a folder of the store; read-only files inside are no obstacle. */
export function removeFolder(folder: string): void {
  fs.rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
}

/**
 * At start: staging folders whose process is gone (or a day old), set folders
 * of retired sets, and set folders no record names that are a day old (a
 * young one may be another process's import between its rename and commit).
 */
export function sweepDefinitions(dataDir: string, db: Database.Database, now = Date.now()): void {
  const root = clamRoot(dataDir);
  if (!fs.existsSync(root)) return;
  for (const name of fs.readdirSync(root)) {
    const m = /^staging-(\d+)-/.exec(name);
    if (!m) continue;
    const folder = path.join(root, name);
    try {
      if (!processAlive(Number(m[1])) || now - fs.statSync(folder).mtimeMs > STALE_MS) removeFolder(folder);
    } catch {
      // Gone meanwhile.
    }
  }
  const sets = path.join(root, 'sets');
  if (!fs.existsSync(sets)) return;
  const state = new Map(
    (db.prepare('SELECT id, state FROM definitions_sets').all() as { id: string; state: string }[]).map((r) => [r.id, r.state]),
  );
  for (const id of fs.readdirSync(sets)) {
    const folder = path.join(sets, id);
    try {
      const s = state.get(id);
      if (s === 'retired' || (s === undefined && now - fs.statSync(folder).mtimeMs > STALE_MS)) removeFolder(folder);
    } catch {
      // Gone meanwhile.
    }
  }
}
