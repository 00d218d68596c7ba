import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli-io';
import { storeEvidenceStream } from '../../../electron/core/evidence/evidence-store';
import { recordCheckIn, recordCheckOut, recordCorrection } from '../../../electron/core/media/check-in';
import { appendEntry } from '../../../electron/core/media/checkpoint-log';
import { canonicalJson, verifyChain } from '../../../electron/core/media/log-chain';
import { CLOCK_TOLERANCE_MS, readExceptionCovers, readPriorClaim, readScanClaim, SHOWN_FINDINGS } from '../../../electron/core/media/log-semantics';
import { checkInSchema, correctionSchema, DEFAULT_SCANNER_CONFIG, EXCEPTION_COVERS, type CheckInInput } from '../../../electron/core/media/media-schema';
import type { UsedDefinitions } from '../../../electron/core/definitions/definitions-types';
import type { CheckInBody, ScanRecord } from '../../../electron/core/media/media-types';
import { startScanJob, waitForScanJob } from '../../../electron/core/media/scan-jobs';
import { setScannerConfig } from '../../../electron/core/media/scanner-config';
import { verifyChainFast } from '../../../electron/core/media/verify-parallel';
import { runCli } from '../helpers/run-cli';
import { tempDirs } from '../helpers/temp-dir';
import { mediaWorld, TEST_MALWARE, writeMedium, writeSignatureDb, type MediaWorld } from './media-fixture';
import { appendForged } from './tamper';

const dirs = tempDirs('hoan-semantics-');
let w: MediaWorld;

beforeEach(() => {
  w = mediaWorld(dirs.make());
});
afterEach(() => {
  if (w.core.db.open) w.core.close();
  dirs.cleanup();
});

const tick = (ms = 60_000) => (w.clock.now = new Date(w.clock.now.getTime() + ms));
const base = (over: Partial<CheckInInput> = {}): CheckInInput => ({
  siteId: w.site.id, mediumId: w.medium.id, person: '山田 太郎', company: '保守電機', purpose: '点検', targets: ['監視PC'], method: 'none', ...over,
});
const checkIn = (over: Partial<CheckInInput> = {}) => {
  tick();
  return recordCheckIn(w.core, checkInSchema.parse(base(over)), '記録者');
};

async function scanned(files: Record<string, string | Buffer>) {
  const job = await startScanJob(w.core, { siteId: w.site.id, path: writeMedium(dirs.make(), files), scan: true });
  return (await waitForScanJob(w.core, job.id)).id;
}

/** A forged check-in's fields, to be varied per test; the medium is real. */
const forged = (over: Record<string, unknown> = {}) => ({
  id: randomUUID(), kind: 'check_in', at: w.clock.now.toISOString(), mediumId: w.medium.id, controlNo: 'USB-001', mediumType: 'usb_stick',
  person: '山田 太郎', company: '保守電機', purpose: '点検', method: 'scan_here', result: 'clean', decision: 'allowed', approver: '', exceptionReason: '',
  refersTo: null, recordedBy: '記録者', body: { targets: [], scan: null, prior: null, manifest: null } as unknown, ...over,
});

