import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Locator, Page } from '@playwright/test';
import { translate } from '../../electron/core/i18n/translate';
import { formatByteSize } from '../../renderer/src/lib/byte-size';
import { expect, SCREENSHOT_DIR, startHost, stopHost, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { BundlePage } from './pages/bundle-page';
import { MediaPage } from './pages/media-page';

const SITE = '北関東ソーラー発電所';
/** A PNG photo stand-in (a 480×270 gradient), a PDF, a scanner's log, and an HTML file that must never be rendered. */
function gradientPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) rows.set([Math.round((x / width) * 255), 120, Math.round((y / height) * 255)], y * (width * 3 + 1) + 1 + x * 3);
  }
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
const PNG = gradientPng(480, 270);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const LOG = Buffer.from('LibClamAV: 8,700,000 signatures\n/media/usb/点検.xlsx: OK\nInfected files: 0\n');
const HTML = Buffer.from('<!doctype html><title>x</title><script>document.title = "ran"</script>');

interface Seeded {
  siteId: string;
  roundId: string;
}

async function upload(app: AppPage, name: string, bytes: Buffer): Promise<{ sha256: string; name: string }> {
  const response = await app.page.request.post(`${app.host.origin}/upload/evidence`, {
    headers: { 'Content-Type': 'application/octet-stream', 'X-Hoan-File-Name': encodeURIComponent(name) },
    data: bytes,
  });
  return ((await response.json()) as { data: { sha256: string; name: string } }).data;
}

/** A 区分A site with a round, 2-1 一部実施 (a 不適合 勧告 item) with a photo attached. */
async function seed(app: AppPage): Promise<Seeded> {
  const siteId = await new BundlePage(app).seedSite(SITE);
  const [round] = await app.api<{ id: string }[]>('assessment:list', { siteId });
  await app.api('assessment:updateItem', {
    roundId: round!.id,
    itemId: '2-1',
    decision: { status: 'partial', necessity: 'needed', reason: '承認手続き中', remediationPlan: '方針を承認する', remediationDate: '2026-03-31' },
  });
  const photo = await upload(app, '受電設備 写真.png', PNG);
  await app.api('assessment:attach', { roundId: round!.id, itemId: '2-1', sha256: photo.sha256, name: photo.name });
  return { siteId, roundId: round!.id };
}

/** Clicks "<name> を保存" inside `scope` and returns what the browser saved. */
async function saved(page: Page, scope: Page | Locator, name: string): Promise<{ file: string; bytes: Buffer }> {
  const [download] = await Promise.all([page.waitForEvent('download'), scope.getByRole('link', { name: `${name} を保存` }).click()]);
  const file = download.suggestedFilename();
  return { file, bytes: fs.readFileSync((await download.path())!) };
}

