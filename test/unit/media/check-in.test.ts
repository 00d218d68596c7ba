import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryDetail, recordCheckIn, recordCheckOut, recordCorrection } from '../../../electron/core/media/check-in';
import { verifyChain } from '../../../electron/core/media/log-chain';
import { queryLog } from '../../../electron/core/media/log-query';
import { updateMedium } from '../../../electron/core/media/media-registry';
import { checkInSchema, correctionSchema, judge, mediumFieldsSchema, type CheckInInput } from '../../../electron/core/media/media-schema';
import type { CheckOutBody, CorrectionBody } from '../../../electron/core/media/media-types';
import { startScanJob, waitForScanJob } from '../../../electron/core/media/scan-jobs';
import { storeEvidenceStream } from '../../../electron/core/evidence/evidence-store';
import { tempDirs } from '../helpers/temp-dir';
import { mediaWorld, writeMedium, type MediaWorld } from './media-fixture';

const dirs = tempDirs('hoan-checkin-');
let w: MediaWorld;
beforeEach(() => {
  w = mediaWorld(dirs.make());
});
afterEach(() => {
  w.core.close();
  dirs.cleanup();
});

const base = (over: Partial<CheckInInput> = {}): CheckInInput => ({
  siteId: w.site.id, mediumId: w.medium.id, person: '山田 太郎', company: '保守電機', purpose: '点検', targets: ['監視PC'], method: 'none', ...over,
});
const checkIn = (over: Partial<CheckInInput> = {}) => recordCheckIn(w.core, checkInSchema.parse(base(over)), '記録者');

async function storedCertificate(): Promise<string> {
  return (await storeEvidenceStream(w.core, Readable.from([Buffer.from('%PDF-1.7 scan certificate')]), { name: 'cert.pdf' })).sha256;
}

