import fs from 'node:fs';
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { expect } from 'vitest';
import type { ChannelName, Envelope } from '../../../electron/api/contract';
import type { UploadResult } from '../../../electron/api/contract/results';
import type {
  CommitResult,
  DeviceCheck,
  DeviceDetail,
  ImportBatch,
  ImportJobStatus,
  InventoryExport,
  InventoryList,
  JobRef,
  LocationSummary,
  MappingProfile,
} from '../../../electron/core/inventory/inventory-types';
import type { Site } from '../../../electron/core/sites/site-schema';
import { csvText } from '../helpers/spreadsheet-files';
import { TEST_USER } from '../helpers/set-up';
import { siteInput } from '../helpers/site-input';

interface Context {
  call<T>(channel: ChannelName, input?: unknown): Promise<T>;
  upload(kind: unknown, body: Readable, meta: unknown): Promise<Envelope<UploadResult>>;
}

type InventoryChannel = Extract<ChannelName, `inventory:${string}`>;

const LEDGER = csvText([
  ['機器台帳'],
  ['管理番号', '機器名', '設置場所', 'IPアドレス', '導入日'],
  ['A-1', 'PLC', '第1電気室', '192.168.0.1', '令和5年4月1日'],
  ['A-2', 'HMI', '第1電気室', '192.168.0.2', 'R5.4.1'],
  ['A-3', '監視PC', '中央監視室', '192.168.0.999', ''],
]);

