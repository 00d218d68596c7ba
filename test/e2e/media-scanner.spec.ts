import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildClamContainer } from '../unit/media/media-fixture';
import { expect, test } from './fixtures';
import { MediaPage } from './pages/media-page';

const tempFolder = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

async function seedMedium(media: MediaPage, siteId: string): Promise<void> {
  await media.post('media:create', { siteId, fields: { controlNo: 'USB-001', type: 'usb_stick', ownerCompany: '保守電機株式会社' } });
}

async function useDatabase(media: MediaPage, siteId: string, databasePath: string): Promise<void> {
  await media.post('media:scannerSet', { siteId, config: { profile: 'clamav', databasePath, manifest: { maxFiles: 1000, maxFileMb: 10, maxTotalMb: 100 } } });
}

test('[#11.8] a fresh machine without ClamAV definitions: the check-in says so before the scan, the failed scan is explained in Japanese and not "完了", the entry keeps the scanner\'s words, and a denied entry offers no check-out', async ({ app, page }) => {
  const media = new MediaPage(app);
  const siteId = await media.seedSite();
  await seedMedium(media, siteId);
  const empty = tempFolder('hoan-e2e-nodefs-');
  await useDatabase(media, siteId, empty);

  await media.open(siteId, 'check-in');
  await media.fillCheckIn({ medium: 'USB-001 — USBメモリ (保守電機株式会社)', person: '山田 太郎', purpose: 'PLCプログラム更新', targets: ['PLC-1'] });
  const status = page.getByTestId('scanner-status');
  await expect(status.getByTestId('scanner-state')).toContainText('定義ファイルがありません');
  await expect(status.getByTestId('scanner-state')).toContainText(`スキャナー設定で指定した ${empty} に定義ファイルがありません。`);
  await expect(status.getByTestId('scanner-state')).toContainText('このままスキャンするとスキャンエラーになり、媒体は拒否されます。');
  await expect(status.getByRole('link', { name: 'スキャナー設定を開く' })).toBeVisible();
  await expect(status).toContainText(/エンジン\s*\d+\.\d+/);
  await app.screenshot('media-13-check-in-no-definitions-ja');

  await media.scan(MediaPage.folder({ 'README.txt': '手順書' }));
  const scanStatus = page.getByTestId('scan-status');
  await expect(page.getByTestId('scan-phase')).toHaveText('スキャンできませんでした');
  await expect(scanStatus).not.toContainText('完了');
  await expect(page.getByTestId('scan-result')).toHaveText('スキャン結果: スキャンエラー');
  await expect(scanStatus.getByTestId('scan-error')).toHaveText(/^スキャナーの定義ファイル（ウイルス定義）がないため、スキャンできませんでした。/);
  await expect(scanStatus).toContainText('スキャナーの出力（原文）: LibClamAV Error: cli_loaddbdir: No supported database files found');
  await expect(media.judgement()).toHaveText('スキャンエラー → 拒否');
  await app.screenshot('media-14-check-in-scan-failed-ja');
  await page.getByRole('button', { name: '記録する' }).click();
  await expect(page.getByRole('status')).toHaveText('記録しました（#1、拒否）。');

  await page.getByRole('link', { name: '持込記録を見る' }).click();
  await media.logRows().first().click();
  const detail = page.getByTestId('entry-detail');
  await expect(detail.getByTestId('scan-error')).toHaveText(/^スキャナーの定義ファイル（ウイルス定義）がないため/);
  await expect(detail).toContainText('LibClamAV Error: cli_loaddbdir: No supported database files found');
  await expect(detail).toContainText('スキャンログ（証跡）');
  await expect(detail.getByRole('link', { name: '訂正する' })).toBeVisible();
  await expect(detail.getByRole('link', { name: '持出（チェックアウト）' })).toHaveCount(0);
  await app.screenshot('media-15-failed-scan-entry-ja');

  await media.post('settings:update', { language: 'en' });
  await page.reload();
  await app.ready();
  await media.logRows().first().click();
  await expect(page.getByTestId('entry-detail').getByTestId('scan-error')).toHaveText(/^The scan could not run: the scanner has no definitions/);
  await app.screenshot('media-19-failed-scan-entry-en');
});