describe('entries say what Hoan writes', () => {
  it('every kind of entry Hoan records, real scans included, raises no finding', async () => {
    setScannerConfig(w.core.db, w.site.id, { ...DEFAULT_SCANNER_CONFIG, databasePath: writeSignatureDb(dirs.make()) }, w.clock.now);
    const cert = (await storeEvidenceStream(w.core, Readable.from([Buffer.from('%PDF-1.7 certificate')]), { name: 'cert.pdf' })).sha256;
    const prior = { sha256: cert, name: 'cert.pdf', scanDate: '2025-05-31', tool: 'ESET', signatureVersion: '1', result: 'clean' as const };
    checkIn();
    checkIn({ exception: { approver: '電気主任技術者', reason: 'メーカー立会い' } });
    checkIn({ method: 'prior_evidence', prior });
    checkIn({ method: 'prior_evidence', prior: { ...prior, result: 'infected' }, exception: { approver: '主任', reason: '隔離済み' } });
    const clean = await scanned({ 'a.txt': 'ok' });
    const inEntry = checkIn({ method: 'scan_here', jobId: clean });
    checkIn({ method: 'scan_here', jobId: await scanned({ 'x.exe': TEST_MALWARE }) });
    checkIn({ method: 'scan_here', jobId: await scanned({ 'x.exe': TEST_MALWARE }), exception: { approver: '主任', reason: '検体として搬入' } });
    const outJob = await startScanJob(w.core, { siteId: w.site.id, path: writeMedium(dirs.make(), { 'b.txt': 'b' }), scan: false });
    await waitForScanJob(w.core, outJob.id);
    tick();
    recordCheckOut(w.core, { siteId: w.site.id, checkInId: inEntry.id, jobId: outJob.id }, '記録者');
    tick();
    recordCorrection(w.core, correctionSchema.parse({ siteId: w.site.id, entryId: inEntry.id, changes: { person: '山田 次郎' }, reason: '誤記' }), '記録者');
    const result = verifyChain(w.core.db, w.site.id);
    expect(result).toMatchObject({ ok: true, tampered: false, entries: 9, findings: [], findingsTotal: 0, warnings: [], warningsTotal: 0 });
  });

  it('[#10.5] a forged entry dated years back claiming a clean scan with no scan record: found, with every guard in place', async () => {
    checkIn();
    checkIn();
    const entry = appendForged(w.core.db, w.site.id, forged({ at: '2019-04-01T00:00:00.000Z' }));
    const result = verifyChain(w.core.db, w.site.id);
    expect(result).toMatchObject({ ok: false, tampered: true, entries: 3, firstBreak: null, guardsPresent: true, findingsTotal: 2 });
    expect(result.findings).toEqual([
      { problem: 'time_reversed', n: 3, entryId: entry.id, seq: 3, at: '2019-04-01T00:00:00.000Z', prevAt: '2025-06-01T00:32:00.000Z' },
      { problem: 'scan_record_missing', n: 3, entryId: entry.id, seq: 3, at: '2019-04-01T00:00:00.000Z', prevAt: null },
    ]);
    w.core.close();
    const cli = await runCli(['media', 'log', 'verify', '--site', w.site.id, '--data-dir', w.core.dataDir, '--lang', 'en']);
    expect(cli.code).toBe(EXIT.verifyFailed);
    expect(cli.stdout).toContain('  Entry #3 is dated 2019-04-01 09:00, earlier than the entry before it (2025-06-01 09:32) by more than the 5 minutes allowed for a clock adjustment.');
    expect(cli.stdout).toContain('Entry #3 says "Scanned here" but carries no scan record');
  });

  it('[#10.5] a forged clean scan whose record says otherwise, or ended after the entry: found', () => {
    const scan: ScanRecord = {
      profile: 'clamav', scanner: 'ClamAV clamscan', engineVersion: '1.4', signatureVersion: 'x', startedAt: w.clock.now.toISOString(), endedAt: w.clock.now.toISOString(),
      filesScanned: 1, exitCode: 1, result: 'infected', detections: [{ file: 'x.exe', name: 'Win.Test' }], errorText: '', logSha256: 'a'.repeat(64),
    };
    const body = (s: ScanRecord): CheckInBody => ({ targets: [], scan: s, prior: null, manifest: null });
    appendForged(w.core.db, w.site.id, forged({ body: body(scan) }));
    tick();
    appendForged(w.core.db, w.site.id, forged({ at: w.clock.now.toISOString(), body: body({ ...scan, result: 'clean' }) }));
    tick();
    const later = new Date(w.clock.now.getTime() + 3600_000).toISOString();
    appendForged(w.core.db, w.site.id, forged({ at: w.clock.now.toISOString(), body: body({ ...scan, result: 'clean', detections: [], endedAt: later }) }));
    expect(verifyChain(w.core.db, w.site.id).findings.map((f) => [f.problem, f.n])).toEqual([
      ['scan_result_mismatch', 1],
      ['scan_result_mismatch', 2],
      ['scan_after_entry', 3],
    ]);
  });

  it('[#10.5] an allowed denial without an approver or a reason, and other 判定 that do not follow: found', () => {
    const none = { method: 'none', result: 'no_evidence' };
    appendForged(w.core.db, w.site.id, forged({ ...none, decision: 'exception', approver: '主任', exceptionReason: ' ' }));
    appendForged(w.core.db, w.site.id, forged({ ...none, decision: 'exception', approver: '', exceptionReason: '急ぎ' }));
    appendForged(w.core.db, w.site.id, forged({ ...none, decision: 'allowed' }));
    appendForged(w.core.db, w.site.id, forged({ method: 'none', result: 'clean', decision: 'allowed' }));
    appendForged(w.core.db, w.site.id, forged({ method: 'prior_evidence', result: 'clean', decision: 'allowed' }));
    appendForged(w.core.db, w.site.id, forged({ kind: 'check_out', method: null, result: 'clean', decision: 'allowed' }));
    expect(verifyChain(w.core.db, w.site.id).findings.map((f) => [f.problem, f.n])).toEqual([
      ['exception_incomplete', 1],
      ['exception_incomplete', 2],
      ['decision_mismatch', 3],
      ['method_result_mismatch', 4],
      ['prior_record_missing', 5],
      ['unexpected_claim', 6],
    ]);
  });
});

