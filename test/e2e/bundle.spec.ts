import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, SCREENSHOT_DIR, startHost, stopHost, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { BundlePage } from './pages/bundle-page';

const SITE = '北関東ソーラー発電所';

test('the site exports to a USB folder; head office trusts its key, verifies, refuses a tampered copy, imports, and lists the site read-only', async ({ app, page }) => {
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-usb-'));
  const officeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-office-'));
  const office = await startHost(officeDir);
  try {
    // At the site: export the site's bundle to the folder standing in for a USB stick.
    const site = new BundlePage(app);
    const siteId = await site.seedSite(SITE);
    await site.goto(`#/sites/${siteId}/bundle`);
    await expect(app.heading()).toHaveText('証跡バンドル（USBメディアでの受け渡し）');
    await page.getByLabel('出力先フォルダー').fill(usb);
    await page.getByRole('button', { name: 'バンドルを出力' }).click();
    await expect(page.getByTestId('export-done')).toContainText('検証済みです。媒体を取り外しても安全です。', { timeout: 30_000 });
    const [bundleName] = fs.readdirSync(usb);
    expect(bundleName).toMatch(/^hoan-site-\d{8}-0001-[0-9a-f]{8}\.zip$/);
    await expect(page.getByTestId('bundle-history')).toContainText('出力（事業場の記録）');
    await app.screenshot('60-bundle-export-ja');
    await site.rename('北関東ソーラー発電所 保安PC');
    const siteKey = await site.ownKey();
    expect(siteKey.line).toMatch(/^hoan-[0-9a-f-]{36} namespaces="hoan-bundle" ssh-ed25519 \S+ 北関東ソーラー発電所 保安PC$/);
    await app.screenshot('61-bundle-keys-ja');

    // At head office: trust the site's key after comparing its fingerprint.
    const officePage = await page.context().newPage();
    const hq = new AppPage(officePage, office.host, SCREENSHOT_DIR);
    await hq.open();
    const headOffice = new BundlePage(hq);
    await headOffice.rename('本社 保安管理課');
    await headOffice.goto('#/bundles/trust');
    await officePage.getByLabel('allowed_signers の行').fill(siteKey.line);
    await officePage.getByRole('button', { name: '指紋を確認' }).click();
    await expect(officePage.getByTestId('trust-preview')).toContainText(siteKey.fingerprint);
    await expect(officePage.getByTestId('trust-preview')).toContainText('北関東ソーラー発電所 保安PC');
    await hq.screenshot('62-bundle-trust-preview-ja');
    await officePage.getByLabel('上の指紋を送信者と電話で読み合わせ、一文字ずつ一致することを確かめました').check();
    await officePage.getByRole('button', { name: '信頼する', exact: true }).click();
    await expect(officePage.getByTestId('trusted-signers')).toContainText(siteKey.fingerprint);

    // A copy with one byte changed, picked in the file dialog and uploaded: refused, with its class and entry.
    const bytes = fs.readFileSync(path.join(usb, bundleName!));
    const at = bytes.indexOf(Buffer.from('"format":"hoan-records/1","file":"site.json"'));
    bytes[at + 60]! ^= 0x01;
    const tampered = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-bad-')), 'tampered.zip');
    fs.writeFileSync(tampered, bytes);
    await headOffice.goto('#/bundles');
    await officePage.getByLabel('またはファイルを選ぶ').setInputFiles(tampered);
    await officePage.getByRole('button', { name: '検証する' }).click();
    await expect(officePage.getByTestId('verify-report')).toContainText('検証に不合格です: tampered.zip');
    await expect(officePage.getByTestId('verify-failures')).toContainText('マニフェストと不一致');
    await expect(officePage.getByTestId('verify-failures')).toContainText('data/records/site.json');
    await hq.screenshot('63-bundle-verify-failed-ja');

    // The real bundle, by its path on the stick: verified, then imported.
    await headOffice.goto('#/bundles');
    await officePage.getByLabel('バンドルファイルのパス').fill(path.join(usb, bundleName!));
    await officePage.getByRole('button', { name: '検証する' }).click();
    await expect(officePage.getByTestId('verify-report')).toContainText(`検証に合格しました: ${bundleName}`);
    await expect(officePage.getByTestId('verify-report')).toContainText(siteKey.fingerprint);
    await hq.screenshot('64-bundle-verified-ja');
    await officePage.getByRole('button', { name: '検証して取り込む' }).click();
    await expect(officePage.getByTestId('import-done')).toContainText(`${SITE} を取り込みました。`);
    await expect(officePage.getByTestId('bundle-history')).toContainText('取り込み（事業場の記録）');
    await hq.screenshot('65-bundle-imported-ja');

    // Head office's dashboard lists the site, read-only, with its last bundle's date.
    await officePage.getByRole('navigation').getByRole('link', { name: '事業場' }).click();
    await hq.ready();
    const row = officePage.getByTestId('sites-table').getByRole('row', { name: new RegExp(SITE) });
    await expect(row).toContainText('取り込んだ写し（読み取り専用）');
    await expect(row).toContainText('最終バンドル');
    await expect(row).toContainText('区分A');
    await hq.screenshot('66-bundle-office-sites-ja');
    await row.getByRole('link', { name: SITE }).click();
    await hq.ready();
    await expect(officePage.getByTestId('imported-banner')).toContainText('読み取り専用の写し');
    await hq.screenshot('67-bundle-office-site-ja');

    // Head office cannot edit the copy, but writes a review note that its own bundle will carry back.
    await headOffice.goto(`#/sites/${siteId}/bundle`);
    await expect(officePage.getByRole('heading', { name: '本社レビューを出力' })).toBeVisible();
    await officePage.getByLabel('所見', { exact: true }).fill('方針文書の承認日を記入してください。');
    await officePage.getByRole('button', { name: '所見を追加' }).click();
    await expect(officePage.locator('.review-notes')).toContainText('方針文書の承認日を記入してください。');
    await expect(officePage.locator('.review-notes')).toContainText('本社 保安管理課');
    await hq.screenshot('68-bundle-office-review-ja');
    await officePage.close();
  } finally {
    await stopHost(office.child);
    fs.rmSync(officeDir, { recursive: true, force: true });
    fs.rmSync(usb, { recursive: true, force: true });
  }
});
