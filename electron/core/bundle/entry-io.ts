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
 * ahead; `each` sees every chunk (hashing, copying). The next chunk is read
 * (on libuv's threads) while `each` works on this one, into the other of two
 * buffers: reading and hashing overlap instead of taking turns. Checks for
 * cancel between chunks.
 */
export async function streamEntry(zip: ZipFile, entry: CheckedEntry, each: (chunk: Buffer) => void | Promise<void>, progress: Progress = {}): Promise<void> {
  const length = Math.min(CHUNK_BYTES, Math.max(entry.size, 1));
  const buffers = [Buffer.allocUnsafe(length), Buffer.allocUnsafe(length)] as const;
  const readAt = (done: number, i: number) => zip.read(entry.dataOffset + done, Math.min(length, entry.size - done), buffers[i % 2]);
  let next = entry.size > 0 ? readAt(0, 0) : null;
  for (let done = 0, i = 0; next; i++) {
    const chunk = await next;
    done += chunk.length;
    next = done < entry.size ? readAt(done, i + 1) : null;
    try {
      throwIfCancelled(progress.signal);
      await each(chunk);
    } catch (err) {
      // The read ahead must land before its buffer is let go (and the file closed).
      await next?.catch(() => undefined);
      throw err;
    }
    progress.onBytes?.(chunk.length);
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
