import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, type Locator, type Page } from '@playwright/test';
import type { AppPage } from './app-page';

export type Cell = string | number | Date | null;

/** The device-inventory screens (8-2-1), driven through their labels. */
export class InventoryPage {
  constructor(
    readonly app: AppPage,
    readonly page: Page = app.page,
  ) {}

  post<T>(channel: string, data: unknown): Promise<T> {
    return this.app.api<T>(channel, data);
  }

  async seedSite(name = '第一工場'): Promise<string> {
    await this.post('settings:update', { userName: '佐藤 一郎' });
    const site = await this.post<{ id: string }>('sites:create', {
      name, region: 'kanto', gridConnected: true, reversePowerFlow: false, hasRemoteMonitoring: true, hasControlSystem: true, installationType: 'existing',
    });
    return site.id;
  }

  /** An earlier inventory, straight through the upload and the API: the screens are for the next one. */
  async seedInventory(siteId: string, file: string): Promise<void> {
    const response = await this.page.request.post(`${this.app.host.origin}/upload/inventory`, {
      headers: { 'Content-Type': 'application/octet-stream', 'X-Hoan-File-Name': encodeURIComponent(path.basename(file)) },
      data: fs.readFileSync(file),
    });
    const { uploadId } = ((await response.json()) as { data: { uploadId: string } }).data;
    const { jobId } = await this.post<{ jobId: string }>('inventory:preview', { siteId, uploadId });
    await expect.poll(async () => (await this.post<{ state: string }>('inventory:progress', { jobId })).state).toBe('done');
    await this.post('inventory:commit', { jobId });
  }

  /** A workbook as a vendor sends it: a merged title over the header, Japanese headers, 和暦 dates. */
  static async workbook(name: string, rows: Cell[][], title = '第一工場 機器台帳'): Promise<string> {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('機器台帳');
    sheet.getCell('A1').value = title;
    sheet.mergeCells(1, 1, 1, Math.max(2, rows[0]?.length ?? 2));
    rows.forEach((row, i) => {
      sheet.getRow(i + 3).values = row as ExcelJS.CellValue[];
    });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-inventory-')), name);
    await book.xlsx.writeFile(file);
    return file;
  }

  static csv(name: string, lines: string[]): string {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-inventory-')), name);
    fs.writeFileSync(file, `${lines.join('\r\n')}\r\n`);
    return file;
  }

  async open(siteId: string, ...rest: string[]): Promise<void> {
    await this.page.goto(`${this.app.host.origin}/#/sites/${siteId}/${['inventory', ...rest].join('/')}`);
    await this.app.ready();
  }

  tab(): Locator {
    return this.page.getByRole('navigation', { name: '事業場のメニュー' }).getByRole('link', { name: '機器台帳' });
  }

  async chooseFile(file: string): Promise<void> {
    await this.page.getByLabel('取り込むファイル（.xlsx・.csv、200 MBまで）').setInputFiles(file);
    await this.page.getByRole('button', { name: '読み込む' }).click();
  }

  preview(): Locator {
    return this.page.getByTestId('inventory-preview');
  }

  checkRow(assetId: string): Locator {
    return this.page.getByTestId(`check-${assetId}`);
  }
}
