import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { ChannelName } from '../../../electron/api/contract';
import type { LogEntry, LogEntryDetail, LogPage, Medium, MediumDetail, ScanJob, ScannerSettings, ScannerStatus, VerifyResult, DriveDetection } from '../../../electron/core/media/media-types';
import type { Site } from '../../../electron/core/sites/site-schema';
import { siteInput } from '../helpers/site-input';
import { buildClamContainer, TEST_MALWARE, writeMedium, writeSignatureDb } from '../media/media-fixture';

interface Context {
  call<T>(channel: ChannelName, input?: unknown): Promise<T>;
  upload(text: string, name: string): Promise<{ sha256: string; name: string }>;
}

type MediaChannel = Extract<ChannelName, `media:${string}`>;

/** Happy paths for the media:* channels, spread into the router test's table. */
export function mediaHappyPaths({ call, upload }: Context): Record<MediaChannel, () => Promise<void>> {
  const scratch = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-router-media-'));

  async function world() {
    const site = await call<Site>('sites:create', siteInput());
    const medium = await call<Medium>('media:create', { siteId: site.id, fields: { controlNo: 'USB-001', type: 'usb_stick', ownerCompany: '保守電機' } });
    await call('media:scannerSet', { siteId: site.id, config: { profile: 'clamav', databasePath: writeSignatureDb(scratch()), manifest: { maxFiles: 100, maxFileMb: 10, maxTotalMb: 100 } } });
    return { site, medium };
  }

  async function finished(siteId: string, files: Record<string, string | Buffer>, scan = true): Promise<ScanJob> {
    const started = await call<ScanJob>('media:scanStart', { siteId, path: writeMedium(scratch(), files), scan });
    for (;;) {
      const job = await call<ScanJob>('media:scanStatus', { jobId: started.id });
      if (job.state !== 'running') return job;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async function checkedIn(files: Record<string, string | Buffer> = { 'a.txt': 'ok' }) {
    const w = await world();
    const job = await finished(w.site.id, files);
    const entry = await call<LogEntry>('media:checkIn', {
      siteId: w.site.id, mediumId: w.medium.id, person: '山田', company: '保守電機', purpose: '点検', targets: ['PLC-1'], method: 'scan_here', jobId: job.id,
    });
    return { ...w, entry };
  }

  return {
    'media:create': async () => {
      const { site } = await world();
      const m = await call<Medium>('media:create', { siteId: site.id, fields: { controlNo: ' SD-02 ', type: 'sd_card', serial: 'ABCD-1234' } });
      expect(m).toMatchObject({ controlNo: 'SD-02', type: 'sd_card', serial: 'ABCD-1234', status: 'active', description: '', siteId: site.id });
    },
    'media:list': async () => {
      const { site, medium } = await world();
      await call('media:update', { id: medium.id, fields: { controlNo: 'USB-001', type: 'usb_stick', status: 'retired' } });
      expect(await call<Medium[]>('media:list', { siteId: site.id })).toEqual([]);
      expect((await call<Medium[]>('media:list', { siteId: site.id, includeInactive: true })).map((m) => m.status)).toEqual(['retired']);
    },
    'media:get': async () => {
      const { medium } = await world();
      const detail = await call<MediumDetail>('media:get', { id: medium.id });
      expect(detail.medium).toEqual(medium);
      expect(detail.history.map((h) => h.action)).toEqual(['create']);
    },
    'media:update': async () => {
      const { medium } = await world();
      const updated = await call<Medium>('media:update', { id: medium.id, fields: { controlNo: 'USB-001', type: 'usb_stick', status: 'lost', ownerCompany: '保守電機' } });
      expect(updated.status).toBe('lost');
    },
    'media:drives': async () => {
      const result = await call<DriveDetection>('media:drives', {});
      expect(Array.isArray(result.drives)).toBe(true);
      expect(result.platform).toBe(process.platform === 'linux' ? 'linux' : result.platform);
    },
    'media:scannerGet': async () => {
      const site = await call<Site>('sites:create', siteInput());
      const settings = await call<ScannerSettings>('media:scannerGet', { siteId: site.id });
      expect(settings).toMatchObject({ isDefault: true, config: { databasePath: '', timeoutMinutes: 60 } });
      expect(settings.profiles.map((p) => p.id)).toEqual(['clamav', 'defender']);
    },
    'media:scannerSet': async () => {
      const site = await call<Site>('sites:create', siteInput());
      const db = writeSignatureDb(scratch());
      const saved = await call<ScannerSettings>('media:scannerSet', { siteId: site.id, config: { profile: 'clamav', databasePath: db, manifest: { maxFiles: 5, maxFileMb: 1, maxTotalMb: 2 } } });
      expect(saved).toMatchObject({ isDefault: false, config: { databasePath: db, executablePath: '', timeoutMinutes: 60, manifest: { maxFiles: 5 } } });
    },
    'media:scannerStatus': async () => {
      const site = await call<Site>('sites:create', siteInput());
      const folder = scratch();
      buildClamContainer(folder, { version: 27600 });
      await call('media:scannerSet', { siteId: site.id, config: { profile: 'clamav', databasePath: folder, manifest: { maxFiles: 5, maxFileMb: 1, maxTotalMb: 2 } } });
      const status = await call<ScannerStatus>('media:scannerStatus', { siteId: site.id });
      expect(status).toMatchObject({ profile: 'clamav', definitionsPath: folder, definitions: [{ name: 'daily.cud', version: '27600', verified: true }] });
    },
    'media:scanStart': async () => {
      const { site } = await world();
      const job = await call<ScanJob>('media:scanStart', { siteId: site.id, path: writeMedium(scratch(), { 'a.txt': 'x' }), scan: true });
      expect(job).toMatchObject({ siteId: site.id, scan: true, state: 'running', consumed: false, outcome: null });
    },
    'media:scanStatus': async () => {
      const { site } = await world();
      const job = await finished(site.id, { 'a.txt': 'x', 'b.exe': TEST_MALWARE });
      expect(job).toMatchObject({ state: 'done', phase: 'finished', filesTotal: 2, outcome: { result: 'infected', manifest: { fileCount: 2 } } });
    },
    'media:scanCancel': async () => {
      const { site } = await world();
      const files: Record<string, Buffer> = {};
      for (let i = 0; i < 50; i++) files[`f${i}`] = Buffer.alloc(1024 * 1024, i);
      const started = await call<ScanJob>('media:scanStart', { siteId: site.id, path: writeMedium(scratch(), files), scan: true });
      await call<ScanJob>('media:scanCancel', { jobId: started.id });
      let job = started;
      while (job.state === 'running') {
      await new Promise((r) => setTimeout(r, 10));
      job = await call<ScanJob>('media:scanStatus', { jobId: started.id });
    }
      expect(job.state).toBe('cancelled');
    },
    'media:checkIn': async () => {
      const { entry } = await checkedIn();
      expect(entry).toMatchObject({ n: 1, kind: 'check_in', method: 'scan_here', result: 'clean', decision: 'allowed', controlNo: 'USB-001' });
      const prior = await upload('scan certificate', 'cert.txt');
      const evidence = await call<LogEntry>('media:checkIn', {
        siteId: entry.siteId, mediumId: entry.mediumId, person: '鈴木', purpose: '更新', method: 'prior_evidence',
        prior: { ...prior, scanDate: '2025-03-31', tool: 'ESET', signatureVersion: '29000', result: 'clean' },
      });
      expect(evidence).toMatchObject({ n: 2, method: 'prior_evidence', decision: 'allowed' });
    },
    'media:checkOut': async () => {
      const { site, entry } = await checkedIn();
      const job = await finished(site.id, { 'a.txt': 'ok', 'copied.log': 'new' }, false);
      const out = await call<LogEntry>('media:checkOut', { siteId: site.id, checkInId: entry.id, jobId: job.id });
      expect(out).toMatchObject({ kind: 'check_out', refersTo: entry.id, body: { diff: { added: 1, addedPaths: ['copied.log'] } } });
    },
    'media:correct': async () => {
      const { site, entry } = await checkedIn();
      const c = await call<LogEntry>('media:correct', { siteId: site.id, entryId: entry.id, changes: { purpose: '定期点検' }, reason: '目的の誤記' });
      expect(c).toMatchObject({ kind: 'correction', refersTo: entry.id, purpose: '定期点検', n: 2 });
    },
    'media:log': async () => {
      const { site, entry } = await checkedIn();
      const page = await call<LogPage>('media:log', { siteId: site.id, filter: { decision: 'allowed', person: '山田' } });
      expect(page).toMatchObject({ total: 1, totalCapped: false, offset: 0 });
      expect(page.rows.map((r) => r.id)).toEqual([entry.id]);
    },
    'media:entry': async () => {
      const { site, entry } = await checkedIn({ 'readme.txt': 'r' });
      const detail = await call<LogEntryDetail>('media:entry', { siteId: site.id, id: entry.id });
      expect(detail).toMatchObject({ entry, related: [], effective: { person: '山田', targets: ['PLC-1'] } });
      expect(detail.manifestFiles.map((f) => f.path)).toEqual(['readme.txt']);
    },
    'media:verify': async () => {
      const { site, entry } = await checkedIn();
      expect(await call<VerifyResult>('media:verify', { siteId: site.id })).toMatchObject({ ok: true, entries: 1, headHash: entry.hash, guardsPresent: true });
    },
    'media:exportXlsx': async () => {
      const { site } = await checkedIn();
      const file = await call<{ fileName: string; base64: string; rows: number }>('media:exportXlsx', { siteId: site.id });
      expect(file.fileName).toMatch(/^media-log-.+\.xlsx$/);
      expect(file.rows).toBe(1);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ArrayBuffer);
      expect(wb.getWorksheet('持込記録')!.getRow(2).getCell(12).value).toBe('許可');
    },
  };
}
