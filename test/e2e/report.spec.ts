import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { ChecklistPage } from './pages/checklist-page';

test('the 保安規程 article is drafted from the site, recorded with its adoption date; the inspector report shows, prints and exports', async ({ app, page }, testInfo) => {
  const checklist = new ChecklistPage(app);
  const siteId = await checklist.seedSiteA();
  await page.request.post(`${app.host.origin}/api/assessment:create`, { data: { siteId, title: '2025年度 年次点検' } });
  await page.goto(`${app.host.origin}/#/sites/${siteId}`);
  await app.ready();

  const tabs = page.getByRole('navigation', { name: '事業場のメニュー' });
  await tabs.getByRole('link', { name: '保安規程' }).click();
  await expect(app.heading()).toHaveText('保安規程のサイバーセキュリティ条項');
  await page.getByLabel('対策の責任者').fill('電気主任技術者 山田 太郎');
  await page.getByRole('button', { name: '事業場の情報から条文案を作成' }).click();
  const text = page.locator('textarea[name="text"]');
  await expect(text).toHaveValue(/^（サイバーセキュリティの確保）\n第○条　/);
  await expect(text).toHaveValue(/責任者は、電気主任技術者 山田 太郎とする。/);
  await expect(text).toHaveValue(/区分Ａに該当することから、勧告的事項（2-1「体制」/);
  await page.locator('input[name="adoptedOn"]').fill('2025-04-01');
  await page.getByRole('button', { name: 'この条文を記録' }).click();
  await expect(page.getByTestId('provision-history').locator('tbody tr')).toHaveCount(1);
  await app.screenshot('30-regulation-ja');

  await tabs.getByRole('link', { name: '報告書' }).click();
  await expect(app.heading()).toHaveText('立入検査用の報告書');
  // The period starts on the fiscal year's 1 April and ends today.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(new Date());
  await expect(page.locator('input[name="to"]')).toHaveValue(today);
  await expect(page.locator('input[name="from"]')).toHaveValue(/^\d{4}-04-01$/);
  await page.getByRole('button', { name: '表示' }).click();
  const report = page.getByTestId('report-view');
  await expect(report.locator('h1')).toHaveText('北関東ソーラー発電所');
  await expect(report).toContainText('2025年4月1日 採用');
  await expect(report).toContainText('未検討の項目（32 件）');
  await expect(report.locator('h2')).toContainText(['状況の内訳', 'チェックリスト', 'リスク評価', '外部記憶媒体の持込記録（期間内）']);
  await app.screenshot('31-report-ja');
  await page.emulateMedia({ media: 'print' });
  await app.screenshot('32-report-print-ja');
  await page.emulateMedia({ media: 'screen' });

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Excelで出力' }).click();
  const file = testInfo.outputPath('report.xlsx');
  await (await downloading).saveAs(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  expect(wb.worksheets.map((w) => w.name)).toEqual(['表紙', 'チェックリスト', 'リスク評価', '外部記憶媒体', '機器台帳', '脆弱性', '体制', '連絡体制', '接続点', 'バンドル']);

  // A reversed period is refused in the user's language.
  await page.locator('input[name="from"]').fill('2025-04-01');
  await page.locator('input[name="to"]').fill('2025-03-01');
  await page.getByRole('button', { name: '表示' }).click();
  await expect(page.locator('.field-invalid').filter({ hasText: '期間の終了' })).toContainText('期間の終了は開始より後にしてください。');
});
