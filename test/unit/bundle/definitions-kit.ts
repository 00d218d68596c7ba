import { createHash } from 'node:crypto';
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { DEFINITIONS_LIST_PATH } from '../../../electron/core/bundle/bundle-layout';
import { getInstallation, loadSigningKey } from '../../../electron/core/bundle/installation';
import type { Core } from '../../../electron/core/core';
import { nameOf, type CraftEntry, type Signer } from './zip-craft';

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
