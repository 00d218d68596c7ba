import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildManifest, diffManifests } from '../../../electron/core/media/manifest';
import { DEFAULT_MANIFEST_LIMITS } from '../../../electron/core/media/media-schema';
import { tempDirs } from '../helpers/temp-dir';
import { writeMedium } from './media-fixture';

const dirs = tempDirs('hoan-manifest-');
afterEach(() => dirs.cleanup());
const NOW = new Date('2025-06-01T00:00:00Z');
const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

describe('the manifest of a medium', () => {
  it('lists path, size, modified time and sha256 of every file, sorted, without following links', async () => {
    const root = writeMedium(dirs.make(), { 'b.txt': 'bee', 'a/c.bin': Buffer.alloc(10, 1), 'a/日本語 ファイル.txt': '保安' });
    const mtime = new Date('2024-12-24T01:02:03Z');
    fs.utimesSync(path.join(root, 'b.txt'), mtime, mtime);
    const outside = writeMedium(dirs.make(), { 'secret.txt': 'not on the medium' });
    fs.symlinkSync(outside, path.join(root, 'link-to-outside'));
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'file-link'));
    let listed = -1;
    const hashed: number[] = [];
    const m = await buildManifest(root, DEFAULT_MANIFEST_LIMITS, NOW, { onListed: (n) => (listed = n), onHashed: (n) => hashed.push(n) });
    expect(m.files).toEqual([
      { path: 'a/c.bin', size: 10, mtime: expect.any(String), sha256: sha(Buffer.alloc(10, 1)) },
      { path: 'a/日本語 ファイル.txt', size: 6, mtime: expect.any(String), sha256: sha('保安') },
      { path: 'b.txt', size: 3, mtime: '2024-12-24T01:02:03.000Z', sha256: sha('bee') },
    ]);
    expect(m).toMatchObject({ fileCount: 3, totalBytes: 19, hashedFiles: 3, truncated: false, createdAt: NOW.toISOString(), root });
    expect(m.skipped.sort((x, y) => x.path.localeCompare(y.path))).toEqual([
      { path: 'file-link', reason: 'symlink' },
      { path: 'link-to-outside', reason: 'symlink' },
    ]);
    expect(listed).toBe(3);
    expect(hashed).toEqual([1, 2, 3]);
  });

  it('honours the limits: files listed, largest file hashed, total hashed', async () => {
    const root = writeMedium(dirs.make(), { 'a.bin': Buffer.alloc(2 * 1024 * 1024), 'b.txt': 'b', 'c.txt': 'c', 'd.txt': 'd' });
    const bySize = await buildManifest(root, { maxFiles: 100, maxFileMb: 1, maxTotalMb: 100 }, NOW);
    expect(bySize.files.map((f) => [f.path, f.sha256 !== null])).toEqual([['a.bin', false], ['b.txt', true], ['c.txt', true], ['d.txt', true]]);
    expect(bySize.hashedFiles).toBe(3);
    const byCount = await buildManifest(root, { maxFiles: 2, maxFileMb: 10, maxTotalMb: 100 }, NOW);
    expect(byCount).toMatchObject({ fileCount: 2, truncated: true });
    const byTotal = await buildManifest(root, { maxFiles: 100, maxFileMb: 10, maxTotalMb: 1 }, NOW);
    expect(byTotal.files.filter((f) => f.sha256).map((f) => f.path)).toEqual(['b.txt', 'c.txt', 'd.txt']);
  });

  it('stops when cancelled', async () => {
    const root = writeMedium(dirs.make(), { 'a.txt': 'a' });
    const controller = new AbortController();
    controller.abort();
    await expect(buildManifest(root, DEFAULT_MANIFEST_LIMITS, NOW, { signal: controller.signal })).rejects.toMatchObject({ messageKey: 'media.errors.jobCancelled' });
  });

  it('a diff shows what was copied onto the medium, changed and removed', () => {
    const f = (p: string, s: string) => ({ path: p, size: s.length, mtime: 'x', sha256: sha(s) });
    const before = { files: [f('keep.txt', 'k'), f('edit.txt', 'old'), f('gone.txt', 'g')] };
    const after = { files: [f('keep.txt', 'k'), f('edit.txt', 'new'), f('logs/plc.log', 'copied')] };
    expect(diffManifests(before, after)).toEqual({
      added: 1, changed: 1, removed: 1, addedPaths: ['logs/plc.log'], changedPaths: ['edit.txt'], removedPaths: ['gone.txt'],
    });
  });
});