describe('[#12.3] what a scan says of its definitions, and what an exception covers, follow from the entry itself', () => {
  const scanOf = (result: ScanRecord['result'], definitions?: Partial<UsedDefinitions>): ScanRecord => ({
    profile: 'clamav', scanner: 'ClamAV clamscan', engineVersion: '1.4.6', signatureVersion: '', startedAt: w.clock.now.toISOString(), endedAt: w.clock.now.toISOString(),
    filesScanned: 1, exitCode: result === 'infected' ? 1 : 0, result, detections: result === 'infected' ? [{ file: 'x.exe', name: 'Win.Test' }] : [], errorText: '', logSha256: 'a'.repeat(64),
    ...(definitions
      ? { definitions: { source: 'store', setId: null, version: 'daily 27600', builtAt: '2025-05-20T00:00:00.000Z', ageDays: 12, maxAgeDays: 7, stale: true, files: [], ...definitions } }
      : {}),
  });
  const entry = (scan: ScanRecord, decision: string, extra: Record<string, unknown> = {}) => {
    tick();
    const exception = decision === 'exception' ? { approver: '主任', exceptionReason: '定義更新待ち' } : {};
    return appendForged(w.core.db, w.site.id, forged({ at: w.clock.now.toISOString(), result: scan.result, decision, ...exception, body: { targets: [], scan, prior: null, manifest: null, ...extra } }));
  };
  const problems = () => verifyChain(w.core.db, w.site.id).findings.map((f) => [f.problem, f.n]);

  it('[#12.3] a stale flag that contradicts the recorded age and limit is found, and old definitions allowed without an exception are found whatever the flag says', () => {
    entry(scanOf('clean', { ageDays: 12, stale: false }), 'allowed');
    entry(scanOf('clean', { ageDays: 3, stale: true }), 'denied');
    entry(scanOf('clean', { ageDays: null, stale: false }), 'allowed');
    entry(scanOf('clean', { ageDays: 7, maxAgeDays: 7, stale: false }), 'allowed');
    expect(problems()).toEqual([
      ['definitions_stale_mismatch', 1],
      ['decision_mismatch', 1],
      ['definitions_stale_mismatch', 2],
      ['definitions_stale_mismatch', 3],
      ['decision_mismatch', 3],
    ]);
  });

  it('[#12.3] an exception says what it covers as the result and the definitions\' age give it; one that says otherwise, or an entry that claims to cover something without an exception, is found', () => {
    entry(scanOf('clean', {}), 'exception', { exceptionCovers: 'stale_definitions' });
    entry(scanOf('infected', {}), 'exception', { exceptionCovers: 'scan_result_and_stale_definitions' });
    entry(scanOf('infected', { ageDays: 1, stale: false }), 'exception', { exceptionCovers: 'scan_result' });
    entry(scanOf('clean', {}), 'exception');
    entry(scanOf('infected', {}), 'exception', { exceptionCovers: 'scan_result' });
    entry(scanOf('infected', { ageDays: 1, stale: false }), 'exception', { exceptionCovers: 'stale_definitions' });
    entry(scanOf('infected', { ageDays: 1, stale: false }), 'denied', { exceptionCovers: 'scan_result' });
    entry(scanOf('infected', { ageDays: 1, stale: false }), 'exception', { exceptionCovers: 'everything' });
    expect(problems()).toEqual([
      ['exception_covers_mismatch', 4],
      ['exception_covers_mismatch', 5],
      ['exception_covers_mismatch', 6],
      ['exception_covers_mismatch', 7],
      ['exception_covers_mismatch', 8],
    ]);
  });

  it('[#12.3] entries recorded before the definitions and the coverage were kept still verify', () => {
    entry(scanOf('clean'), 'allowed');
    entry(scanOf('infected'), 'exception');
    checkIn({ exception: { approver: '主任', reason: '立会い' } });
    expect(verifyChain(w.core.db, w.site.id)).toMatchObject({ ok: true, findingsTotal: 0 });
  });

  it('[#12.3] the CLI names the entry whose staleness does not follow, in Japanese and English', async () => {
    entry(scanOf('clean', { ageDays: 12, stale: false }), 'allowed');
    w.core.close();
    const ja = await runCli(['media', 'log', 'verify', '--site', w.site.id, '--data-dir', w.core.dataDir]);
    expect(ja.code).toBe(EXIT.verifyFailed);
    expect(ja.stdout).toContain('記録 #1 のスキャンの定義ファイルについて、「古い」かどうかの記録が、同じ記録にある経過日数と上限から導かれるものと一致しません。');
    const en = await runCli(['media', 'log', 'verify', '--site', w.site.id, '--data-dir', w.core.dataDir, '--lang', 'en']);
    expect(en.stdout).toContain("Entry #1: whether its scan's definitions were out of date does not follow from the age and limit the same entry records.");
  });
});

