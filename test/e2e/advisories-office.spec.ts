import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SAMPLE_ADVISORIES, writeCsafFile } from '../unit/helpers/csaf';
import { expect, SCREENSHOT_DIR, startHost, stopHost, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { BundlePage } from './pages/bundle-page';
import { InventoryPage } from './pages/inventory-page';

const SITE = '北関東ソーラー発電所';
const ROOT = path.resolve(__dirname, '..', '..');
/** A review date a year ahead of today (the host's clock is the real one). */
const NEXT_YEAR = `${new Date().getFullYear() + 1}-03-31`;

/** The site's Japanese 機器台帳: makers and versions as the site writes them. */
const LEDGER = [
  ['管理番号', '機器名', '種別', '設置場所', 'メーカー', '型番', 'OS/ファームウェア', 'バージョン'],
  ['PLC-001', '受電監視PLC', 'PLC', '第1電気室', '三菱電機株式会社', 'R04ENCPU', '', 'Ver.1.050C'],
  ['CTL-001', '太陽光PCS制御', 'コントローラ', '第2電気室', 'ｵﾑﾛﾝ', 'NX1P2-9024DT', '', '1.48'],
  ['SW-001', '制御LANルーター', 'ネットワーク機器', '通信室', 'Moxa', 'EDR-810', '', '9.70'],
  ['SW-002', '情報LANルーター', 'ネットワーク機器', '通信室', 'Moxa', 'EDR-810', '', '9.80'],
];

test('[#13.4] two installations: head office imports advisories and sends them in its bundle; the site imports it, matches its Japanese inventory, triages 影響なし and リスク受容, the report shows both, and head office sees the decisions after the site\'s next bundle', async ({ app, page }) => {
  test.setTimeout(240_000);
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-usb-'));
  const officeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-office-'));
  const csaf = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-csaf-'));
  const office = await startHost(officeDir);
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    // The site: its round, its ledger (a real xlsx), its first bundle to head office.
    const site = new BundlePage(app);
    const siteId = await site.seedSite(SITE);
    await new InventoryPage(app).seedInventory(siteId, await InventoryPage.workbook('機器台帳_北関東.xlsx', LEDGER));
    const officePage = await page.context().newPage();
    await officePage.setViewportSize({ width: 1366, height: 768 });
    const hq = new AppPage(officePage, office.host, SCREENSHOT_DIR);
    await hq.open();
    const headOffice = new BundlePage(hq);
    const siteKey = await site.ownKey();
    const officeKey = await headOffice.ownKey();
    await hq.api('trust:add', { text: siteKey.line, role: 'site' });
    await app.api('trust:add', { text: officeKey.line, role: 'head_office' });
    const first = await site.runJob('bundle:exportStart', { siteId, targetDir: usb });
    await headOffice.runJob('bundle:importStart', { source: { path: first.exported!.path } });

    // Head office imports advisories from a folder, as CISA lays them out, with the command a user runs.
    for (const doc of [SAMPLE_ADVISORIES.melsec(), SAMPLE_ADVISORIES.omron(), SAMPLE_ADVISORIES.yokogawa(), SAMPLE_ADVISORIES.moxa()]) writeCsafFile(csaf, doc);
    const imported = spawnSync(process.execPath, [path.join(ROOT, 'electron', 'cli', 'bin.cjs'), 'advisories', 'import', csaf, '--data-dir', officeDir], { encoding: 'utf8' });
    expect(imported.status, imported.stderr).toBe(0);

    // …and sends them in its review for the site, choosing on the export form.
    await headOffice.goto(`#/sites/${siteId}/bundle`);
    const choice = officePage.getByTestId('export-advisories');
    await expect(choice.getByLabel('この事業場へまだ送っていないもの（すべて）')).toBeChecked();
    await hq.screenshot('advisories-office-01-export-form-ja');
    const back = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-usb-back-'));
    await officePage.getByLabel('出力先フォルダー').fill(back);
    await officePage.getByRole('button', { name: 'レビューを出力' }).click();
    await expect(officePage.getByTestId('export-done')).toContainText('検証済みです。媒体を取り外しても安全です。', { timeout: 30_000 });
    await expect(officePage.getByTestId('export-advisories-sent')).toHaveText('この事業場へまだ送っていない脆弱性情報 4 件を同梱しました。');
    await expect(officePage.getByTestId('history-advisories').first()).toHaveText('脆弱性情報 4 件を同梱');
    await hq.screenshot('advisories-office-02-exported-ja');

    // The site verifies and imports head office's bundle: the store takes every advisory again.
    const [reviewName] = fs.readdirSync(back);
    await site.goto('#/bundles');
    await page.getByLabel('バンドルファイルのパス').fill(path.join(back, reviewName!));
    await page.getByRole('button', { name: '検証して取り込む' }).click();
    await expect(page.getByTestId('import-done')).toContainText(`${SITE} を取り込みました。`, { timeout: 30_000 });
    await expect(page.getByTestId('import-advisories')).toContainText('同梱の脆弱性情報: 新規 4 件、更新 0 件、変更なし 0 件、取り込めず 0 件');
    await app.screenshot('advisories-office-03-site-imported-ja');

    // The site's own inventory meets them: MELSEC, OMRON and the Moxa at 9.70; the Moxa at 9.80 is outside `<= 9.78`.
    await site.goto(`#/sites/${siteId}/vulnerabilities`);
    await expect(app.heading()).toHaveText('脆弱性情報と対応');
    const rows = page.getByTestId('triage-row');
    await expect(rows).toHaveCount(3);
    await expect(page.locator('[data-testid="triage-row"][data-asset="SW-002"]')).toHaveCount(0);
    const form = page.getByTestId('triage-form');
    const plc = page.locator('[data-testid="triage-row"][data-asset="PLC-001"]');
    await plc.getByTestId('triage-open-form').click();
    await form.getByLabel('影響なし').check();
    await form.getByLabel('影響なしの理由').selectOption('function_not_used');
    await form.getByLabel('メモ').fill('Ethernet 経由の通信機能は使っていない');
    await form.getByRole('button', { name: '判定を記録' }).click();
    await expect(plc.getByTestId('triage-state')).toHaveText('影響なし');
    const sw = page.locator('[data-testid="triage-row"][data-asset="SW-001"]');
    await sw.getByTestId('triage-open-form').click();
    await form.getByLabel('リスク受容').check();
    await form.getByLabel('代替策（補償的対策）').fill('制御LANを物理的に分離し、保守時のみ接続');
    await form.getByLabel('見直し期日').fill(NEXT_YEAR);
    await form.getByRole('button', { name: '判定を記録' }).click();
    await expect(sw.getByTestId('triage-state')).toHaveText('リスク受容');
    await app.screenshot('advisories-office-04-site-triaged-ja');

    // The site overview's card counts them.
    await site.goto(`#/sites/${siteId}`);
    const card = page.getByTestId('site-advisories');
    await expect(card.getByTestId('site-advisories-not_affected')).toHaveText('1');
    await expect(card.getByTestId('site-advisories-risk_accepted')).toHaveText('1');
    await expect(card).toContainText('要対応 1 件');
    await expect(card).toContainText('9.8');
    await card.scrollIntoViewIfNeeded();
    await app.screenshot('advisories-office-05-site-overview-ja');

    // The inspector's report shows both decisions.
    await site.goto(`#/sites/${siteId}/report`);
    await page.getByRole('button', { name: '表示' }).click();
    const section = page.getByTestId('report-view').locator('[data-section="advisories"]');
    await expect(section).toContainText('脆弱性情報への対応（8-4）');
    await expect(section).toContainText('判定の内訳: 未判定 1 件 ／ 影響なし 1 件 ／ リスク受容 1 件');
    await expect(section.locator('tr', { hasText: 'PLC-001' })).toContainText('影響なし');
    await expect(section.locator('tr', { hasText: 'PLC-001' })).toContainText('理由: 該当機能を使用していない');
    await expect(section.locator('tr', { hasText: 'SW-001' })).toContainText('リスク受容');
    await expect(section.locator('tr', { hasText: 'SW-001' })).toContainText('補償策: 制御LANを物理的に分離し、保守時のみ接続');
    await section.scrollIntoViewIfNeeded();
    await app.screenshot('advisories-office-06-site-report-ja');

    // The site's next bundle carries its decisions to head office.
    const next = await site.runJob('bundle:exportStart', { siteId, targetDir: usb });
    await headOffice.runJob('bundle:importStart', { source: { path: next.exported!.path } });
    await headOffice.goto(`#/sites/${siteId}/vulnerabilities`);
    await expect(hq.heading()).toHaveText('脆弱性情報と対応');
    const atOffice = officePage.locator('[data-testid="triage-row"][data-asset="PLC-001"]');
    await expect(atOffice.getByTestId('triage-state')).toHaveText('影響なし');
    await expect(officePage.locator('[data-testid="triage-row"][data-asset="SW-001"]').getByTestId('triage-state')).toHaveText('リスク受容');
    // Read-only at head office: no decision form is offered for a site it does not own.
    await expect(officePage.getByTestId('triage-open-form')).toHaveCount(0);
    await hq.screenshot('advisories-office-07-office-decisions-ja');

    // The all-sites dashboard: open count and the highest CVSS still open, per site.
    await officePage.getByRole('navigation').getByRole('link', { name: '事業場' }).click();
    await hq.ready();
    const cell = officePage.getByTestId('sites-table').getByRole('row', { name: new RegExp(SITE) }).getByTestId('advisories-cell');
    await expect(cell).toContainText('要対応 1 件');
    await expect(cell).toContainText('最高\u00a0CVSS\u00a09.8');
    await hq.screenshot('advisories-office-08-office-sites-ja');
    await officePage.close();
    fs.rmSync(back, { recursive: true, force: true });
  } finally {
    await stopHost(office.child);
    for (const dir of [officeDir, usb, csaf]) fs.rmSync(dir, { recursive: true, force: true });
  }
});
