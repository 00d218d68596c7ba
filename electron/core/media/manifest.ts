import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HoanError } from '../errors';
import type { ManifestLimits } from './media-schema';
import type { ManifestDiff, ManifestFile } from './media-types';

/** What was on the medium: stored as JSON evidence, its sha256 in the log entry. */
export interface Manifest {
  version: 1;
  root: string;
  createdAt: string;
  limits: ManifestLimits;
  files: ManifestFile[];
  fileCount: number;
  totalBytes: number;
  hashedFiles: number;
  truncated: boolean;
  /** Not listed: symbolic links (never followed off the medium) and unreadable entries. */
  skipped: { path: string; reason: 'symlink' | 'unreadable' | 'special' }[];
}

export interface ManifestProgress {
  signal?: AbortSignal;
  onListed?(total: number): void;
  onHashed?(done: number): void;
}

const MB = 1024 * 1024;

function aborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new HoanError('conflict', 'media.errors.jobCancelled');
}

/** The medium must be a folder that exists; nothing runs on anything else. */
export async function assertDirectory(p: string): Promise<string> {
  if (!path.isAbsolute(p)) throw new HoanError('validation', 'media.errors.pathNotAbsolute', { path: p }, [{ path: 'path', messageKey: 'media.errors.pathNotAbsolute', params: { path: p } }]);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(p);
  } catch {
    throw new HoanError('validation', 'media.errors.pathMissing', { path: p }, [{ path: 'path', messageKey: 'media.errors.pathMissing', params: { path: p } }]);
  }
  if (!stat.isDirectory()) {
    throw new HoanError('validation', 'media.errors.pathNotDirectory', { path: p }, [{ path: 'path', messageKey: 'media.errors.pathNotDirectory', params: { path: p } }]);
  }
  return path.resolve(p);
}

async function listFiles(root: string, limits: ManifestLimits, m: Manifest, signal?: AbortSignal): Promise<void> {
  const stack = [''];
  while (stack.length > 0) {
    aborted(signal);
    const rel = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = await fs.promises.readdir(path.join(root, rel), { withFileTypes: true });
    } catch {
      m.skipped.push({ path: rel || '.', reason: 'unreadable' });
      continue;
    }
    for (const e of entries) {
      const relPath = rel ? `${rel}/${e.name}` : e.name;
      if (e.isSymbolicLink()) m.skipped.push({ path: relPath, reason: 'symlink' });
      else if (e.isDirectory()) stack.push(relPath);
      else if (!e.isFile()) m.skipped.push({ path: relPath, reason: 'special' });
      else {
        if (m.files.length >= limits.maxFiles) {
          m.truncated = true;
          return;
        }
        try {
          const st = await fs.promises.lstat(path.join(root, relPath));
          m.files.push({ path: relPath, size: st.size, mtime: st.mtime.toISOString(), sha256: null });
        } catch {
          m.skipped.push({ path: relPath, reason: 'unreadable' });
        }
      }
    }
  }
}

async function sha256File(file: string, signal?: AbortSignal): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { signal })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Lists the medium (path, size, modified time) and hashes each file within
 * the limits. Asynchronous throughout: the event loop keeps serving while a
 * large medium is read.
 */
export async function buildManifest(root: string, limits: ManifestLimits, now: Date, progress: ManifestProgress = {}): Promise<Manifest> {
  const m: Manifest = {
    version: 1,
    root,
    createdAt: now.toISOString(),
    limits,
    files: [],
    fileCount: 0,
    totalBytes: 0,
    hashedFiles: 0,
    truncated: false,
    skipped: [],
  };
  await listFiles(root, limits, m, progress.signal);
  m.files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  m.fileCount = m.files.length;
  m.totalBytes = m.files.reduce((sum, f) => sum + f.size, 0);
  progress.onListed?.(m.fileCount);
  let hashedBytes = 0;
  for (const [i, f] of m.files.entries()) {
    aborted(progress.signal);
    if (f.size <= limits.maxFileMb * MB && hashedBytes + f.size <= limits.maxTotalMb * MB) {
      try {
        f.sha256 = await sha256File(path.join(root, f.path), progress.signal);
        hashedBytes += f.size;
        m.hashedFiles++;
      } catch (err) {
        aborted(progress.signal);
        if ((err as Error).name === 'AbortError') throw err;
        m.skipped.push({ path: f.path, reason: 'unreadable' });
      }
    }
    progress.onHashed?.(i + 1);
  }
  return m;
}

const SAMPLE = 100;

/** What changed between two manifests of the same medium; `added` is what was copied onto it. */
export function diffManifests(before: Pick<Manifest, 'files'>, after: Pick<Manifest, 'files'>): ManifestDiff {
  const old = new Map(before.files.map((f) => [f.path, f]));
  const seen = new Set<string>();
  const added: string[] = [];
  const changed: string[] = [];
  for (const f of after.files) {
    seen.add(f.path);
    const o = old.get(f.path);
    if (!o) added.push(f.path);
    else if (o.size !== f.size || o.sha256 !== f.sha256 || (o.sha256 === null && o.mtime !== f.mtime)) changed.push(f.path);
  }
  const removed = before.files.filter((f) => !seen.has(f.path)).map((f) => f.path);
  return {
    added: added.length,
    changed: changed.length,
    removed: removed.length,
    addedPaths: added.slice(0, SAMPLE),
    changedPaths: changed.slice(0, SAMPLE),
    removedPaths: removed.slice(0, SAMPLE),
  };
}
