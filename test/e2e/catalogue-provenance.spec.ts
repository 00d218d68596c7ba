import { expect, test } from './fixtures';
import { ChecklistPage } from './pages/checklist-page';

const GENERIC = ['2-1', '2-2', '2-3', '3-1', '3-2', '4-1', '5-1', '5-2', '9-1', '10-1', '10-2', '10-3', '10-4'];

test("[#11.7] the catalogue's provenance is shown where it is chosen and on the report's cover; generic items are marked in the list and on the item", async ({ app, page }) => {
  const checklist = new ChecklistPage(app);
  const siteId = await checklist.seedSiteA();
  const round = await app.api<{ id: string }>('assessment:create', { siteId, title: '2025年度 年次点検' });

  await app.nav('設定').click();
  const entry = page.getByTestId('catalogue-section').getByTestId('catalogue-entry');
  await expect(entry).toContainText('2022.10-deck.2');
  await expect(entry.locator('.tag')).toHaveText('要約版');
  await expect(entry).toContainText('経済産業省のチェックリストの原文は入手できていません。');
  await page.getByTestId('catalogue-section').scrollIntoViewIfNeeded();
  await app.screenshot('catalogue-01-settings-ja');

  await page.goto(`${app.host.origin}/#/sites/${siteId}/checklist/${round.id}`);
  await app.ready();
  const rows = page.getByTestId('items-table').locator('tr[data-item]');
  await expect(rows.filter({ has: page.getByTestId('generic-item') })).toHaveCount(GENERIC.length);
  for (const id of GENERIC) await expect(page.locator(`tr[data-item="${id}"]`).getByTestId('generic-item')).toHaveText('包括項目');
  await expect(page.locator('tr[data-item="8-1-3"]').getByTestId('generic-item')).toHaveCount(0);
  await app.screenshot('catalogue-02-round-generic-ja');

  await page.locator('tr[data-item="2-1"] a').click();
  await checklist.expectItem('2-1');
  await expect(page.locator('.walk-meta').getByTestId('generic-item')).toHaveText('包括項目');
  await expect(page.locator('.walk-item')).toContainText('資料に個別の項目が示されていない条のため、この1項目で条全体を判断します。');
  await app.screenshot('catalogue-03-walk-generic-ja');
  await checklist.advance();
  await expect(page.locator('.walk-meta').getByTestId('generic-item')).toHaveText('包括項目');
  await page.goto(`${app.host.origin}/#/sites/${siteId}/walk/${round.id}/all/8-1-3`);
  await checklist.expectItem('8-1-3');
  await expect(page.locator('.walk-meta').getByTestId('generic-item')).toHaveCount(0);

  await page.goto(`${app.host.origin}/#/sites/${siteId}/report`);
  await app.ready();
  await page.getByRole('button', { name: '表示' }).click();
  const cover = page.getByTestId('report-view').locator('.report-cover');
  const row = cover.locator('dl > div').filter({ has: page.locator('dt', { hasText: /^カタログ$/ }) });
  await expect(row.locator('dd')).toContainText('自家用GL 2022.10-deck.2');
  await expect(row.locator('dd')).toContainText('このカタログは要約版です。');
  // One 管轄, in the label only (#11.6).
  const office = cover.locator('dl > div').filter({ has: page.locator('dt', { hasText: '管轄の産業保安監督部' }) });
  await expect(office.locator('dd')).toHaveText('関東東北産業保安監督部 電力安全課（電話 048-600-0385）');
  await app.screenshot('catalogue-04-report-cover-ja');

  await app.api('settings:update', { language: 'en' });
  await page.reload();
  await app.ready();
  await page.getByRole('button', { name: 'Show' }).click();
  await expect(page.getByTestId('report-view').locator('.report-cover')).toContainText('This catalogue is a summary.');
  await app.screenshot('catalogue-05-report-cover-en');
});
