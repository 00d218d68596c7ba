import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BenchRecord, BenchResult } from '../../../bench/bench-result';
import { staleBuild } from '../helpers/built-cli';
import { tempDirs } from '../helpers/temp-dir';

const PROJECT = path.resolve(__dirname, '../../..');
const RUN_ALL = path.join(PROJECT, 'out', 'bench', 'run-all.js');
const dirs = tempDirs('hoan-bench-json-');
afterEach(() => dirs.cleanup());

const figure = (figure: string, value: number, pass: boolean | null): BenchResult => ({
  benchmark: 'sample',
  figure,
  value,
  unit: 'ms',
  baseline: pass === null ? '' : 'sha256',
  baselineValue: pass === null ? null : 100,
  ratio: pass === null ? null : value / 100,
  goal: pass === null ? '' : 'ratio ≤ 1.5',
  pass,
});

/** A benchmark folder holding one stand-in benchmark that prints the figures given, as the real ones do. */
function benchFolder(results: BenchResult[]): string {
  const dir = dirs.make();
  const lines = results.map((r) => `process.stdout.write(${JSON.stringify(`BENCH ${JSON.stringify(r)}\n`)});`).join('\n');
  fs.writeFileSync(path.join(dir, 'sample.bench.js'), `${lines}\n`);
  return dir;
}

/** As `npm run bench -- …` runs it: in the project's folder, with the folder it was typed in as INIT_CWD. */
function runAll(dir: string, args: string[], typedIn = process.cwd()) {
  return spawnSync(process.execPath, [RUN_ALL, ...args], { encoding: 'utf8', cwd: PROJECT, env: { ...process.env, HOAN_BENCH_DIR: dir, INIT_CWD: typedIn } });
}

describe('[#15] npm run bench -- --json FILE', () => {
  it('built: run npm run build first', () => {
    expect(staleBuild(['electron', 'bench'])).toEqual([]);
  });

  it('[#15] prints the table and writes the same figures to FILE, one object per figure with the core count and Node version', () => {
    const results = [figure('verify 1 GiB', 120, true), figure('openssl dgst alone', 100, null)];
    const dir = benchFolder(results);
    const file = path.join(dirs.make(), 'run-1.json');
    const run = runAll(dir, ['--json', file]);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\| sample +\| verify 1 GiB +\| 120 ms .*\| pass +\|/);
    expect(run.stdout).toMatch(/\| openssl dgst alone .*\| — +\|\n/);
    const records = JSON.parse(fs.readFileSync(file, 'utf8')) as BenchRecord[];
    expect(records.map(({ cores, node, platform, cpu, measuredAt, ...r }) => r)).toEqual(results);
    for (const r of records) {
      expect(r.cores).toBe(os.cpus().length);
      expect(r.node).toBe(process.version);
      expect(r.platform).toBe(`${process.platform}-${process.arch}`);
      expect(Date.parse(r.measuredAt)).not.toBeNaN();
    }
    expect(fs.readdirSync(path.dirname(file))).toEqual(['run-1.json']);
  });

  it('[#15] --json without a file name, or into a folder that does not exist, is a usage error (exit 2) before anything runs', () => {
    const dir = benchFolder([figure('verify', 1, true)]);
    const run = runAll(dir, ['--json']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--json needs a file name');
    expect(run.stdout).toBe('');
    const missing = runAll(dir, ['--json', path.join(dirs.make(), 'no-such-folder', 'run.json')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--json: the folder .*no-such-folder does not exist/);
    expect(missing.stdout).toBe('');
  });

  it('[#15] a relative FILE is taken from the folder npm was started in (INIT_CWD), not the project folder', () => {
    const dir = benchFolder([figure('verify', 1, true)]);
    const typedIn = dirs.make();
    const run = runAll(dir, ['--json', 'run.json'], typedIn);
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(fs.readFileSync(path.join(typedIn, 'run.json'), 'utf8'))).toHaveLength(1);
    expect(fs.existsSync(path.join(PROJECT, 'run.json'))).toBe(false);
  });
});
