import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { HoanError } from '../errors';
import type { CheckedEntry } from './bundle-structure';
import type { ZipFile } from './zip-reader';

export const CHUNK_BYTES = 4 * 1024 * 1024;

export interface Progress {
  signal?: AbortSignal;
  /** Bytes read so far, as they are read. */
  onBytes?(n: number): void;
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new HoanError('conflict', 'bundle.errors.cancelled');
}

/** An entry's bytes, whole: only for tag files and records, whose sizes are capped. */
export async function readEntry(zip: ZipFile, entry: CheckedEntry): Promise<Buffer> {
  return zip.read(entry.dataOffset, entry.size);
}

/**
 * Streams an entry's bytes in large chunks, in file order, so the OS reads
 * ahead; `each` sees every chunk (hashing, copying). Checks for cancel between chunks.
 */
export async function streamEntry(zip: ZipFile, entry: CheckedEntry, each: (chunk: Buffer) => void | Promise<void>, progress: Progress = {}): Promise<void> {
  const buffer = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, Math.max(entry.size, 1)));
  for (let done = 0; done < entry.size; ) {
    throwIfCancelled(progress.signal);
    const n = Math.min(buffer.length, entry.size - done);
    const chunk = await zip.read(entry.dataOffset + done, n, buffer);
    await each(chunk);
    done += n;
    progress.onBytes?.(n);
  }
}

/**
 * Copies an entry to a new file (never over an existing one), fsynced, and
 * returns the sha256 of what was written; a failed copy leaves no file.
 */
export async function writeEntryFile(zip: ZipFile, entry: CheckedEntry, file: string, progress: Progress = {}): Promise<string> {
  const fh = await fs.promises.open(file, 'wx', 0o600);
  const hash = createHash('sha256');
  try {
    await streamEntry(zip, entry, async (chunk) => {
      hash.update(chunk);
      await fh.write(chunk);
    }, progress);
    await fh.sync();
  } catch (err) {
    await fh.close();
    fs.rmSync(file, { force: true });
    throw err;
  }
  await fh.close();
  return hash.digest('hex');
}

/** sha256 of an entry, and its bytes when `keep` (records, read once and parsed from the same bytes). */
export async function hashEntry(zip: ZipFile, entry: CheckedEntry, keep: boolean, progress: Progress = {}): Promise<{ sha256: string; bytes: Buffer | null }> {
  const hash = createHash('sha256');
  const kept: Buffer[] = [];
  await streamEntry(
    zip,
    entry,
    (chunk) => {
      hash.update(chunk);
      if (keep) kept.push(Buffer.from(chunk));
    },
    progress,
  );
  return { sha256: hash.digest('hex'), bytes: keep ? Buffer.concat(kept) : null };
}
