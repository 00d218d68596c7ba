import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { findEntry } from '../../../electron/core/media/checkpoint-log';
import { verifyChain } from '../../../electron/core/media/log-chain';
import { checkInSchema, DEFAULT_SCANNER_CONFIG, scannerConfigSchema } from '../../../electron/core/media/media-schema';
import type { CheckInBody } from '../../../electron/core/media/media-types';
import { cancelScanJob, scanJobStatus, startScanJob, waitForScanJob } from '../../../electron/core/media/scan-jobs';
import { setScannerConfig } from '../../../electron/core/media/scanner-config';
import { evidenceFilePath } from '../../../electron/core/evidence/evidence-store';
import { HoanError } from '../../../electron/core/errors';
import { clamavProfile } from '../../../electron/core/media/scanners/clamav';
import { runScanner } from '../../../electron/core/media/scanners/run-scanner';
import { tempDirs } from '../helpers/temp-dir';
import { buildClamContainer, clamscanAvailable, mediaWorld, TEST_MALWARE, TEST_SIGNATURE, writeMedium, writeSignatureDb, type MediaWorld } from './media-fixture';

const dirs = tempDirs('hoan-clamav-');
let w: MediaWorld;
let signatures: string;

beforeEach(() => {
  w = mediaWorld(dirs.make());
  signatures = writeSignatureDb(dirs.make());
  setScannerConfig(w.core.db, w.site.id, scannerConfigSchema.parse({ ...DEFAULT_SCANNER_CONFIG, profile: 'clamav', databasePath: signatures }), w.clock.now, 'テスト');
});
afterEach(() => {
  w.core.close();
  dirs.cleanup();
});

async function scanAndCheckIn(medium: string) {
  const started = await startScanJob(w.core, { siteId: w.site.id, path: medium, scan: true });
  expect(started).toMatchObject({ state: 'running', scan: true });
  const job = await waitForScanJob(w.core, started.id);
  expect(job.state, JSON.stringify(job.error)).toBe('done');
  const entry = recordCheckIn(
    w.core,
    checkInSchema.parse({
      siteId: w.site.id,
      mediumId: w.medium.id,
      person: '山田 太郎',
      company: '保守電機株式会社',
      purpose: 'PLCプログラム更新',
      targets: ['PLC-1', '監視PC'],
      method: 'scan_here',
      jobId: job.id,
    }),
    '記録者',
  );
  return { job, entry, body: entry.body as CheckInBody };
}

