import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppPage } from './pages/app-page';
import { ChecklistPage } from './pages/checklist-page';
import { expect, SCREENSHOT_DIR, startHost, stopHost, test } from './fixtures';

/** The renderer's chunks a request names (out/ui/assets/<name>-<hash>.js). */
const chunkOf = (url: string) => /\/assets\/([\w-]+?)-[\w-]{8}\.js$/.exec(new URL(url).pathname)?.[1];

test('[#15.7] the sites list loads no other screen\'s code nor the other language; a site\'s screen is fetched when opened, with a loading line meanwhile', async ({ app, page }) => {
  await new ChecklistPage(app).seedSiteA('北関東ソーラー発電所');
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  const fetched: string[] = [];
  page.on('request', (r) => {
    const chunk = chunkOf(r.url());
    if (chunk) fetched.push(chunk);
  });

  // A fresh load of the app at the sites list: every chunk it fetches is recorded.
  await page.reload();
  await app.ready();
  await expect(page.getByTestId('sites-table').getByRole('link', { name: '北関東ソーラー発電所' })).toBeVisible();
  await app.screenshot('startup-sites-list');
  // The first screen: the entry, shared code and Japanese; no screen of a site, no English, not the schemas (zod).
  expect(fetched).toContain('ja');
  for (const other of ['en', 'contract', 'media-schema', 'SiteDetailScreen', 'ChecklistScreen', 'MediaSection', 'InventorySection', 'RegistersSection', 'SettingsScreen', 'BundlesScreen']) {
    expect(fetched, other).not.toContain(other);
  }

  // The overview's chunk is held back: the loading line shows until it arrives.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/SiteDetailScreen-[\w-]+\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('link', { name: '北関東ソーラー発電所' }).click();
  await expect(page.getByText('画面を読み込んでいます…')).toBeVisible();
  release();
  await expect(app.heading()).toHaveText('北関東ソーラー発電所');
  await expect(page.getByText('画面を読み込んでいます…')).toHaveCount(0);
  expect(fetched).toContain('SiteDetailScreen');

  // English is fetched when chosen, and the next screens still load.
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '設定' }).click();
  await page.getByLabel('English').click();
  await expect(page.getByRole('navigation', { name: 'Main menu' })).toBeVisible();
  expect(fetched).toContain('en');
  await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Sites' }).click();
  await expect(app.heading()).toHaveText('Sites');
  expect(violations).toEqual([]);
});

test('[#15.4] the background check of a sound database ends quietly: a small line in the header, no alert', async ({ app, page }) => {
  await expect(page.getByTestId('integrity-line')).toHaveText('データベース検査: 問題なし', { timeout: 30_000 });
  await expect(page.getByTestId('integrity-alert')).toHaveCount(0);
});

/**
 * A data folder damaged where start-up never reads (a table of its own whose
 * root page gets an impossible page type): the host starts and answers, and
 * only the background quick_check finds it.
 */
function damage(dbFile: string): void {
  const db = new Database(dbFile);
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, text TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO filler (text) VALUES (?)');
  for (let i = 0; i < 2000; i++) insert.run(`row ${i} `.repeat(20));
  const root = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'filler'").pluck().get() as number;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = fs.openSync(dbFile, 'r+');
  fs.writeSync(fd, Buffer.from([0xff]), 0, 1, (root - 1) * pageSize);
  fs.closeSync(fd);
}

test('[#15.4] damage found by the background check is shown above the screens, in Japanese and in English', async ({ page }) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-damaged-'));
  let { host, child } = await startHost(dataDir);
  try {
    const app = new AppPage(page, host, SCREENSHOT_DIR);
    await app.open();
    await stopHost(child);
    damage(path.join(dataDir, 'hoan.sqlite3'));
    ({ host, child } = await startHost(dataDir));
    const again = new AppPage(page, host, SCREENSHOT_DIR);
    await again.open();
    // The app works meanwhile: the sites list is there before and after.
    await expect(again.heading()).toHaveText('事業場一覧');
    const alert = page.getByTestId('integrity-alert');
    await expect(alert).toBeVisible({ timeout: 30_000 });
    await expect(alert).toHaveAttribute('role', 'alert');
    await expect(alert.getByRole('heading')).toHaveText('データベースファイルに損傷が見つかりました');
    await expect(alert).toContainText('Hoan はファイルを変更していません');
    await alert.getByText('SQLite の報告（英語）').click();
    await expect(alert.locator('pre')).toContainText(/page/i);
    await again.screenshot('startup-integrity-problems-ja');

    await again.api('settings:update', { language: 'en' });
    await page.reload();
    await again.ready();
    await expect(page.getByTestId('integrity-alert').getByRole('heading')).toHaveText('Damage found in the database file');
    await expect(page.getByTestId('integrity-alert')).toContainText('Hoan has not changed the file');
    await again.screenshot('startup-integrity-problems-en');
  } finally {
    await stopHost(child);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