test('[#11.11] attached evidence can be opened and saved from the checklist item and the media entry; HTML is only ever saved', async ({ app, page, request }) => {
  const { siteId, roundId } = await seed(app);
  await page.goto(`${app.host.origin}/#/sites/${siteId}/walk/${roundId}/all/2-1`);
  await app.ready();
  await page.getByTestId('evidence-panel').locator('input[type=file]').setInputFiles([
    { name: '点検ログ.txt', mimeType: 'text/plain', buffer: LOG },
    { name: '方針書.pdf', mimeType: 'application/pdf', buffer: PDF },
    { name: 'ベンダー資料.html', mimeType: 'text/html', buffer: HTML },
  ]);
  const list = page.getByTestId('evidence-panel').locator('.evidence-list li');
  await expect(list).toHaveCount(4);
  await expect(list.filter({ hasText: '受電設備 写真.png' })).toContainText(formatByteSize(PNG.length, 'ja', (key, params) => translate('ja', key, params)));
  await app.screenshot('evidence-01-item-list-ja');

  // A photo is shown inside the app, in a dialog.
  await page.getByRole('button', { name: '受電設備 写真.png を開く' }).click();
  const viewer = page.getByTestId('evidence-viewer');
  await expect(viewer.getByRole('heading', { name: '受電設備 写真.png' })).toBeVisible();
  await expect.poll(() => viewer.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
  await app.screenshot('evidence-02-image-viewer-ja');
  await viewer.getByRole('button', { name: '閉じる' }).click();
  await expect(viewer).toHaveCount(0);

  // A log as text.
  await page.getByRole('button', { name: '点検ログ.txt を開く' }).click();
  await expect(viewer.locator('pre')).toContainText('/media/usb/点検.xlsx: OK');
  await page.keyboard.press('Escape');
  await expect(viewer).toHaveCount(0);

  // A PDF in the browser's own viewer, in a tab of its own.
  const [tab] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: '方針書.pdf を開く' }).click()]);
  expect(new URL(tab.url()).pathname).toMatch(/^\/evidence\/[0-9a-f]{64}$/);
  const pdf = await page.request.get(tab.url());
  expect([pdf.headers()['content-type'], pdf.headers()['content-disposition']?.split(';')[0]]).toEqual(['application/pdf', 'inline']);
  await tab.close();

  // HTML is never shown: the dialog says to save it, and saving gives the bytes untouched.
  await page.getByRole('button', { name: 'ベンダー資料.html を開く' }).click();
  await expect(viewer).toContainText('Hoan の中では表示しない種類のファイルです');
  const html = await saved(page, viewer, 'ベンダー資料.html');
  expect(html.file).toBe('ベンダー資料.html');
  expect(html.bytes.equals(HTML)).toBe(true);
  await page.keyboard.press('Escape');
  const photo = await saved(page, page.getByTestId('evidence-panel'), '受電設備 写真.png');
  expect([photo.file, photo.bytes.equals(PNG)]).toEqual(['受電設備 写真.png', true]);

  // Without the per-launch token nothing is served.
  const sha = new URL(tab.url()).pathname.split('/').pop()!;
  expect((await request.get(`${app.host.origin}/evidence/${sha}`)).status()).toBe(401);

  // The media entry: the prior-scan certificate and the file list Hoan made.
  const media = new MediaPage(app);
  const medium = await media.post<{ id: string }>('media:create', { siteId, fields: { controlNo: 'LT-07', type: 'laptop' } });
  const folder = MediaPage.folder({ 'tools/flash.exe': 'tool' });
  const job = await media.post<{ id: string }>('media:scanStart', { siteId, path: folder, scan: false });
  await expect.poll(async () => (await media.post<{ state: string }>('media:scanStatus', { jobId: job.id })).state).toBe('done');
  const cert = await upload(app, 'ESET スキャン証明.pdf', PDF);
  await media.post('media:checkIn', {
    siteId, mediumId: medium.id, person: '山田 太朗', company: 'ベンダー株式会社', purpose: 'ファームウェア更新', method: 'prior_evidence', jobId: job.id,
    prior: { sha256: cert.sha256, name: cert.name, scanDate: '2025-05-30', tool: 'ESET Endpoint Security', signatureVersion: '29123', result: 'clean' },
  });
  await media.open(siteId);
  await page.getByRole('grid', { name: '持込記録の一覧' }).focus();
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('entry-detail');
  await expect(detail).toContainText('ESET Endpoint Security');
  const certificate = await saved(page, page.getByTestId('entry-detail'), 'ESET スキャン証明.pdf');
  expect([certificate.file, certificate.bytes.equals(PDF)]).toEqual(['ESET スキャン証明.pdf', true]);
  await detail.getByRole('button', { name: 'manifest-1.json を開く' }).click();
  await expect(viewer.locator('pre')).toContainText('tools/flash.exe');
  await app.screenshot('evidence-03-media-manifest-ja');
  await page.keyboard.press('Escape');
  await app.screenshot('evidence-04-media-entry-ja');
  fs.rmSync(folder, { recursive: true, force: true });
});