test('[#11.8] with definitions: their version, build time and age on the scanner settings and the check-in; old ones are out of date', async ({ app, page }) => {
  const media = new MediaPage(app);
  const siteId = await media.seedSite();
  await seedMedium(media, siteId);
  const folder = tempFolder('hoan-e2e-defs-');
  buildClamContainer(folder, { version: 27502 });

  await media.open(siteId, 'scanner');
  await expect(page.getByTestId('scanner-state')).toContainText('定義ファイルがありません');
  await page.getByLabel('定義ファイル（ClamAV の -d）').fill(folder);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByText('スキャナー設定を保存しました。')).toBeVisible();
  await expect(page.getByTestId('scanner-state')).toHaveText('使用できます');
  await expect(page.getByTestId('scanner-definitions')).toHaveText(/^daily\.cud バージョン 27502（\d{4}年\d{1,2}月\d{1,2}日 \d{2}:\d{2} 作成）$/);
  await expect(page.getByTestId('scanner-status')).toContainText(/定義ファイルの経過日数\s*0 日経過、上限 7 日/);
  await app.screenshot('media-16-scanner-settings-ready-ja');

  await media.open(siteId, 'check-in');
  await expect(page.getByTestId('scanner-state')).toHaveText('使用できます');
  await expect(page.getByTestId('scanner-definitions')).toContainText('daily.cud バージョン 27502');
  await expect(page.getByTestId('scanner-status').getByRole('link', { name: 'スキャナー設定を開く' })).toHaveCount(0);
  await app.screenshot('media-17-check-in-with-definitions-ja');

  // A signature file last changed 30 days ago: still used, but out of date.
  const old = path.join(folder, 'local.hdb');
  fs.writeFileSync(old, '0123456789abcdef0123456789abcdef:10:Local.Test\n');
  fs.rmSync(path.join(folder, 'daily.cud'));
  const month = new Date(Date.now() - 30 * 86_400_000);
  fs.utimesSync(old, month, month);
  await page.getByTestId('scanner-status').getByRole('button', { name: '再確認' }).click();
  await expect(page.getByTestId('scanner-state')).toContainText('定義ファイルが古くなっています');
  await expect(page.getByTestId('scanner-state')).toContainText('最新の定義ファイルは 30 日前に作成されたもので、この事業場の上限（7 日）を超えています。');
});

test('[#11.8] the prior-scan evidence form keeps what was typed while the log file was uploading', async ({ app, page }) => {
  const media = new MediaPage(app);
  const siteId = await media.seedSite();
  await seedMedium(media, siteId);
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/upload/evidence', async (route) => {
    await released;
    await route.continue();
  });

  await media.open(siteId, 'check-in');
  await media.fillCheckIn({ medium: 'USB-001 — USBメモリ (保守電機株式会社)', person: '山田 太郎', purpose: 'ファームウェア更新', targets: ['PLC-1'] });
  await page.getByLabel('事前スキャン証跡').check();
  await page.getByLabel('スキャンログまたは証明書').setInputFiles({ name: 'eset-scan.log', mimeType: 'text/plain', buffer: Buffer.from('ESET scan log: no threats\n') });
  await expect(page.getByText('アップロード中…')).toBeVisible();
  await page.getByLabel('スキャン日').fill('2025-05-30');
  await page.getByLabel('スキャンツール').fill('ESET Endpoint Security');
  await page.getByLabel('定義バージョン').fill('29123');
  release();
  await expect(page.getByText(/eset-scan\.log（\d+ バイト）を証跡として保存しました。/)).toBeVisible();
  await expect(page.getByLabel('スキャン日')).toHaveValue('2025-05-30');
  await expect(page.getByLabel('スキャンツール')).toHaveValue('ESET Endpoint Security');
  await expect(page.getByLabel('定義バージョン')).toHaveValue('29123');
  await expect(media.judgement()).toHaveText('異常なし → 許可');
  await page.getByRole('button', { name: '記録する' }).click();
  await expect(page.getByRole('status').last()).toHaveText('記録しました（#1、許可）。');
});

test('[#11.8] an empty media log says the log is empty; filters that exclude every entry say nothing matches', async ({ app, page }) => {
  const media = new MediaPage(app);
  const siteId = await media.seedSite();
  await media.open(siteId);
  await expect(page.getByTestId('media-log-empty')).toHaveText('持込記録はまだありません。媒体の持込を受け付けると、ここに記録されます。');
  await app.screenshot('media-18-log-empty-ja');
  await media.subnav('例外一覧').click();
  await expect(page.getByTestId('exceptions-log-empty')).toHaveText('例外として許可した記録はありません。');

  const medium = await media.post<{ id: string }>('media:create', { siteId, fields: { controlNo: 'SD-01', type: 'sd_card' } });
  await media.post('media:checkIn', { siteId, mediumId: medium.id, person: '田中 一郎', purpose: '定期点検', method: 'none' });
  await media.open(siteId);
  await expect(media.logRows()).toHaveCount(1);
  await page.getByTestId('log-filters').getByLabel('持込者').fill('鈴木 花子');
  await page.getByRole('button', { name: '絞り込む' }).click();
  await expect(page.getByTestId('media-log-empty')).toHaveText('条件に合う記録はありません。');
  await page.getByRole('button', { name: '条件をクリア' }).click();
  await expect(media.logRows()).toHaveCount(1);
});
