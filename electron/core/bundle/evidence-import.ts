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

/**
 * Copies a verified bundle's evidence into the content-addressed store,
 * hashing each file again on the way: the medium could have changed since
 * verification. Files already stored are left as they are.
 */
export async function placeEvidence(core: Core, zip: ZipFile, entries: CheckedEntry[], progress: Progress): Promise<PlacedEvidence> {
  const placed: PlacedEvidence = { created: [], createdDirs: [], stored: [] };
  try {
    for (const entry of entries) {
      const sha256 = entry.name.slice(-64);
      placed.stored.push({ sha256, size: entry.size });
      const target = evidenceFilePath(core.dataDir, sha256);
      if (fs.existsSync(target)) {
        progress.onBytes?.(entry.size);
        continue;
      }
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
    }
  } catch (err) {
    removePlaced(placed);
    throw err;
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
