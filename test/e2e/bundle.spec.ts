import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { buildDefinitions, DEFS_TEST_MALWARE, DEFS_TEST_SIGNATURE } from '../unit/helpers/definitions';
import { expect, SCREENSHOT_DIR, startHost, stopHost, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { BundlePage } from './pages/bundle-page';

const SITE = '北関東ソーラー発電所';

test('the site exports to a USB folder; head office trusts its key, verifies, refuses a tampered copy, imports, and lists the site read-only; [#12.4] head office sends its definitions back in its review and the site installs them', async ({ app, page }) => {
  test.setTimeout(120_000);
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

    // [#12.4] Head office has no definitions yet: the choice is there, disabled, saying why.
    const include = officePage.getByLabel('最新の定義ファイルを同梱');
    await expect(include).toBeDisabled();
    await expect(officePage.getByTestId('export-definitions')).toContainText('この設置場所には定義ファイルがないため同梱できません。');
    await hq.screenshot('69-bundle-office-review-no-definitions-ja');
    // It imports a set brought on a medium from a connected machine (the definitions screen's channel), then offers it.
    const defsFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-defs-'));
    const daily = buildDefinitions(defsFolder, { version: 27500 });
    const officeSet = await hq.api<{ set: { version: string } }>('definitions:import', { paths: [daily], acceptUnsignedReason: '本社の接続端末で作成したテスト定義' });
    await officePage.reload();
    await hq.ready();
    await expect(include).toBeEnabled();
    await expect(officePage.getByTestId('export-definitions')).toContainText(new RegExp(`${officeSet.set.version}（\\d{4}年\\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2} 作成、1 ファイル、`));
    await include.check();
    await hq.screenshot('70-bundle-office-review-with-definitions-ja');
    const back = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-usb-back-'));
    await officePage.getByLabel('出力先フォルダー').fill(back);
    await officePage.getByRole('button', { name: 'レビューを出力' }).click();
    await expect(officePage.getByTestId('export-done')).toContainText('検証済みです。媒体を取り外しても安全です。', { timeout: 30_000 });
    await expect(officePage.getByTestId('export-definitions-sent')).toContainText(`定義ファイル ${officeSet.set.version}（`);
    await expect(officePage.getByTestId('bundle-history').getByTestId('history-definitions').first()).toContainText('同梱して出力');
    await hq.screenshot('71-bundle-office-review-exported-ja');
    const officeKey = await headOffice.ownKey();
    await officePage.close();

    // At the site: trust head office's key as head office, then verify and import the review it sent.
    await site.goto('#/bundles/trust');
    await page.getByLabel('allowed_signers の行').fill(officeKey.line);
    await page.getByRole('radio', { name: '本社' }).check();
    await page.getByRole('button', { name: '指紋を確認' }).click();
    await expect(page.getByTestId('trust-preview')).toContainText(officeKey.fingerprint);
    await page.getByLabel('上の指紋を送信者と電話で読み合わせ、一文字ずつ一致することを確かめました').check();
    await page.getByRole('button', { name: '信頼する', exact: true }).click();
    await expect(page.getByTestId('trusted-signers')).toContainText('本社');
    const [reviewName] = fs.readdirSync(back);
    await site.goto('#/bundles');
    await page.getByLabel('バンドルファイルのパス').fill(path.join(back, reviewName!));
    await page.getByRole('button', { name: '検証する' }).click();
    await expect(page.getByTestId('verify-definitions')).toContainText(`${officeSet.set.version}（`);
    await expect(page.getByTestId('verify-definitions')).toContainText('この設置場所の定義ファイルとしてインストールします');
    await page.getByRole('button', { name: '検証して取り込む' }).click();
    await expect(page.getByTestId('import-done')).toContainText(`${SITE} を取り込みました。`);
    await expect(page.getByTestId('import-definitions')).toContainText(`同梱の定義ファイル ${officeSet.set.version}（`);
    await expect(page.getByTestId('import-definitions')).toContainText('をインストールしました。この設置場所のすべての事業場のスキャンで使われます。');
    await expect(page.getByTestId('bundle-history').getByTestId('history-definitions').first()).toContainText('インストール済み');
    await app.screenshot('72-bundle-site-definitions-installed-ja');

    // The site's store now has head office's set, from this bundle, and clamscan with it finds the test file.
    const status = await app.api<{ folder: string; current: { version: string; source: { kind: string; bundleId: string } } }>('definitions:status', {});
    expect(status.current).toMatchObject({ version: officeSet.set.version, source: { kind: 'bundle' } });
    const medium = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-medium-'));
    fs.writeFileSync(path.join(medium, 'update.exe'), DEFS_TEST_MALWARE);
    const scan = spawnSync('clamscan', ['--no-summary', '-d', status.folder, medium], { encoding: 'utf8' });
    expect(scan.status).toBe(1);
    expect(scan.stdout).toContain(`${DEFS_TEST_SIGNATURE}.UNOFFICIAL FOUND`);

    // The site's next check-in scans with them, and its entry records which definitions it used.
    const status2 = await app.api<{ current: { id: string } }>('definitions:status', {});
    const mediumId = (await app.api<{ id: string }>('media:create', { siteId, fields: { controlNo: 'USB-HQ-01', type: 'usb_stick' } })).id;
    const job = await app.api<{ id: string }>('media:scanStart', { siteId, path: medium, scan: true });
    await expect.poll(async () => (await app.api<{ state: string }>('media:scanStatus', { jobId: job.id })).state, { timeout: 30_000 }).toBe('done');
    const entry = await app.api<{ result: string; decision: string; body: { scan: { definitions: { source: string; setId: string; version: string; stale: boolean } } } }>('media:checkIn', {
      siteId,
      mediumId,
      person: '保守 太郎',
      purpose: 'PLC更新',
      method: 'scan_here',
      jobId: job.id,
    });
    expect(entry).toMatchObject({ result: 'infected', decision: 'denied' });
    expect(entry.body.scan.definitions).toMatchObject({ source: 'store', setId: status2.current.id, version: officeSet.set.version, stale: false });
    for (const dir of [defsFolder, back, medium]) fs.rmSync(dir, { recursive: true, force: true });
  } finally {
    await stopHost(office.child);
    fs.rmSync(officeDir, { recursive: true, force: true });
    fs.rmSync(usb, { recursive: true, force: true });
  }
});
