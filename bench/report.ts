/**
 * Report benchmark (issue 15, goal 5): the inspector's report of a big year
 * — one site with 50,000 check-ins in the period (and 5,000 check-outs of
 * them), 2,000 devices and a checklist round — written by the built command
 * as a user runs it, `hoan report --xlsx`, in a child process of its own.
 * Measured in the same run, alternating, three times each:
 *   (a) exceljs's streaming writer alone, in its own process, writing as
 *       many plain rows (16 text cells each, the media sheet's width) to a
 *       file: what the library costs before Hoan reads, formats or styles
 *       anything (printed without a verdict)
 *   (b) `node electron/cli/bin.cjs report --site … --from … --to … --xlsx FILE`
 * Goals on (b): ≤ 5 s wall time and ≤ 300 MB peak RSS (medians of three).
 * The workbook of the first run is read back (exceljs's streaming reader) to
 * check it holds every check-in.
 *
 *   npm run bench:report        (BENCH_REPORT_ENTRIES, BENCH_REPORT_DEVICES, BENCH_REPORT_RUNS to change)
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { createRound } from '../electron/core/checklist/round-repository';
import { recordClassification } from '../electron/core/classification/classification-repository';
import { classificationAnswersSchema } from '../electron/core/classification/classification-schema';
import { openCore } from '../electron/core/core';
import { importFile } from '../electron/core/inventory/import-jobs';
import { appendEntry, type EntryDraft } from '../electron/core/media/checkpoint-log';
import { createMedium } from '../electron/core/media/media-registry';
import { mediumFieldsSchema } from '../electron/core/media/media-schema';
import type { CheckInBody, LogEntry, Medium } from '../electron/core/media/media-types';
import { saveSetup } from '../electron/core/settings/first-run';
import { createSite } from '../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../electron/core/sites/site-schema';
import { emit, limitResult, type BenchResult } from './bench-result';
import { scratchDir } from './scratch';

const ENTRIES = Number(process.env.BENCH_REPORT_ENTRIES ?? 50_000);
const DEVICES = Number(process.env.BENCH_REPORT_DEVICES ?? 2_000);
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 3);
const CHECK_OUT_EVERY = 10;
const FILL_BATCH = 5_000;
/** The period: Japan's fiscal year 2025, days in the installation's zone (Asia/Tokyo). */
const FROM = '2025-04-01';
const TO = '2026-03-31';
const ROOT = path.resolve(__dirname, '../..');
const HOAN_BIN = path.join(ROOT, 'electron', 'cli', 'bin.cjs');

/** Loaded before the command with `node -r`: the process's own peak RSS and CPU time, written where the benchmark reads them, whatever the command does. */
const PEAK_RSS = `process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeFileSync(process.env.HOAN_BENCH_RSS_FILE, JSON.stringify({ maxRSS: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 })); });`;

let seed = 0x5eed;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const PEOPLE = Array.from({ length: 200 }, (_, i) => `作業員 ${String(i).padStart(3, '0')}`);
const COMPANIES = Array.from({ length: 30 }, (_, i) => `保守会社 ${String.fromCharCode(65 + (i % 26))}${i}`);
const hex = () => createHash('sha256').update(String(rand())).digest('hex');

/** A check-in as Hoan records one (the media-log benchmark's mix: 90 % clean, exceptions and denials among the rest). */
function checkIn(siteId: string, m: Medium, at: number): EntryDraft {
  const r = rand();
  const result = r < 0.9 ? 'clean' : r < 0.95 ? 'infected' : r < 0.98 ? 'error' : 'no_evidence';
  const exception = result !== 'clean' && rand() < 0.2;
  const body: CheckInBody = {
    targets: ['PLC-1', '監視PC'],
    scan:
      result === 'no_evidence'
        ? null
        : {
            profile: 'clamav', scanner: 'ClamAV clamscan', engineVersion: '1.4.6', signatureVersion: 'daily 27500 (Tue Jan 7 09:29:48 2025)',
            startedAt: new Date(at - 13_000).toISOString(), endedAt: new Date(at - 1_000).toISOString(), filesScanned: Math.floor(rand() * 500), exitCode: result === 'infected' ? 1 : 0,
            result, detections: result === 'infected' ? [{ file: 'tools/update.exe', name: 'Win.Test.EICAR_HDB-1' }] : [], errorText: '', logSha256: hex(),
          },
    prior: null,
    manifest: { sha256: hex(), root: '/media/usb0', fileCount: 42, totalBytes: 123_456_789, hashedFiles: 42, truncated: false, limits: { maxFiles: 20000, maxFileMb: 1024, maxTotalMb: 16384 } },
  };
  return {
    siteId, kind: 'check_in', mediumId: m.id, controlNo: m.controlNo, mediumType: m.type, person: pick(PEOPLE), company: pick(COMPANIES),
    purpose: '定期点検に伴うPLCプログラムのバックアップ', method: result === 'no_evidence' ? 'none' : 'scan_here', result, decision: result === 'clean' ? 'allowed' : exception ? 'exception' : 'denied',
    approver: exception ? '電気主任技術者' : '', exceptionReason: exception ? 'メーカー確認済み' : '', refersTo: null, body,
  };
}

