import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseBenchArgs, writeBenchJson, type BenchResult } from './bench-result';
import { scratchDir } from './scratch';

/**
 * `npm run bench [-- [--json FILE] [NAME...]]`: runs every benchmark under
 * bench/ (each compiled file named *.bench.js; only those whose names start
 * with a NAME given), one after another so they do not compete for the two
 * cores, and prints one table of all their figures. With `--json FILE` the
 * same figures are also written to FILE, one object per figure with the
 * machine's core count and Node version, so two runs can be compared.
 * HOAN_BENCH_DIR runs the benchmarks of another folder (the tests' own).
 * HOAN_BENCH_SHARED names a scratch folder of this run where a benchmark
 * may leave data another one reuses (the head office of 300 sites, half an
 * hour to build, is measured again by the start-up benchmark), removed with
 * the run.
 */
const dir = process.env.HOAN_BENCH_DIR ?? __dirname;
const { only, json } = (() => {
  try {
    return parseBenchArgs(process.argv.slice(2));
  } catch (err) {
    console.error((err as Error).message);
    process.exit(2);
  }
})();
const benches = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.bench.js'))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const shared = scratchDir('hoan-bench-shared-');
const results: BenchResult[] = [];
const failures: string[] = [];
for (const file of benches) {
  process.stderr.write(`[bench] ${file}…\n`);
  const run = spawnSync(process.execPath, ['--expose-gc', path.join(dir, file)], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, HOAN_BENCH_SHARED: shared },
  });
  const lines = (run.stdout ?? '').split('\n');
  const found = lines.filter((l) => l.startsWith('BENCH ')).map((l) => JSON.parse(l.slice(6)) as BenchResult);
  results.push(...found);
  if (run.status !== 0 || found.length === 0) failures.push(`${file} (exit ${run.status})`);
}

const fmt = (n: number | null, digits = 2) => (n === null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(digits));
const rows = [
  ['benchmark', 'figure', 'value', 'baseline', 'ratio', 'goal', 'result'],
  ...results.map((r) => [
    r.benchmark,
    r.figure,
    `${fmt(r.value)} ${r.unit}`,
    r.baseline ? `${r.baseline} = ${fmt(r.baselineValue)} ${r.unit}` : '—',
    fmt(r.ratio),
    r.goal,
    r.pass === null ? '—' : r.pass ? 'pass' : 'FAIL',
  ]),
];
const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => [...row[c]!].length)));
const line = (row: string[]) => `| ${row.map((cell, c) => cell.padEnd(widths[c]!)).join(' | ')} |`;
console.log(line(rows[0]!));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const row of rows.slice(1)) console.log(line(row));
if (failures.length > 0) console.log(`\nbenchmarks that did not finish: ${failures.join(', ')}`);
if (json) {
  writeBenchJson(json, results, new Date());
  console.log(`\nfigures written to ${json}`);
}
process.exitCode = failures.length > 0 ? 1 : 0;
