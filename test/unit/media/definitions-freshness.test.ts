import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/api/router';
import { currentDefinitionsSet, installedClamFolder } from '../../../electron/core/definitions/definitions-store';
import { evidenceFilePath } from '../../../electron/core/evidence/evidence-store';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { verifyChain } from '../../../electron/core/media/log-chain';
import { exportLogXlsx } from '../../../electron/core/media/log-export';
import { checkInSchema, DEFAULT_SCANNER_CONFIG, scannerConfigSchema, type CheckInInput, type ScannerConfigInput } from '../../../electron/core/media/media-schema';
import type { CheckInBody } from '../../../electron/core/media/media-types';
import { startScanJob, waitForScanJob } from '../../../electron/core/media/scan-jobs';
import { setScannerConfig } from '../../../electron/core/media/scanner-config';
import { scannerStatus } from '../../../electron/core/media/scanner-status';
import { readCvdHeader } from '../../../electron/core/media/scanners/clamav-database';
import { gatherReport } from '../../../electron/core/report/report-data';
import { reportHtml } from '../../../electron/core/report/report-html';
import { reportWorkbook } from '../../../electron/core/report/report-xlsx';
import { reportInputSchema } from '../../../electron/core/report/report-schema';
import { installTestDefinitions } from '../helpers/definitions';
import { tempDirs } from '../helpers/temp-dir';
import { buildClamContainer, mediaWorld, TEST_MALWARE, TEST_SIGNATURE, writeMedium, writeSignatureDb, type MediaWorld } from './media-fixture';

const dirs = tempDirs('hoan-freshness-');
const DAY = 86_400_000;
let w: MediaWorld;
/** The container's build time: sigtool stamps the real time, so the injected clock starts from it. */
let builtAt: string;
let container: string;

beforeEach(() => {
  w = mediaWorld(dirs.make());
  container = buildClamContainer(dirs.make(), { version: 27600 });
  builtAt = readCvdHeader(container)!.builtAt!;
  w.clock.now = new Date(Date.parse(builtAt) + 2 * DAY);
});
afterEach(() => {
  w.core.close();
  dirs.cleanup();
});

const at = (days: number) => (w.clock.now = new Date(Date.parse(builtAt) + days * DAY + 3600_000));

function configure(config: Partial<ScannerConfigInput>) {
  setScannerConfig(w.core.db, w.site.id, scannerConfigSchema.parse({ ...DEFAULT_SCANNER_CONFIG, profile: 'clamav', ...config }), w.clock.now, 'テスト');
}

async function scan(files: Record<string, string | Buffer>) {
  const started = await startScanJob(w.core, { siteId: w.site.id, path: writeMedium(dirs.make(), files), scan: true });
  const job = await waitForScanJob(w.core, started.id);
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  return job;
}

async function scanAndCheckIn(files: Record<string, string | Buffer>, over: Partial<CheckInInput> = {}) {
  const job = await scan(files);
  const input: CheckInInput = { siteId: w.site.id, mediumId: w.medium.id, person: '山田 太郎', purpose: '点検', method: 'scan_here', jobId: job.id, ...over };
  const entry = recordCheckIn(w.core, checkInSchema.parse(input), '記録者');
  return { entry, body: entry.body as CheckInBody };
}

