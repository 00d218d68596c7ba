import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { cancelImportJob, commitImportJob, importJobStatus, startImportPreview } from '../../../electron/core/inventory/import-jobs';
import type { ImportJobStatus, ImportPreview } from '../../../electron/core/inventory/inventory-types';
import { listProfiles } from '../../../electron/core/inventory/mapping-profiles';
import { readInventoryFile } from '../../../electron/core/inventory/read-inventory-file';
import { openUpload, receiveUpload, sweepStaleUploads, uploadsDir } from '../../../electron/core/inventory/upload-store';
import { csvText } from '../helpers/spreadsheet-files';
import { inventoryKit, storedDevices, writtenState } from './inventory-test-kit';

const kit = inventoryKit('hoan-inv-jobs-');
afterEach(() => kit.cleanup());

async function upload(core: Core, name: string, text: string) {
  return receiveUpload(core.dataDir, Readable.from([Buffer.from(text)]), { name });
}

async function settle(core: Core, jobId: string): Promise<ImportJobStatus> {
  for (;;) {
    const status = importJobStatus(core, jobId);
    if (status.state !== 'running') return status;
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function preview(core: Core, siteId: string, uploadId: string, extra: object = {}): Promise<ImportPreview> {
  const { jobId } = startImportPreview(core, { siteId, uploadId, ...extra });
  const status = await settle(core, jobId);
  if (status.state !== 'done') throw new Error(JSON.stringify(status));
  return status.preview;
}

function bigCsv(rows: number): string {
  const lines = ['管理番号,機器名,設置場所,IPアドレス'];
  for (let i = 1; i <= rows; i++) lines.push(`D-${i},端末${i},場所${i % 40},10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  return `${lines.join('\n')}\n`;
}

describe('import jobs: upload, preview with progress, cancel, commit', () => {
  it('reports rows read while it runs, and a cancel writes nothing and forgets the upload', async () => {
    const { core, siteId } = kit.open();
    const stored = await upload(core, 'large.csv', bigCsv(999_000));
    const before = writtenState(core, siteId);
    const { jobId } = startImportPreview(core, { siteId, uploadId: stored.uploadId });

    const seen: number[] = [];
    for (;;) {
      const status = importJobStatus(core, jobId);
      expect(status.state).toBe('running');
      if (status.state === 'running') {
        seen.push(status.rowsRead);
        if (status.rowsRead > 0) expect(status.fraction).toBeGreaterThan(0);
        if (status.rowsRead > 0) expect(status.fraction).toBeLessThanOrEqual(1);
        if (status.rowsRead > 20_000) break;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(seen.at(-1)).toBeGreaterThan(seen[0]!);
    expect(importJobStatus(core, jobId).state).toBe('running');
    expect(cancelImportJob(core, jobId)).toMatchObject({ state: 'cancelled', jobId });

    expect(writtenState(core, siteId)).toEqual(before);
    expect(() => openUpload(core.dataDir, stored.uploadId)).toThrow(expect.objectContaining({ messageKey: 'errors.inventory.uploadNotFound' }));
    expect(() => importJobStatus(core, jobId)).toThrow(expect.objectContaining({ messageKey: 'errors.inventory.jobNotFound' }));
    // The parser's own temporary folder is gone once the worker stops.
    await new Promise((r) => setTimeout(r, 500));
    expect(fs.readdirSync(path.join(core.dataDir, 'tmp', 'inventory-parse'))).toEqual([]);
  });

  it('commits a preview as a batch, then removes the upload; a second file shows and applies the differences', async () => {
    const { core, siteId } = kit.open();
    const first = await upload(core, 'v1.csv', csvText([['管理番号', '機器名', '設置場所', 'ソフトウェアバージョン', '保守番号'], ['A-1', 'PLC', '電気室', '1.0', 'M-1'], ['A-2', 'HMI', '電気室', '2.0', ''], ['A-3', 'PC', '事務所', 'Win10', 'M-3']]));
    const p1 = await preview(core, siteId, first.uploadId);
    expect(p1.diff.counts).toEqual({ new: 3, changed: 0, unchanged: 0, absent: 0 });
    const c1 = commitImportJob(core, p1.jobId);
    expect(c1.batch.counts).toEqual({ created: 3, updated: 0, unchanged: 0, absent: 0, skipped: 0 });
    expect(c1.profile).toBeNull();
    expect(fs.readdirSync(uploadsDir(core.dataDir))).toEqual([]);

    // A-1 changes version and drops its 保守番号, A-2 is the same, A-3 is gone, A-4 is new, one row is bad.
    const second = await upload(core, 'v2.csv', csvText([['管理番号', '機器名', '設置場所', 'ソフトウェアバージョン', '保守番号'], ['A-1', 'PLC', '電気室', '1.1', ''], ['A-2', 'HMI', '電気室', '2.0', ''], ['A-4', 'ルーター', '通信室', '15', 'M-4'], ['', 'だれ', '', '', '']]));
    const p2 = await preview(core, siteId, second.uploadId);
    expect(p2.diff).toEqual({
      counts: { new: 1, changed: 1, unchanged: 1, absent: 1 },
      new: [{ assetId: 'A-4', name: 'ルーター', row: 4 }],
      changed: [
        {
          assetId: 'A-1',
          name: 'PLC',
          row: 2,
          changes: [
            { field: 'softwareVersion', old: '1.0', new: '1.1' },
            { field: 'extra.保守番号', old: 'M-1', new: null },
          ],
        },
      ],
      absent: [{ assetId: 'A-3', name: 'PC', row: null }],
    });
    expect(p2.issues).toEqual([{ row: 5, column: 'A', header: '管理番号', messageKey: 'errors.inventory.row.missingAssetId' }]);
    const c2 = commitImportJob(core, p2.jobId);
    expect(c2.batch.counts).toEqual({ created: 1, updated: 1, unchanged: 1, absent: 1, skipped: 1 });
    const devices = storedDevices(core);
    expect(devices['A-1']).toMatchObject({ software_version: '1.1', extra: {}, in_latest_import: 1 });
    // Never deleted: marked as not in the latest import.
    expect(devices['A-3']).toMatchObject({ name: 'PC', in_latest_import: 0 });
    expect(devices['A-4']).toMatchObject({ location: '通信室', extra: { 保守番号: 'M-4' } });
  });

  it('the reader sends no more rows until the host has taken the last batch', async () => {
    const file = path.join(kit.dirs.make(), 'flow.csv');
    fs.writeFileSync(file, bigCsv(10_000));
    const events: string[] = [];
    let release = () => undefined as void;
    const gate = new Promise<void>((r) => (release = r));
    const reading = readInventoryFile({ file, displayName: 'flow.csv', batchSize: 100 }, (event) => {
      events.push(event.type);
      return event.type === 'rows' && events.filter((t) => t === 'rows').length === 1 ? gate : undefined;
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(events).toEqual(['header', 'rows']);
    release();
    await reading;
    expect(events.filter((t) => t === 'rows')).toHaveLength(100);
    expect(events.at(-1)).toBe('end');
  });

  it('refuses to commit a job that is not finished, and a job that does not exist', async () => {
    const { core, siteId } = kit.open();
    const stored = await upload(core, 'big.csv', bigCsv(200_000));
    const { jobId } = startImportPreview(core, { siteId, uploadId: stored.uploadId });
    expect(() => commitImportJob(core, jobId)).toThrow(expect.objectContaining({ code: 'conflict', messageKey: 'errors.inventory.jobNotReady' }));
    cancelImportJob(core, jobId);
    expect(() => commitImportJob(core, jobId)).toThrow(expect.objectContaining({ code: 'not_found', messageKey: 'errors.inventory.jobNotFound' }));
    expect(writtenState(core, siteId).devices).toBe(0);
  });

  it('lets the user map a column, saves the mapping, and uses it for the next file of the same shape', async () => {
    const { core, siteId } = kit.open();
    const rows = (id: string) => csvText([['識別コード', '機器名', '所在'], [id, 'PLC', '電気室']]);
    const first = await upload(core, 'ベンダーA台帳.csv', rows('X-1'));
    const auto = await preview(core, siteId, first.uploadId);
    expect(auto.problem).toEqual({ code: 'validation', messageKey: 'errors.inventory.noAssetIdColumn', params: { file: 'ベンダーA台帳.csv', sheet: 'ベンダーA台帳' } });
    expect(() => commitImportJob(core, auto.jobId)).toThrow(expect.objectContaining({ messageKey: 'errors.inventory.noAssetIdColumn' }));
    expect(auto.columns.map((c) => [c.header, c.target, c.source])).toEqual([
      ['識別コード', 'extra', 'none'],
      ['機器名', 'name', 'synonym'],
      ['所在', 'extra', 'none'],
    ]);

    const corrected = await preview(core, siteId, first.uploadId, { mapping: [{ index: 0, target: 'assetId' }, { index: 2, target: 'location' }] });
    expect(corrected.problem).toBeNull();
    expect(corrected.columns.map((c) => [c.target, c.source])).toEqual([['assetId', 'user'], ['name', 'synonym'], ['location', 'user']]);
    const { profile } = commitImportJob(core, corrected.jobId);
    expect(profile).toMatchObject({ name: 'ベンダーA台帳', mapping: { 識別コード: 'assetId', 機器名: 'name', 所在: 'location' } });

    const next = await upload(core, '2025年度.csv', rows('X-2'));
    const reused = await preview(core, siteId, next.uploadId);
    expect(reused.profile).toEqual({ name: 'ベンダーA台帳', matchedBy: 'shape' });
    expect(reused.problem).toBeNull();
    expect(reused.columns.map((c) => c.source)).toEqual(['profile', 'profile', 'profile']);
    commitImportJob(core, reused.jobId, { profileName: '年度更新' });
    expect(listProfiles(core.db).map((p) => p.name)).toEqual(['ベンダーA台帳', '年度更新']);
    expect(storedDevices(core)['X-2']).toMatchObject({ name: 'PLC', location: '電気室' });
  });

  it('caps uploads by size, and sweeps uploads older than a day at start', async () => {
    const { core } = kit.open();
    await expect(receiveUpload(core.dataDir, Readable.from([Buffer.alloc(2048)]), { name: 'x.csv' }, 1024)).rejects.toMatchObject({
      code: 'payload_too_large',
      messageKey: 'errors.inventory.tooLarge',
      params: { file: 'x.csv' },
    });
    await expect(receiveUpload(core.dataDir, Readable.from([]), { name: 'y.csv', size: 300 * 1024 * 1024 })).rejects.toMatchObject({ code: 'payload_too_large' });
    expect(fs.readdirSync(uploadsDir(core.dataDir))).toEqual([]);

    const old = await upload(core, 'old.csv', 'a,b\n');
    const fresh = await upload(core, 'fresh.csv', 'a,b\n');
    const dayAgo = (Date.now() - 25 * 60 * 60 * 1000) / 1000;
    for (const f of fs.readdirSync(uploadsDir(core.dataDir)).filter((f) => f.startsWith(old.uploadId))) {
      fs.utimesSync(path.join(uploadsDir(core.dataDir), f), dayAgo, dayAgo);
    }
    sweepStaleUploads(core.dataDir);
    expect(() => openUpload(core.dataDir, old.uploadId)).toThrow();
    expect(openUpload(core.dataDir, fresh.uploadId)).toMatchObject({ name: 'fresh.csv', size: 4 });
  });
});