describe('check-in with a real ClamAV scan (test signature database)', () => {
  it('has clamscan installed (Debian: apt-get install clamav; .ci/run does)', () => {
    expect(clamscanAvailable()).toBe(true);
  });

  it('a clean medium is allowed, with scanner, versions, times, file count, raw log and manifest recorded', async () => {
    const medium = writeMedium(dirs.make(), { 'README.txt': '手順書\n', 'data/plc-program.bin': Buffer.alloc(4096, 7) });
    const { job, entry, body } = await scanAndCheckIn(medium);

    expect(entry).toMatchObject({ kind: 'check_in', method: 'scan_here', result: 'clean', decision: 'allowed', controlNo: 'USB-001', mediumType: 'usb_stick', recordedBy: '記録者' });
    expect(body.targets).toEqual(['PLC-1', '監視PC']);
    expect(body.scan).toMatchObject({
      profile: 'clamav',
      scanner: 'ClamAV clamscan',
      result: 'clean',
      exitCode: 0,
      filesScanned: 2,
      detections: [],
    });
    expect(body.scan!.engineVersion).toMatch(/^\d+\.\d+/);
    expect(body.scan!.signatureVersion).toMatch(/^hoan-test\.hdb sha256:[0-9a-f]{12}$/);
    expect(Date.parse(body.scan!.startedAt)).not.toBeNaN();
    const log = fs.readFileSync(evidenceFilePath(w.core.dataDir, body.scan!.logSha256), 'utf8');
    expect(log).toContain('--database=');
    expect(log).toContain('SCAN SUMMARY');
    expect(log).toContain('README.txt: OK');

    expect(body.manifest).toMatchObject({ fileCount: 2, hashedFiles: 2, truncated: false, totalBytes: 4096 + Buffer.byteLength('手順書\n') });
    const manifest = JSON.parse(fs.readFileSync(evidenceFilePath(w.core.dataDir, body.manifest!.sha256), 'utf8')) as { files: { path: string }[] };
    expect(manifest.files.map((f) => f.path)).toEqual(['README.txt', 'data/plc-program.bin']);
    expect(job.filesTotal).toBe(2);
    expect(findEntry(w.core.db, entry.id)).toEqual(entry);
    expect(verifyChain(w.core.db, w.site.id).ok).toBe(true);
  });

  it('a medium holding the test file is denied, the detection recorded', async () => {
    const medium = writeMedium(dirs.make(), { 'ok.txt': 'fine', 'tools/update.exe': TEST_MALWARE });
    const { entry, body } = await scanAndCheckIn(medium);
    expect(entry).toMatchObject({ result: 'infected', decision: 'denied', approver: '', exceptionReason: '' });
    expect(body.scan).toMatchObject({ result: 'infected', exitCode: 1, filesScanned: 2 });
    expect(body.scan!.detections).toEqual([{ file: 'tools/update.exe', name: `${TEST_SIGNATURE}.UNOFFICIAL` }]);
    expect(fs.readFileSync(evidenceFilePath(w.core.dataDir, body.scan!.logSha256), 'utf8')).toContain(`${TEST_SIGNATURE}.UNOFFICIAL FOUND`);
  });

  it('allowing a denied medium anyway is an exception with an approver and a reason', async () => {
    const medium = writeMedium(dirs.make(), { 'a.bin': TEST_MALWARE });
    const started = await startScanJob(w.core, { siteId: w.site.id, path: medium, scan: true });
    await waitForScanJob(w.core, started.id);
    const entry = recordCheckIn(
      w.core,
      checkInSchema.parse({
        siteId: w.site.id, mediumId: w.medium.id, person: '山田', purpose: '緊急復旧', method: 'scan_here', jobId: started.id,
        exception: { approver: '電気主任技術者 佐藤', reason: '検出は誤検知と確認済み（メーカー回答書あり）' },
      }),
      '',
    );
    expect(entry).toMatchObject({ result: 'infected', decision: 'exception', approver: '電気主任技術者 佐藤' });
  });

  it('a scan with a missing signature database is an error, and an error is denied', async () => {
    fs.rmSync(signatures);
    const medium = writeMedium(dirs.make(), { 'a.txt': 'x' });
    const { entry, body } = await scanAndCheckIn(medium);
    expect(entry).toMatchObject({ result: 'error', decision: 'denied' });
    expect(body.scan!.result).toBe('error');
    expect(body.scan!.errorText).not.toBe('');
  });

  it('a scanner that is not installed is an error too', async () => {
    w.core.db.prepare('UPDATE media_scanner_configs SET config_json = ?').run(
      JSON.stringify({ ...DEFAULT_SCANNER_CONFIG, executablePath: path.join(dirs.make(), 'clamscan') }),
    );
    const { entry, body } = await scanAndCheckIn(writeMedium(dirs.make(), { 'a.txt': 'x' }));
    expect(entry).toMatchObject({ result: 'error', decision: 'denied' });
    expect(body.scan!.errorText).toMatch(/ENOENT/);
  });

  it('a scan job result is used once, and a manifest-only job is not a scan', async () => {
    const medium = writeMedium(dirs.make(), { 'a.txt': 'x' });
    const { job } = await scanAndCheckIn(medium);
    const again = () =>
      recordCheckIn(w.core, checkInSchema.parse({ siteId: w.site.id, mediumId: w.medium.id, person: 'p', purpose: 'q', method: 'scan_here', jobId: job.id }), '');
    expect(again).toThrow(expect.objectContaining({ messageKey: 'media.errors.jobUsed' }));
    const manifestOnly = await startScanJob(w.core, { siteId: w.site.id, path: medium, scan: false });
    await waitForScanJob(w.core, manifestOnly.id);
    expect(() =>
      recordCheckIn(w.core, checkInSchema.parse({ siteId: w.site.id, mediumId: w.medium.id, person: 'p', purpose: 'q', method: 'scan_here', jobId: manifestOnly.id }), ''),
    ).toThrow(expect.objectContaining({ messageKey: 'media.errors.jobWithoutScan' }));
    expect(verifyChain(w.core.db, w.site.id).entries).toBe(1);
  });

  it('cancelling a running job stops it; nothing is recorded', async () => {
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 400; i++) files[`f${i}.bin`] = Buffer.alloc(64 * 1024, i);
    const medium = writeMedium(dirs.make(), files);
    const started = await startScanJob(w.core, { siteId: w.site.id, path: medium, scan: true });
    expect(cancelScanJob(w.core, started.id).id).toBe(started.id);
    const job = await waitForScanJob(w.core, started.id);
    expect(job.state).toBe('cancelled');
    expect(job.outcome).toBeNull();
    expect(verifyChain(w.core.db, w.site.id).entries).toBe(0);
  });

  it('cancelling while clamscan runs kills it', async () => {
    const files: Record<string, Buffer> = {};
    for (let i = 0; i < 120; i++) files[`big/f${i}.bin`] = Buffer.alloc(2 * 1024 * 1024, i);
    const medium = writeMedium(dirs.make(), files);
    const started = await startScanJob(w.core, { siteId: w.site.id, path: medium, scan: true });
    while (scanJobStatus(w.core, started.id).phase !== 'scanning') await new Promise((r) => setTimeout(r, 5));
    const t0 = Date.now();
    cancelScanJob(w.core, started.id);
    const job = await waitForScanJob(w.core, started.id);
    expect(job.state).toBe('cancelled');
    expect(Date.now() - t0).toBeLessThan(3_000);
  });
});