describe('[#12.3] scans use the definitions Hoan keeps, and the entry records which and how old', () => {
  it('[#12.3] a scan through the store: the test malware is denied, a clean folder allowed, the store\'s version and build time recorded in the entry', async () => {
    await installTestDefinitions(w.core, [container]);
    const store = installedClamFolder(w.core)!;
    expect(store).not.toBeNull();

    const infected = await scanAndCheckIn({ 'tool.exe': TEST_MALWARE });
    expect(infected.entry).toMatchObject({ result: 'infected', decision: 'denied' });
    expect(infected.body.scan!.detections).toEqual([{ file: 'tool.exe', name: expect.stringContaining(TEST_SIGNATURE) }]);
    const log = fs.readFileSync(evidenceFilePath(w.core.dataDir, infected.body.scan!.logSha256), 'utf8');
    expect(log).toContain(`--database=${store}`);

    const clean = await scanAndCheckIn({ 'README.txt': '手順書' });
    expect(clean.entry).toMatchObject({ result: 'clean', decision: 'allowed' });
    expect(clean.body.scan!.definitions).toEqual({
      source: 'store',
      setId: currentDefinitionsSet(w.core)!.id,
      version: 'daily 27600',
      builtAt,
      ageDays: 2,
      maxAgeDays: 7,
      stale: false,
      files: [{ name: 'daily.cud', version: '27600', builtAt }],
    });
    expect(clean.body.exceptionCovers).toBeUndefined();
    expect(verifyChain(w.core.db, w.site.id)).toMatchObject({ ok: true, findingsTotal: 0 });
  });

  it('[#12.3] one choice for the scan and the check before it: a configured path wins, then the store, then the scanner\'s own default; the status says which', async () => {
    const none = await scannerStatus(w.core, w.site.id);
    expect(none).toMatchObject({ state: 'no_definitions', definitionsPath: '/var/lib/clamav', used: { source: 'scanner_default', version: null, ageDays: null, stale: true } });

    await installTestDefinitions(w.core, [container]);
    const store = await scannerStatus(w.core, w.site.id);
    expect(store).toMatchObject({
      state: 'ready',
      definitionsPath: installedClamFolder(w.core),
      definitionsPathIsDefault: false,
      newestAt: builtAt,
      ageDays: 2,
      used: { source: 'store', version: 'daily 27600', builtAt, ageDays: 2, maxAgeDays: 7, stale: false },
    });

    const own = writeSignatureDb(dirs.make());
    configure({ databasePath: own });
    expect(await scannerStatus(w.core, w.site.id)).toMatchObject({ state: 'ready', definitionsPath: own, used: { source: 'configured' } });
    const configured = await scan({ 'x.exe': TEST_MALWARE });
    expect(configured.outcome!.scan).toMatchObject({ result: 'infected', definitions: { source: 'configured', files: [{ name: 'hoan-test.hdb', version: null }] } });

    w.core.db.prepare('UPDATE media_scanner_configs SET config_json = ?').run(JSON.stringify({ ...DEFAULT_SCANNER_CONFIG, profile: 'defender' }));
    expect(await scannerStatus(w.core, w.site.id)).toMatchObject({ profile: 'defender', state: 'not_installed', used: { source: 'defender' } });
  });

  it('[#12.3] no definitions at all: the status says so before the scan, and the scan that follows records that it had none', async () => {
    const status = await scannerStatus(w.core, w.site.id);
    expect(status).toMatchObject({ state: 'no_definitions', definitions: [], used: { source: 'scanner_default', files: [], builtAt: null, stale: true } });
    const { entry, body } = await scanAndCheckIn({ 'a.txt': 'ok' });
    expect(entry).toMatchObject({ result: 'error', decision: 'denied' });
    expect(body.scan).toMatchObject({ errorReason: 'no_database', definitions: { source: 'scanner_default', files: [], ageDays: null, stale: true } });
  });
});

