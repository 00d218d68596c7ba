import fs from 'node:fs';
import path from 'node:path';
import { PassThrough, Transform } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { streamToNewFile } from '../../../electron/core/stream-to-file';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-stream-file-');
const FD_DIR = '/proc/self/fd';
/** Open descriptors through procfs (Linux only); elsewhere only the file is checked. */
const openFds = () => (fs.existsSync(FD_DIR) ? fs.readdirSync(FD_DIR).length : 0);

afterEach(() => dirs.cleanup());

const passThroughMeter = () => new Transform({ transform: (chunk, _enc, done) => done(null, chunk) });

describe('streamToNewFile', () => {
  it('writes a complete stream to a new owner-only file', async () => {
    const file = path.join(dirs.make(), 'a.bin');
    const source = new PassThrough();
    source.end(Buffer.from('complete'));
    await streamToNewFile(source, passThroughMeter(), file);
    expect(fs.readFileSync(file, 'utf8')).toBe('complete');
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('on a source that fails mid-way (#10.1), has closed and deleted the file by the time it rejects', async () => {
    const file = path.join(dirs.make(), 'b.bin');
    const fdsBefore = openFds();
    const source = new PassThrough();
    source.write(Buffer.alloc(64 * 1024, 1));
    const copy = streamToNewFile(source, passThroughMeter(), file);
    setTimeout(() => source.destroy(new Error('client went away')), 20);
    await expect(copy).rejects.toThrow('client went away');
    // No polling: the promise settles only once the descriptor is closed and the file gone.
    expect({ exists: fs.existsSync(file), fds: openFds() }).toEqual({ exists: false, fds: fdsBefore });
  });

  it('on a meter that refuses, rejects with its error and leaves nothing', async () => {
    const file = path.join(dirs.make(), 'c.bin');
    const fdsBefore = openFds();
    const meter = new Transform({ transform: (_chunk, _enc, done) => done(new Error('too large')) });
    const source = new PassThrough();
    source.end(Buffer.alloc(1024));
    await expect(streamToNewFile(source, meter, file)).rejects.toThrow('too large');
    expect({ exists: fs.existsSync(file), fds: openFds() }).toEqual({ exists: false, fds: fdsBefore });
  });

  it('never overwrites or deletes a file that already has the name', async () => {
    const file = path.join(dirs.make(), 'd.bin');
    fs.writeFileSync(file, 'someone else');
    const source = new PassThrough();
    source.end(Buffer.from('mine'));
    await expect(streamToNewFile(source, passThroughMeter(), file)).rejects.toMatchObject({ code: 'EEXIST' });
    expect(fs.readFileSync(file, 'utf8')).toBe('someone else');
  });
});
