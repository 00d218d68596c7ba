/**
 * Start-up benchmark (issue 15, goals 4 and 7): `hoan serve` on big data
 * folders, each start a fresh process, as a user starts it.
 *
 *   first API answer   from spawning `hoan serve` to the answer of the
 *                      renderer's first request (settings:get), sent as soon
 *                      as the address is printed              (goal ≤ 1.5 s)
 *   first paint        from spawning `hoan serve` to the first paint of the
 *                      sites list (its table with a row) in Chromium, the
 *                      address opened as soon as it is printed  (goal ≤ 1 s)
 *
 * Baseline, measured in the same runs the same way: a bare Node HTTP server
 * (a process of its own that listens, prints its address and answers `{}`),
 * and for the paint the same server handing Chromium a static page with a
 * one-row table: what any Node host costs before Hoan does anything.
 *
 * Data folders: a site with 1,000,000 media-log entries (startup-sample.ts;
 * BENCH_STARTUP_ENTRIES for fewer) and a head office with 300 imported
 * sites (head-office-sample.ts; BENCH_STARTUP_SITES). Filling them takes
 * minutes: BENCH_STARTUP_SITE_DIR / BENCH_STARTUP_OFFICE_DIR name folders
 * filled earlier instead (opened, never changed beyond what `hoan serve`
 * does). Three runs, folders alternating, median reported. Also printed:
 * when the background quick_check ended, and how long settings:get took
 * while it ran (the host's event loop is not blocked by it).
 *
 * Chromium: /usr/bin/chromium (HOAN_CHROMIUM) through playwright-core.
 *
 *   npm run bench:startup
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { emit, type BenchResult } from './bench-result';
import { buildSiteBundles, importAll, openHeadOffice, sharedOfficeDir } from './head-office-sample';
import { scratchDir } from './scratch';
import { fillMediaLogSite } from './startup-sample';

const RUNS = 3;
const ENTRIES = Number(process.env.BENCH_STARTUP_ENTRIES ?? 1_000_000);
const SITES = Number(process.env.BENCH_STARTUP_SITES ?? 300);
const API_GOAL_MS = 1500;
const PAINT_GOAL_MS = 1000;
const ROOT = path.resolve(__dirname, '..', '..');
const HOAN_BIN = path.join(ROOT, 'electron', 'cli', 'bin.cjs');
const CHROMIUM = process.env.HOAN_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Wall-clock time in ms with sub-ms precision: comparable with a page's performance.timeOrigin + now(). */
const epochMs = () => performance.timeOrigin + performance.now();

/** The baseline host: listens, prints its address, answers every request; `/` is a page with a one-row table. */
const BARE_HOST = `
const http = require('node:http');
const page = '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>bare</title></head><body><table data-testid="sites-table"><tbody><tr><td>事業場</td></tr></tbody></table></body></html>';
const server = http.createServer((req, res) => {
  if (req.method === 'GET') { res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }); return res.end(page); }
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'Content-Type': 'application/json' }); res.end('{"ok":true,"data":{}}'); });
});
server.listen(0, '127.0.0.1', () => console.log('http://127.0.0.1:' + server.address().port + '/?token=bare'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
`;

interface Started {
  child: ChildProcess;
  url: string;
  origin: string;
  token: string;
  spawnedAt: number;
}

async function startHost(dataDir: string | null): Promise<Started> {
  const spawnedAt = epochMs();
  const child =
    dataDir === null
      ? spawn(process.execPath, ['-e', BARE_HOST], { stdio: ['ignore', 'pipe', 'inherit'] })
      : spawn(process.execPath, [HOAN_BIN, 'serve', '--no-open', '--port', '0', '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+/.exec(output);
      if (match) resolve(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`host exited with ${code}: ${output}`)));
  });
  const parsed = new URL(url);
  return { child, url, origin: parsed.origin, token: parsed.searchParams.get('token')!, spawnedAt };
}

async function stopHost(host: Started): Promise<void> {
  if (host.child.exitCode !== null) return;
  const exited = new Promise((resolve) => host.child.once('exit', resolve));
  host.child.kill('SIGTERM');
  await exited;
}

async function call(host: Started, channel: string): Promise<unknown> {
  const response = await fetch(`${host.origin}/api/${encodeURIComponent(channel)}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${host.token}`, 'Content-Type': 'application/json' },
    body: '{}',
  });
  const envelope = (await response.json()) as { ok: boolean; data?: unknown };
  if (!envelope.ok) throw new Error(`${channel}: ${JSON.stringify(envelope)}`);
  return envelope.data;
}

