import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * One measured figure of a benchmark, against a baseline measured in the
 * same run on the same machine. Each benchmark prints its figures as
 * `BENCH {json}` lines; `npm run bench` gathers them into one table.
 */
export interface BenchResult {
  benchmark: string;
  figure: string;
  value: number;
  unit: string;
  /** What the figure is compared with, e.g. "exceljs streaming read". Empty for absolute goals. */
  baseline: string;
  baselineValue: number | null;
  /** value / baselineValue, when there is a baseline. */
  ratio: number | null;
  /** The goal, in words: "ratio ≤ 1.3", "≤ 350 MB"; '' for a figure printed only to help read another. */
  goal: string;
  /** null: no goal, so no verdict (a baseline's own figure, a breakdown). */
  pass: boolean | null;
}

/** A figure as `npm run bench -- --json FILE` writes it: with the machine it was measured on. */
export interface BenchRecord extends BenchResult {
  cores: number;
  node: string;
  platform: string;
  cpu: string;
  measuredAt: string;
}

/**
 * `[--json FILE] [NAME...]`, in any order. FILE is taken from the folder the
 * command was typed in (npm runs scripts in the project's folder and says
 * where it was started in INIT_CWD), and its folder must exist before the
 * benchmarks run, so a long run never ends in a file it cannot write. A
 * `--json` without a file name, or into a missing folder, is a usage error.
 */
export function parseBenchArgs(argv: readonly string[], cwd = process.env.INIT_CWD ?? process.cwd()): { only: string[]; json: string | null } {
  const only: string[] = [];
  let json: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json' || arg.startsWith('--json=')) {
      const file = arg === '--json' ? argv[++i] : arg.slice('--json='.length);
      if (!file || file.startsWith('--')) throw new Error('--json needs a file name: npm run bench -- --json results.json');
      json = path.resolve(cwd, file);
      if (!fs.existsSync(path.dirname(json))) throw new Error(`--json: the folder ${path.dirname(json)} does not exist`);
    } else only.push(arg);
  }
  return { only, json };
}

/**
 * Writes the figures as a JSON array, one object per figure, beside the
 * target first and then renamed, so an interrupted run never leaves a
 * half-written file where a comparison would read it.
 */
export function writeBenchJson(file: string, results: readonly BenchResult[], at: Date): void {
  const machine = { cores: os.cpus().length, node: process.version, platform: `${process.platform}-${process.arch}`, cpu: os.cpus()[0]?.model.trim() ?? '' };
  const records: BenchRecord[] = results.map((r) => ({ ...r, ...machine, measuredAt: at.toISOString() }));
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, `${JSON.stringify(records, null, 2)}\n`);
  fs.renameSync(partial, file);
}

export function emit(result: BenchResult): void {
  process.stdout.write(`BENCH ${JSON.stringify(result)}\n`);
}

export function ratioResult(
  benchmark: string,
  figure: string,
  value: number,
  unit: string,
  baseline: string,
  baselineValue: number,
  maxRatio: number,
): BenchResult {
  const ratio = value / baselineValue;
  return { benchmark, figure, value, unit, baseline, baselineValue, ratio, goal: `ratio ≤ ${maxRatio}`, pass: ratio <= maxRatio };
}

export function limitResult(benchmark: string, figure: string, value: number, unit: string, max: number): BenchResult {
  return { benchmark, figure, value, unit, baseline: '', baselineValue: null, ratio: null, goal: `≤ ${max} ${unit}`, pass: value <= max };
}
