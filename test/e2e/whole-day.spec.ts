import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, SCREENSHOT_DIR, startHost, stopHost, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { BundlePage } from './pages/bundle-page';
import { ChecklistPage } from './pages/checklist-page';
import { InventoryPage } from './pages/inventory-page';
import { MediaPage } from './pages/media-page';
import { fillRegisters } from './pages/registers-page';

const SITE = '南港工場 第2受変電所';
const JA = { yes: 'はい', no: 'いいえ', next: '次へ' };

test.setTimeout(240_000);

/**
 * Inspection day, start to finish, in Chromium on the web host: a new site
 * classified, its inventory imported and checked, the checklist walked, a
 * medium scanned at the checkpoint, the records carried to head office on a
 * "USB stick", and the inspector's report produced and read back.
 */
test('the whole day', async ({ app, page }, testInfo) => {
  const shot = (n: number, name: string) => app.screenshot(`day-${String(n).padStart(2, '0')}-${name}`);
  await page.request.post(`${app.host.origin}/api/settings:update`, { data: { userName: '電気管理技術者 山田 太郎' } });

  // 1. A new site, classified with the wizard.
  await page.getByRole('link', { name: '事業場を登録' }).click();
  await app.fillSiteForm({
    name: SITE,
    address: '大阪府大阪市住之江区南港北1-1',
    ownerName: '南港製造株式会社',
    contractorName: '近畿電気保安協会',
    region: 'kinki',
    receivingVoltageV: '6600',
    generationCapacityKw: '800',
    gridConnected: true,
    hasRemoteMonitoring: true,
    hasControlSystem: true,
  });
  await page.getByRole('button', { name: '保存' }).click();
  await expect(app.heading()).toHaveText(SITE);
  const siteId = new URL(page.url()).hash.split('/')[2]!;
  // The registers (issue 14), through the app's channels: the checklist below records 2-1 … 10-3 実施済.
  await fillRegisters(app, siteId);
  await page.getByRole('link', { name: '区分を判定する' }).click();
  await app.answer('hasRemoteMonitoring', true, JA);
  await app.answer('hasControlSystem', true, JA);
  await app.answer('hasGeneration', true, JA);
  await app.answer('sellsSurplus', false, JA);
  await expect(page.getByTestId('wizard-reason')).toHaveText('遠隔監視システムと制御システムがある、発電設備があるが自家消費のみ（逆潮流なし） → 区分B');
  await page.getByRole('button', { name: 'この結果を記録する' }).click();
  await expect(page.getByTestId('current-classification').getByTestId('class-badge')).toHaveText('区分B');
  await shot(1, 'site-classified');

  // 2. The vendor's inventory workbook, imported; the devices checked on the walk.
  const inventory = new InventoryPage(app);
  await inventory.tab().click();
  await page.getByRole('link', { name: 'Excel・CSVから取り込む' }).click();
  const workbook = await InventoryPage.workbook('南港 機器台帳.xlsx', [
    ['管理番号', '機器名', '種別', '設置場所', 'ソフトウェアバージョン', 'IPアドレス', '導入日'],
    ['NK-001', '監視サーバ', 'PC', '中央監視室', 'Windows Server 2019', '10.1.0.10', '令和3年4月1日'],
    ['NK-002', 'PLC', 'PLC', '第2受変電所', 'v2.4', '10.1.0.20', 'R3.4.1'],
    ['NK-003', 'UTM', 'ネットワーク機器', '通信室', '7.0.12', '10.1.0.1', new Date(Date.UTC(2022, 9, 1))],
  ], '南港工場 機器台帳');
  await inventory.chooseFile(workbook);
  await expect(page.getByTestId('preview-summary')).toHaveText('3行のうち、取り込める行 3・取り込めない行 0');
  await page.getByRole('button', { name: '3台分を登録する' }).click();
  await expect(page.getByTestId('inventory-committed')).toContainText('新規 3');
  await page.getByTestId('inventory-committed').getByRole('link', { name: '機器台帳へ戻る' }).click();
  await expect(page.getByTestId('inventory-table').locator('tbody tr')).toHaveCount(3);
  await page.getByRole('link', { name: '存在確認を行う' }).click();
  await page.getByLabel('確認日').fill('2025-06-02');
  await page.getByLabel('設置箇所').selectOption({ label: '第2受変電所（0/1台確認）' });
  await inventory.checkRow('NK-002').getByRole('button', { name: 'NK-002 を「確認済み」にする' }).press('Enter');
  await expect(page.getByRole('status')).toContainText('NK-002 を「確認済み」として記録しました');
  await shot(2, 'inventory-checked');

  // 3. The checklist, walked by keyboard: one 推奨 item judged unnecessary with its reason, the rest implemented.
  const checklist = new ChecklistPage(app);
  await page.getByRole('navigation', { name: '事業場のメニュー' }).getByRole('link', { name: 'チェックリスト' }).click();
  await page.getByRole('button', { name: '評価を開始' }).click();
  await page.getByRole('link', { name: '1項目ずつ確認（立入検査モード）' }).click();
  await checklist.expectItem('2-1');
  for (let i = 0; i < 40; i++) {
    const id = await checklist.currentItemId().textContent();
    if (id === '6-1-1') {
      await page.keyboard.press('3');
      await page.getByLabel('不要と判断').check();
      await page.keyboard.press('r');
      await page.keyboard.type('構内で閉じたネットワークのみで、外部との通信路がないため');
    } else {
      await page.keyboard.press('1');
    }
    if (id === '10-4') {
      await page.keyboard.press('Control+Enter');
      break;
    }
    await checklist.advance(id === '6-1-1' ? 'Control+Enter' : 'n');
  }
  await expect(checklist.progress()).toHaveText('32 / 32 件検討済み');
  await shot(3, 'checklist-walked');
  await page.getByRole('link', { name: '一覧へ戻る' }).click();
  await page.getByRole('button', { name: '評価を完了' }).click();
  await expect(page.getByText('評価を完了しました。')).toBeVisible();

  // 4. A maintenance vendor's USB stick at the checkpoint, scanned with ClamAV here.
  const media = new MediaPage(app);
  await media.open(siteId);
  await media.setSignatureDb(MediaPage.signatureDb());
  await media.register('USB-NK-01', '南港保守サービス株式会社');
  await media.fillCheckIn({ medium: 'USB-NK-01 — USBメモリ (南港保守サービス株式会社)', person: '鈴木 次郎', purpose: 'PLCのログ回収', targets: ['NK-002 PLC'] });
  await media.scan(MediaPage.folder({ 'logs/readme.txt': 'PLC logs', 'tools/collector.cfg': 'interval=60' }));
  await expect(media.judgement()).toHaveText('異常なし → 許可');
  await page.getByRole('button', { name: '記録する' }).click();
  await expect(page.getByRole('status')).toHaveText('記録しました（#1、許可）。');
  await shot(4, 'media-checked-in');

  // 5. The site's records to a folder standing in for a USB stick.
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-day-usb-'));
  const officeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-day-office-'));
  const office = await startHost(officeDir);
  try {
    const siteBundles = new BundlePage(app);
    await siteBundles.goto(`#/sites/${siteId}/bundle`);
    await page.getByLabel('出力先フォルダー').fill(usb);
    await page.getByRole('button', { name: 'バンドルを出力' }).click();
    await expect(page.getByTestId('export-done')).toContainText('検証済みです。媒体を取り外しても安全です。', { timeout: 60_000 });
    const [bundleName] = fs.readdirSync(usb);
    await shot(5, 'bundle-exported');
    const siteKey = await siteBundles.ownKey();

    // 6. Head office: trusts the site's key, verifies the bundle and imports it.
    const officePage = await page.context().newPage();
    const hq = new AppPage(officePage, office.host, SCREENSHOT_DIR);
    await hq.open();
    const headOffice = new BundlePage(hq);
    await headOffice.goto('#/bundles/trust');
    await officePage.getByLabel('allowed_signers の行').fill(siteKey.line);
    await officePage.getByRole('button', { name: '指紋を確認' }).click();
    await expect(officePage.getByTestId('trust-preview')).toContainText(siteKey.fingerprint);
    await officePage.getByLabel('上の指紋を送信者と電話で読み合わせ、一文字ずつ一致することを確かめました').check();
    await officePage.getByRole('button', { name: '信頼する', exact: true }).click();
    await headOffice.goto('#/bundles');
    await officePage.getByLabel('バンドルファイルのパス').fill(path.join(usb, bundleName!));
    await officePage.getByRole('button', { name: '検証する' }).click();
    await expect(officePage.getByTestId('verify-report')).toContainText(`検証に合格しました: ${bundleName}`);
    await officePage.getByRole('button', { name: '検証して取り込む' }).click();
    await expect(officePage.getByTestId('import-done')).toContainText(`${SITE} を取り込みました。`);
    await officePage.getByRole('navigation').getByRole('link', { name: '事業場' }).click();
    await hq.ready();
    const row = officePage.getByTestId('sites-table').getByRole('row', { name: new RegExp(SITE) });
    await expect(row).toContainText('区分B');
    await expect(row).toContainText('32 / 32 件検討済み');
    await hq.screenshot('day-06-head-office');
    // The imported copy is read-only: its pages offer no editing.
    await row.getByRole('link', { name: SITE }).click();
    await hq.ready();
    await expect(officePage.getByTestId('imported-banner')).toBeVisible();
    await expect(officePage.getByRole('link', { name: '編集' })).toHaveCount(0);
    await expect(officePage.getByRole('link', { name: '区分を判定し直す' })).toHaveCount(0);
    await officePage.getByRole('navigation', { name: '事業場のメニュー' }).getByRole('link', { name: 'チェックリスト' }).click();
    await expect(officePage.getByTestId('rounds-table')).toContainText('完了');
    await expect(officePage.getByRole('button', { name: '評価を開始' })).toHaveCount(0);
    await officePage.close();
  } finally {
    await stopHost(office.child);
    fs.rmSync(officeDir, { recursive: true, force: true });
    fs.rmSync(usb, { recursive: true, force: true });
  }

  // 7. The inspector's report, produced and read back.
  await page.goto(`${app.host.origin}/#/sites/${siteId}/report`);
  await app.ready();
  await page.locator('input[name="from"]').fill('2025-04-01');
  await page.getByRole('button', { name: '表示' }).click();
  const report = page.getByTestId('report-view');
  await expect(report.locator('h1')).toHaveText(SITE);
  await expect(report).toContainText('区分B');
  await expect(report).toContainText('未検討の項目（0 件）');
  await shot(7, 'report');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Excelで出力' }).click();
  const file = testInfo.outputPath('report.xlsx');
  await (await downloading).saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const cover = new Map<string, string>();
  wb.getWorksheet('表紙')!.eachRow((r) => cover.set(String(r.getCell(1).value), String(r.getCell(2).value ?? '')));
  expect(cover.get('事業場')).toBe(SITE);
  expect(cover.get('区分と理由')).toBe('区分B: 遠隔監視システムと制御システムがある、発電設備があるが自家消費のみ（逆潮流なし）');
  expect(cover.get('未検討')).toBe('0');
  expect(cover.get('該当なし')).toBe('0');
  expect(cover.get('未実施')).toBe('1');
  const checklistRows = wb.getWorksheet('チェックリスト')!;
  expect(checklistRows.rowCount).toBe(33);
  const unnecessary = checklistRows.getRows(2, 32)!.find((r) => String(r.getCell(2).value).startsWith('6-1-1'))!;
  expect([5, 6, 7, 8].map((c) => unnecessary.getCell(c).value)).toEqual(['未実施', '対象外', '不要と判断', '構内で閉じたネットワークのみで、外部との通信路がないため']);
  const mediaSheet = wb.getWorksheet('外部記憶媒体')!;
  expect(mediaSheet.rowCount).toBe(2);
  expect(mediaSheet.getRow(2).getCell(4).value).toBe('鈴木 次郎');
  const devices = wb.getWorksheet('機器台帳')!;
  expect(devices.rowCount).toBe(4);
  const bundles = wb.getWorksheet('バンドル')!;
  expect(bundles.rowCount).toBe(2);
  expect(bundles.getRow(2).getCell(2).value).toBe('送付');
});