function checkOut(of: LogEntry): EntryDraft {
  return {
    siteId: of.siteId, kind: 'check_out', mediumId: of.mediumId, controlNo: of.controlNo, mediumType: of.mediumType, person: of.person, company: of.company, purpose: of.purpose,
    method: null, result: null, decision: null, approver: '', exceptionReason: '', refersTo: of.id, body: { manifest: (of.body as CheckInBody).manifest!, diff: null },
  };
}

/** The big year, through Hoan's own code: the site, its round, the devices by the inventory import, the log by appendEntry in large transactions. */
export async function buildYear(dataDir: string, work: string): Promise<string> {
  let clock = Date.parse('2025-03-31T15:00:00Z');
  const core = openCore({ dataDir, now: () => new Date(clock) });
  try {
    saveSetup(core.db, { userName: 'ベンチ担当', installationName: 'ベンチ設置' }, new Date(clock));
    const site = createSite(core.db, siteFieldsSchema.parse({ name: 'ベンチマーク発電所', region: 'kanto', gridConnected: true, reversePowerFlow: false, hasRemoteMonitoring: true, hasControlSystem: true, installationType: 'existing' }), new Date(clock));
    recordClassification(core.db, site.id, classificationAnswersSchema.parse({ hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: true, sellsSurplus: true }), 'bench', new Date(clock));
    createRound(core.db, { siteId: site.id, title: '2025年度 年次点検', framework: 'jikayo-gl', carryOverFrom: null }, 'bench', new Date(clock));
    const csv = path.join(work, 'devices.csv');
    const kinds = ['PLC', '監視PC', 'HMI', 'ルーター', 'L2スイッチ', 'UPS'];
    fs.writeFileSync(
      csv,
      `管理番号,機器名,種別,設置場所,ソフトウェアバージョン,IPアドレス\n${Array.from({ length: DEVICES }, (_, i) => `CTL-${String(i + 1).padStart(5, '0')},${kinds[i % kinds.length]} ${i + 1}号機,${kinds[i % kinds.length]},第${(i % 40) + 1}電気室,${(i % 5) + 1}.${i % 20},10.0.${i >> 8}.${i & 255}`).join('\n')}\n`,
    );
    const imported = await importFile(core, { siteId: site.id, file: csv, dryRun: false });
    if (imported.result === null) throw new Error('the devices were not imported');
    const media = Array.from({ length: 20 }, (_, i) => createMedium(core.db, site.id, mediumFieldsSchema.parse({ controlNo: `USB-${String(i).padStart(3, '0')}`, type: 'usb_stick' }), new Date(clock)));
    const step = (365 * 24 * 3600_000 - 3600_000) / ENTRIES;
    for (let done = 0; done < ENTRIES; ) {
      const n = Math.min(FILL_BATCH, ENTRIES - done);
      core.db.transaction(() => {
        for (let i = 0; i < n; i++) {
          clock += step;
          const entry = appendEntry(core.db, checkIn(site.id, pick(media), clock), new Date(clock), 'bench');
          if ((done + i) % CHECK_OUT_EVERY === 0 && entry.decision !== 'denied') appendEntry(core.db, checkOut(entry), new Date(clock + 1), 'bench');
        }
      })();
      done += n;
    }
    core.db.pragma('wal_checkpoint(TRUNCATE)');
    return site.id;
  } finally {
    core.close();
  }
}

