import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createHash } from 'node:crypto';
import { openCore, type Core } from '../../../electron/core/core';
import { clamRoot } from '../../../electron/core/definitions/definitions-folders';
import { currentDefinitionsSet, installedClamFolder } from '../../../electron/core/definitions/definitions-store';
import { setUpNames } from '../helpers/set-up';
import { DEFS_TEST_SIGNATURE, folderFingerprint } from '../helpers/definitions';

/** The tests' clock: definitions are built two hours before it unless a test says otherwise. */
export const NOW = new Date('2025-06-10T03:00:00.000Z');
export const BUILT = new Date(NOW.getTime() - 2 * 3600_000);

export interface DefsWorld {
  core: Core;
  clock: { now: Date };
  dataDir: string;
}

export function defsWorld(dataDir: string): DefsWorld {
  const clock = { now: NOW };
  const core = openCore({ dataDir, now: () => clock.now });
  setUpNames(core);
  return { core, clock, dataDir };
}

/** What must not move when an import is refused: the current set's record, its folder's bytes, and no staging left behind. */
export function storeSnapshot(core: Core) {
  const folder = installedClamFolder(core);
  const root = clamRoot(core.dataDir);
  return {
    current: currentDefinitionsSet(core),
    folder,
    files: folderFingerprint(folder),
    sets: core.db.prepare('SELECT id, state FROM definitions_sets ORDER BY seq').all(),
    leftovers: fs.existsSync(root) ? fs.readdirSync(root).filter((n) => n.startsWith('staging-')) : [],
  };
}

/** `clamscan -d <folder> <target>`: 0 clean, 1 found, 2 error. */
export function clamscanWith(folder: string, target: string) {
  const r = spawnSync('clamscan', [`--database=${folder}`, '--recursive=yes', target], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A container's header and its inflated tar, to damage on purpose. */
export function openContainer(file: string) {
  const buf = fs.readFileSync(file);
  return { header: buf.subarray(0, 512).toString('latin1'), tar: zlib.gunzipSync(buf.subarray(512)) };
}

/** Writes a container back: header fields as given, the body gzipped, and the header's MD5 of it made to match (so only the damage meant is there). */
export function writeContainer(file: string, header: string, tar: Buffer): void {
  const body = zlib.gzipSync(tar);
  const parts = header.trimEnd().split(':');
  parts[5] = createHash('md5').update(body).digest('hex');
  fs.writeFileSync(file, Buffer.concat([Buffer.from(parts.join(':').padEnd(512, ' '), 'latin1'), body]));
}

/** Edits one tar entry's header in place and fixes its checksum, as a crafted archive would. */
export function editTarHeader(tar: Buffer, name: string, edit: (header: Buffer) => void): Buffer {
  const out = Buffer.from(tar);
  for (let at = 0; at + 512 <= out.length; ) {
    const entry = out.subarray(at, at + 100).toString('latin1').replace(/\0.*$/s, '');
    const size = parseInt(out.subarray(at + 124, at + 136).toString('latin1').replace(/\0.*$/s, '').trim() || '0', 8);
    if (entry === name) {
      edit(out.subarray(at, at + 512));
      out.fill(0x20, at + 148, at + 156);
      let sum = 0;
      for (let i = at; i < at + 512; i++) sum += out[i]!;
      out.write(`${sum.toString(8).padStart(6, '0')}\0 `, at + 148, 'latin1');
      return out;
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  throw new Error(`no entry ${name}`);
}

export function renameTarEntry(tar: Buffer, from: string, to: string): Buffer {
  if (from.length !== to.length) throw new Error('same length only');
  return editTarHeader(tar, from, (h) => h.write(to, 0, 'latin1'));
}

export function dataOf(file: string): Buffer {
  return fs.readFileSync(file);
}

export function mkdir(...parts: string[]): string {
  const dir = path.join(...parts);
  fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** A valid .hdb of about `mb` megabytes: clamscan would load every line. */
export function bigHdb(file: string, mb: number): string {
  const lines: string[] = [];
  for (let i = 0; lines.length * 60 < mb * 1024 * 1024; i++) lines.push(`${i.toString(16).padStart(32, '0')}:${1000 + i}:${DEFS_TEST_SIGNATURE}.${i}`);
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}
