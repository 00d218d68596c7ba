import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDefinitions } from '../../../electron/core/definitions/definitions-store';
import { HoanError } from '../../../electron/core/errors';
import { buildDefinitions, installTestDefinitions } from '../helpers/definitions';
import { tempDirs } from '../helpers/temp-dir';
import { bigHdb, BUILT, defsWorld, mkdir, storeSnapshot } from './defs-world';

/**
 * A disk that fills up mid-import, for real: the data folder on a 4 MB
 * tmpfs (root can mount one; CI runs as root). The CLI's test does the same
 * with a file-size limit (RLIMIT_FSIZE), which needs no root.
 */
const dirs = tempDirs('hoan-defs-full-');
const isRoot = process.platform === 'linux' && process.getuid?.() === 0;
let mount = '';

beforeAll(() => {
  if (!isRoot) return;
  mount = dirs.make();
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,mode=0700', 'tmpfs', mount]);
});
afterAll(() => {
  if (mount) execFileSync('umount', [mount]);
  dirs.cleanup();
});

describe('[#12.1] a disk that fills up mid-import', () => {
  it.runIf(isRoot)('[#12.1] the copy stops with ENOSPC: refused as a full disk naming the file, staging removed, the set in use untouched', async () => {
    const w = defsWorld(mkdir(mount, 'data'));
    try {
      await installTestDefinitions(w.core, [buildDefinitions(dirs.make(), { builtAt: BUILT })]);
      const before = storeSnapshot(w.core);
      const big = bigHdb(path.join(dirs.make(), 'extra.hdb'), 6);

      const err = await importDefinitions(w.core, { paths: [big], acceptUnsigned: { reason: '検証用' } }, '山田').then(
        () => null,
        (e: unknown) => e as HoanError,
      );
      expect(err).toBeInstanceOf(HoanError);
      expect(err).toMatchObject({ code: 'io', messageKey: 'definitions.errors.diskFull', params: { name: 'extra.hdb' } });
      expect(storeSnapshot(w.core)).toEqual(before);
      // The space is free again for the next try.
      expect(Number(execFileSync('df', ['--output=avail', '-k', mount]).toString().split('\n')[1])).toBeGreaterThan(2000);
    } finally {
      w.core.close();
    }
  });
});
