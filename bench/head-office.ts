/**
 * Head-office benchmark (issue 15, goal 3): 300 site bundles (each its own
 * installation: 5,000 media-log entries, 500 devices, a completed round, 50
 * small evidence files; bench/head-office-sample.ts) imported into one
 * head-office data folder, then what head office does with them:
 *
 *   import rate         bundles per minute, against verifying the same files
 *                       (verify, then import, bundle by bundle, alternating;
 *                       the sites in three thirds, one run each, median)
 *   dashboard:overview  p95 through the API router, as the sites list asks   (goal ≤ 200 ms)
 *   opening a site      the four channels the renderer asks when a site's
 *                       overview opens at head office (sites:get,
 *                       dashboard:site, bundle:origins, review:list), p95    (goal ≤ 100 ms)
 *   re-import           a site's next bundle (5,000 + 100 entries), against
 *                       verifying that bundle                                 (goal ≤ 2×)
 * Three runs each, alternating, the median reported.
 *
 *   npm run bench:office           (BENCH_SITES=20 for a quick run)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRouter, type Router } from '../electron/api/router';
import { importBundle } from '../electron/core/bundle/import-bundle';
import { trustStoreLookup } from '../electron/core/bundle/trust-lookup';
import { verifyBundle } from '../electron/core/bundle/verify-bundle';
import type { Core } from '../electron/core/core';
import { emit, limitResult, ratioResult, type BenchResult } from './bench-result';
import { buildSiteBundles, nextSiteBundle, openHeadOffice, sharedOfficeDir, type SiteSample } from './head-office-sample';
import { scratchDir } from './scratch';

const SITES = Number(process.env.BENCH_SITES ?? 300);
const RUNS = 3;
const CALLS = 30;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(0.95 * s.length))]!;
};
const since = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function verifyMs(office: Core, file: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  const { report } = await verifyBundle(file, { trust: trustStoreLookup(office.db), db: office.db, now: office.now() });
  const ms = since(t0);
  if (!report.ok) throw new Error(`${file} did not verify: ${JSON.stringify(report.failures).slice(0, 300)}`);
  return ms;
}

async function importMs(office: Core, file: string): Promise<number> {
  const t0 = process.hrtime.bigint();
  const outcome = await importBundle(office, file);
  const ms = since(t0);
  if (!outcome.imported) throw new Error(`head office refused ${file}: ${JSON.stringify(outcome.report.failures).slice(0, 300)}`);
  return ms;
}

async function call(router: Router, channel: string, input: unknown): Promise<unknown> {
  const reply = await router.handle(channel, input);
  if (!reply.ok) throw new Error(`${channel}: ${JSON.stringify(reply.error)}`);
  return reply.data;
}

async function main() {
  const root = scratchDir('hoan-bench-office-');
  const t0 = process.hrtime.bigint();
  console.log(`Hoan head-office benchmark: ${SITES} sites, ${os.cpus().length} CPU, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; in ${root}`);
  const samples = await buildSiteBundles(root, SITES, { keepData: (i) => i < RUNS });
  console.log(`built ${SITES} site bundles in ${(since(t0) / 1000).toFixed(0)} s`);

  const office = openHeadOffice(path.join(root, 'office'), samples);
  const router = createRouter(office, { log: (err) => { throw err; } });
  const results: BenchResult[] = [];

  // 1. Import: each bundle verified (the baseline), then imported; the sites in three runs.
  const thirds: { verify: number; import: number; n: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const part = samples.filter((_, i) => i % RUNS === run);
    let verify = 0;
    let imported = 0;
    for (const s of part) {
      verify += await verifyMs(office, s.file);
      imported += await importMs(office, s.file);
    }
    thirds.push({ verify, import: imported, n: part.length });
    console.log(`run ${run + 1}: ${part.length} bundles, import ${(imported / 1000).toFixed(1)} s (${((part.length * 60_000) / imported).toFixed(0)}/min), verify ${(verify / 1000).toFixed(1)} s, import/verify ${(imported / verify).toFixed(2)}`);
  }
  const perMinute = median(thirds.map((t) => (t.n * 60_000) / t.import));
  const verifyPerMinute = median(thirds.map((t) => (t.n * 60_000) / t.verify));
  const ratio = median(thirds.map((t) => t.import / t.verify));
  console.log(`import ${perMinute.toFixed(0)} bundles/min against verify ${verifyPerMinute.toFixed(0)}/min: import/verify ${ratio.toFixed(2)} (median of ${RUNS})`);
  results.push({ benchmark: 'office', figure: `import rate, ${SITES} site bundles (median of ${RUNS} runs)`, value: perMinute, unit: 'bundles/min', baseline: 'verifying the same bundles', baselineValue: verifyPerMinute, ratio: verifyPerMinute / perMinute, goal: '', pass: null });

  // 2 and 3. The dashboard and opening a site, three runs alternating.
  const sites = samples.map((s) => s.siteId);
  const overviewP95: number[] = [];
  const openP95: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const overview: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const t = process.hrtime.bigint();
      const rows = (await call(router, 'dashboard:overview', {})) as unknown[];
      overview.push(since(t));
      if (rows.length !== SITES) throw new Error(`dashboard:overview listed ${rows.length} sites, not ${SITES}`);
    }
    const open: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      const siteId = sites[(run * CALLS + i * 7) % sites.length]!;
      const t = process.hrtime.bigint();
      // As the renderer asks them when a site's overview opens (SiteDetailScreen, SiteAccessProvider, SiteReviewCard).
      await Promise.all([call(router, 'sites:get', { id: siteId }), call(router, 'bundle:origins', {}), call(router, 'dashboard:site', { siteId }), call(router, 'review:list', { siteId })]);
      open.push(since(t));
    }
    overviewP95.push(p95(overview));
    openP95.push(p95(open));
    console.log(`run ${run + 1}: dashboard:overview p50 ${median(overview).toFixed(1)} ms p95 ${p95(overview).toFixed(1)} ms; opening a site p50 ${median(open).toFixed(1)} ms p95 ${p95(open).toFixed(1)} ms`);
  }
  results.push(limitResult('office', `dashboard:overview, ${SITES} sites, p95 (median of ${RUNS})`, median(overviewP95), 'ms', 200));
  results.push(limitResult('office', `opening one site's overview, p95 (median of ${RUNS})`, median(openP95), 'ms', 100));

  // 4. The next bundle of a site head office holds: 100 more entries; verified, then imported.
  const next: { verify: number; import: number }[] = [];
  for (let run = 0; run < RUNS; run++) {
    const sample: SiteSample = samples[run]!;
    const file = await nextSiteBundle(sample, 100);
    const verify = await verifyMs(office, file);
    const imported = await importMs(office, file);
    next.push({ verify, import: imported });
    console.log(`run ${run + 1}: next bundle of ${sample.siteName} (${sample.entries} entries): import ${imported.toFixed(0)} ms, verify ${verify.toFixed(0)} ms, ratio ${(imported / verify).toFixed(2)}`);
  }
  const nextRatio = median(next.map((n) => n.import / n.verify));
  const nextRun = next.find((n) => n.import / n.verify === nextRatio)!;
  results.push(ratioResult('office', `re-import a site's next bundle (${samples[0]!.entries} entries; median of ${RUNS})`, nextRun.import, 'ms', 'verifying the same bundle', nextRun.verify, 2));
  office.close();
  // Inside `npm run bench`, the start-up benchmark measures this folder again rather than build another.
  if (process.env.HOAN_BENCH_SHARED) fs.renameSync(path.join(root, 'office'), sharedOfficeDir(process.env.HOAN_BENCH_SHARED, SITES));
  for (const r of results) emit(r);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
