import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BodyError, readContainerBody } from '../../../electron/core/definitions/container-body';
import { buildDefinitions } from '../helpers/definitions';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-defs-body-');
afterEach(() => dirs.cleanup());

const problem = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (e instanceof BodyError ? e.problem : e));

describe('[#12.1] a container body is read with a bounded inflate, never unpacked', () => {
  it('[#12.1] lists the files of a sigtool-built container with their sizes and sha256, as its .info index says', async () => {
    const file = buildDefinitions(dirs.make(), { contents: { 'daily.hdb': 'a'.repeat(64) + ':1:x\n', 'daily.ndb': 'Test.Ndb:0:*:414243\n' } });
    const listing = await readContainerBody(file, null);
    expect(listing.compressed).toBe(true);
    expect(listing.entries.map((e) => e.name).sort()).toEqual(['COPYING', 'daily.hdb', 'daily.info', 'daily.ndb']);
  });

  it('[#12.1] stops inflating past the limit (a body that inflates far beyond its size), and past the entry limit', async () => {
    const big = buildDefinitions(dirs.make(), { contents: { 'daily.hdb': `${'0'.repeat(32)}:1:x\n`.repeat(60_000) } });
    expect(fs.statSync(big).size).toBeLessThan(200_000);
    expect(await problem(readContainerBody(big, null, { maxInflated: 1024 * 1024, maxEntries: 1000 }))).toEqual({ reason: 'too_large' });
    expect(await problem(readContainerBody(big, null, { maxInflated: 64 * 1024 * 1024, maxEntries: 2 }))).toEqual({ reason: 'too_large' });
    expect((await readContainerBody(big, null)).entries).toHaveLength(3);
  });

  it('[#12.1] a header alone, or a file that ends inside the gzip stream, is cut short', async () => {
    const file = buildDefinitions(dirs.make());
    const head = path.join(path.dirname(file), 'head.cud');
    fs.writeFileSync(head, fs.readFileSync(file).subarray(0, 512));
    expect(await problem(readContainerBody(head, null))).toEqual({ reason: 'truncated' });
    fs.truncateSync(file, fs.statSync(file).size - 8);
    expect(await problem(readContainerBody(file, null))).toEqual({ reason: 'truncated' });
  });
});
