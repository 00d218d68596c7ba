import { createHash } from 'node:crypto';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DEFINITIONS_LIST_PATH } from '../../../electron/core/bundle/bundle-layout';
import { getInstallation, loadSigningKey } from '../../../electron/core/bundle/installation';
import type { Core } from '../../../electron/core/core';
import { TEST_MALWARE, TEST_SIGNATURE } from '../media/media-fixture';
import { nameOf, type CraftEntry, type Signer } from './zip-craft';

/**
 * ClamAV containers for the bundle-definitions tests, built by stock sigtool
 * like media-fixture's buildClamContainer, with the version and the
 * functionality level chosen (a level above the engine's is the store's
 * refusal the tests need).
 */
export function buildDaily(dir: string, version: number, flevel?: number): string {
  fs.mkdirSync(dir, { recursive: true });
  const work = fs.mkdtempSync(path.join(dir, '.build-'));
  fs.writeFileSync(path.join(work, 'COPYING'), 'Hoan test signatures\n');
  const md5 = createHash('md5').update(TEST_MALWARE).digest('hex');
  fs.writeFileSync(path.join(work, 'daily.hdb'), `${md5}:${TEST_MALWARE.length}:${TEST_SIGNATURE}\n`);
  const args = ['--build=daily.cud', '--unsigned', `--cvd-version=${version}`, '--no-cdiff', `--datadir=${work}`, ...(flevel ? [`--flevel=${flevel}`] : [])];
  execFileSync('sigtool', args, { cwd: work, input: 'hoan-test\n', stdio: ['pipe', 'pipe', 'pipe'] });
  const out = path.join(dir, 'daily.cud');
  fs.renameSync(path.join(work, 'daily.cud'), out);
  fs.rmSync(work, { recursive: true, force: true });
  return out;
}

/** The build time in a container's header (its last field, seconds since 1970): the store refuses sets built after "now". */
export function headerBuiltAt(file: string): Date {
  const header = fs.readFileSync(file).subarray(0, 512).toString('latin1').replace(/\0+$/, '').trim();
  return new Date(Number(header.split(':')[8]) * 1000);
}

/** clamscan with only the given database folder: exit 1 and the test signature's name when TEST_MALWARE is found. */
export function scanWith(databaseDir: string, folder: string): { status: number | null; stdout: string } {
  const run = spawnSync('clamscan', ['--no-summary', '-r', '-d', databaseDir, folder], { encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout };
}

export function signerOf(core: Core): Signer {
  return { privateKey: loadSigningKey(core.dataDir), publicBlob: getInstallation(core.db).publicBlob };
}

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** Swaps a carried file's bytes and keeps the list consistent with them: what a forger holding head office's key could send. */
export function replaceCarried(entries: CraftEntry[], name: string, data: Buffer): CraftEntry[] {
  return entries.map((e) => {
    if (nameOf(e) === `data/definitions/clamav/${name}`) return { ...e, data };
    if (nameOf(e) !== DEFINITIONS_LIST_PATH) return e;
    const list = JSON.parse(e.data.toString('utf8')) as { files: { name: string; sha256: string; size: number }[] };
    for (const f of list.files) if (f.name === name) Object.assign(f, { sha256: sha256(data), size: data.length });
    return { ...e, data: Buffer.from(`${JSON.stringify(list)}\n`) };
  });
}

/** Runs import-crash-child.ts (bundled by the caller) in a fresh process; resolves with its lines and whether it was killed. */
export function runImportChild(script: string, dataDir: string, file: string, point: string): Promise<{ killed: boolean; lines: string[] }> {
  const root = path.resolve(__dirname, '../../..');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dataDir, file, point], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: path.join(root, 'node_modules'), HOAN_RESOURCES_DIR: path.join(root, 'resources') },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`child failed (${String(code)}): ${out}${err}`));
      resolve({ killed: signal === 'SIGKILL', lines: out.split('\n').filter(Boolean) });
    });
  });
}
