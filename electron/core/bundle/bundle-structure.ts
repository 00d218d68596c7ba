import type { BundleFailure } from './bundle-types';
import { DEFAULT_LIMITS, limitFor, roleOf, type BundleLimits, type EntryRole } from './bundle-layout';
import { METHOD_STORE, S_IFMT, S_IFREG } from './zip-format';
import { ZipFormatError, type CentralEntry, type ZipFile } from './zip-reader';

export interface CheckedEntry extends CentralEntry {
  role: EntryRole;
  dataOffset: number;
}

const MAX_REPORTED = 50;
const UTF8 = new TextDecoder('utf-8', { fatal: true });
const S_IFLNK = 0o120000;
const DOS_DIRECTORY = 0x10;

/** Why a name is unsafe to give to any file system, or null. Checked on the raw bytes. */
export function unsafeNameReason(raw: Buffer): string | null {
  try {
    UTF8.decode(raw);
  } catch {
    return 'notUtf8';
  }
  if (raw.length === 0) return 'empty';
  if (raw.some((b) => b < 0x20 || b === 0x7f)) return 'control';
  if (raw.some((b) => b > 0x7f)) return 'notAscii';
  const name = raw.toString('ascii');
  if (name.startsWith('/')) return 'absolute';
  if (/^[A-Za-z]:/.test(name)) return 'driveLetter';
  if (name.includes('\\')) return 'backslash';
  const segments = name.replace(/\/$/, '').split('/');
  if (segments.includes('..')) return 'dotdot';
  if (segments.includes('.')) return 'dot';
  if (segments.includes('')) return 'emptySegment';
  return null;
}

function entryProblem(e: CentralEntry, limits: BundleLimits): BundleFailure | null {
  const fail = (cls: BundleFailure['class'], reason: string, params?: BundleFailure['params']): BundleFailure => ({ class: cls, entry: e.name, reason, ...(params ? { params } : {}) });
  const unsafe = unsafeNameReason(e.rawName);
  if (unsafe) return fail('unsafe_name', unsafe);
  const mode = (e.externalAttributes >>> 16) & S_IFMT;
  if (e.versionMadeBy >> 8 === 3 && mode === S_IFLNK) return fail('symlink', 'symlink');
  if (e.versionMadeBy >> 8 === 3 && mode !== 0 && mode !== S_IFREG && !e.name.endsWith('/')) return fail('symlink', 'notRegular');
  if (e.name.endsWith('/') || e.externalAttributes & DOS_DIRECTORY) return fail('outside_layout', 'directory');
  if (e.method !== METHOD_STORE) {
    const ratio = e.compressedSize === 0 ? Infinity : e.size / e.compressedSize;
    return fail('compression', ratio > limits.maxRatio ? 'bomb' : 'compressed', { method: e.method });
  }
  if (e.compressedSize !== e.size) return fail('compression', e.size > e.compressedSize ? 'bomb' : 'sizeMismatch', { method: e.method });
  const role = roleOf(e.name);
  if (!role) return fail('outside_layout', 'outsideLayout');
  if (e.size > limitFor(role, limits)) return fail('size_limit', 'entryTooLarge', { limit: limitFor(role, limits) });
  return null;
}

function collisions(entries: CentralEntry[]): BundleFailure[] {
  const failures: BundleFailure[] = [];
  const exact = new Set<string>();
  const folded = new Map<string, string>();
  for (const e of entries) {
    const key = e.rawName.toString('latin1');
    if (exact.has(key)) failures.push({ class: 'duplicate_name', entry: e.name, reason: 'duplicate' });
    else if (folded.has(key.toLowerCase())) failures.push({ class: 'duplicate_name', entry: e.name, reason: 'caseCollision', params: { other: folded.get(key.toLowerCase())! } });
    exact.add(key);
    folded.set(key.toLowerCase(), e.name);
  }
  return failures;
}

const structural = (err: unknown): BundleFailure => {
  if (!(err instanceof ZipFormatError)) throw err;
  if (err.reason === 'too_many_entries') return { class: 'size_limit', entry: null, reason: 'tooManyEntries' };
  return { class: 'zip_structure', entry: err.entry, reason: err.reason };
};

/**
 * Stage 1: the zip's structure, from the central directory and local headers
 * alone. Names, types, compression and declared sizes are judged before any
 * entry's data is read, and every entry must sit exactly between the one
 * before it and the one after: no overlaps, gaps or hidden bytes.
 */
export async function checkStructure(
  zip: ZipFile,
  limits: BundleLimits = DEFAULT_LIMITS,
): Promise<{ entries: Map<string, CheckedEntry>; failures: [] } | { entries: null; failures: BundleFailure[] }> {
  let central: { entries: CentralEntry[]; offset: number };
  try {
    central = await zip.centralDirectory(limits.maxEntries);
  } catch (err) {
    return { entries: null, failures: [structural(err)] };
  }
  const failures = central.entries.map((e) => entryProblem(e, limits)).filter((f): f is BundleFailure => f !== null);
  failures.push(...collisions(central.entries));
  const total = central.entries.reduce((sum, e) => sum + e.size, 0);
  if (total > limits.maxTotalBytes) failures.push({ class: 'size_limit', entry: null, reason: 'totalTooLarge', params: { limit: limits.maxTotalBytes } });
  if (failures.length > 0) return { entries: null, failures: failures.slice(0, MAX_REPORTED) };

  const byOffset = [...central.entries].sort((a, b) => a.localHeaderOffset - b.localHeaderOffset);
  const entries = new Map<string, CheckedEntry>();
  let expectedAt = 0;
  try {
    for (const e of byOffset) {
      if (e.localHeaderOffset !== expectedAt) {
        return { entries: null, failures: [{ class: 'zip_structure', entry: e.name, reason: e.localHeaderOffset < expectedAt ? 'overlap' : 'hiddenBytes' }] };
      }
      const dataOffset = await zip.dataOffset(e);
      expectedAt = dataOffset + e.compressedSize;
      entries.set(e.name, { ...e, role: roleOf(e.name)!, dataOffset });
    }
  } catch (err) {
    return { entries: null, failures: [structural(err)] };
  }
  if (expectedAt !== central.offset) {
    return { entries: null, failures: [{ class: 'zip_structure', entry: null, reason: expectedAt > central.offset ? 'overlap' : 'hiddenBytes' }] };
  }
  return { entries, failures: [] };
}