describe('the 判定', () => {
  it('clean allows; everything else denies unless an exception is approved', () => {
    expect(judge('clean', false)).toBe('allowed');
    for (const r of ['infected', 'error', 'no_evidence'] as const) {
      expect(judge(r, false)).toBe('denied');
      expect(judge(r, true)).toBe('exception');
    }
  });

  it('no evidence is denied, and recorded', () => {
    expect(checkIn()).toMatchObject({ method: 'none', result: 'no_evidence', decision: 'denied', n: 1 });
  });

  it('prior-scan evidence: clean certificate allowed, a certificate showing a detection denied', async () => {
    const sha256 = await storedCertificate();
    const prior = { sha256, name: 'cert.pdf', scanDate: '2025-05-31', tool: 'ESET Endpoint', signatureVersion: '29123 (20250531)', result: 'clean' as const };
    const allowed = checkIn({ method: 'prior_evidence', prior });
    expect(allowed).toMatchObject({ result: 'clean', decision: 'allowed' });
    expect(allowed.body).toMatchObject({ prior: { evidenceSha256: sha256, tool: 'ESET Endpoint', scanDate: '2025-05-31' }, scan: null, manifest: null });
    expect(checkIn({ method: 'prior_evidence', prior: { ...prior, result: 'infected' } })).toMatchObject({ result: 'infected', decision: 'denied' });
  });

  it('refuses evidence that is not stored, a scan date in the future, and an exception for a clean medium', async () => {
    const prior = { sha256: 'a'.repeat(64), name: 'x.pdf', scanDate: '2025-05-31', tool: 't', signatureVersion: 's', result: 'clean' as const };
    expect(() => checkIn({ method: 'prior_evidence', prior })).toThrow(expect.objectContaining({ messageKey: 'media.errors.evidenceMissing' }));
    const sha256 = await storedCertificate();
    // T0 is 09:30 on 2025-06-01 in Japan: the 2nd is tomorrow there.
    expect(() => checkIn({ method: 'prior_evidence', prior: { ...prior, sha256, scanDate: '2025-06-02' } })).toThrow(expect.objectContaining({ messageKey: 'media.errors.scanDateFuture' }));
    expect(checkIn({ method: 'prior_evidence', prior: { ...prior, sha256, scanDate: '2025-06-01' } }).decision).toBe('allowed');
    expect(() => checkIn({ method: 'prior_evidence', prior: { ...prior, sha256 }, exception: { approver: 'a', reason: 'r' } })).toThrow(
      expect.objectContaining({ messageKey: 'media.errors.exceptionNotNeeded' }),
    );
    expect(verifyChain(w.core.db, w.site.id).entries).toBe(1);
  });

  it('refuses a lost or retired medium, and another site’s medium', () => {
    updateMedium(w.core.db, w.medium.id, mediumFieldsSchema.parse({ controlNo: 'USB-001', type: 'usb_stick', status: 'lost' }), w.clock.now);
    expect(() => checkIn()).toThrow(expect.objectContaining({ messageKey: 'media.errors.mediumNotActive' }));
    expect(() => checkIn({ siteId: '00000000-0000-4000-8000-000000000000' })).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('the input rules: a scan needs its job, evidence goes with its method', () => {
    const issues = (v: unknown) => checkInSchema.safeParse(v).error?.issues.map((i) => [i.path.join('.'), i.message]) ?? [];
    expect(issues(base({ method: 'scan_here' }))).toEqual([['jobId', 'media.errors.scanRequired']]);
    expect(issues(base({ method: 'prior_evidence' }))).toEqual([['prior', 'media.errors.priorRequired']]);
    expect(issues(base({ method: 'none', jobId: w.medium.id }))).toEqual([['jobId', 'media.errors.noJobWithoutScan']]);
    expect(issues(base({ person: ' ' })).map((i) => i[0])).toEqual(['person']);
  });
});

describe('corrections and check-out', () => {
  it('a correction is a new entry referring to the original, which stays as written', () => {
    const original = checkIn({ person: '山田 太朗' });
    w.clock.now = new Date(w.clock.now.getTime() + 3600_000);
    const correction = recordCorrection(
      w.core,
      correctionSchema.parse({ siteId: w.site.id, entryId: original.id, changes: { person: '山田 太郎', targets: ['PLC-1'] }, reason: '氏名の誤記' }),
      '訂正者',
    );
    expect(correction).toMatchObject({ kind: 'correction', n: 2, refersTo: original.id, person: '山田 太郎', recordedBy: '訂正者', decision: null });
    expect((correction.body as CorrectionBody).reason).toBe('氏名の誤記');
    const detail = entryDetail(w.core, w.site.id, original.id);
    expect(detail.entry).toEqual(original);
    expect(detail.related.map((e) => e.id)).toEqual([correction.id]);
    expect(detail.effective).toEqual({ person: '山田 太郎', company: '保守電機', purpose: '点検', targets: ['PLC-1'] });
    const page = queryLog(w.core.db, w.site.id, {}, 0, 10);
    expect(page.rows.map((r) => [r.n, r.corrected])).toEqual([[2, false], [1, true]]);
    expect(() => recordCorrection(w.core, correctionSchema.parse({ siteId: w.site.id, entryId: correction.id, changes: { purpose: 'x' }, reason: 'r' }), '')).toThrow(
      expect.objectContaining({ messageKey: 'media.errors.onlyCheckInCorrectable' }),
    );
    expect(correctionSchema.safeParse({ siteId: w.site.id, entryId: original.id, changes: {}, reason: 'r' }).error?.issues[0]?.message).toBe('media.errors.nothingToCorrect');
    expect(verifyChain(w.core.db, w.site.id).ok).toBe(true);
  });

  it('check-out records a second manifest and what was copied onto the medium', async () => {
    const medium = writeMedium(dirs.make(), { 'tool.exe': 'tool', 'notes.txt': 'v1' });
    const first = await startScanJob(w.core, { siteId: w.site.id, path: medium, scan: false });
    await waitForScanJob(w.core, first.id);
    const sha256 = await storedCertificate();
    const prior = { sha256, name: 'cert.pdf', scanDate: '2025-05-30', tool: 'Defender', signatureVersion: '1.409', result: 'clean' as const };
    const inEntry = checkIn({ method: 'prior_evidence', prior, jobId: first.id });
    expect(inEntry.body).toMatchObject({ manifest: { fileCount: 2 } });

    writeMedium(medium, { 'logs/plc-2025-06-01.csv': 'a,b', 'notes.txt': 'v2' });
    const second = await startScanJob(w.core, { siteId: w.site.id, path: medium, scan: false });
    await waitForScanJob(w.core, second.id);
    const out = recordCheckOut(w.core, { siteId: w.site.id, checkInId: inEntry.id, jobId: second.id }, '記録者');
    expect(out).toMatchObject({ kind: 'check_out', refersTo: inEntry.id, controlNo: 'USB-001', person: '山田 太郎' });
    expect((out.body as CheckOutBody).diff).toEqual({ added: 1, changed: 1, removed: 0, addedPaths: ['logs/plc-2025-06-01.csv'], changedPaths: ['notes.txt'], removedPaths: [] });
    expect(queryLog(w.core.db, w.site.id, {}, 0, 10).rows.find((r) => r.id === inEntry.id)?.checkedOut).toBe(true);
    expect(entryDetail(w.core, w.site.id, out.id).manifestFiles.map((f) => f.path)).toEqual(['logs/plc-2025-06-01.csv', 'notes.txt', 'tool.exe']);

    const third = await startScanJob(w.core, { siteId: w.site.id, path: medium, scan: false });
    await waitForScanJob(w.core, third.id);
    expect(() => recordCheckOut(w.core, { siteId: w.site.id, checkInId: inEntry.id, jobId: third.id }, '')).toThrow(
      expect.objectContaining({ messageKey: 'media.errors.alreadyCheckedOut' }),
    );
  });
});

describe('[#11.8] a denied medium was never connected', () => {
  it('[#11.8] check-out of a denied entry is refused and nothing is written; an exception can be checked out', async () => {
    const denied = checkIn();
    const excepted = checkIn({ exception: { approver: '電気主任技術者', reason: '緊急復旧' } });
    const job = async () => {
      const started = await startScanJob(w.core, { siteId: w.site.id, path: writeMedium(dirs.make(), { 'a.txt': 'x' }), scan: false });
      return (await waitForScanJob(w.core, started.id)).id;
    };
    const refusedJob = await job();
    expect(() => recordCheckOut(w.core, { siteId: w.site.id, checkInId: denied.id, jobId: refusedJob }, '')).toThrow(
      expect.objectContaining({ code: 'conflict', messageKey: 'media.errors.deniedNoCheckOut', params: { n: denied.n } }),
    );
    expect(verifyChain(w.core.db, w.site.id).entries).toBe(2);
    expect(recordCheckOut(w.core, { siteId: w.site.id, checkInId: excepted.id, jobId: refusedJob }, '')).toMatchObject({ kind: 'check_out', refersTo: excepted.id });
  });
});

describe('the log view', () => {
  it('filters by medium, person, company, date range (Japan days), result and decision; newest first; pages', () => {
    const other = w.addMedium({ controlNo: 'SD-01', type: 'sd_card' });
    const at = (iso: string) => (w.clock.now = new Date(iso));
    at('2025-05-31T14:59:00Z'); // 23:59 on 31 May in Japan
    checkIn({ person: 'A' });
    at('2025-05-31T15:00:00Z'); // 00:00 on 1 June in Japan
    checkIn({ person: 'B', company: '別会社', mediumId: other.id });
    at('2025-06-01T14:59:59Z');
    checkIn({ person: 'A', exception: { approver: '主任', reason: '緊急' } });
    at('2025-06-02T01:00:00Z');
    checkIn({ person: 'C' });
    const q = (f: object, offset = 0, limit = 10) => queryLog(w.core.db, w.site.id, f, offset, limit);
    const ns = (f: object) => q(f).rows.map((r) => r.n);
    expect(ns({})).toEqual([4, 3, 2, 1]);
    expect(ns({ mediumId: other.id })).toEqual([2]);
    expect(ns({ person: 'A' })).toEqual([3, 1]);
    expect(ns({ company: '別会社' })).toEqual([2]);
    expect(ns({ dateFrom: '2025-06-01', dateTo: '2025-06-01' })).toEqual([3, 2]);
    expect(ns({ dateTo: '2025-05-31' })).toEqual([1]);
    expect(ns({ decision: 'exception' })).toEqual([3]);
    expect(ns({ result: 'no_evidence', person: 'A', decision: 'denied' })).toEqual([1]);
    expect(q({}, 1, 2)).toMatchObject({ total: 4, totalCapped: false, offset: 1 });
    expect(q({}, 1, 2).rows.map((r) => r.n)).toEqual([3, 2]);
    expect(q({ person: 'nobody' })).toMatchObject({ total: 0, rows: [] });
  });
});
