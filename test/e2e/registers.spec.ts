import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type { Page } from '@playwright/test';
import ExcelJS from 'exceljs';
import { SOLAR_LEDGER } from '../unit/helpers/registers';
import { expect, SCREENSHOT_DIR, test } from './fixtures';
import { ChecklistPage } from './pages/checklist-page';
import { InventoryPage } from './pages/inventory-page';
import { addDefence, addDevice, addParty } from './pages/registers-page';

/**
 * Issue 14 end to end, at 1366×768: a 区分A solar plant's ledger imported,
 * then through the screens its 体制, call order and three connection points
 * (remote monitoring by LTE router, a maintenance VPN, the power company's
 * output-control line); the diagram looked at; 6-2-3 refused as 実施済 while
 * a point has no defence and accepted after; the report's workbook read back
 * and its HTML/PDF holding the tables and both drawings.
 */

async function addPoint(page: Page, v: { name: string; kind: string; zone?: string; peer: string; devices: string[]; medium: string; reason: string; defences: [string, string][] }) {
  await page.getByRole('link', { name: '接続点を追加' }).click();
  const form = page.getByTestId('point-form');
  await form.getByLabel('名称').fill(v.name);
  await form.getByLabel('種類', { exact: true }).selectOption({ label: v.kind });
  if (v.zone) await form.getByLabel('事業場側の区域').selectOption({ label: v.zone });
  await form.getByLabel('接続先').fill(v.peer);
  for (const d of v.devices) await addDevice(form, '事業場側の機器', d);
  await form.getByLabel('媒体', { exact: true }).selectOption({ label: v.medium });
  await form.getByLabel('必要性の理由').fill(v.reason);
  for (const [kind, note] of v.defences) await addDefence(page, kind, note);
  await form.getByRole('button', { name: '登録', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(v.name);
}

test('[#14.4] a 区分A solar plant: registers through the screens, the diagram, 6-2-3 held back by an undefended point, and the report xlsx and PDF holding them', async ({ app, page }, testInfo) => {
  // The whole of issue 14 in one walk: longer than a spec of one screen.
  test.setTimeout(240_000);
  const checklist = new ChecklistPage(app);
  const siteId = await checklist.seedSiteA('第一太陽光発電所');
  const round = await app.api<{ id: string }>('assessment:create', { siteId, title: '2026年度 年次点検' });

  // The ledger, imported through the inventory screen.
  const inventory = new InventoryPage(app);
  await inventory.open(siteId, 'import');
  await inventory.chooseFile(await InventoryPage.workbook('太陽光機器台帳.xlsx', SOLAR_LEDGER.map((r) => [...r]), '第一太陽光発電所 機器台帳'));
  await expect(inventory.preview()).toBeVisible();
  await page.getByRole('button', { name: '9台分を登録する' }).click();
  await expect(page.getByTestId('inventory-committed')).toContainText('新規 9');

  // 体制: five parties.
  await page.goto(`${app.host.origin}/#/sites/${siteId}/registers`);
  await app.ready();
  await expect(app.heading()).toHaveText('体制・役割');
  await addParty(page, { role: '設置者', title: '代表取締役', personName: '山田 太郎', organisation: '株式会社第一ソーラー', phone: '03-1234-5678', responsibilities: ['セキュリティ対策の統括（2-1）'] });
  await addParty(page, { role: 'セキュリティ責任者', reportsTo: '設置者：山田 太郎', title: '発電所長', personName: '佐藤 花子', organisation: '株式会社第一ソーラー', phone: '０４３（１１１）２２２２', responsibilities: ['役割の割当て（2-2）', '事故対応体制（10-2）'] });
  await addParty(page, { role: '外部委託先（電気管理技術者）', reportsTo: 'セキュリティ責任者：佐藤 花子', title: '電気管理技術者', personName: '鈴木 一郎', organisation: '電気保安法人みなみ', phone: '043-333-4444', responsibilities: ['接続点の管理と防御（6-2-2, 6-2-3）'] });
  await addParty(page, { role: '保守会社', reportsTo: 'セキュリティ責任者：佐藤 花子', personName: '高橋 次郎', organisation: '太陽光メンテ株式会社', phone: '0120-123-456' });
  await addParty(page, { role: '監視サービス事業者', reportsTo: 'セキュリティ責任者：佐藤 花子', organisation: 'ソーラー監視センター株式会社', phone: '050-5555-6666' });
  await expect(page.getByTestId('party-row')).toHaveCount(5);
  await app.screenshot('registers-e2e-01-organisation-ja');

  // The call order, closed by the 産業保安監督部.
  await page.getByRole('navigation', { name: '体制・接続点の台帳' }).getByRole('link', { name: '連絡体制' }).click();
  for (const label of ['セキュリティ責任者：佐藤 花子', '外部委託先（電気管理技術者）：鈴木 一郎', '監視サービス事業者：ソーラー監視センター株式会社', '設置者：山田 太郎']) {
    await page.getByLabel('連絡順序に加える相手').selectOption({ label });
    await page.getByRole('button', { name: '末尾に追加' }).click();
  }
  await page.getByRole('button', { name: '連絡順序を保存' }).click();
  await expect(page.getByRole('status')).toContainText('連絡順序を保存しました');
  await expect(page.getByTestId('office-step')).toContainText('関東東北産業保安監督部');

  // Three connection points; the output-control line first without a defence.
  await page.getByRole('navigation', { name: '体制・接続点の台帳' }).getByRole('link', { name: '接続点台帳' }).click();
  await addPoint(page, { name: '遠隔監視回線（LTE）', kind: '遠隔監視回線', peer: 'ソーラー監視センター', devices: ['RT-01', 'MON-01'], medium: 'LTE（モバイルルーター）', reason: '発電停止の即時検知に必要', defences: [['ファイアウォール', 'ルーター内蔵FWで監視センター以外を遮断'], ['接続先の限定', '閉域SIMの接続先を監視センターに限定']] });
  await page.getByRole('link', { name: '接続点台帳に戻る' }).first().click();
  await addPoint(page, { name: '保守用リモートアクセス（VPN）', kind: '保守用リモートアクセス', peer: '太陽光メンテ株式会社', devices: ['VPN-01'], medium: 'インターネットVPN', reason: '遠隔保守のため', defences: [['認証', '証明書＋ワンタイムパスワード']] });
  await page.getByRole('link', { name: '接続点台帳に戻る' }).first().click();
  await addPoint(page, { name: '出力制御回線', kind: '電力会社・アグリゲーター（出力制御等）', zone: '制御', peer: '電力会社 出力制御サーバ', devices: ['OCT-01'], medium: '閉域網', reason: '系統連系の要件', defences: [] });
  await expect(page.getByTestId('point-flags')).toContainText('防御策が登録されていません');
  const outputPoint = page.url();

  // The diagram, looked at.
  await page.getByRole('navigation', { name: '体制・接続点の台帳' }).getByRole('link', { name: 'ネットワーク構成図' }).click();
  await expect(app.heading()).toHaveText('ネットワーク構成図');
  await expect(page.locator('main img').first()).toBeVisible();
  await app.screenshot('registers-e2e-02-diagram-ja');

  // 6-2-3: 実施済 refused while the output-control line has no defence; the item shows its register and says why.
  const walk6223 = `${app.host.origin}/#/sites/${siteId}/walk/${round.id}/all/6-2-3`;
  await page.goto(walk6223);
  await app.ready();
  await checklist.expectItem('6-2-3');
  const evidence = page.getByTestId('register-evidence');
  await expect(evidence).toContainText('出力制御回線');
  await expect(evidence.getByTestId('register-gap')).toContainText('防御策も理由もない接続点が 1 か所あります（出力制御回線）');
  await page.keyboard.press('1');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('decision-form')).toContainText('防御策も、防御策を設けない理由も記録されていない接続点が 1 か所あるため、実施済にできません（出力制御回線）');
  await expect(page.locator('.walk-meta [data-testid="item-state"]')).toHaveText('未検討');
  await app.screenshot('registers-e2e-03-checklist-refused-ja');
  // 一部実施 with its reason and plan is possible meanwhile.
  await page.keyboard.press('2');
  await page.locator('textarea[name="reason"]').fill('出力制御回線の防御策を確認中');
  await page.locator('textarea[name="remediationPlan"]').fill('電力会社に閉域網の仕様を確認し、防御策を登録する');
  await page.locator('input[name="remediationDate"]').fill('2027-03-31');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.locator('.walk-meta [data-testid="item-state"]')).toHaveText('一部実施');

  // The defence recorded on the point's page, then 6-2-3 is accepted.
  await page.goto(outputPoint);
  await app.ready();
  await addDefence(page, '閉域網', '電力会社の閉域網');
  await page.getByTestId('point-form').getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await page.goto(walk6223);
  await app.ready();
  await checklist.expectItem('6-2-3');
  await expect(page.getByTestId('register-gap')).toHaveCount(0);
  await page.keyboard.press('1');
  await page.keyboard.press('Control+Enter');
  await expect(checklist.currentItemId()).not.toHaveText('6-2-3');
  await page.goto(walk6223);
  await app.ready();
  await expect(page.locator('.walk-meta [data-testid="item-state"]')).toHaveText('実施済');
  await app.screenshot('registers-e2e-04-checklist-accepted-ja');

  // The report: the three tables and both drawings on screen and in the PDF, the three sheets in the workbook.
  await page.goto(`${app.host.origin}/#/sites/${siteId}/report`);
  await app.ready();
  await page.getByRole('button', { name: '表示' }).click();
  const report = page.getByTestId('report-view');
  await expect(report.locator('h2')).toContainText(['体制・役割（2-1, 2-2）', '事故時の連絡体制（10-2, 10-3）', '外部との接続点と防御策（6-2-2, 6-2-3）']);
  for (const figure of ['report-org-chart', 'report-network-diagram']) {
    const img = report.locator(`figure.${figure} img`);
    await expect(img).toBeVisible();
    expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(300);
  }
  await expect(report.locator('[data-section="contacts"] tbody tr').last()).toContainText('関東東北産業保安監督部');
  await report.locator('[data-section="connection-points"]').scrollIntoViewIfNeeded();
  await app.screenshot('registers-e2e-05-report-ja');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Excelで出力' }).click();
  const file = testInfo.outputPath('report.xlsx');
  await (await downloading).saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows = (name: string) => {
    const out: string[][] = [];
    wb.getWorksheet(name)!.eachRow((r) => void out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return out;
  };
  expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(['体制', '連絡体制', '接続点']));
  expect(rows('体制').slice(1).map((r) => r[0])).toEqual(['設置者', 'セキュリティ責任者', '外部委託先（電気管理技術者）', '保守会社', '監視サービス事業者']);
  expect(rows('体制')[2]![3]).toBe('043-111-2222');
  expect(rows('連絡体制').slice(1).map((r) => r[1])).toEqual(['セキュリティ責任者', '外部委託先（電気管理技術者）', '監視サービス事業者', '設置者', '所轄の産業保安監督部']);
  const points = rows('接続点').slice(1);
  expect(points.map((r) => r[0]!.split('\n')[0])).toEqual(['遠隔監視回線（LTE）', '保守用リモートアクセス（VPN）', '出力制御回線']);
  expect(points[0]![3]).toContain('RT-01 LTEルーター');
  expect(points[2]![7]).toBe('閉域網: 電力会社の閉域網');

  await page.emulateMedia({ media: 'print' });
  const pdf = path.join(SCREENSHOT_DIR, 'registers-e2e-06-report.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true, preferCSSPageSize: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  for (const t of ['体制・役割（2-1, 2-2）', '事故時の連絡体制（10-2, 10-3）', '外部との接続点と防御策（6-2-2, 6-2-3）', '関東東北産業保安監督部', '出力制御回線', '体制図', 'ネットワーク構成図']) expect(text).toContain(t);
  const pages = text.split('\f');
  const first = pages.findIndex((p) => p.includes('体制・役割（2-1, 2-2）')) + 1;
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(first), '-l', String(first + 3), pdf, path.join(SCREENSHOT_DIR, 'registers-e2e-06-report')]);
});
