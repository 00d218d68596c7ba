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
