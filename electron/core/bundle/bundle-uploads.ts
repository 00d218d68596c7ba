import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { HoanError, notFound } from '../errors';
import { streamToNewFile } from '../stream-to-file';
import { DEFAULT_LIMITS } from './bundle-layout';

/** Uploads older than this are removed when the next one arrives. */
const STALE_MS = 24 * 60 * 60 * 1000;
const ID = /^[0-9a-f-]{36}$/;

function uploadsDir(dataDir: string): string {
  return path.join(dataDir, 'tmp', 'bundle-uploads');
}

export interface ReceivedUpload {
  uploadId: string;
  name: string;
  size: number;
  sha256: string;
}

function sweep(dir: string, now: number): void {
  for (const name of fs.existsSync(dir) ? fs.readdirSync(dir) : []) {
    const file = path.join(dir, name);
    try {
      if (now - fs.statSync(file).mtimeMs > STALE_MS) fs.rmSync(file, { force: true });
    } catch {
      // Gone meanwhile.
    }
  }
}

/**
 * A bundle picked in the web host's file dialog, received as a raw stream
 * and held until it is verified, imported or discarded. Nothing in it is
 * trusted yet: it is only bytes in a private folder.
 */
export async function receiveBundleUpload(dataDir: string, body: Readable, meta: { name: string; size?: number | undefined }): Promise<ReceivedUpload> {
  if (meta.size !== undefined && meta.size > DEFAULT_LIMITS.maxTotalBytes) {
    throw new HoanError('payload_too_large', 'bundle.errors.uploadTooLarge');
  }
  const dir = uploadsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  sweep(dir, Date.now());
  const uploadId = randomUUID();
  const file = path.join(dir, `${uploadId}.zip`);
  const metaFile = path.join(dir, `${uploadId}.json`);
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      hash.update(chunk);
      done(size > DEFAULT_LIMITS.maxTotalBytes ? new HoanError('payload_too_large', 'bundle.errors.uploadTooLarge') : null, chunk);
    },
  });
  try {
    await streamToNewFile(body, meter, file);
    fs.writeFileSync(metaFile, JSON.stringify({ name: meta.name }), { mode: 0o600 });
  } catch (err) {
    // A meta file cut short by a full disk goes too: an upload is both files or neither.
    fs.rmSync(file, { force: true });
    fs.rmSync(metaFile, { force: true });
    if (err instanceof HoanError) throw err;
    throw new HoanError('io', 'bundle.errors.uploadFailed', { reason: (err as Error).message.slice(0, 200) });
  }
  return { uploadId, name: meta.name, size, sha256: hash.digest('hex') };
}

export function uploadedBundle(dataDir: string, uploadId: string): { file: string; name: string } {
  const dir = uploadsDir(dataDir);
  const file = path.join(dir, `${uploadId}.zip`);
  if (!ID.test(uploadId) || !fs.existsSync(file)) throw notFound('upload', uploadId);
  let name = 'bundle.zip';
  try {
    name = (JSON.parse(fs.readFileSync(path.join(dir, `${uploadId}.json`), 'utf8')) as { name: string }).name;
  } catch {
    // The name is for display only.
  }
  return { file, name };
}

export function discardUpload(dataDir: string, uploadId: string): void {
  const { file } = uploadedBundle(dataDir, uploadId);
  fs.rmSync(file, { force: true });
  fs.rmSync(file.replace(/\.zip$/, '.json'), { force: true });
}