describe('time along the chain', () => {
  it(`a clock set back by up to ${CLOCK_TOLERANCE_MS / 60_000} minutes is a warning, not tampering; more is a finding`, async () => {
    checkIn();
    tick(-(CLOCK_TOLERANCE_MS + 60_000) + 30_000); // checkIn adds a minute: 4½ minutes back in all
    const warned = checkIn();
    tick(-(CLOCK_TOLERANCE_MS + 60_000) - 60_000); // 6 minutes back
    const found = checkIn();
    const result = verifyChain(w.core.db, w.site.id);
    expect(result.warnings).toEqual([expect.objectContaining({ problem: 'clock_back', n: warned.n })]);
    expect(result.findings).toEqual([expect.objectContaining({ problem: 'time_reversed', n: found.n })]);
    expect(result.tampered).toBe(true);
  });

  it('warnings alone leave the log verified: exit 0, shown apart', async () => {
    checkIn();
    tick(-(CLOCK_TOLERANCE_MS + 60_000) + 30_000);
    checkIn();
    expect(verifyChain(w.core.db, w.site.id)).toMatchObject({ ok: true, tampered: false, warningsTotal: 1 });
    w.core.close();
    const cli = await runCli(['media', 'log', 'verify', '--site', w.site.id, '--data-dir', w.core.dataDir, '--lang', 'en']);
    expect(cli.code).toBe(EXIT.ok);
    expect(cli.stdout.split('\n')).toEqual([
      'No tampering found (2 entries checked).',
      expect.stringMatching(/^No bundle has been exported yet/),
      'Notes (not counted as tampering):',
      '  Entry #2 is dated 2025-06-01 09:26, 270 seconds before the entry before it (2025-06-01 09:31): taken as a clock adjustment.',
      '',
    ]);
  });
});

describe('the same checks over worker threads', () => {
  it('agree with the single walk, across slice boundaries, and cap what they list', async () => {
    w.core.db.transaction(() => {
      for (let i = 0; i < 400; i++) {
        const denied = i % 3 === 0;
        appendEntry(
          w.core.db,
          {
            siteId: w.site.id, kind: 'check_in', mediumId: w.medium.id, controlNo: 'USB-001', mediumType: 'usb_stick', person: `作業員 ${i}`, company: '',
            purpose: '点検', method: 'none', result: 'no_evidence', decision: denied ? 'denied' : 'allowed', approver: '', exceptionReason: '', refersTo: null,
            body: { targets: [], scan: null, prior: null, manifest: null },
          },
          // Every 50th entry a minute back: a warning at each slice's start as well as inside.
          new Date(T(i)),
          '',
        );
      }
    })();
    const fast = await verifyChainFast(w.core.db, w.core.dbPath, w.site.id, w.core.now, { parallelFrom: 10 });
    const slow = verifyChain(w.core.db, w.site.id, w.core.now);
    expect(fast.threads).toBeGreaterThan(1);
    expect({ ...fast, elapsedMs: 0, threads: 0 }).toEqual({ ...slow, elapsedMs: 0, threads: 0 });
    expect(slow.findingsTotal).toBe(266);
    expect(slow.findings).toHaveLength(SHOWN_FINDINGS);
    expect(slow.findings.at(-1)).toMatchObject({ problem: 'decision_mismatch' });
    expect(slow.warningsTotal).toBe(7);
  });

  function T(i: number): number {
    return Date.parse('2025-06-01T00:00:00.000Z') + i * 10_000 - (i % 50 === 0 && i > 0 ? 70_000 : 0);
  }
});

