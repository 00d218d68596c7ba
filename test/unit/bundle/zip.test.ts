import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ZipWriter } from '../../../electron/core/bundle/zip-writer';
import { ZipFile } from '../../../electron/core/bundle/zip-reader';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-zip-');
afterEach(() => dirs.cleanup());

const MODIFIED = new Date('2025-06-01T09:30:12Z');

async function write(file: string, entries: [string, Buffer][], zip64: 'auto' | 'always' = 'auto') {
  const w = await ZipWriter.create(file, { modified: MODIFIED, timeZone: 'Asia/Tokyo', zip64 });
  for (const [name, data] of entries) {
    if (data.length > 1000) {
      let sent = false;
      await w.addStream(name, data.length, async () => (sent ? null : ((sent = true), data)));
    } else await w.addBuffer(name, data);
  }
  await w.finish();
  await w.sync();
  await w.close();
}

async function readBack(file: string) {
  const zip = await ZipFile.open(file);
  try {
    const { entries } = await zip.centralDirectory(100_000);
    const out: [string, string][] = [];
    for (const e of entries) out.push([e.name, createHash('sha256').update(await zip.read(await zip.dataOffset(e), e.size)).digest('hex')]);
    return out;
  } finally {
    await zip.close();
  }
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('the STORE-only zip writer and reader', () => {
  for (const mode of ['auto', 'always'] as const) {
    it(`writes zips (${mode === 'always' ? 'zip64 fields everywhere' : 'plain'}) that stock unzip tests and extracts byte for byte`, async () => {
      const dir = dirs.make();
      const file = path.join(dir, 'b.zip');
      const entries: [string, Buffer][] = [
        ['bagit.txt', Buffer.from('BagIt-Version: 1.0\n')],
        ['data/evidence/big', Buffer.alloc(3 * 1024 * 1024 + 17, 0xab)],
        ['data/empty', Buffer.alloc(0)],
      ];
      await write(file, entries, mode);
      expect(execFileSync('unzip', ['-t', file]).toString()).toMatch(/No errors detected/);
      execFileSync('unzip', ['-q', file, '-d', path.join(dir, 'x')]);
      for (const [name, data] of entries) expect(sha(fs.readFileSync(path.join(dir, 'x', name)))).toBe(sha(data));
      expect(await readBack(file)).toEqual(entries.map(([n, d]) => [n, sha(d)]));
      // The two-second DOS timestamp survives: unzip shows the time the bundle was made, on the site's clock (09:30Z is 18:30 in Tokyo).
      expect(execFileSync('unzip', ['-l', file]).toString()).toContain('2025-06-01 18:30');
    });
  }

  it('switches to zip64 end records past 65,535 entries, and unzip still reads it', async () => {
    const file = path.join(dirs.make(), 'many.zip');
    const entries: [string, Buffer][] = Array.from({ length: 66_000 }, (_, i) => [`data/evidence/${String(i).padStart(6, '0')}`, Buffer.from(String(i))]);
    await write(file, entries);
    expect(execFileSync('unzip', ['-t', '-q', file], { maxBuffer: 64 * 1024 * 1024 }).toString()).toMatch(/No errors detected/);
    const back = await readBack(file);
    expect(back).toHaveLength(66_000);
    expect(back[65_999]).toEqual(['data/evidence/065999', sha(Buffer.from('65999'))]);
  }, 60_000);

  it('refuses names that are not printable ASCII, and an entry whose source gives the wrong number of bytes', async () => {
    const w = await ZipWriter.create(path.join(dirs.make(), 'x.zip'), { modified: MODIFIED, timeZone: 'Asia/Tokyo' });
    await expect(w.addBuffer('data/証跡.pdf', Buffer.from('x'))).rejects.toThrow(/ASCII/);
    await expect(w.addBuffer('a b', Buffer.from('x'))).rejects.toThrow(/ASCII/);
    let calls = 0;
    await expect(w.addStream('data/short', 10, async () => (calls++ === 0 ? Buffer.from('abc') : null))).rejects.toThrow(/3 bytes, expected 10/);
    await w.close();
  });

  it('never overwrites an existing file', async () => {
    const file = path.join(dirs.make(), 'exists.zip');
    fs.writeFileSync(file, 'keep me');
    await expect(ZipWriter.create(file, { modified: MODIFIED, timeZone: 'Asia/Tokyo' })).rejects.toThrow(/EEXIST/);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
  });
});
