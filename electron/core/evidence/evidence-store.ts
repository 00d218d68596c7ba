import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import type { Core } from '../core';
import { HoanError } from '../errors';
import { streamToNewFile } from '../stream-to-file';

export const DEFAULT_MAX_EVIDENCE_BYTES = 200 * 1024 * 1024;
const SHA256 = /^[0-9a-f]{64}$/;
/** Leftovers of an interrupted copy older than this are removed at start. */
const STALE_INCOMING_MS = 24 * 60 * 60 * 1000;

export interface StoredEvidence {
  sha256: string;
  size: number;
}

export function evidenceDir(dataDir: string): string {
  return path.join(dataDir, 'evidence');
}

export function evidenceFilePath(dataDir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new HoanError('validation', 'errors.evidence.badHash');
  return path.join(evidenceDir(dataDir), sha256.slice(0, 2), sha256);
}

function incomingDir(dataDir: string): string {
  return path.join(evidenceDir(dataDir), '.incoming');
}

export function hasEvidence(core: Core, sha256: string): boolean {
  return core.db.prepare('SELECT 1 FROM evidence_files WHERE sha256 = ?').get(sha256) !== undefined;
}

/** Removes copies a crash interrupted; young ones may belong to another running Hoan. */
export function sweepIncoming(dataDir: string, now = Date.now()): void {
  const dir = incomingDir(dataDir);
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > STALE_INCOMING_MS) fs.rmSync(file, { force: true });
    } catch {
      // Vanished meanwhile: nothing to sweep.
    }
  }
}

function meter(maxBytes: number, name: string) {
  const hash = createHash('sha256');
  let size = 0;
  const transform = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) {
        done(new HoanError('validation', 'errors.evidence.tooLarge', { name, maxMb: Math.floor(maxBytes / 1048576) }));
        return;
      }
      hash.update(chunk);
      done(null, chunk);
    },
  });
  return { transform, result: () => ({ sha256: hash.digest('hex'), size }) };
}

/**
 * Copies a stream into the store under its sha256. The bytes go to a private
 * temporary file first and are fsynced; only a complete, verified copy is
 * renamed into place, read-only. A file already stored is kept once.
 */
export async function storeEvidenceStream(
  core: Core,
  source: Readable,
  options: {
    name: string;
    maxBytes?: number;
    /** Checked once every byte is read: false when the source changed during the copy. */
    unchanged?: (copied: number) => boolean;
  },
): Promise<StoredEvidence> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_EVIDENCE_BYTES;
  fs.mkdirSync(incomingDir(core.dataDir), { recursive: true });
  const temp = path.join(incomingDir(core.dataDir), randomUUID());
  const { transform, result } = meter(maxBytes, options.name);
  let created = false;
  try {
    await streamToNewFile(source, transform, temp);
    const stored = result();
    if (options.unchanged && !options.unchanged(stored.size)) {
      throw new HoanError('io', 'errors.evidence.changedWhileCopying', { name: options.name });
    }
    const fd = fs.openSync(temp, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const target = evidenceFilePath(core.dataDir, stored.sha256);
    if (fs.existsSync(target)) {
      fs.rmSync(temp, { force: true });
    } else {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      fs.renameSync(temp, target);
      fs.chmodSync(target, 0o444);
      created = true;
    }
    core.db
      .prepare('INSERT OR IGNORE INTO evidence_files (sha256, size, stored_at) VALUES (?, ?, ?)')
      .run(stored.sha256, stored.size, core.now().toISOString());
    return stored;
  } catch (err) {
    fs.rmSync(temp, { force: true });
    if (created) {
      // The index could not record it: take the file back out rather than leave an orphan.
      const target = evidenceFilePath(core.dataDir, result().sha256);
      fs.chmodSync(target, 0o644);
      fs.rmSync(target, { force: true });
    }
    if (err instanceof HoanError) throw err;
    throw new HoanError('io', 'errors.evidence.unreadable', { name: options.name, reason: (err as Error).message });
  }
}

/** A file on disk (CLI, scan logs): refused before copying when too big; a file that changes meanwhile is refused. */
export async function storeEvidenceFile(core: Core, sourcePath: string, maxBytes = DEFAULT_MAX_EVIDENCE_BYTES): Promise<StoredEvidence> {
  const name = path.basename(sourcePath);
  let stat: fs.Stats;
  try {
    stat = fs.statSync(sourcePath);
  } catch (err) {
    throw new HoanError('io', 'errors.evidence.unreadable', { name, reason: (err as Error).message });
  }
  if (!stat.isFile()) throw new HoanError('validation', 'errors.evidence.notAFile', { name });
  if (stat.size > maxBytes) {
    throw new HoanError('validation', 'errors.evidence.tooLarge', { name, maxMb: Math.floor(maxBytes / 1048576) });
  }
  const unchanged = (copied: number) => {
    try {
      const after = fs.statSync(sourcePath);
      return copied === stat.size && after.size === stat.size && after.mtimeMs === stat.mtimeMs;
    } catch {
      return false;
    }
  };
  return storeEvidenceStream(core, fs.createReadStream(sourcePath), { name, maxBytes, unchanged });
}

/** Bytes Hoan produced itself, e.g. a scanner's raw log. */
export async function storeEvidenceBytes(core: Core, bytes: Buffer, name: string): Promise<StoredEvidence> {
  return storeEvidenceStream(core, Readable.from([bytes]), { name, maxBytes: Math.max(bytes.length, 1) });
}
