import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../electron/core/core';
import { findEntry } from '../../../electron/core/media/checkpoint-log';
import { verifyChain } from '../../../electron/core/media/log-chain';
import { buildChildScript } from '../helpers/child-script';
import { tempDirs } from '../helpers/temp-dir';
import { mediaWorld } from './media-fixture';

const dirs = tempDirs('hoan-crash-');
let childScript: string;

beforeAll(async () => {
  childScript = await buildChildScript(path.join(__dirname, 'crash-child.ts'), dirs.make());
});
afterAll(() => dirs.cleanup());

interface Ack {
  n: number;
  id: string;
  hash: string;
}

/** Runs the child until it has acknowledged some entries, then SIGKILLs it after a random delay. */
function runAndKill(dataDir: string, siteId: string, mediumId: string): Promise<Ack[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, dataDir, siteId, mediumId], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_PATH: path.resolve(__dirname, '../../../node_modules'),
        HOAN_RESOURCES_DIR: path.resolve(__dirname, '../../../resources'),
      },
    });
    let out = '';
    let err = '';
    let armed = false;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!armed && out.includes('\n')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), 50 + Math.floor(Math.random() * 700));
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`child ended by itself (${String(code)}): ${err}`));
      // Only complete lines are acknowledgements; a line cut by the kill is not.
      const lines = out.split('\n').slice(0, -1);
      resolve(lines.map((l) => {
        const [, n, id, hash] = l.split(' ');
        return { n: Number(n), id: id!, hash: hash! };
      }));
    });
  });
}

describe('an acknowledged entry survives a crash', () => {
  it('SIGKILL at random moments: integrity_check ok, the chain verifies, every acknowledged entry is there', async () => {
    const dataDir = dirs.make();
    const w = mediaWorld(dataDir);
    const { site, medium } = w;
    w.core.close();

    const acked: Ack[] = [];
    for (let round = 0; round < 4; round++) {
      const acks = await runAndKill(dataDir, site.id, medium.id);
      expect(acks.length).toBeGreaterThan(0);
      acked.push(...acks);

      const core = openCore({ dataDir });
      try {
        expect(core.db.pragma('integrity_check', { simple: true })).toBe('ok');
        const verified = verifyChain(core.db, site.id);
        expect(verified.ok, JSON.stringify(verified.firstBreak)).toBe(true);
        expect(verified.entries).toBeGreaterThanOrEqual(acked.length);
        for (const a of acked) expect(findEntry(core.db, a.id)).toMatchObject({ n: a.n, hash: a.hash });
      } finally {
        core.close();
      }
    }
    // Each round continued the same chain after the previous crash.
    expect(acked.map((a) => a.n)).toEqual([...acked.map((a) => a.n)].sort((x, y) => x - y));
    expect(fs.existsSync(path.join(dataDir, 'hoan.sqlite3'))).toBe(true);
  }, 60_000);
});