test('[#11.11] head office: untrusted refusal says what to do, trust after comparing, 不適合 column, read-only banner, a note on an item reaches the site', async ({ app, page }) => {
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-usb-'));
  const officeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-office-'));
  const office = await startHost(officeDir);
  try {
    const { siteId, roundId } = await seed(app);
    const site = new BundlePage(app);
    await site.rename('北関東ソーラー発電所 保安PC');
    await site.goto(`#/sites/${siteId}/bundle`);
    await page.getByLabel('出力先フォルダー').fill(usb);
    await page.getByRole('button', { name: 'バンドルを出力' }).click();
    await expect(page.getByTestId('export-done')).toContainText('検証済みです。', { timeout: 30_000 });
    const [bundleName] = fs.readdirSync(usb);
    // The size as Explorer would show it (a bundle of a few KB is not "1 MB").
    const size = fs.statSync(path.join(usb, bundleName!)).size;
    expect(size).toBeLessThan(1024 * 1024);
    const shown = formatByteSize(size, 'ja', (key, params) => translate('ja', key, params));
    expect(shown).toMatch(/ KB$/);
    await expect(page.getByTestId('export-done')).toContainText(`${bundleName}（${shown}、通し番号 1）`);
    const siteKey = await site.ownKey();

    // Head office has not trusted the site yet: the refusal says what to do next.
    const officePage = await page.context().newPage();
    const hq = new AppPage(officePage, office.host, SCREENSHOT_DIR);
    await hq.open();
    const headOffice = new BundlePage(hq);
    await headOffice.rename('本社 保安管理課');
    await headOffice.goto('#/bundles');
    await officePage.getByLabel('バンドルファイルのパス').fill(path.join(usb, bundleName!));
    await officePage.getByRole('button', { name: '検証する' }).click();
    const next = officePage.getByTestId('untrusted-next-steps');
    await expect(next).toContainText('次にすること');
    await expect(next).toContainText(`送信者に電話し`);
    await expect(next).toContainText(siteKey.fingerprint);
    await hq.screenshot('office-01-untrusted-refusal-ja');
    await next.getByRole('link', { name: '「信頼する署名者」を開く' }).click();
    await hq.ready();

    // Trusted only once the fingerprint is confirmed.
    await officePage.getByLabel('allowed_signers の行').fill(siteKey.line);
    await officePage.getByRole('button', { name: '指紋を確認' }).click();
    await expect(officePage.getByTestId('trust-preview')).toContainText(siteKey.fingerprint);
    const trustButton = officePage.getByRole('button', { name: '信頼する', exact: true });
    await expect(trustButton).toBeDisabled();
    await officePage.getByLabel('上の指紋を送信者と電話で読み合わせ、一文字ずつ一致することを確かめました').check();
    await expect(trustButton).toBeEnabled();
    await hq.screenshot('office-02-trust-confirm-ja');
    await trustButton.click();
    await expect(officePage.getByTestId('trusted-signers')).toContainText(siteKey.fingerprint);

    await headOffice.goto('#/bundles');
    await officePage.getByLabel('バンドルファイルのパス').fill(path.join(usb, bundleName!));
    await officePage.getByRole('button', { name: '検証して取り込む' }).click();
    await expect(officePage.getByTestId('import-done')).toContainText(`${SITE} を取り込みました。`);
    await expect(officePage.getByTestId('verify-report')).toContainText(/ファイル、[\d.,]+ (KB|バイト)/);

    // The all-sites list: one 不適合 item (2-1, 勧告, 一部実施).
    await headOffice.goto('#/sites');
    const table = officePage.getByTestId('sites-table');
    await expect(table.getByRole('columnheader', { name: '不適合' })).toBeVisible();
    await expect(table.getByRole('row', { name: new RegExp(SITE) }).getByTestId('nonconforming-count')).toHaveText('1');
    await hq.screenshot('office-03-sites-nonconforming-ja');

    // The read-only copy: the banner says where notes are written; no Ctrl+Enter save hint on its items.
    await headOffice.goto(`#/sites/${siteId}`);
    const banner = officePage.getByTestId('imported-banner');
    await expect(banner).toContainText('ここで書けるのはレビュー所見だけです。');
    await expect(banner).toContainText('チェックリストの項目への所見は各項目の画面で書けます。');
    await expect(banner.getByRole('link', { name: '「バンドル」タブで所見を書く' })).toHaveAttribute('href', `#/sites/${siteId}/bundle`);
    await hq.screenshot('office-04-readonly-banner-ja');
    await headOffice.goto(`#/sites/${siteId}/walk/${roundId}/all/2-1`);
    await expect(officePage.locator('.keys-hint')).toHaveText('キー操作: N / → 次へ、P / ← 前へ');
    await expect(officePage.getByText('Ctrl+Enter')).toHaveCount(0);
    // Head office opens the site's evidence too.
    await officePage.getByRole('button', { name: '受電設備 写真.png を開く' }).click();
    await expect.poll(() => officePage.getByTestId('evidence-viewer').locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(480);
    await officePage.keyboard.press('Escape');
    // A note on this item; Ctrl+Enter inside it does not leave the item.
    await officePage.getByLabel('所見（この項目について）').fill('承認の予定日を記入してください。');
    await officePage.keyboard.press('Control+Enter');
    await expect(officePage.locator('.walk-meta .mono')).toHaveText('2-1');
    await officePage.getByRole('button', { name: '所見を追加' }).click();
    await expect(officePage.getByTestId('item-review-notes')).toContainText('承認の予定日を記入してください。');
    await hq.screenshot('office-05-item-review-note-ja');

    // Head office's review bundle back to the site.
    const officeKey = await headOffice.ownKey();
    await headOffice.goto(`#/sites/${siteId}/bundle`);
    await expect(officePage.getByTestId('review-notes')).toContainText('チェックリスト項目 2-1 について');
    await officePage.getByLabel('出力先フォルダー').fill(usb);
    await officePage.getByRole('button', { name: 'レビューを出力' }).click();
    await expect(officePage.getByTestId('export-done')).toContainText('検証済みです。', { timeout: 30_000 });
    const reviewName = fs.readdirSync(usb).find((f) => f !== bundleName)!;
    await officePage.close();

    await site.goto('#/bundles/trust');
    await page.getByLabel('allowed_signers の行').fill(officeKey.line);
    await page.getByLabel('本社').check();
    await page.getByRole('button', { name: '指紋を確認' }).click();
    await page.getByLabel('上の指紋を送信者と電話で読み合わせ、一文字ずつ一致することを確かめました').check();
    await page.getByRole('button', { name: '信頼する', exact: true }).click();
    await site.goto('#/bundles');
    await page.getByLabel('バンドルファイルのパス').fill(path.join(usb, reviewName));
    await page.getByRole('button', { name: '検証して取り込む' }).click();
    await expect(page.getByTestId('import-done')).toBeVisible();

    // At the site: on the overview, and on the item the note concerns.
    await site.goto(`#/sites/${siteId}`);
    const card = page.getByTestId('site-review-card');
    await expect(card.getByRole('heading', { name: '本社からのレビュー所見' })).toBeVisible();
    await expect(card).toContainText('承認の予定日を記入してください。');
    await expect(card).toContainText('本社 保安管理課');
    await app.screenshot('site-01-overview-review-note-ja');
    await card.getByRole('link', { name: 'チェックリスト項目 2-1 について' }).click();
    await app.ready();
    await expect(page.locator('.walk-meta .mono')).toHaveText('2-1');
    await expect(page.getByTestId('item-review-notes')).toContainText('承認の予定日を記入してください。');
    await expect(page.getByLabel('所見（この項目について）')).toHaveCount(0);
    await app.screenshot('site-02-item-review-note-ja');
  } finally {
    await stopHost(office.child);
    fs.rmSync(officeDir, { recursive: true, force: true });
    fs.rmSync(usb, { recursive: true, force: true });
  }
});
