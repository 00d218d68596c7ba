import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';
import { evidenceDir, evidenceFilePath } from '../evidence/evidence-store';
import type { CheckedEntry } from './bundle-structure';
import { writeEntryFile, type Progress } from './entry-io';
import type { ZipFile } from './zip-reader';

/** What an import added to the store, so a failed import can take exactly that back out. */
export interface PlacedEvidence {
  created: string[];
  createdDirs: string[];
  stored: { sha256: string; size: number }[];
}

function mkdirTracked(dir: string, created: string[]): void {
  const missing: string[] = [];
  for (let d = dir; !fs.existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    fs.mkdirSync(d);
    created.push(d);
  }
}

/** Files copied at once: each is fsynced before it is renamed, and waiting for one sync at a time was most of an import of many small files. */
const PLACING_AT_ONCE = 8;

/**
 * Copies a verified bundle's evidence into the content-addressed store,
 * hashing each file again on the way: the medium could have changed since
 * verification. Files already stored are left as they are. Several files are
 * copied at once (each read at its own offsets of the bundle); if any fails,
 * the others are let finish and everything placed is taken back out.
 */
export async function placeEvidence(core: Core, zip: ZipFile, entries: CheckedEntry[], progress: Progress): Promise<PlacedEvidence> {
  const placed: PlacedEvidence = { created: [], createdDirs: [], stored: [] };
  const queue: CheckedEntry[] = [];
  const queued = new Set<string>();
  for (const entry of entries) {
    const sha256 = entry.name.slice(-64);
    placed.stored.push({ sha256, size: entry.size });
    if (queued.has(sha256) || fs.existsSync(evidenceFilePath(core.dataDir, sha256))) {
      progress.onBytes?.(entry.size);
      continue;
    }
    queued.add(sha256);
    queue.push(entry);
  }
  let failure: unknown = null;
  const place = async (entry: CheckedEntry) => {
    const sha256 = entry.name.slice(-64);
    const target = evidenceFilePath(core.dataDir, sha256);
    const incoming = path.join(evidenceDir(core.dataDir), '.incoming');
    mkdirTracked(incoming, placed.createdDirs);
    const temp = path.join(incoming, randomUUID());
    if ((await writeEntryFile(zip, entry, temp, progress)) !== sha256) {
      fs.rmSync(temp, { force: true });
      throw Object.assign(new Error('evidence changed since verification'), { entry: entry.name });
    }
    mkdirTracked(path.dirname(target), placed.createdDirs);
    fs.renameSync(temp, target);
    fs.chmodSync(target, 0o444);
    placed.created.push(target);
  };
  let next = 0;
  const worker = async () => {
    while (failure === null && next < queue.length) {
      try {
        await place(queue[next++]!);
      } catch (err) {
        failure ??= err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(PLACING_AT_ONCE, queue.length) }, worker));
  if (failure !== null) {
    removePlaced(placed);
    throw failure;
  }
  return placed;
}

export function removePlaced(placed: PlacedEvidence): void {
  for (const file of placed.created) {
    fs.chmodSync(file, 0o644);
    fs.rmSync(file, { force: true });
  }
  for (const dir of [...placed.createdDirs].reverse()) {
    try {
      fs.rmdirSync(dir);
    } catch {
      // Not empty: something else was stored there meanwhile.
    }
  }
}