interface ApiRun {
  firstMs: number;
  /** The sites list's own data (sites:list, then dashboard:overview), after the first answer. */
  listMs: number;
  /** From spawn to quick_check's end, and settings:get latencies sampled while it ran. */
  checkMs: number | null;
  checkState: string;
  duringCheckMs: number[];
}

async function measureApi(dataDir: string | null): Promise<ApiRun> {
  const host = await startHost(dataDir);
  try {
    await call(host, 'settings:get');
    const firstMs = epochMs() - host.spawnedAt;
    if (dataDir === null) return { firstMs, listMs: firstMs, checkMs: null, checkState: '', duringCheckMs: [] };
    await call(host, 'sites:list');
    await call(host, 'dashboard:overview');
    const listMs = epochMs() - host.spawnedAt;
    const duringCheckMs: number[] = [];
    let state = 'not_started';
    for (;;) {
      state = ((await call(host, 'db:integrity')) as { state: string }).state;
      if (state !== 'not_started' && state !== 'running') break;
      const t0 = epochMs();
      await call(host, 'settings:get');
      if (state === 'running') duringCheckMs.push(epochMs() - t0);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return { firstMs, listMs, checkMs: epochMs() - host.spawnedAt, checkState: state, duringCheckMs };
  } finally {
    await stopHost(host);
  }
}

/**
 * Opens the printed address in a fresh browser context the moment it is
 * printed; the page notes when the sites table with a row has been painted
 * (the frame after the one that holds it), in wall-clock time.
 */
/** Run in the page before its own scripts (as a string: this file is compiled without the DOM's types). */
const PAINT_PROBE = `
const seen = () => document.querySelector('[data-testid="sites-table"] tbody tr') !== null;
const observer = new MutationObserver(() => {
  if (!seen()) return;
  observer.disconnect();
  requestAnimationFrame(() => setTimeout(() => (window.__listPaintedAt = performance.timeOrigin + performance.now()), 0));
});
observer.observe(document, { childList: true, subtree: true });
`;

async function measurePaint(browser: Browser, dataDir: string | null): Promise<number> {
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.addInitScript(PAINT_PROBE);
  const host = await startHost(dataDir);
  try {
    await page.goto(host.url);
    const paintedAt = (await (await page.waitForFunction(() => (globalThis as { __listPaintedAt?: number }).__listPaintedAt, undefined, { timeout: 60_000 })).jsonValue()) as number;
    return paintedAt - host.spawnedAt;
  } finally {
    await context.close();
    await stopHost(host);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p95 = (xs: number[]) => (xs.length === 0 ? NaN : [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(0.95 * xs.length))]!);

async function prepareFolders(): Promise<{ label: string; dir: string }[]> {
  const folders: { label: string; dir: string }[] = [];
  const siteDir = process.env.BENCH_STARTUP_SITE_DIR;
  if (siteDir) folders.push({ label: `site, ${ENTRIES.toLocaleString('en')} log entries`, dir: siteDir });
  else {
    const dir = scratchDir('hoan-bench-startup-site-');
    const t0 = Date.now();
    fillMediaLogSite(dir, ENTRIES, (done) => done % 200_000 === 0 && process.stderr.write(`  [startup] log ${done.toLocaleString('en')}\n`));
    process.stderr.write(`[startup] site with ${ENTRIES.toLocaleString('en')} log entries filled in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    folders.push({ label: `site, ${ENTRIES.toLocaleString('en')} log entries`, dir });
  }
  const shared = process.env.HOAN_BENCH_SHARED ? sharedOfficeDir(process.env.HOAN_BENCH_SHARED, SITES) : null;
  const officeDir = process.env.BENCH_STARTUP_OFFICE_DIR ?? (shared && fs.existsSync(shared) ? shared : undefined);
  if (officeDir) folders.push({ label: `head office, ${SITES} sites`, dir: officeDir });
  else {
    const root = scratchDir('hoan-bench-startup-office-');
    const t0 = Date.now();
    const samples = await buildSiteBundles(path.join(root, 'sample'), SITES, { keepData: () => false });
    const office = openHeadOffice(path.join(root, 'office'), samples);
    try {
      await importAll(office, samples);
    } finally {
      office.close();
    }
    fs.rmSync(path.join(root, 'sample'), { recursive: true, force: true });
    process.stderr.write(`[startup] head office with ${SITES} sites built in ${((Date.now() - t0) / 1000).toFixed(0)} s\n`);
    folders.push({ label: `head office, ${SITES} sites`, dir: path.join(root, 'office') });
  }
  return folders;
}

async function main(): Promise<void> {
  const folders = await prepareFolders();
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const hosts = [{ label: 'bare Node HTTP server', dir: null as string | null }, ...folders];
  const api = new Map<string, ApiRun[]>(hosts.map((h) => [h.label, []]));
  const paint = new Map<string, number[]>(hosts.map((h) => [h.label, []]));
  try {
    for (let run = 0; run < RUNS; run++) {
      // Alternating: each run starts from a different host, so a slow spell of the machine is shared.
      const order = hosts.map((_, i) => hosts[(i + run) % hosts.length]!);
      for (const h of order) {
        api.get(h.label)!.push(await measureApi(h.dir));
        paint.get(h.label)!.push(await measurePaint(browser, h.dir));
      }
    }
  } finally {
    await browser.close();
  }

  const load = os.loadavg().map((l) => l.toFixed(1)).join(' ');
  const bareApi = median(api.get(hosts[0]!.label)!.map((r) => r.firstMs));
  const barePaint = median(paint.get(hosts[0]!.label)!);
  const results: BenchResult[] = [
    { benchmark: 'startup', figure: 'first answer: bare Node HTTP server (median)', value: bareApi, unit: 'ms', baseline: '', baselineValue: null, ratio: null, goal: '', pass: null },
    { benchmark: 'startup', figure: 'first paint: bare server, static one-row table (median)', value: barePaint, unit: 'ms', baseline: '', baselineValue: null, ratio: null, goal: '', pass: null },
  ];
  for (const f of folders) {
    const runs = api.get(f.label)!;
    const first = median(runs.map((r) => r.firstMs));
    const painted = median(paint.get(f.label)!);
    const during = runs.flatMap((r) => r.duringCheckMs);
    process.stderr.write(
      `[startup] ${f.label}: first answer ${runs.map((r) => r.firstMs.toFixed(0)).join(' / ')} ms, list data ${runs.map((r) => r.listMs.toFixed(0)).join(' / ')} ms, ` +
        `first paint ${paint.get(f.label)!.map((v) => v.toFixed(0)).join(' / ')} ms; quick_check ${runs.map((r) => `${r.checkState} at ${(r.checkMs ?? 0).toFixed(0)}`).join(' / ')} ms; ` +
        `settings:get while it ran p95 ${p95(during).toFixed(1)} ms (${during.length} calls)\n`,
    );
    results.push(
      { benchmark: 'startup', figure: `${f.label}: first API answer from spawn (median of ${RUNS})`, value: first, unit: 'ms', baseline: 'bare Node HTTP server', baselineValue: bareApi, ratio: first / bareApi, goal: `≤ ${API_GOAL_MS} ms`, pass: first <= API_GOAL_MS },
      { benchmark: 'startup', figure: `${f.label}: first paint of the sites list from spawn (median of ${RUNS})`, value: painted, unit: 'ms', baseline: 'bare server, static page', baselineValue: barePaint, ratio: painted / barePaint, goal: `≤ ${PAINT_GOAL_MS} ms`, pass: painted <= PAINT_GOAL_MS },
      { benchmark: 'startup', figure: `${f.label}: sites:list and dashboard:overview answered, from spawn (median)`, value: median(runs.map((r) => r.listMs)), unit: 'ms', baseline: '', baselineValue: null, ratio: null, goal: '', pass: null },
      { benchmark: 'startup', figure: `${f.label}: background quick_check ended, from spawn (median; ${runs.map((r) => r.checkState).join('/')})`, value: median(runs.map((r) => r.checkMs ?? NaN)), unit: 'ms', baseline: '', baselineValue: null, ratio: null, goal: '', pass: null },
      { benchmark: 'startup', figure: `${f.label}: settings:get while quick_check ran, p95 of ${during.length}`, value: p95(during), unit: 'ms', baseline: '', baselineValue: null, ratio: null, goal: '', pass: null },
    );
  }
  process.stderr.write(`[startup] load average ${load} on ${os.cpus().length} CPU, Node ${process.version}\n`);
  for (const r of results) emit(r);
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 1;
});
