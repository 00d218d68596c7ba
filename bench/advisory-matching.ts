/**
 * Advisory matching benchmark (issue 13), run by advisories.ts after its
 * import figures: a site of 10,000 devices, its ledger imported through the
 * inventory import, matched against every current advisory of a data folder
 * (the 2,500-advisory corpus advisories.ts writes and imports). The ledger
 * is written from the corpus's own products, as sites write them: makers in
 * Japanese or English with 株式会社 / Corporation, models that are product
 * names or fit model numbers, versions in the sites' forms (Ver.1.050C,
 * R6.05.00, V4.0.15.0); two devices in five have makers or models no
 * advisory names. matchSite runs in a child process of its own (opening the
 * data folder, reading the alias table, loading candidates and matching;
 * three children, one run each), so its time and peak RSS are its own.
 * Goals: ≤ 2 s per run, peak RSS ≤ 400 MB.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { matchSite } from '../electron/core/advisories/advisory-matching';
import { activeMakerAliases } from '../electron/core/advisories/maker-alias-store';
import { openCore } from '../electron/core/core';
import { importFile } from '../electron/core/inventory/import-jobs';
import { createSite } from '../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../electron/core/sites/site-schema';
import { limitResult, type BenchResult } from './bench-result';

export const MATCH_DEVICES = Number(process.env.BENCH_MATCH_DEVICES ?? 10_000);
const RUNS = 3;

interface ProductSample {
  vendor: string;
  product_name: string;
  model_numbers_json: string;
}

/** A deterministic pseudo-random sequence, so every run matches the same ledger. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
    return x / 2_147_483_648;
  };
}

const csvField = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** Writes the site's ledger from the corpus's products and imports it; returns the site's id. */
export async function importBenchLedger(dataDir: string, file: string, devices = MATCH_DEVICES): Promise<string> {
  const core = openCore({ dataDir, userName: 'bench' });
  try {
    const site = createSite(
      core.db,
      siteFieldsSchema.parse({ name: '第一発電所', region: 'kanto', gridConnected: true, reversePowerFlow: false, hasRemoteMonitoring: true, hasControlSystem: true, installationType: 'existing' }),
      new Date(),
    );
    const { table, resolver } = activeMakerAliases(core);
    const names = new Map(table.makers.map((m) => [m.key, m.name]));
    const products = core.db
      .prepare(
        `SELECT p.vendor, p.product_name, p.model_numbers_json FROM advisory_products p
         JOIN advisories a ON a.id = p.advisory_id AND a.superseded_by IS NULL GROUP BY p.vendor, p.product_name`,
      )
      .all() as ProductSample[];
    if (products.length === 0) throw new Error('the data folder holds no advisories to match');
    const next = random(13);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!;
    const version = () => {
      const n = Math.floor(next() * 6);
      const [a, b, c] = [Math.floor(next() * 10), Math.floor(next() * 100), Math.floor(next() * 20)];
      return [`Ver.${a}.${String(b).padStart(3, '0')}${pick(['C', 'R', 'U'])}`, `R${a}.${String(b % 100).padStart(2, '0')}.00`, `V${a}.0.${c}.0`, `${a}.${b}`, `${a}`, ''][n]!;
    };
    const lines = ['管理番号,機器名,メーカー,型式,OS/ファームウェア,バージョン'];
    for (let i = 1; i <= devices; i++) {
      const assetId = `DEV-${String(i).padStart(5, '0')}`;
      if (next() < 0.4) {
        lines.push([assetId, `監視PC ${i}`, pick(['ヤマハ', '富士通', 'バッファロー', 'エレコム', '']), `MODEL-${i % 500}`, 'Windows 10', '22H2'].map(csvField).join(','));
        continue;
      }
      const product = pick(products);
      const maker = resolver.makerKey(product.vendor);
      const name = maker && names.get(maker.key);
      const written = name ? pick([`${name.ja}株式会社`, name.ja, name.en, `${name.en} Corporation`]) : product.vendor.trim();
      const models = JSON.parse(product.model_numbers_json) as string[];
      const model = models.length && next() < 0.5 ? pick(models).replace(/\*/g, 'AB').replace(/\?/g, 'S') : product.product_name;
      lines.push([assetId, `制御装置 ${i}`, written, model, '', version()].map(csvField).join(','));
    }
    fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    const { result } = await importFile(core, { siteId: site.id, file, dryRun: false });
    if (!result || result.batch.counts.created !== devices) throw new Error('not every device was imported');
    return site.id;
  } finally {
    core.close();
  }
}

interface Measured {
  ms: number;
  rssMb: number;
  matches: number;
  affected: number;
  advisories: number;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;

/**
 * In the child: open the folder and match the site once, as the app does
 * when a site's tab opens. One run per child: three runs in one process
 * measured the garbage of the earlier runs (218 MB for one run, 427 MB
 * after three), not what matching a site needs.
 */
function childMatch(dataDir: string, siteId: string): Measured {
  const core = openCore({ dataDir });
  try {
    const t0 = now();
    const matches = matchSite(core, siteId);
    const ms = now() - t0;
    const advisories = (core.db.prepare('SELECT count(*) FROM advisories WHERE superseded_by IS NULL').pluck().get() as number) ?? 0;
    return { ms, rssMb: Math.round(process.resourceUsage().maxRSS / 1024), matches: matches.length, affected: matches.filter((m) => m.status === 'affected').length, advisories };
  } finally {
    core.close();
  }
}

/** Matches the site in three child processes, one run each, and returns the figures (`matching` rows of the bench table). */
export function matchingBench(dataDir: string, siteId: string): BenchResult[] {
  const runs: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    const run = spawnSync(process.execPath, [__filename, '--match-child', dataDir, siteId], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    if (run.status !== 0) throw new Error(`matching child failed (exit ${run.status})`);
    runs.push(JSON.parse(run.stdout.trim().split('\n').pop()!) as Measured);
  }
  const m = runs[0]!;
  const times = runs.map((r) => r.ms);
  const median = [...times].sort((x, y) => x - y)[Math.floor(times.length / 2)]!;
  process.stderr.write(
    `[matching] ${MATCH_DEVICES} devices × ${m.advisories} advisories: ${times.map((ms) => ms.toFixed(0)).join(' / ')} ms, ` +
      `${m.matches} matches (${m.affected} affected), peak RSS ${runs.map((r) => r.rssMb).join(' / ')} MB\n`,
  );
  return [
    limitResult('advisories', `match ${MATCH_DEVICES} devices against ${m.advisories} advisories, ${m.matches} matches (alias table, candidates, match; median of ${RUNS})`, median, 'ms', 2000),
    limitResult('advisories', `match ${MATCH_DEVICES} devices, slowest of ${RUNS} runs`, Math.max(...times), 'ms', 2000),
    limitResult('advisories', 'peak RSS, matching (open and match one site; highest of the runs)', Math.max(...runs.map((r) => r.rssMb)), 'MB', 400),
  ];
}

const at = process.argv.indexOf('--match-child');
if (at >= 0) {
  try {
    process.stdout.write(`${JSON.stringify(childMatch(process.argv[at + 1]!, process.argv[at + 2]!))}\n`);
  } catch (err) {
    process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
}
