import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { staleBuild } from '../helpers/built-cli';

const SCRATCH = path.resolve(__dirname, '../../../out/bench/scratch.js');

/** A child that makes a benchmark's scratch folder, fills it, says where it is, then does what `then` says. */
function child(then: string): string {
  return `const fs = require('node:fs');
const dir = require(${JSON.stringify(SCRATCH)}).scratchDir('hoan-bench-scratch-test-');
fs.writeFileSync(dir + '/hoan.db', Buffer.alloc(1 << 20));
console.log(dir);
${then}`;
}

describe('[#15] a benchmark leaves no data behind', () => {
  it('built: run npm run build first', () => {
    expect(staleBuild(['electron', 'bench'])).toEqual([]);
  });

  it('[#15] the scratch folder is removed when the benchmark ends, and when it throws', () => {
    for (const then of ['', "throw new Error('the benchmark failed');"]) {
      const run = spawnSync(process.execPath, ['-e', child(then)], { encoding: 'utf8' });
      const dir = run.stdout.trim();
      expect(dir).toContain('hoan-bench-scratch-test-');
      expect(fs.existsSync(dir), then).toBe(false);
    }
  });

  // A busy loop, as the benchmarks spend minutes in synchronous SQLite work: no signal handler would run there.
  it.each(['SIGINT', 'SIGTERM', 'SIGKILL'] as const)('[#15] the scratch folder is removed when the benchmark is stopped with %s in the middle of synchronous work', async (signal) => {
    const proc = spawn(process.execPath, ['-e', child('for (;;) {}')], { stdio: ['ignore', 'pipe', 'inherit'] });
    const dir = await new Promise<string>((resolve) => proc.stdout.once('data', (d: Buffer) => resolve(d.toString().trim())));
    expect(fs.existsSync(path.join(dir, 'hoan.db'))).toBe(true);
    const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.once('exit', (_, sig) => resolve(sig)));
    proc.kill(signal);
    expect(await exited).toBe(signal);
    const deadline = Date.now() + 10_000;
    while (fs.existsSync(dir) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(fs.existsSync(dir)).toBe(false);
  });
});