interface Measured {
  ms: number;
  /** User + system CPU time of the whole process (all its threads): what the machine's load does not stretch. */
  cpuMs: number;
  rssMb: number;
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

/** A child process, timed from spawn to exit, with its own peak RSS. */
function measure(args: string[], work: string, label: string): Measured {
  const rssFile = path.join(work, `rss-${label}`);
  const preload = path.join(work, 'peak-rss.js');
  fs.writeFileSync(preload, PEAK_RSS);
  fs.rmSync(rssFile, { force: true });
  const t0 = now();
  const run = spawnSync(process.execPath, ['-r', preload, ...args], { cwd: work, encoding: 'utf8', env: { ...process.env, HOAN_BENCH_RSS_FILE: rssFile, HOAN_LANG: 'ja' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = now() - t0;
  if (run.status !== 0) throw new Error(`${label} failed (exit ${run.status}): ${run.stderr}`);
  const own = JSON.parse(fs.readFileSync(rssFile, 'utf8')) as { maxRSS: number; cpuMs: number };
  return { ms, cpuMs: own.cpuMs, rssMb: Math.round(own.maxRSS / 1024) };
}

/** (a): the library alone, as many rows as the report's media and inventory sheets, each 16 plain text cells. */
async function childBaseline(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  const sheet = wb.addWorksheet('plain');
  for (let i = 0; i < rows; i++) {
    sheet
      .addRow([
        '2025年4月1日 10:23', 'USB-001', 'USBメモリ', '作業員 012', '保守会社 B12', '定期点検に伴うPLCプログラムのバックアップ', 'PLC-1、監視PC', 'この端末でスキャン',
        'ClamAV clamscan 1.4.6', 'daily 27500 (Tue Jan 7 09:29:48 2025)', '問題なし', '許可', '', '', String(i + 1), '',
      ])
      .commit();
  }
  sheet.commit();
  await wb.commit();
}

/** Every row of the report's media sheet, read back with exceljs's streaming reader. */
async function mediaRows(file: string): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, { worksheets: 'emit', sharedStrings: 'cache', styles: 'ignore', hyperlinks: 'ignore', entries: 'ignore' });
  let index = 0;
  let rows = 0;
  for await (const sheet of reader) {
    index++;
    // 表紙, チェックリスト, リスク評価, 外部記憶媒体: the fourth.
    if (index !== 4) continue;
    for await (const row of sheet) if (row.number > 1) rows++;
  }
  return rows;
}

async function main(): Promise<void> {
  const work = scratchDir('hoan-bench-report-');
  const dataDir = path.join(work, 'data');
  const t0 = now();
  const siteId = await buildYear(dataDir, work);
  process.stderr.write(`[report] built a year of ${ENTRIES} check-ins (+ a check-out of every ${CHECK_OUT_EVERY}th) and ${DEVICES} devices in ${((now() - t0) / 1000).toFixed(1)} s; ${RUNS} runs of each, alternating\n`);

  const a: Measured[] = [];
  const b: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    a.push(measure([__filename, '--child', path.join(work, `plain-${i}.xlsx`), String(ENTRIES + DEVICES)], work, 'baseline'));
    const xlsx = path.join(work, `report-${i}.xlsx`);
    b.push(measure([HOAN_BIN, 'report', '--site', siteId, '--from', FROM, '--to', TO, '--xlsx', xlsx, '--data-dir', dataDir], work, 'report'));
    process.stderr.write(
      `[report] run ${i + 1}: a ${a[i]!.ms.toFixed(0)} ms (CPU ${a[i]!.cpuMs.toFixed(0)} ms, ${a[i]!.rssMb} MB), b ${b[i]!.ms.toFixed(0)} ms (CPU ${b[i]!.cpuMs.toFixed(0)} ms, ${b[i]!.rssMb} MB), b/a ${(b[i]!.ms / a[i]!.ms).toFixed(2)}\n`,
    );
    if (i === 0) {
      const rows = await mediaRows(xlsx);
      if (rows !== ENTRIES) throw new Error(`the report's media sheet holds ${rows} check-ins, not ${ENTRIES}`);
      process.stderr.write(`[report] the workbook (${(fs.statSync(xlsx).size / 1048576).toFixed(1)} MB) holds all ${rows} check-ins\n`);
    }
    fs.rmSync(xlsx, { force: true });
  }
  const aMs = median(a.map((m) => m.ms));
  const bMs = median(b.map((m) => m.ms));
  const results: BenchResult[] = [
    { ...limitResult('report', `hoan report --xlsx, ${ENTRIES} check-ins and ${DEVICES} devices (median of ${RUNS})`, bMs / 1000, 's', 5), baseline: 'exceljs streaming writer, as many plain rows', baselineValue: aMs / 1000, ratio: bMs / aMs },
    limitResult('report', `peak RSS, hoan report --xlsx (median of ${RUNS})`, median(b.map((m) => m.rssMb)), 'MB', 300),
    { benchmark: 'report', figure: `hoan report --xlsx: CPU time, user + system, all threads (median)`, value: median(b.map((m) => m.cpuMs)) / 1000, unit: 's', baseline: 'the same of exceljs alone', baselineValue: median(a.map((m) => m.cpuMs)) / 1000, ratio: median(b.map((m) => m.cpuMs)) / median(a.map((m) => m.cpuMs)), goal: '', pass: null },
    { benchmark: 'report', figure: `exceljs streaming writer alone, ${ENTRIES + DEVICES} plain rows × 16 (median of ${RUNS})`, value: aMs / 1000, unit: 's', baseline: '', baselineValue: null, ratio: null, goal: '', pass: null },
    { benchmark: 'report', figure: `peak RSS, exceljs streaming writer alone (median of ${RUNS})`, value: median(a.map((m) => m.rssMb)), unit: 'MB', baseline: '', baselineValue: null, ratio: null, goal: '', pass: null },
  ];
  for (const r of results) emit(r);
}

const at = process.argv.indexOf('--child');
(at >= 0 ? childBaseline(process.argv[at + 1]!, Number(process.argv[at + 2])) : main()).catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 1;
});
