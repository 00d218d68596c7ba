/**
 * Network diagram benchmark (issue 14): networkDiagramSvg for a made-up
 * site (registers-sample.ts) of 30 devices and 8 connection points (the A4
 * case) and of 500 devices and 100 points (the stress case; goal < 2 s).
 * Each measurement is a child process of its own — it loads the diagram
 * module (and so elkjs, ~1.7 MB of compiled Java) and draws once, then once
 * more — run three times, the two sizes alternating; the median is taken.
 * The goal is on the first drawing of a fresh process, module loading
 * included, as the CLI or the report meets it; the second is what the app
 * pays once elk is loaded. Peak RSS is the child's own.
 *
 *   npm run bench:registers
 */
import { spawnSync } from 'node:child_process';
import { emit, limitResult, type BenchResult } from './bench-result';

const RUNS = 3;
const SIZES = [
  { devices: 30, points: 8, goalMs: null },
  { devices: 500, points: 100, goalMs: 2000 },
] as const;

interface Measured {
  firstMs: number;
  secondMs: number;
  bytes: number;
  rssMb: number;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

async function child(devices: number, points: number): Promise<Measured> {
  const t0 = now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { networkDiagramSvg } = require('../electron/core/registers/network-diagram') as typeof import('../electron/core/registers/network-diagram');
  const { sampleDiagramInput } = await import('./registers-sample');
  const input = sampleDiagramInput(devices, points);
  const svg = await networkDiagramSvg(input, 'ja');
  const firstMs = now() - t0;
  const t1 = now();
  await networkDiagramSvg(sampleDiagramInput(devices, points), 'ja');
  const secondMs = now() - t1;
  return { firstMs, secondMs, bytes: Buffer.byteLength(svg), rssMb: Math.round(process.resourceUsage().maxRSS / 1024) };
}

function main(): void {
  const runs = new Map<number, Measured[]>(SIZES.map((s) => [s.devices, []]));
  for (let i = 0; i < RUNS; i++) {
    for (const size of SIZES) {
      const run = spawnSync(process.execPath, [__filename, '--child', String(size.devices), String(size.points)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      if (run.status !== 0) throw new Error(`diagram child failed (exit ${run.status})`);
      runs.get(size.devices)!.push(JSON.parse(run.stdout.trim().split('\n').pop()!) as Measured);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const results: BenchResult[] = [];
  for (const size of SIZES) {
    const m = runs.get(size.devices)!;
    const label = `${size.devices} devices, ${size.points} points`;
    process.stderr.write(
      `[registers] ${label}: first ${m.map((r) => r.firstMs.toFixed(0)).join(' / ')} ms, second ${m.map((r) => r.secondMs.toFixed(0)).join(' / ')} ms, ` +
        `${(m[0]!.bytes / 1024).toFixed(0)} KB of SVG, peak RSS ${m.map((r) => r.rssMb).join(' / ')} MB\n`,
    );
    const first = median(m.map((r) => r.firstMs));
    const firstFigure = `diagram ${label}: fresh process, elkjs loaded and first drawing (median of ${RUNS})`;
    results.push(
      size.goalMs === null
        ? { benchmark: 'registers', figure: firstFigure, value: first, unit: 'ms', baseline: '', baselineValue: null, ratio: null, goal: '', pass: null }
        : limitResult('registers', firstFigure, first, 'ms', size.goalMs),
      { benchmark: 'registers', figure: `diagram ${label}: second drawing, elkjs loaded (median)`, value: median(m.map((r) => r.secondMs)), unit: 'ms', baseline: '', baselineValue: null, ratio: null, goal: '', pass: null },
      { benchmark: 'registers', figure: `diagram ${label}: peak RSS of the process (highest)`, value: Math.max(...m.map((r) => r.rssMb)), unit: 'MB', baseline: '', baselineValue: null, ratio: null, goal: '', pass: null },
    );
  }
  for (const r of results) emit(r);
}

const at = process.argv.indexOf('--child');
if (at >= 0) {
  child(Number(process.argv[at + 1]), Number(process.argv[at + 2]))
    .then((m) => process.stdout.write(`${JSON.stringify(m)}\n`))
    .catch((err: unknown) => {
      process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
      process.exitCode = 1;
    });
} else {
  main();
}