describe('[#11.8] a failed scan says why, in words Hoan can translate; the scanner\'s own output stays as evidence', () => {
  const rawLog = (body: CheckInBody) => fs.readFileSync(evidenceFilePath(w.core.dataDir, body.scan!.logSha256), 'utf8');
  const configure = (databasePath: string) =>
    setScannerConfig(w.core.db, w.site.id, scannerConfigSchema.parse({ ...DEFAULT_SCANNER_CONFIG, profile: 'clamav', databasePath }), w.clock.now, 'テスト');

  it('[#11.8] a fresh machine: an empty definitions folder is no_database, denied, the LibClamAV line kept in the raw log', async () => {
    configure(dirs.make());
    const { entry, body } = await scanAndCheckIn(writeMedium(dirs.make(), { 'a.txt': 'x' }));
    expect(entry).toMatchObject({ result: 'error', decision: 'denied' });
    // No definitions, so no definitions version: not the folder's name.
    expect(body.scan).toMatchObject({ result: 'error', errorReason: 'no_database', exitCode: 2, signatureVersion: '' });
    expect(body.scan!.errorText).toContain('No supported database files found');
    expect(rawLog(body)).toContain('LibClamAV Error: cli_loaddbdir: No supported database files found');
  });

  it('[#11.8] definitions that do not verify are database_invalid', async () => {
    const folder = dirs.make();
    buildClamContainer(folder, { fileName: 'daily.cvd' });
    configure(folder);
    const { body } = await scanAndCheckIn(writeMedium(dirs.make(), { 'a.txt': 'x' }));
    expect(body.scan).toMatchObject({ result: 'error', errorReason: 'database_invalid' });
    expect(rawLog(body)).toMatch(/Can't verify database integrity|Malformed database/);
  });

  it('[#11.8] a container built by sigtool scans: the definitions work, the scan is clean', async () => {
    const folder = dirs.make();
    buildClamContainer(folder);
    configure(folder);
    const { body } = await scanAndCheckIn(writeMedium(dirs.make(), { 'a.txt': 'x' }));
    expect(body.scan).toMatchObject({ result: 'clean', errorText: '', signatureVersion: 'daily 27500' });
    expect(body.scan).not.toHaveProperty('errorReason');
  });

  it('[#11.8] a scanner that is not there is not_installed; one that may not be run is permission_denied', async () => {
    const missing = path.join(dirs.make(), 'clamscan');
    w.core.db.prepare('UPDATE media_scanner_configs SET config_json = ?').run(JSON.stringify({ ...DEFAULT_SCANNER_CONFIG, executablePath: missing }));
    expect((await scanAndCheckIn(writeMedium(dirs.make(), { 'a.txt': 'x' }))).body.scan).toMatchObject({ result: 'error', errorReason: 'not_installed' });

    const notRunnable = path.join(dirs.make(), 'clamscan');
    fs.copyFileSync(fs.realpathSync('/usr/bin/clamscan'), notRunnable);
    fs.chmodSync(notRunnable, 0o644);
    w.core.db.prepare('UPDATE media_scanner_configs SET config_json = ?').run(JSON.stringify({ ...DEFAULT_SCANNER_CONFIG, executablePath: notRunnable }));
    const { body } = await scanAndCheckIn(writeMedium(dirs.make(), { 'a.txt': 'x' }));
    expect(body.scan).toMatchObject({ result: 'error', errorReason: 'permission_denied' });
    expect(body.scan!.errorText).toMatch(/EACCES/);
  });

  it('[#11.8] a medium gone before clamscan reads it is file_not_found; a scan past its time is timeout', async () => {
    const base = { profile: clamavProfile, executable: 'clamscan', database: signatures };
    const gone = await runScanner({ ...base, target: path.join(dirs.make(), 'unplugged'), timeoutMs: 60_000 });
    expect(gone.parsed).toMatchObject({ result: 'error', errorReason: 'file_not_found' });
    expect(gone.rawLog).toContain("Can't access file");

    const slow = await runScanner({ ...base, target: writeMedium(dirs.make(), { 'a.txt': 'x' }), timeoutMs: 1 });
    expect(slow.parsed).toMatchObject({ result: 'error', errorReason: 'timeout' });
  });
});

describe('the medium path is checked before anything runs', () => {
  it.each([
    ['relative', () => 'media/usb', 'media.errors.pathNotAbsolute'],
    ['missing', () => path.join(dirs.make(), 'nope'), 'media.errors.pathMissing'],
    ['a file', () => writeMedium(dirs.make(), { 'f.txt': 'x' }) + '/f.txt', 'media.errors.pathNotDirectory'],
  ])('%s', async (_label, p, key) => {
    await expect(startScanJob(w.core, { siteId: w.site.id, path: p(), scan: true })).rejects.toSatisfy(
      (err: unknown) => err instanceof HoanError && err.messageKey === key && err.fields?.[0]?.path === 'path',
    );
  });
});
