import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { HoanError } from '../errors';
import { TAG_FILES } from './bagit';
import { roleOf } from './bundle-layout';
import type { BundlePlan, PlannedEntry } from './bundle-plan';
import { CHUNK_BYTES, throwIfCancelled, type Progress } from './entry-io';
import { ZipWriter } from './zip-writer';

/** A folder's own entry must reach the disk too, or a power cut can forget the rename. */
export function fsyncDir(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (err) {
    // Windows cannot open or sync a folder; its rename is durable once the file is synced.
    if (!['EISDIR', 'EPERM', 'EACCES', 'EINVAL'].includes((err as NodeJS.ErrnoException).code ?? '')) throw err;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** A stored file that no longer holds what was recorded: evidence by its hash, definitions by their file. */
function damaged(entry: { name: string; file: string; sha256: string }): HoanError {
  if (roleOf(entry.name) === 'definitions') return new HoanError('io', 'bundle.errors.definitionsDamaged', { file: entry.file });
  return new HoanError('io', 'bundle.errors.evidenceDamaged', { sha256: entry.sha256 });
}

/**
 * Copies a stored file (evidence, definitions) into the zip, checking on the
 * way that the store still holds what was recorded. The next chunk is read
 * while this one is hashed and written, into the other of two buffers.
 */
async function addStored(writer: ZipWriter, entry: PlannedEntry & { file: string; sha256: string }, progress: Progress): Promise<void> {
  const fh = await fs.promises.open(entry.file, 'r');
  const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
  const hash = createHash('sha256');
  let turn = 0;
  const readNext = () => {
    const buffer = buffers[turn++ % 2]!;
    return fh.read(buffer, 0, buffer.length, null).then(({ bytesRead }) => buffer.subarray(0, bytesRead));
  };
  let next: ReturnType<typeof readNext> | null = readNext();
  try {
    await writer.addStream(
      entry.name,
      entry.size,
      async () => {
        throwIfCancelled(progress.signal);
        if (!next) return null;
        const chunk = await next;
        next = chunk.length === 0 ? null : readNext();
        if (chunk.length === 0) return null;
        progress.onBytes?.(chunk.length);
        return chunk;
      },
      (chunk) => hash.update(chunk),
    );
  } catch (err) {
    if (err instanceof HoanError) throw err;
    throw damaged(entry);
  } finally {
    await next?.catch(() => undefined);
    await fh.close();
  }
  if (hash.digest('hex') !== entry.sha256) throw damaged(entry);
}

/**
 * Writes the bundle as NAME.partial, syncs it, renames it to NAME and syncs
 * the folder. Any failure or cancel removes the partial file: nothing is
 * ever left under the final name that was not completely written.
 */
export async function writeBundle(plan: BundlePlan, signature: string, dir: string, progress: Progress & { onPhase?(phase: 'syncing'): void }): Promise<string> {
  const target = path.join(dir, plan.fileName);
  const partial = `${target}.partial`;
  if (fs.existsSync(target)) throw new HoanError('conflict', 'bundle.errors.targetExists', { path: target });
  let writer: ZipWriter;
  try {
    writer = await ZipWriter.create(partial, { modified: plan.created, timeZone: plan.timeZone });
  } catch (err) {
    throw new HoanError('io', 'bundle.errors.writeFailed', { path: partial, reason: (err as Error).message.slice(0, 200) });
  }
  let closed = false;
  try {
    for (const entry of plan.entries) {
      throwIfCancelled(progress.signal);
      if ('bytes' in entry) {
        await writer.addBuffer(entry.name, entry.bytes);
        progress.onBytes?.(entry.size);
      } else {
        await addStored(writer, entry, progress);
      }
      if (entry.name === TAG_FILES.tagManifest) await writer.addBuffer(TAG_FILES.signature, Buffer.from(signature));
    }
    await writer.finish();
    throwIfCancelled(progress.signal);
    progress.onPhase?.('syncing');
    await writer.sync();
    await writer.close();
    closed = true;
    if (fs.existsSync(target)) throw new HoanError('conflict', 'bundle.errors.targetExists', { path: target });
    fs.renameSync(partial, target);
    fsyncDir(dir);
    return target;
  } catch (err) {
    if (!closed) await writer.close().catch(() => undefined);
    fs.rmSync(partial, { force: true });
    if (err instanceof HoanError) throw err;
    throw new HoanError('io', 'bundle.errors.writeFailed', { path: partial, reason: (err as Error).message.slice(0, 200) });
  }
}
