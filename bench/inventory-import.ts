/**
 * Inventory import benchmark (issues 4 and 15): a 100,000-row, 16-column
 * inventory with Japanese headers, measured in the same run on the same
 * machine, three alternating runs, medians reported:
 *   (a) exceljs's streaming read of the file alone (WorkbookReader, the
 *       options Hoan uses, every row's values touched)
 *   (b) Hoan's whole import as `hoan inventory import` does it (importFile):
 *       worker-thread parse, rows normalised and the devices staged by the
 *       main thread while the worker reads, the diff against the site, the
 *       one write transaction that applies the stage
 * and the preview as the app shows it (parse, then the diff; no commit) of a
 * 10,000-row file. Each measurement runs in its own child process, so its
 * peak RSS is its own. Goals (issue 15): b/a ≤ 1.3, peak RSS of (b) ≤ 350 MB,
 * preview of 10,000 rows ≤ 500 ms. Only Hoan's figures get a verdict.
 *
 *   npm run bench:inventory          (BENCH_INVENTORY_ROWS, BENCH_INVENTORY_RUNS to change)
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { openCore } from '../electron/core/core';
import { buildPreview, importFile } from '../electron/core/inventory/import-jobs';
import { startParse } from '../electron/core/inventory/parse-job';
import { parseTmpDir } from '../electron/core/inventory/upload-store';
import { createSite } from '../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../electron/core/sites/site-schema';
import { emit, limitResult, ratioResult, type BenchResult } from './bench-result';
import { scratchDir } from './scratch';

const ROWS = Number(process.env.BENCH_INVENTORY_ROWS ?? 100_000);
const RUNS = Number(process.env.BENCH_INVENTORY_RUNS ?? 3);
const PREVIEW_ROWS = 10_000;

const HEADERS = [
  '管理番号', '機器名', '種別', '設置場所', 'メーカー', '型式', 'シリアル番号', 'OS/ファームウェア',
  'ソフトウェアバージョン', 'IPアドレス', 'MACアドレス', 'ネットワーク区分', '用途', '管理者', '導入日', '備考',
];
const KINDS = ['PLC', '監視PC', 'HMI', 'ルーター', 'L2スイッチ', 'UPS', '保護継電器', 'カメラ'];
const MAKERS = ['三菱電機', 'オムロン', '富士通', 'ヤマハ', 'アライドテレシス', '日立製作所'];

/** A ledger as Excel keeps it: shared strings, a title row, date cells, a mix of text and numbers. */
async function writeLedger(file: string, rows: number): Promise<void> {
  const book = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: true, useStyles: true });
  const sheet = book.addWorksheet('機器台帳');
  sheet.addRow(['第一工場 制御系機器台帳']).commit();
  sheet.addRow(HEADERS).commit();
  for (let i = 1; i <= rows; i++) {
    const hex = (n: number) => n.toString(16).padStart(2, '0');
    const row = sheet.addRow([
      `CTL-${String(i).padStart(6, '0')}`,
      `${KINDS[i % KINDS.length]} ${i}号機`,
      KINDS[i % KINDS.length],
      `第${(i % 40) + 1}電気室`,
      MAKERS[i % MAKERS.length],
      `MODEL-${i % 300}`,
      `SN${1_000_000 + i}`,
      `FW ${(i % 9) + 1}.${i % 10}`,
      `${(i % 5) + 1}.${i % 20}`,
      `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
      `00:1A:2B:${hex((i >> 16) & 255)}:${hex((i >> 8) & 255)}:${hex(i & 255)}`,
      i % 3 === 0 ? '制御LAN' : '情報LAN',
      '受電監視',
      i % 2 === 0 ? '山田' : '佐藤',
      new Date(Date.UTC(2015 + (i % 10), i % 12, (i % 28) + 1)),
      i % 50 === 0 ? '予備機あり' : '',
    ]);
    row.getCell(15).numFmt = 'yyyy/m/d';
    row.commit();
  }
  sheet.commit();
  await book.commit();
}

interface Measured {
  ms: number;
  rssMb: number;
  rows: number;
  /** (b): parse and normalise (and, for the import, staging) until the preview; then the commit. */
  phases?: { parseMs: number; commitMs: number };
}

const now = () => Number(process.hrtime.bigint()) / 1e6;
const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);

/** (a): the library alone, loaded and reading, as Hoan's worker configures it. */
async function childRead(file: string): Promise<Measured> {
  const t0 = now();
  const Reader = require('exceljs/lib/stream/xlsx/workbook-reader') as new (f: string, o: object) => AsyncIterable<AsyncIterable<{ values: unknown[] }>>;
  const reader = new Reader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  let rows = 0;
  let cells = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      rows++;
      cells += row.values.length;
    }
  }
  if (cells === 0) throw new Error('read nothing');
  return { ms: now() - t0, rssMb: peakRssMb(), rows };
}

/** (b) and the preview: Hoan's import on a fresh data folder, committed unless a dry run. */
async function childImport(file: string, dryRun: boolean): Promise<Measured> {
  const dataDir = scratchDir('hoan-bench-inventory-data-');
  // The CLI records who imported (--user or HOAN_USER).
  const core = openCore({ dataDir, userName: 'bench' });
  try {
    const site = createSite(
      core.db,
      siteFieldsSchema.parse({ name: '第一工場', region: 'kanto', gridConnected: true, reversePowerFlow: false, hasRemoteMonitoring: true, hasControlSystem: true, installationType: 'existing' }),
      new Date(),
    );
    const t0 = now();
    let t1 = 0;
    let rows = 0;
    if (dryRun) {
      // The app's preview: the parse job, then the diff against the site.
      const outcome = await startParse({ file, displayName: path.basename(file), tmpDir: parseTmpDir(dataDir) }).done;
      if (outcome.state !== 'done') throw new Error('cancelled');
      const preview = buildPreview(core.db, 'bench', site.id, outcome.parsed);
      if (preview.issueCount > 0) throw new Error(`unexpected issues: ${JSON.stringify(preview.issues.slice(0, 3))}`);
      rows = preview.rows;
      t1 = now();
    } else {
      const { preview, result } = await importFile(core, { siteId: site.id, file, dryRun: false, onPreview: () => (t1 = now()) });
      if (preview.issueCount > 0) throw new Error(`unexpected issues: ${JSON.stringify(preview.issues.slice(0, 3))}`);
      if (result?.batch.counts.created !== preview.rows) throw new Error('not every row was imported');
      rows = preview.rows;
    }
    const t2 = now();
    return { ms: t2 - t0, rssMb: peakRssMb(), rows, phases: { parseMs: t1 - t0, commitMs: t2 - t1 } };
  } finally {
    core.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function measure(kind: string, file: string): Measured {
  const run = spawnSync(process.execPath, [__filename, '--child', kind, file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error(`${kind} child failed (exit ${run.status})`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as Measured;
}

const median = (values: number[]) => [...values].sort((x, y) => x - y)[Math.floor(values.length / 2)]!;

async function main() {
  const root = scratchDir('hoan-bench-inventory-');
  try {
    const big = path.join(root, `inventory-${ROWS}.xlsx`);
    const small = path.join(root, `inventory-${PREVIEW_ROWS}.xlsx`);
    await writeLedger(big, ROWS);
    await writeLedger(small, PREVIEW_ROWS);
    process.stderr.write(`[inventory] ${ROWS} rows × ${HEADERS.length} columns, ${(fs.statSync(big).size / 1048576).toFixed(1)} MB; ${RUNS} runs of each, alternating\n`);

    const a: Measured[] = [];
    const b: Measured[] = [];
    const previews: Measured[] = [];
    for (let i = 0; i < RUNS; i++) {
      a.push(measure('read', big));
      b.push(measure('import', big));
      previews.push(measure('preview', small));
      process.stderr.write(
        `[inventory] run ${i + 1}: a ${a[i]!.ms.toFixed(0)} ms (${a[i]!.rssMb} MB), b ${b[i]!.ms.toFixed(0)} ms (${b[i]!.rssMb} MB; ` +
          `parse to preview ${b[i]!.phases!.parseMs.toFixed(0)}, commit after it ${b[i]!.phases!.commitMs.toFixed(0)} ms), ` +
          `b/a ${(b[i]!.ms / a[i]!.ms).toFixed(2)}, preview of ${PREVIEW_ROWS} ${previews[i]!.ms.toFixed(0)} ms\n`,
      );
    }
    const aMs = median(a.map((m) => m.ms));
    const bMs = median(b.map((m) => m.ms));
    const info = (figure: string, value: number, unit: string): BenchResult => ({
      benchmark: 'inventory', figure, value, unit, baseline: '', baselineValue: null, ratio: null, goal: '', pass: null,
    });
    emit(ratioResult('inventory', `import ${ROWS} rows (parse, normalise, validate, diff, commit; median)`, bMs / 1000, 's', 'exceljs streaming read', aMs / 1000, 1.3));
    emit(info('import: parse until the preview (median)', median(b.map((m) => m.phases!.parseMs)) / 1000, 's'));
    emit(info('import: commit after the parse (median)', median(b.map((m) => m.phases!.commitMs)) / 1000, 's'));
    emit(limitResult('inventory', 'peak RSS, Hoan import (highest)', Math.max(...b.map((m) => m.rssMb)), 'MB', 350));
    // The baseline's own memory, printed without a verdict.
    emit(info('peak RSS, exceljs streaming read (highest)', Math.max(...a.map((m) => m.rssMb)), 'MB'));
    emit(limitResult('inventory', `preview of ${PREVIEW_ROWS} rows (median)`, median(previews.map((m) => m.ms)), 'ms', 500));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function child(kind: string, file: string) {
  const result = kind === 'read' ? await childRead(file) : await childImport(file, kind === 'preview');
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

const at = process.argv.indexOf('--child');
(at >= 0 ? child(process.argv[at + 1]!, process.argv[at + 2]!) : main()).catch((err: unknown) => {
  process.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
  process.exitCode = 1;
});