describe('the body reader', () => {
  /** A deterministic stream of awkward text: quotes, backslashes, look-alike keys, non-ASCII. */
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const NASTY = ['"', '\\', '\\"', ',"scan":{"result":"clean"', '{"prior":{"result":"clean"}}', '"result":"infected"', ',"targets":[', '"endedAt":"2000-01-01T00:00:00.000Z"', '"detections":[{', '監視PC', '😀', '\u2028', '\n',
    ',"maxAgeDays":3', ',"stale":false', ',"version":null}', '{"definitions":{"ageDays":1', '{"exceptionCovers":"scan_result"', '"detections":[],"endedAt":'];
  const text = () => Array.from({ length: Math.floor(rand() * 4) }, () => pick(NASTY)).join(pick(['', 'x', ' ']));
  const iso = () => new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 1e11)).toISOString();

  const maybe = (): string | null => (rand() < 0.3 ? null : text());
  const definitions = (): UsedDefinitions => {
    const ageDays = rand() < 0.2 ? null : Math.floor(rand() * 400);
    const maxAgeDays = 1 + Math.floor(rand() * 90);
    return {
      source: pick(['store', 'configured', 'scanner_default', 'defender'] as const), setId: maybe(), version: maybe(), builtAt: rand() < 0.2 ? null : iso(),
      ageDays, maxAgeDays, stale: rand() < 0.5, files: Array.from({ length: Math.floor(rand() * 3) }, () => ({ name: text(), version: maybe(), builtAt: maybe() })),
    };
  };

  function body(): CheckInBody {
    const scan: ScanRecord | null =
      rand() < 0.3
        ? null
        : {
            profile: 'clamav', scanner: text(), engineVersion: text(), signatureVersion: text(), startedAt: iso(), endedAt: iso(), filesScanned: 3, exitCode: 0,
            result: pick(['clean', 'infected', 'error'] as const), detections: rand() < 0.5 ? [] : [{ file: text(), name: text() }], errorText: text(), logSha256: 'b'.repeat(64),
            ...(rand() < 0.3 ? {} : { definitions: definitions() }),
          };
    return {
      ...(rand() < 0.5 ? {} : { exceptionCovers: pick(EXCEPTION_COVERS) }),
      targets: Array.from({ length: Math.floor(rand() * 3) }, text),
      scan,
      prior: rand() < 0.5 ? null : { evidenceSha256: 'c'.repeat(64), evidenceName: text(), scanDate: '2025-01-01', tool: text(), signatureVersion: text(), result: pick(['clean', 'infected'] as const) },
      manifest: rand() < 0.5 ? null : { sha256: 'd'.repeat(64), root: text(), fileCount: 1, totalBytes: 1, hashedFiles: 1, truncated: false, limits: { maxFiles: 1, maxFileMb: 1, maxTotalMb: 1 } },
    };
  }

  it('[#12.3] reads what JSON.parse reads from 3,000 canonical bodies full of quotes and look-alike keys, with the definitions a scan used and what an exception covers', () => {
    for (let i = 0; i < 3000; i++) {
      const b = body();
      const json = canonicalJson(b);
      const parsed = JSON.parse(json) as CheckInBody;
      const d = parsed.scan?.definitions;
      expect(readScanClaim(json), json).toEqual(
        parsed.scan
          ? { result: parsed.scan.result, endedAt: parsed.scan.endedAt, detections: parsed.scan.detections.length > 0, definitions: d ? { ageDays: d.ageDays, maxAgeDays: d.maxAgeDays, stale: d.stale } : null }
          : null,
      );
      expect(readPriorClaim(json), json).toBe(parsed.prior ? parsed.prior.result : undefined);
      expect(readExceptionCovers(json), json).toBe(parsed.exceptionCovers ?? null);
    }
  });
});
