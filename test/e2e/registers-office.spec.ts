import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SOLAR_LEDGER } from '../unit/helpers/registers';
import { expect, SCREENSHOT_DIR, startHost, stopHost, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { audit } from './pages/axe-audit';
import { BundlePage } from './pages/bundle-page';
import { InventoryPage } from './pages/inventory-page';
import { addDefence, addDevice, addParty } from './pages/registers-page';

/**
 * The registers (issue 14) between two installations: a 区分A solar plant
 * fills them and sends its bundle; head office reads them without any control
 * that writes, opens a defence's evidence, and leaves notes on one connection
 * point and on the whole 体制 register; its review bundle brings the notes
 * back to the site, under the register pages they concern.
 */

const SITE = '第一太陽光発電所';
const FW_RULES = 'deny ip any any\npermit ip 203.0.113.10 any\n';

interface Registers {
  parties: { id: string; role: string }[];
  points: { id: string; name: string }[];
}

test('[#14.5] two installations: the site fills its registers and sends them; head office reads them read-only, opens a defence\'s evidence and leaves notes on a point and on the 体制; the site finds the notes under those registers', async ({ app, page }) => {
  test.setTimeout(240_000);
  const usb = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-usb-'));
  const back = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-usb-back-'));
  const files = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-files-'));
  const officeDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-office-'));
  const office = await startHost(officeDir);
  try {
    await page.setViewportSize({ width: 1366, height: 768 });
    const site = new BundlePage(app);
    const siteId = await site.seedSite(SITE);
    await new InventoryPage(app).seedInventory(siteId, await InventoryPage.workbook('太陽光機器台帳.xlsx', SOLAR_LEDGER.map((r) => [...r]), `${SITE} 機器台帳`));
    await site.rename(`${SITE} 保安PC`);

    // The 体制: the owner through the form, the rest as the organisation e2e enters them.
    await site.goto(`#/sites/${siteId}/registers`);
    await addParty(page, { role: '設置者', title: '代表取締役', organisation: '株式会社第一ソーラー', phone: '03-1234-5678', responsibilities: ['セキュリティ対策の統括（2-1）'] });
    const party = (fields: object) => app.api<{ id: string }>('registers:saveParty', { siteId, ...fields });
    const [owner] = (await app.api<Registers>('registers:get', { siteId })).parties;
    const security = await party({ role: 'security_manager', title: '発電所長', personName: '佐藤 花子', organisation: '株式会社第一ソーラー', phone: '043-111-2222', phoneAfterHours: '090-1111-2222', responsibilities: ['roles', 'incident_response'], reportsTo: owner!.id });
    const engineer = await party({ role: 'outsourced_engineer', title: '電気管理技術者', personName: '鈴木 一郎', organisation: '電気保安法人みなみ', phone: '043-333-4444', responsibilities: ['network_management', 'media_control'], reportsTo: security.id });
    const maintenance = await party({ role: 'maintenance', personName: '高橋 次郎', organisation: '太陽光メンテ株式会社', phone: '0120-123-456', responsibilities: ['maintenance_work'], reportsTo: security.id });
    const monitoring = await party({ role: 'monitoring', organisation: 'ソーラー監視センター株式会社', phone: '050-5555-6666', responsibilities: ['monitoring_service'], reportsTo: security.id });
    await app.api('registers:saveContacts', {
      siteId,
      steps: [{ partyId: monitoring.id, note: '夜間・休日は監視センターが一次受付' }, { partyId: security.id }, { partyId: engineer.id }, { partyId: maintenance.id, note: 'VPN 遮断・現地対応' }, { partyId: owner!.id }],
    });

    // The LTE line through the form, with the firewall's rule export as its evidence.
    await site.goto(`#/sites/${siteId}/registers/points`);
    await page.getByRole('link', { name: '接続点を追加' }).click();
    const form = page.getByTestId('point-form');
    await form.getByLabel('名称').fill('遠隔監視回線（LTE）');
    await form.getByLabel('種類', { exact: true }).selectOption({ label: '遠隔監視回線' });
    await form.getByLabel('接続先').fill('ソーラー監視センター');
    await addDevice(form, '事業場側の機器', 'RT-01');
    await addDevice(form, '事業場側の機器', 'MON-01');
    await form.getByLabel('目的').fill('発電量・警報の遠隔監視');
    await form.getByLabel('媒体', { exact: true }).selectOption({ label: 'LTE（モバイルルーター）' });
    await form.getByLabel('必要性の理由').fill('発電停止の即時検知に必要');
    await addDefence(page, 'ファイアウォール', 'ルーター内蔵FWで監視センター以外を遮断');
    await addDefence(page, '接続先の限定', '閉域SIMの接続先を監視センターに限定');
    await form.getByRole('button', { name: '登録', exact: true }).click();
    await expect(page.getByRole('status')).toHaveText('保存しました。');
    const rules = path.join(files, 'fw-rules.txt');
    fs.writeFileSync(rules, FW_RULES);
    await page.getByTestId('defence').first().locator('input[type="file"]').setInputFiles(rules);
    await expect(page.getByTestId('defence').first().locator('.evidence-list')).toContainText('fw-rules.txt');
    // The VPN and the output-control line as the points e2e enters them.
    await app.api('registers:savePoint', {
      siteId, name: '保守用リモートアクセス（VPN）', kind: 'maintenance_access', insideZone: 'monitoring', peer: '太陽光メンテ株式会社', medium: 'internet_vpn',
      managedByParty: maintenance.id, insideAssets: ['VPN-01'], defences: [{ kind: 'authentication', note: '証明書＋ワンタイムパスワード' }, { kind: 'disconnected_when_unused', note: '作業日以外はLANケーブルを抜く' }],
    });
    await app.api('registers:savePoint', {
      siteId, name: '出力制御回線', kind: 'power_company', insideZone: 'control', peer: '電力会社 出力制御サーバ', medium: 'closed_carrier',
      necessityReason: '系統連系の要件', insideAssets: ['OCT-01'], defences: [{ kind: 'closed_network', note: '電力会社の閉域網' }],
    });
    await site.goto(`#/sites/${siteId}/registers/points`);
    await expect(page.getByTestId('point-table').locator('tbody tr')).toHaveCount(3);
    await app.screenshot('registers-office-01-site-points-ja');

    // The site's bundle to the USB stick, from its bundle screen.
    await site.goto(`#/sites/${siteId}/bundle`);
    await page.getByLabel('出力先フォルダー').fill(usb);
    await page.getByRole('button', { name: 'バンドルを出力' }).click();
    await expect(page.getByTestId('export-done')).toContainText('検証済みです。', { timeout: 30_000 });
    const [bundleName] = fs.readdirSync(usb);
    await app.screenshot('registers-office-02-site-exported-ja');

    // Head office, having trusted the site's key, verifies and imports it.
    const officePage = await page.context().newPage();
    await officePage.setViewportSize({ width: 1366, height: 768 });
    const hq = new AppPage(officePage, office.host, SCREENSHOT_DIR);
    await hq.open();
    const headOffice = new BundlePage(hq);
    await headOffice.rename('本社 保安管理課');
    await hq.api('trust:add', { text: (await site.ownKey()).line, role: 'site' });
    await headOffice.goto('#/bundles');
    await officePage.getByLabel('バンドルファイルのパス').fill(path.join(usb, bundleName!));
    await officePage.getByRole('button', { name: '検証して取り込む' }).click();
    await expect(officePage.getByTestId('import-done')).toContainText(`${SITE} を取り込みました。`, { timeout: 30_000 });
    await hq.screenshot('registers-office-03-office-imported-ja');

    // 体制・役割: the site's five parties and its 体制図, nothing that writes; a note on the whole register.
    await headOffice.goto(`#/sites/${siteId}/registers`);
    await expect(hq.heading()).toHaveText('体制・役割');
    await expect(officePage.getByTestId('party-row')).toHaveCount(5);
    await expect(officePage.getByTestId('party-row').nth(1)).toContainText('佐藤 花子');
    await expect(officePage.getByTestId('org-chart')).toBeVisible();
    await expect(officePage.getByRole('button', { name: '人・組織を追加' })).toHaveCount(0);
    await expect(officePage.getByRole('main').getByRole('button', { name: /編集|削除|上へ|下へ/ })).toHaveCount(0);
    const notes = officePage.getByTestId('register-review-notes');
    await expect(notes).toContainText('この台帳への所見はまだありません。');
    await expect(notes.getByLabel('対象')).toHaveValue('');
    await notes.getByLabel('所見', { exact: true }).fill('セキュリティ責任者の代行者を決めて登録してください。');
    await notes.getByRole('button', { name: '所見を追加' }).click();
    await expect(notes.locator('.register-review-group[data-entry-id=""]')).toContainText('セキュリティ責任者の代行者を決めて登録してください。');
    await hq.screenshot('registers-office-04-office-organisation-ja');
    expect((await audit(officePage)).serious).toEqual([]);

    // 連絡体制: the order as the site saved it, closed by the 産業保安監督部; no control that writes.
    await officePage.getByRole('navigation', { name: '体制・接続点の台帳' }).getByRole('link', { name: '連絡体制' }).click();
    await hq.ready();
    await expect(hq.heading()).toHaveText('連絡体制');
    await expect(officePage.getByTestId('contact-step')).toHaveCount(5);
    await expect(officePage.getByTestId('contact-step').first()).toContainText('ソーラー監視センター株式会社');
    await expect(officePage.getByTestId('office-step')).toContainText('関東東北産業保安監督部');
    await expect(officePage.getByRole('button', { name: '連絡順序を保存' })).toHaveCount(0);
    await expect(officePage.getByLabel('連絡順序に加える相手')).toHaveCount(0);
    await expect(officePage.getByTestId('register-review-notes')).toContainText('この台帳への所見はまだありません。');
    await hq.screenshot('registers-office-05-office-contacts-ja');

    // 接続点台帳: three points, no add or reorder; a note on the LTE line.
    const registers = await hq.api<Registers>('registers:get', { siteId });
    const lte = registers.points.find((p) => p.name === '遠隔監視回線（LTE）')!;
    await officePage.getByRole('navigation', { name: '体制・接続点の台帳' }).getByRole('link', { name: '接続点台帳' }).click();
    await hq.ready();
    await expect(hq.heading()).toHaveText('接続点台帳');
    const rows = officePage.getByTestId('point-table').locator('tbody tr');
    await expect(rows).toHaveCount(3);
    await expect(rows.nth(0)).toContainText('RT-01 LTEルーター');
    await expect(officePage.getByRole('link', { name: '接続点を追加' })).toHaveCount(0);
    await expect(officePage.getByTestId('point-table').getByRole('button')).toHaveCount(0);
    await expect(officePage.getByTestId('network-zones').getByRole('combobox')).toHaveCount(0);
    await notes.getByLabel('対象').selectOption({ label: '遠隔監視回線（LTE）' });
    await notes.getByLabel('所見', { exact: true }).fill('閉域SIMの契約書を証跡に添付してください。');
    await notes.getByRole('button', { name: '所見を追加' }).click();
    const onLte = notes.locator(`.register-review-group[data-entry-id="${lte.id}"]`);
    await expect(onLte.getByRole('heading')).toHaveText('「遠隔監視回線（LTE）」について');
    await expect(onLte).toContainText('閉域SIMの契約書を証跡に添付してください。');
    await hq.screenshot('registers-office-06-office-points-ja');
    expect((await audit(officePage)).serious).toEqual([]);

    // One point: every field shown, none editable; the firewall's evidence opens.
    await rows.nth(0).getByRole('link').first().click();
    await hq.ready();
    await expect(hq.heading()).toHaveText('遠隔監視回線（LTE）');
    const pointForm = officePage.getByTestId('point-form');
    await expect(pointForm.getByLabel('名称')).toHaveAttribute('readonly', '');
    await expect(pointForm.getByLabel('媒体', { exact: true })).toBeDisabled();
    await expect(pointForm.getByRole('button', { name: /保存|登録|防御策を追加|外す|削除/ })).toHaveCount(0);
    await expect(pointForm.locator('input[type="file"]')).toHaveCount(0);
    await officePage.getByRole('button', { name: 'fw-rules.txt を開く' }).click();
    const viewer = officePage.getByTestId('evidence-viewer');
    await expect(viewer.locator('pre')).toHaveText(FW_RULES.trimEnd());
    await hq.screenshot('registers-office-07-office-evidence-ja');
    await officePage.keyboard.press('Escape');
    await expect(viewer).toHaveCount(0);
    await hq.screenshot('registers-office-08-office-point-ja');
    // The network diagram: still a placeholder on this branch (owner: diagram), so not looked at here.

    // Head office's review bundle back to the site.
    const officeKey = await headOffice.ownKey();
    await headOffice.goto(`#/sites/${siteId}/bundle`);
    await officePage.getByLabel('出力先フォルダー').fill(back);
    await officePage.getByRole('button', { name: 'レビューを出力' }).click();
    await expect(officePage.getByTestId('export-done')).toContainText('検証済みです。', { timeout: 30_000 });
    await hq.screenshot('registers-office-09-office-review-exported-ja');
    const [reviewName] = fs.readdirSync(back);
    await officePage.close();

    // The site imports it.
    await app.api('trust:add', { text: officeKey.line, role: 'head_office' });
    await site.goto('#/bundles');
    await page.getByLabel('バンドルファイルのパス').fill(path.join(back, reviewName!));
    await page.getByRole('button', { name: '検証して取り込む' }).click();
    await expect(page.getByTestId('import-done')).toBeVisible({ timeout: 30_000 });

    // The overview links each note to its register's page.
    await site.goto(`#/sites/${siteId}`);
    const card = page.getByTestId('site-review-card');
    await expect(card).toContainText('閉域SIMの契約書を証跡に添付してください。');
    await card.getByRole('link', { name: '体制・役割について' }).click();
    await app.ready();

    // Under 体制・役割: head office's note on the whole register, read-only.
    await expect(app.heading()).toHaveText('体制・役割');
    const siteNotes = page.getByTestId('register-review-notes');
    await expect(siteNotes).toContainText('本社から届いたレビュー所見です（読み取り専用）。');
    await expect(siteNotes.locator('.register-review-group[data-entry-id=""]')).toContainText('セキュリティ責任者の代行者を決めて登録してください。');
    await expect(siteNotes).toContainText('本社 保安管理課');
    await expect(siteNotes).not.toContainText('閉域SIM');
    await expect(siteNotes.locator('textarea, select, button')).toHaveCount(0);
    await siteNotes.scrollIntoViewIfNeeded();
    await app.screenshot('registers-office-10-site-organisation-note-ja');

    // 連絡体制 has none; the 接続点台帳 has the note on the LTE line.
    await page.getByRole('navigation', { name: '体制・接続点の台帳' }).getByRole('link', { name: '連絡体制' }).click();
    await app.ready();
    await expect(app.heading()).toHaveText('連絡体制');
    await expect(siteNotes).toHaveCount(0);
    await page.getByRole('navigation', { name: '体制・接続点の台帳' }).getByRole('link', { name: '接続点台帳' }).click();
    await app.ready();
    await expect(siteNotes.locator(`.register-review-group[data-entry-id="${lte.id}"]`)).toContainText('閉域SIMの契約書を証跡に添付してください。');
    await expect(siteNotes.locator('.register-review-group')).toHaveCount(1);
    await expect(siteNotes.locator('textarea, select, button')).toHaveCount(0);
    await app.screenshot('registers-office-11-site-points-note-ja');
  } finally {
    await stopHost(office.child);
    for (const dir of [officeDir, usb, back, files]) fs.rmSync(dir, { recursive: true, force: true });
  }
});
