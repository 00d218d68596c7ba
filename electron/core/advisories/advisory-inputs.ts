import fs from 'node:fs';
import path from 'node:path';
import { MAX_SIDECAR_BYTES } from './advisory-integrity';
import type { CandidateBytes } from './advisory-prepare';
import { MAX_ADVISORY_BYTES, type Refusal } from './csaf-bounds';

/**
 * The files an import reads, from what the user named: a file (taken as
 * named), a folder (every `*.json` below it, recursively; `.sha512` and
 * `.asc` files are read beside their document, never as documents), or a
 * ROLIE feed snapshot (a `.json` whose entries point at documents).
 *
 * Nothing outside a folder is read through it: a symbolic link found in a
 * folder is followed only when its target is inside the same folder, and a
 * feed entry only when it names a file inside the feed's folder (a relative
 * `src`, or an absolute URL under the feed's own `self` URL). A file's size
 * is taken from the open handle first: one over the limit is refused without
 * being read, and no read goes past the limit however the file grows.
 */

export interface Candidate {
  /** How the outcome names it: relative to the folder or feed, else the path as given. */
  file: string;
  /** Absolute real path (the key that keeps a file from being read twice). */
  real: string;
  /** The folder it must stay inside (a feed's entries), or null for a file named by the user. */
  root: string | null;
  /** Refused before reading (escapes its folder, not a regular file). */
  refusal?: Refusal;
}

export type InputItem = Candidate;

/** Skipped as documents: sidecars and CISA's directory listings. */
const NOT_DOCUMENTS = /\.(sha256|sha512|asc)$|^(index\.txt|changes\.csv)$/i;

export async function expandPath(given: string): Promise<Candidate[]> {
  const absolute = path.resolve(given);
  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(absolute);
  } catch {
    return [{ file: given, real: absolute, root: null, refusal: { key: 'advisories.import.refused.notFound' } }];
  }
  if (stat.isFile()) return [{ file: given, real: await fs.promises.realpath(absolute), root: null }];
  if (!stat.isDirectory()) return [{ file: given, real: absolute, root: null, refusal: { key: 'advisories.import.refused.notAFile' } }];
  const root = await fs.promises.realpath(absolute);
  const out: Candidate[] = [];
  await walk(root, root, out);
  out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  // A file reached twice (itself and a link to it inside the folder) is read once.
  const seen = new Set<string>();
  return out.filter((c) => c.refusal !== undefined || (!seen.has(c.real) && seen.add(c.real)));
}

async function walk(root: string, dir: string, out: Candidate[]): Promise<void> {
  const entries = await fs.promises.readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const file = relativeName(root, full);
    if (entry.isDirectory()) {
      await walk(root, full, out);
    } else if (entry.isSymbolicLink()) {
      if (!entry.name.toLowerCase().endsWith('.json')) continue;
      let real: string;
      try {
        real = await fs.promises.realpath(full);
      } catch {
        out.push({ file, real: full, root, refusal: { key: 'advisories.import.refused.notFound' } });
        continue;
      }
      // A link to a folder is not walked (loops); one to a file counts only inside the folder.
      if (!isInside(root, real)) out.push({ file, real: full, root, refusal: { key: 'advisories.import.refused.escapesFolder' } });
      else if ((await fs.promises.stat(real)).isFile()) out.push({ file, real, root });
    } else if (entry.isFile() && entry.name.toLowerCase().endsWith('.json') && !NOT_DOCUMENTS.test(entry.name)) {
      out.push({ file, real: full, root });
    }
  }
}

/**
 * A feed entry's file, inside the feed's folder, or a refusal. A relative
 * `src` is read against the feed's folder; an absolute URL must lie under the
 * folder of the feed's own URL (`self`), as a mirrored snapshot keeps it.
 */
export async function feedEntry(feedFile: string, feedName: string, src: string, self: string | null): Promise<Candidate> {
  const root = path.dirname(feedFile);
  const nameBase = path.posix.dirname(feedName.split(path.sep).join('/'));
  const base = self ?? 'file:///feed/feed.json';
  let relative: string | null = null;
  try {
    const url = new URL(src, base);
    const baseDir = new URL('.', base);
    if (url.protocol === baseDir.protocol && url.host === baseDir.host && url.pathname.startsWith(baseDir.pathname) && !url.search && !url.hash) {
      relative = decodeURIComponent(url.pathname.slice(baseDir.pathname.length));
    }
  } catch {
    relative = null;
  }
  const shown = nameBase === '.' ? src : `${nameBase}/${src}`;
  if (relative === null || relative === '' || relative.includes('\0')) return { file: shown, real: root, root, refusal: { key: 'advisories.import.refused.escapesFolder' } };
  const target = path.resolve(root, ...relative.split('/'));
  if (!isInside(root, target)) return { file: shown, real: target, root, refusal: { key: 'advisories.import.refused.escapesFolder' } };
  let real: string;
  try {
    real = await fs.promises.realpath(target);
  } catch {
    return { file: shown, real: target, root, refusal: { key: 'advisories.import.refused.notFound' } };
  }
  if (!isInside(root, real)) return { file: shown, real: target, root, refusal: { key: 'advisories.import.refused.escapesFolder' } };
  const file = nameBase === '.' ? relative : `${nameBase}/${relative}`;
  return { file, real, root };
}

/** The document's bytes and its sidecars, each read no further than its limit. */
export async function readCandidate(candidate: Candidate): Promise<CandidateBytes | Refusal> {
  const bytes = await readBounded(candidate.real, MAX_ADVISORY_BYTES);
  if (bytes === 'missing') return { key: 'advisories.import.refused.notFound' };
  if (bytes === 'changed') return { key: 'advisories.import.refused.changedWhileReading' };
  if (bytes === 'tooLarge') return { key: 'advisories.import.refused.tooLarge', params: { limitMb: MAX_ADVISORY_BYTES / 1024 / 1024 } };
  const out: CandidateBytes = { bytes };
  for (const [suffix, field] of [['.sha512', 'sha512'], ['.asc', 'asc']] as const) {
    const sidecar = `${candidate.real}${suffix}`;
    let stat: fs.Stats;
    try {
      stat = await fs.promises.lstat(sidecar);
    } catch {
      continue;
    }
    let real = sidecar;
    if (stat.isSymbolicLink()) {
      real = await fs.promises.realpath(sidecar).catch(() => sidecar);
      if (candidate.root !== null && !isInside(candidate.root, real)) return { key: 'advisories.import.refused.escapesFolder' };
    }
    const text = await readBounded(real, MAX_SIDECAR_BYTES);
    if (text === 'changed') return { key: 'advisories.import.refused.changedWhileReading' };
    if (text === 'tooLarge') return { key: field === 'asc' ? 'advisories.import.refused.ascUnreadable' : 'advisories.import.refused.sha512Unreadable' };
    if (text !== 'missing') out[field] = Buffer.from(text).toString('utf8');
  }
  return out;
}

async function readBounded(file: string, limit: number): Promise<Buffer | 'tooLarge' | 'missing' | 'changed'> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, 'r');
  } catch {
    return 'missing';
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) return 'missing';
    if (stat.size > limit) return 'tooLarge';
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, limit) + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    // Written to since it was measured: what was read is no one version of it.
    if (length > stat.size) return length > limit ? 'tooLarge' : 'changed';
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

function relativeName(root: string, full: string): string {
  return path.relative(root, full).split(path.sep).join('/');
}