describe('[#12.3] the site\'s age limit decides with the result', () => {
  it('[#12.3] definitions past the limit: the scan runs and its result is recorded, the check-in is denied, and an approved exception is its own kind in the entry, the xlsx and the report', async () => {
    await installTestDefinitions(w.core, [container]);
    at(8);
    const status = await scannerStatus(w.core, w.site.id);
    expect(status).toMatchObject({ state: 'stale', ageDays: 8, staleAfterDays: 7, used: { stale: true, ageDays: 8 } });

    const denied = await scanAndCheckIn({ 'a.txt': 'ok' });
    expect(denied.entry).toMatchObject({ result: 'clean', decision: 'denied' });
    expect(denied.body.scan!.definitions).toMatchObject({ ageDays: 8, maxAgeDays: 7, stale: true });

    const allowed = await scanAndCheckIn({ 'a.txt': 'ok' }, { exception: { approver: '電気主任技術者', reason: '定義更新待ち、メーカー立会い' } });
    expect(allowed.entry).toMatchObject({ result: 'clean', decision: 'exception', approver: '電気主任技術者' });
    expect(allowed.body.exceptionCovers).toBe('stale_definitions');

    const both = await scanAndCheckIn({ 'x.exe': TEST_MALWARE }, { exception: { approver: '電気主任技術者', reason: '検体として搬入' } });
    expect(both.entry).toMatchObject({ result: 'infected', decision: 'exception' });
    expect(both.body.exceptionCovers).toBe('scan_result_and_stale_definitions');
    expect(verifyChain(w.core.db, w.site.id)).toMatchObject({ ok: true, entries: 3, findingsTotal: 0 });

    const file = path.join(dirs.make(), 'log.xlsx');
    await exportLogXlsx(w.core, w.site.id, {}, file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const sheet = wb.getWorksheet('持込記録')!;
    const row = (n: number) => sheet.getRow(n).values as unknown[];
    expect(row(2)[12]).toBe('拒否');
    expect(row(2)[16]).toBe('古い定義ファイル（8 日経過、上限 7 日）');
    expect(row(3)[12]).toBe('例外許可（古い定義ファイル）');
    expect(row(4)[12]).toBe('例外許可（検査結果と古い定義ファイル）');
    // The 判定 column holds an old-definitions exception on one line; the longer kind wraps inside it.
    expect(sheet.getColumn(12).width).toBe(30);
    expect(sheet.getRow(4).getCell(12).alignment).toMatchObject({ wrapText: true });

    // The report's period is in Japan's days: a day either side holds the entries whatever the hour (UTC) sigtool stamped.
    const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const data = gatherReport(
      w.core,
      reportInputSchema.parse({ siteId: w.site.id, from: isoDay(Date.parse(builtAt) - DAY), to: isoDay(w.clock.now.getTime() + DAY) }),
    );
    const html = reportHtml(data, 'ja');
    expect(html).toContain('<p>古い定義ファイル 1 件 ／ 検査結果と古い定義ファイル 1 件</p>');
    expect(html).toContain('例外の対象: 古い定義ファイル<br>電気主任技術者<br>定義更新待ち、メーカー立会い');
    const report = new ExcelJS.Workbook();
    await report.xlsx.load(await reportWorkbook(data));
    expect(report.getWorksheet('外部記憶媒体')!.getRow(3).getCell(12).value).toBe('例外許可（古い定義ファイル）');
    const en = reportHtml(gatherReport(w.core, reportInputSchema.parse({ siteId: w.site.id, from: isoDay(Date.parse(builtAt) - DAY), to: isoDay(w.clock.now.getTime() + DAY), language: 'en' })), 'en');
    expect(en).toContain('Covers: Out-of-date definitions<br>');
  });

  it('[#12.3] a site whose limit is 30 days accepts 10-day-old definitions; the limit it had is recorded', async () => {
    await installTestDefinitions(w.core, [container]);
    configure({ maxDefinitionsAgeDays: 30 });
    at(10);
    expect(await scannerStatus(w.core, w.site.id)).toMatchObject({ state: 'ready', ageDays: 10, staleAfterDays: 30 });
    const { entry, body } = await scanAndCheckIn({ 'a.txt': 'ok' });
    expect(entry.decision).toBe('allowed');
    expect(body.scan!.definitions).toMatchObject({ source: 'store', ageDays: 10, maxAgeDays: 30, stale: false });
  });

  it('[#12.3] the age is counted at the scan\'s start on Hoan\'s clock, and an exception is refused when neither the result nor the age needs one', async () => {
    await installTestDefinitions(w.core, [container]);
    at(7);
    const job = await scan({ 'a.txt': 'ok' });
    expect(job.outcome!.scan!.definitions).toMatchObject({ ageDays: 7, stale: false });
    const router = createRouter(w.core, { log: (err) => { throw err; } });
    const refused = await router.handle('media:checkIn', { siteId: w.site.id, mediumId: w.medium.id, person: '山田', purpose: '点検', method: 'scan_here', jobId: job.id, exception: { approver: '主任', reason: '念のため' } });
    expect(refused).toMatchObject({ ok: false, error: { code: 'validation', fields: [{ path: 'exception', messageKey: 'media.errors.exceptionNotNeeded' }] } });
  });
});
