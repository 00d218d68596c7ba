import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/core';
import { HoanError } from '../../../electron/core/errors';
import {
  evidenceDir,
  evidenceFilePath,
  storeEvidenceBytes,
  storeEvidenceFile,
  storeEvidenceStream,
  sweepIncoming,
} from '../../../electron/core/evidence/evidence-store';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-evidence-');
let core: Core;

beforeEach(() => {
  core = openCore({ dataDir: dirs.make() });
});
afterEach(() => {
  core.close();
  dirs.cleanup();
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Every file under the store, relative, except the (empty) incoming folder itself. */
function storedFiles(): string[] {
  const root = evidenceDir(core.dataDir);
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)))
    .sort();
}

function rows() {
  return core.db.prepare('SELECT sha256, size FROM evidence_files ORDER BY sha256').all();
}

async function rejection(p: Promise<unknown>): Promise<HoanError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HoanError) return err;
    throw err;
  }
  throw new Error('expected a HoanError');
}

describe('evidence store', () => {
  it('stores a file under its sha256, read-only, and indexes it', async () => {
    const bytes = Buffer.from('受電設備 点検写真 (test bytes)\n'.repeat(1000));
    const source = path.join(dirs.make(), 'photo.jpg');
    fs.writeFileSync(source, bytes);

    const stored = await storeEvidenceFile(core, source);

    const digest = sha256(bytes);
    expect(stored).toEqual({ sha256: digest, size: bytes.length });
    const target = evidenceFilePath(core.dataDir, digest);
    expect(fs.readFileSync(target).equals(bytes)).toBe(true);
    expect(fs.statSync(target).mode & 0o222).toBe(0);
    expect(rows()).toEqual([{ sha256: digest, size: bytes.length }]);
    expect(storedFiles()).toEqual([path.join(digest.slice(0, 2), digest)]);
  });

  it('keeps the same content once, however often and under whatever name it is attached', async () => {
    const bytes = randomBytes(50_000);
    const a = path.join(dirs.make(), 'a.pdf');
    const b = path.join(dirs.make(), 'copy of a.pdf');
    fs.writeFileSync(a, bytes);
    fs.writeFileSync(b, bytes);
    const first = await storeEvidenceFile(core, a);
    const second = await storeEvidenceFile(core, b);
    const third = await storeEvidenceBytes(core, bytes, 'inline');
    expect(second).toEqual(first);
    expect(third).toEqual(first);
    expect(storedFiles()).toHaveLength(1);
    expect(rows()).toHaveLength(1);
  });

  it('refuses a file over the limit before copying anything', async () => {
    const source = path.join(dirs.make(), 'big.mp4');
    fs.writeFileSync(source, randomBytes(2 * 1024 * 1024 + 1));
    const err = await rejection(storeEvidenceFile(core, source, 2 * 1024 * 1024));
    expect(err.toShape()).toEqual({ code: 'validation', messageKey: 'errors.evidence.tooLarge', params: { name: 'big.mp4', maxMb: 2 } });
    expect(storedFiles()).toEqual([]);
    expect(rows()).toEqual([]);
  });

  it('refuses a stream that turns out larger than the limit, leaving no partial file', async () => {
    const chunks = Array.from({ length: 5 }, () => randomBytes(300_000));
    const err = await rejection(storeEvidenceStream(core, Readable.from(chunks), { name: 'upload.bin', maxBytes: 1_000_000 }));
    expect(err.messageKey).toBe('errors.evidence.tooLarge');
    expect(storedFiles()).toEqual([]);
    expect(rows()).toEqual([]);
  });

  it('reports a missing or unreadable source and a folder', async () => {
    const missing = await rejection(storeEvidenceFile(core, path.join(dirs.make(), 'gone.txt')));
    expect(missing.toShape()).toMatchObject({ code: 'io', messageKey: 'errors.evidence.unreadable', params: { name: 'gone.txt' } });
    const folder = await rejection(storeEvidenceFile(core, dirs.make()));
    expect(folder.messageKey).toBe('errors.evidence.notAFile');
    expect(storedFiles()).toEqual([]);
  });

  it('refuses a file that changes while it is copied, and keeps nothing', async () => {
    const source = path.join(dirs.make(), 'log.txt');
    fs.writeFileSync(source, randomBytes(4 * 1024 * 1024));
    const copying = storeEvidenceFile(core, source);
    // The size was taken when the copy began; the writer appends before the bytes are read.
    fs.appendFileSync(source, 'one more line\n');
    const err = await rejection(copying);
    expect(err.toShape()).toEqual({ code: 'io', messageKey: 'errors.evidence.changedWhileCopying', params: { name: 'log.txt' } });
    expect(storedFiles()).toEqual([]);
    expect(rows()).toEqual([]);
  });

  it('refuses a source that fails mid-way (a medium pulled out), and keeps nothing', async () => {
    const failing = new Readable({
      read() {
        this.push(randomBytes(64 * 1024));
        this.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
      },
    });
    const err = await rejection(storeEvidenceStream(core, failing, { name: 'usb.log' }));
    expect(err.toShape()).toMatchObject({ code: 'io', messageKey: 'errors.evidence.unreadable', params: { name: 'usb.log' } });
    expect(storedFiles()).toEqual([]);
    expect(rows()).toEqual([]);
  });

  it('sweeps interrupted copies older than a day, not younger ones', () => {
    const incoming = path.join(evidenceDir(core.dataDir), '.incoming');
    fs.mkdirSync(incoming, { recursive: true });
    fs.writeFileSync(path.join(incoming, 'old'), 'x');
    fs.writeFileSync(path.join(incoming, 'young'), 'x');
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    fs.utimesSync(path.join(incoming, 'old'), twoDaysAgo, twoDaysAgo);
    sweepIncoming(core.dataDir);
    expect(fs.readdirSync(incoming)).toEqual(['young']);
  });

  it('refuses a malformed hash instead of building a path from it', () => {
    expect(() => evidenceFilePath(core.dataDir, '../../etc/passwd')).toThrow(HoanError);
  });
});
