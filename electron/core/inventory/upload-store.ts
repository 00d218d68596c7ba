import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { HoanError } from '../errors';
import { streamToNewFile } from '../stream-to-file';

/** A spreadsheet larger than this is not an inventory. */
export const MAX_UPLOAD_BYTES = 200 * 1024 * 1024;
/** Uploads nobody committed or cancelled are removed at the next start after this. */
const STALE_MS = 24 * 60 * 60 * 1000;
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface StoredUpload {
  uploadId: string;
  name: string;
  size: number;
  sha256: string;
}

/** Spreadsheets waiting to be previewed and committed: the data folder's tmp/, never the OS's. */
export function uploadsDir(dataDir: string): string {
  return path.join(dataDir, 'tmp', 'inventory-uploads');
}

/** Where a parse job's temporary folder goes (whatever a library writes to TMPDIR during the job). */
export function parseTmpDir(dataDir: string): string {
  return path.join(dataDir, 'tmp', 'inventory-parse');
}

function filesOf(dataDir: string, uploadId: string) {
  if (!ID.test(uploadId)) throw new HoanError('not_found', 'errors.inventory.uploadNotFound');
  const base = path.join(uploadsDir(dataDir), uploadId);
  return { data: base, meta: `${base}.json`, part: `${base}.part` };
}

function tooLarge(name: string, maxBytes: number): HoanError {
  return new HoanError('payload_too_large', 'errors.inventory.tooLarge', { file: name, maxMb: Math.floor(maxBytes / 1048576) });
}

/**
 * Streams an uploaded file to tmp/: size-capped while it arrives, hashed,
 * renamed into place only when complete. The browser cannot give a path, so
 * the later steps name the file by its upload id.
 */
export async function receiveUpload(
  dataDir: string,
  body: Readable,
  meta: { name: string; size?: number | undefined },
  maxBytes = MAX_UPLOAD_BYTES,
): Promise<StoredUpload> {
  if (meta.size !== undefined && meta.size > maxBytes) throw tooLarge(meta.name, maxBytes);
  const uploadId = randomUUID();
  const files = filesOf(dataDir, uploadId);
  fs.mkdirSync(uploadsDir(dataDir), { recursive: true });
  const hash = createHash('sha256');
  let size = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > maxBytes) return done(tooLarge(meta.name, maxBytes));
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await streamToNewFile(body, meter, files.part);
    fs.renameSync(files.part, files.data);
    const stored: StoredUpload = { uploadId, name: meta.name, size, sha256: hash.digest('hex') };
    fs.writeFileSync(files.meta, JSON.stringify(stored), { mode: 0o600 });
    return stored;
  } catch (err) {
    removeUpload(dataDir, uploadId);
    if (err instanceof HoanError) throw err;
    throw new HoanError('io', 'errors.inventory.uploadFailed', { file: meta.name });
  }
}

export function openUpload(dataDir: string, uploadId: string): StoredUpload & { file: string } {
  const files = filesOf(dataDir, uploadId);
  try {
    const stored = JSON.parse(fs.readFileSync(files.meta, 'utf8')) as StoredUpload;
    if (!fs.statSync(files.data).isFile()) throw new Error('not a file');
    return { ...stored, file: files.data };
  } catch {
    throw new HoanError('not_found', 'errors.inventory.uploadNotFound');
  }
}

export function removeUpload(dataDir: string, uploadId: string): void {
  const files = filesOf(dataDir, uploadId);
  for (const f of [files.part, files.data, files.meta]) fs.rmSync(f, { force: true });
}

/** At start: uploads and parser leftovers older than a day; younger ones may belong to a running Hoan. */
export function sweepStaleUploads(dataDir: string, now = Date.now()): void {
  for (const dir of [uploadsDir(dataDir), parseTmpDir(dataDir)]) {
    let names: string[];
    try {
      names = fs.readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) {
      const file = path.join(dir, name);
      try {
        if (now - fs.statSync(file).mtimeMs > STALE_MS) fs.rmSync(file, { recursive: true, force: true });
      } catch {
        // Gone meanwhile.
      }
    }
  }
}