/** Happy paths for the inventory:* channels, spread into the router test's table. */
export function inventoryHappyPaths({ call, upload }: Context): Record<InventoryChannel, () => Promise<void>> {
  async function uploaded(text = LEDGER, name = '台帳.csv'): Promise<{ site: Site; uploadId: string }> {
    const site = await call<Site>('sites:create', siteInput());
    const envelope = await upload('inventory', Readable.from([Buffer.from(text)]), { name, size: Buffer.byteLength(text) });
    if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
    expect(envelope.data).toMatchObject({ name, size: Buffer.byteLength(text), uploadId: expect.any(String) });
    return { site, uploadId: envelope.data.uploadId! };
  }

  async function finished(jobId: string): Promise<ImportJobStatus> {
    for (;;) {
      const status = await call<ImportJobStatus>('inventory:progress', { jobId });
      if (status.state !== 'running') return status;
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async function committed(profileName?: string) {
    const { site, uploadId } = await uploaded();
    const { jobId } = await call<JobRef>('inventory:preview', { siteId: site.id, uploadId });
    expect((await finished(jobId)).state).toBe('done');
    const result = await call<CommitResult>('inventory:commit', profileName ? { jobId, profileName } : { jobId });
    return { site, result };
  }

  return {
    'inventory:preview': async () => {
      const { site, uploadId } = await uploaded();
      const { jobId } = await call<JobRef>('inventory:preview', { siteId: site.id, uploadId });
      const status = await finished(jobId);
      expect(status).toMatchObject({
        state: 'done',
        rowsRead: 3,
        preview: {
          fileName: '台帳.csv',
          headerRow: 2,
          validRows: 2,
          invalidRows: 1,
          issues: [{ row: 5, column: 'D', header: 'IPアドレス', messageKey: 'errors.inventory.row.badIp', params: { value: '192.168.0.999' } }],
          diff: { counts: { new: 2, changed: 0, unchanged: 0, absent: 0 } },
        },
      });
      // A preview writes nothing.
      expect((await call<InventoryList>('inventory:list', { siteId: site.id })).total).toBe(0);
    },
    'inventory:progress': async () => {
      const { site, uploadId } = await uploaded();
      const { jobId } = await call<JobRef>('inventory:preview', { siteId: site.id, uploadId });
      const first = await call<ImportJobStatus>('inventory:progress', { jobId });
      expect(['running', 'done']).toContain(first.state);
      expect(first.jobId).toBe(jobId);
      expect(await finished(jobId)).toMatchObject({ state: 'done', jobId, rowsRead: 3 });
    },
    'inventory:cancel': async () => {
      const { site, uploadId } = await uploaded();
      const { jobId } = await call<JobRef>('inventory:preview', { siteId: site.id, uploadId });
      expect(await call<ImportJobStatus>('inventory:cancel', { jobId })).toMatchObject({ state: 'cancelled', jobId });
      // The upload is forgotten: a new preview of it is refused.
      const again = await upload('inventory', Readable.from([Buffer.from(LEDGER)]), { name: 'x.csv' });
      expect(again.ok).toBe(true);
      expect((await call<InventoryList>('inventory:list', { siteId: site.id })).total).toBe(0);
    },
    'inventory:commit': async () => {
      const { site, result } = await committed();
      expect(result.batch).toMatchObject({ siteId: site.id, fileName: '台帳.csv', counts: { created: 2, updated: 0, unchanged: 0, absent: 0, skipped: 1 }, undoneAt: null });
      expect(result.profile).toBeNull();
    },
    'inventory:list': async () => {
      const { site } = await committed();
      const list = await call<InventoryList>('inventory:list', { siteId: site.id, limit: 1 });
      expect(list.total).toBe(2);
      expect(list.devices.map((d) => [d.assetId, d.installedOn, d.ipAddress, d.inLatestImport, d.lastCheck])).toEqual([['A-1', '2023-04-01', '192.168.0.1', true, null]]);
      expect(list.counts).toEqual({ devices: 2, notInLatestImport: 0, confirmed: 0, notFound: 0, moved: 0, unchecked: 2 });
      expect(list.lastBatch?.fileName).toBe('台帳.csv');
      expect((await call<InventoryList>('inventory:list', { siteId: site.id, search: 'HMI' })).devices.map((d) => d.assetId)).toEqual(['A-2']);
    },
    'inventory:device': async () => {
      const { site, result } = await committed();
      const [device] = (await call<InventoryList>('inventory:list', { siteId: site.id, limit: 1 })).devices;
      const detail = await call<DeviceDetail>('inventory:device', { siteId: site.id, deviceId: device!.id });
      expect(detail.device).toMatchObject({ id: device!.id, assetId: 'A-1', name: 'PLC', installedOn: '2023-04-01', extra: {} });
      expect(detail.history).toEqual([
        { kind: 'created', at: detail.device.createdAt, userName: TEST_USER, batch: { id: result.batch.id, fileName: '台帳.csv', sheet: '台帳' }, changes: [], check: null },
      ]);
    },
    'inventory:locations': async () => {
      const { site } = await committed();
      expect(await call<LocationSummary[]>('inventory:locations', { siteId: site.id })).toEqual([{ location: '第1電気室', devices: 2, checked: 0 }]);
    },
    'inventory:profiles': async () => {
      expect(await call<MappingProfile[]>('inventory:profiles', {})).toEqual([]);
      await committed('保守会社A');
      expect((await call<MappingProfile[]>('inventory:profiles', {})).map((p) => [p.name, p.mapping['管理番号']])).toEqual([['保守会社A', 'assetId']]);
    },
    'inventory:undo': async () => {
      const { site, result } = await committed();
      const undone = await call<ImportBatch>('inventory:undo', { siteId: site.id });
      expect(undone).toMatchObject({ id: result.batch.id, undoneAt: expect.any(String) });
      expect((await call<InventoryList>('inventory:list', { siteId: site.id })).total).toBe(0);
    },
    'inventory:check': async () => {
      const { site } = await committed();
      const [device] = (await call<InventoryList>('inventory:list', { siteId: site.id })).devices;
      const check = await call<DeviceCheck>('inventory:check', { siteId: site.id, deviceId: device!.id, status: 'moved', checkedOn: '2025-04-01', newLocation: '第2電気室' });
      expect(check).toMatchObject({ deviceId: device!.id, status: 'moved', fromLocation: '第1電気室', newLocation: '第2電気室' });
      const after = await call<InventoryList>('inventory:list', { siteId: site.id });
      expect(after.devices.find((d) => d.id === device!.id)).toMatchObject({ location: '第2電気室', lastCheck: { status: 'moved' } });
    },
    'inventory:export': async () => {
      const { site } = await committed();
      const exported = await call<InventoryExport>('inventory:export', { siteId: site.id });
      expect(exported.fileName).toMatch(/^inventory-.+-\d{8}-\d{6}\.xlsx$/);
      expect(fs.readFileSync(exported.path).equals(Buffer.from(exported.base64, 'base64'))).toBe(true);
      expect(exported.bytes).toBe(fs.statSync(exported.path).size);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer);
      expect(book.worksheets[0]!.getCell('A2').value).toBe('A-1');
    },
  };
}
