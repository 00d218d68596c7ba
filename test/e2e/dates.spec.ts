import { formatDate, formatDateTime, type DateStyle } from '../../electron/core/time/format-date';
import { expect, test } from './fixtures';
import { ChecklistPage } from './pages/checklist-page';
import { MediaPage } from './pages/media-page';

// The laptop's own clock zone must not matter: this browser runs in Los Angeles.
test.use({ timezoneId: 'America/Los_Angeles' });

type Entry = { at: string; n: number };

test('[#11.5] the time zone setting: listed, saved, and every time on screen follows it', async ({ app, page }) => {
  const media = new MediaPage(app);
  const siteId = await media.seedSite();
  await media.seedScreens(siteId);
  const log = await media.post<{ rows: Entry[] }>('media:log', { siteId, filter: {}, offset: 0, limit: 10 });
  const at = log.rows[0]!.at;

  await app.nav('設定').click();
  await expect(app.heading()).toHaveText('設定');
  const zone = page.getByLabel('タイムゾーン');
  await expect(zone).toHaveValue('Asia/Tokyo');
  await expect(zone.locator('option:checked')).toHaveText('Asia/Tokyo（UTC+09:00）');
  await expect(page.getByRole('button', { name: '保存' }).first()).toBeDisabled();
  await app.screenshot('dates-01-settings-time-zone-ja');

  await zone.selectOption('America/New_York');
  await page.getByRole('button', { name: '保存' }).first().click();
  await expect(page.getByText('保存しました')).toBeVisible();
  expect((await media.post<{ timeZone: string }>('settings:get', {})).timeZone).toBe('America/New_York');

  // The log, rendered by Chromium, shows the time as core (in Node) writes it into documents.
  await media.open(siteId);
  const newYork: DateStyle = { language: 'ja', calendar: 'gregorian', timeZone: 'America/New_York' };
  await expect(page.getByTestId('media-log')).toContainText(formatDateTime(at, newYork));
});

test('[#11.5] 和暦 on: the report screen in Japanese and in English, and the media log, as core writes them', async ({ app, page }) => {
  const checklist = new ChecklistPage(app);
  const siteId = await checklist.seedSiteA();
  await app.api('assessment:create', { siteId, title: '2026年度 年次点検' });
  await app.api('regulation:save', { siteId, text: '（サイバーセキュリティの確保）\n第○条　…', responsible: '山田 太郎', adoptedOn: '2019-05-01' });
  const media = new MediaPage(app);
  await media.seedScreens(siteId);
  const log = await media.post<{ rows: Entry[] }>('media:log', { siteId, filter: {}, offset: 0, limit: 10 });
  await app.api('settings:update', { calendar: 'japanese' });

  for (const language of ['ja', 'en'] as const) {
    await app.api('settings:update', { language });
    // Settings are read when the app loads.
    await page.goto(`${app.host.origin}/#/sites/${siteId}/report`);
    await page.reload();
    await app.ready();
    await page.locator('input[name="from"]').fill('2019-04-01');
    await page.getByRole('button', { name: language === 'ja' ? '表示' : 'Show' }).click();
    const report = page.getByTestId('report-view');
    const style: DateStyle = { language, calendar: 'japanese', timeZone: 'Asia/Tokyo' };
    await expect(report).toContainText(language === 'ja' ? '令和元年5月1日 採用' : 'adopted Reiwa 1 (2019)-05-01');
    await expect(report).toContainText(formatDate('2019-04-01', style));
    for (const e of log.rows) await expect(report).toContainText(formatDateTime(e.at, style));
    await expect(report).not.toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
    await app.screenshot(`dates-0${language === 'ja' ? 2 : 3}-report-wareki-${language}`);
  }

  await app.api('settings:update', { language: 'ja' });
  await media.open(siteId);
  await page.reload();
  await app.ready();
  const style: DateStyle = { language: 'ja', calendar: 'japanese', timeZone: 'Asia/Tokyo' };
  for (const e of log.rows) await expect(page.getByTestId('media-log')).toContainText(formatDateTime(e.at, style));
  await app.screenshot('dates-04-media-log-wareki-ja');

  await app.api('settings:update', { language: 'en' });
  await page.reload();
  await app.ready();
  const en: DateStyle = { ...style, language: 'en' };
  for (const e of log.rows) await expect(page.getByTestId('media-log')).toContainText(formatDateTime(e.at, en));
  await app.screenshot('dates-05-media-log-wareki-en');
});
