import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import type { Parser as TarParser, ReadEntry } from 'tar';
import { CVD_HEADER_BYTES } from '../media/scanners/clamav-database';

/**
 * Reads the body of a ClamAV container (.cvd, .cld, .cud) to prove it is
 * whole before Hoan installs it, without unpacking anything to disk.
 *
 * The body follows the 512-byte header: a gzip-compressed tar (a .cld that
 * freshclam patched locally may hold the tar uncompressed; the gzip magic
 * 1f 8b tells which). The tar holds flat files (`daily.hdb`, `daily.ldb`, …)
 * and one index `<db>.info` whose first line is a header like the
 * container's and each further line `name:size:sha256` for one file.
 * libclamav checks the files against that index when it loads the database;
 * Hoan checks the same, so a body cut short (even at a file boundary, which
 * a tar without end blocks — sigtool writes none — would not show), a file
 * altered inside, or one missing, is refused before the set is switched.
 *
 * `sigtool --info` does not read the body of an unsigned .cud at all, which
 * is why this reader exists. Inflating is bounded while reading (MAX_INFLATED,
 * MAX_ENTRIES), tar headers are parsed by node-tar (`tar`, strict mode: a
 * checksum or truncation error is an error), and entry names are checked:
 * a name with a folder, `..`, a drive or a leading slash is refused, as is
 * any entry that is not a plain file.
 */

/** main.cvd inflates to a few hundred MB; far more is a bomb, not a database. */
export const MAX_INFLATED = 2 * 1024 * 1024 * 1024;
export const MAX_ENTRIES = 1000;
const MAX_INFO_BYTES = 1024 * 1024;

export type BodyProblem =
  | { reason: 'truncated' }
  | { reason: 'corrupt'; detail: string }
  | { reason: 'unsafe_entry'; entry: string }
  | { reason: 'too_large' }
  | { reason: 'index_missing' }
  | { reason: 'index_mismatch'; entry: string }
  | { reason: 'checksum_mismatch' };

export class BodyError extends Error {
  constructor(readonly problem: BodyProblem) {
    super(`container body: ${problem.reason}`);
  }
}

export interface BodyListing {
  /** The files inside, in order, with their size and sha256. */
  entries: { name: string; size: number; sha256: string }[];
  compressed: boolean;
}

/** A plain file name: no folder, no `..`, no drive, nothing a tool could write elsewhere with. */
export function isSafeEntryName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !/[/\\:\0]/.test(name) && name !== '.' && name !== '..';
}

function cap(limit: number): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      if (total > limit) done(new BodyError({ reason: 'too_large' }));
      else done(null, chunk);
    },
  });
}

function parseIndex(text: string): Map<string, { size: number; sha256: string }> {
  const listed = new Map<string, { size: number; sha256: string }>();
  // The first line is the index's own header; DSIG lines carry the signature.
  for (const line of text.split(/\r?\n/).slice(1)) {
    const m = /^([^:]+):(\d+):([0-9a-f]{64})$/i.exec(line.trim());
    if (m) listed.set(m[1]!, { size: Number(m[2]), sha256: m[3]!.toLowerCase() });
  }
  return listed;
}

function firstBytes(file: string, at: number, count: number): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(count);
    return b.subarray(0, fs.readSync(fd, b, 0, count, at));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Lists and checks the body. `expectMd5`: the header's MD5 of the body
 * (.cvd and .cud carry it; a .cld's no longer matches after a local patch).
 */
export async function readContainerBody(
  file: string,
  expectMd5: string | null,
  limits: { maxInflated: number; maxEntries: number } = { maxInflated: MAX_INFLATED, maxEntries: MAX_ENTRIES },
): Promise<BodyListing> {
  const start = firstBytes(file, CVD_HEADER_BYTES, 2);
  if (start.length === 0) throw new BodyError({ reason: 'truncated' });
  const compressed = start[0] === 0x1f && start[1] === 0x8b;
  const md5 = createHash('md5');
  const entries: BodyListing['entries'] = [];
  const infos: string[] = [];
  let problem: BodyProblem | null = null;
  const refuse = (p: BodyProblem) => {
    problem ??= p;
  };

  // node-tar is required here, at the first container read, not when the hosts start (issue 15: start-up).
  const { Parser } = require('tar') as { Parser: typeof TarParser };
  const parser = new Parser({
    strict: true,
    onReadEntry: (entry: ReadEntry) => {
      const name = entry.path;
      if (entries.length >= limits.maxEntries) refuse({ reason: 'too_large' });
      if (!isSafeEntryName(name) || entry.type !== 'File') refuse({ reason: 'unsafe_entry', entry: name });
      const hash = createHash('sha256');
      let size = 0;
      const info: Buffer[] = [];
      const isInfo = name.toLowerCase().endsWith('.info');
      entry.on('data', (chunk: Buffer) => {
        hash.update(chunk);
        size += chunk.length;
        if (isInfo && size <= MAX_INFO_BYTES) info.push(chunk);
      });
      entry.on('end', () => {
        entries.push({ name, size, sha256: hash.digest('hex') });
        if (isInfo) infos.push(Buffer.concat(info).toString('latin1'));
      });
    },
  });
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (!parser.write(chunk)) parser.once('drain', () => done());
      else done();
    },
    final(done) {
      parser.once('close', () => done());
      parser.end();
    },
  });
  parser.on('error', (err: Error & { code?: string }) => {
    if (err.code === 'TAR_BAD_ARCHIVE' && /Truncated/i.test(err.message)) refuse({ reason: 'truncated' });
    else refuse({ reason: 'corrupt', detail: err.message });
  });
  const tapMd5 = new Transform({
    transform(chunk: Buffer, _enc, done) {
      md5.update(chunk);
      done(null, chunk);
    },
  });

  try {
    const source = fs.createReadStream(file, { start: CVD_HEADER_BYTES });
    if (compressed) await pipeline(source, tapMd5, zlib.createGunzip(), cap(limits.maxInflated), sink);
    else await pipeline(source, tapMd5, cap(limits.maxInflated), sink);
  } catch (err) {
    if (err instanceof BodyError) throw err;
    const e = err as NodeJS.ErrnoException;
    // zlib says "unexpected end of file" (Z_BUF_ERROR) when the gzip stream stops early.
    if (e.code === 'Z_BUF_ERROR' || /unexpected end/i.test(e.message)) throw new BodyError({ reason: 'truncated' });
    throw new BodyError({ reason: 'corrupt', detail: e.message });
  }
  if (problem) throw new BodyError(problem);
  if (expectMd5 !== null && md5.digest('hex') !== expectMd5) throw new BodyError({ reason: 'checksum_mismatch' });
  if (infos.length !== 1) throw new BodyError({ reason: 'index_missing' });
  const listed = parseIndex(infos[0]!);
  if (listed.size === 0) throw new BodyError({ reason: 'index_missing' });
  for (const [name, want] of listed) {
    const got = entries.find((e) => e.name === name);
    if (!got || got.size !== want.size || got.sha256 !== want.sha256) throw new BodyError({ reason: 'index_mismatch', entry: name });
  }
  return { entries, compressed };
}
