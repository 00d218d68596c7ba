import path from 'node:path';
import { expect, SCREENSHOT_DIR, test } from './fixtures';
import { AppPage } from './pages/app-page';
import { ChecklistPage } from './pages/checklist-page';

/**
 * Forms and navigation on the first day: the first-run names, leaving a
 * screen with unsaved changes, errors that go once corrected, and a language
 * switch that leaves nothing in the other language.
 */

test('[#11.9] first run asks for your name and the installation\'s name, in Japanese or English, and records them', async ({ page, host }) => {
  // A fresh data folder, opened without the fixture's own first run.
  const app = new AppPage(page, host, SCREENSHOT_DIR);
  await app.open({ firstRun: 'stay' });
  const firstRun = page.getByTestId('first-run');
  await expect(firstRun).toBeVisible();
  await expect(app.heading()).toHaveText('はじめに');
  // Nothing else is reachable before the names are given.
  await expect(page.getByRole('navigation', { name: 'メインメニュー' })).toHaveCount(0);
  await app.screenshot('11-9-first-run-ja');

  // Saved empty: both fields named, in Japanese; then English, with the same errors in English only.
  await firstRun.locator('button[type="submit"]').click();
  await expect(page.getByTestId('error-summary')).toHaveText('次の項目を確認してください: 担当者名、この設置場所の名前');
  await expect(firstRun.locator('.field-error')).toHaveText(['必須項目です。', '必須項目です。']);
  await firstRun.getByLabel('English').click();
  await expect(app.heading()).toHaveText('Before you start');
  await expect(page.getByTestId('error-summary')).toHaveText("Please check these fields: Your name, This installation's name");
  await expect(firstRun.locator('.field-error')).toHaveText(['Required.', 'Required.']);
  // Nothing in Japanese is left but the language's own name.
  expect((await page.locator('main').innerText()).replace('日本語', '')).not.toMatch(/[ぁ-んァ-ン一-龥]/);
  await app.screenshot('11-9-first-run-en');

  await firstRun.getByLabel('Your name').fill('Hanako Sato');
  await firstRun.getByLabel("This installation's name").fill('Kita-Kanto office, safety PC');
  await firstRun.getByRole('button', { name: 'Save and start' }).click();
  await expect(firstRun).toHaveCount(0);
  await expect(app.heading()).toHaveText('Sites');

  // Both stay editable in settings; the user's name is what a classification records.
  await app.nav('Settings').click();
  const names = page.getByTestId('names-form');
  await expect(names.getByLabel('Your name')).toHaveValue('Hanako Sato');
  await expect(names.getByLabel("This installation's name")).toHaveValue('Kita-Kanto office, safety PC');
  await names.getByLabel('Your name').fill('佐藤 花子');
  await names.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status')).toHaveText('Saved');
  await expect(names.getByLabel('Your name')).toHaveValue('佐藤 花子');
  await app.screenshot('11-9-settings-names-en');
  const site = await app.api<{ id: string }>('sites:create', {
    name: '北関東ソーラー発電所',
    region: 'kanto',
    receivingVoltageV: 6600,
    generationCapacityKw: 1990,
    gridConnected: true,
    reversePowerFlow: true,
    hasRemoteMonitoring: true,
    hasControlSystem: true,
    installationType: 'new',
  });
  const classified = await app.api<{ classifiedBy: string }>('sites:classify', {
    siteId: site.id,
    answers: { hasRemoteMonitoring: true, hasControlSystem: true, hasGeneration: true, sellsSurplus: true },
  });
  expect(classified.classifiedBy).toBe('佐藤 花子');
  expect((await app.api<{ name: string }>('keys:show', {})).name).toBe('Kita-Kanto office, safety PC');
});

test('[#11.9] switching the language leaves no message behind in the other language', async ({ app, page }) => {
  await app.nav('設定').click();
  const names = page.getByTestId('names-form');
  await names.getByLabel('担当者名').fill('山田 太郎');
  await names.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました');
  await page.getByLabel('English').click();
  await expect(app.heading()).toHaveText('Settings');
  await expect(page.getByRole('status')).toHaveText('Saved');
  await page.getByLabel('日本語').click();
  await expect(page.getByRole('status')).toHaveText('保存しました');
});

test('[#11.9] the site form clears a field\'s error as soon as it is corrected, and the summary names the fields', async ({ app, page }) => {
  await page.getByRole('link', { name: '事業場を登録' }).click();
  await page.getByRole('button', { name: '保存' }).click();
  const summary = page.getByTestId('error-summary');
  await expect(summary).toHaveText('次の項目を確認してください: 事業場名、地域（管轄の産業保安監督部）');
  const form = page.getByTestId('site-form');
  const nameField = form.locator('.field').filter({ has: page.locator('input[name="name"]') });
  const regionField = form.locator('.field').filter({ has: page.locator('select[name="region"]') });
  await expect(nameField.locator('.field-error')).toHaveText('必須項目です。');
  // A select's message says which field: "choose one of the options" alone does not.
  await expect(regionField.locator('.field-error')).toHaveText('地域（管轄の産業保安監督部）を選んでください。');
  await expect(form.locator('input[name="name"]')).toHaveAttribute('aria-invalid', 'true');

  await form.locator('input[name="name"]').fill('北関東ソーラー発電所');
  await expect(nameField.locator('.field-error')).toHaveCount(0);
  await expect(form.locator('input[name="name"]')).toHaveAttribute('aria-invalid', 'false');
  await expect(summary).toHaveText('次の項目を確認してください: 地域（管轄の産業保安監督部）');
  await expect(regionField.locator('.field-error')).toHaveText('地域（管轄の産業保安監督部）を選んでください。');
  await app.screenshot('11-9-site-form-corrected-ja');

  await form.locator('select[name="region"]').selectOption('kanto');
  await expect(summary).toHaveCount(0);
  await page.getByRole('button', { name: '保存' }).click();
  await expect(app.heading()).toHaveText('北関東ソーラー発電所');
});

test('[#11.9] leaving a checklist item with unsaved changes asks first: 一覧へ戻る, another tab, Back, the menu, and closing the tab', async ({ app, page }) => {
  const checklist = new ChecklistPage(app);
  const siteId = await checklist.seedSiteA();
  const round = await app.api<{ id: string }>('assessment:create', { siteId, title: '2026年度 年次点検' });
  await page.goto(`${app.host.origin}/#/sites/${siteId}/walk/${round.id}/all/2-1`);
  await app.ready();
  await expect(checklist.currentItemId()).toHaveText('2-1');
  const dialog = page.getByTestId('leave-dialog');
  const reason = page.locator('textarea[name="reason"]');
  const unsaved = page.getByText('未保存の変更があります。');

  await reason.fill('社内規程の改定待ち');
  await expect(unsaved).toBeVisible();
  await page.getByRole('link', { name: '一覧へ戻る' }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('保存していない変更があります');
  // The viewport, not the full page: the dialog's backdrop covers what the user sees.
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, '11-9-unsaved-dialog-ja.png') });
  // Stay: the item and what was typed are still there; the address did not move.
  await dialog.getByRole('button', { name: 'この画面に戻る' }).click();
  await expect(dialog).toBeHidden();
  await expect(checklist.currentItemId()).toHaveText('2-1');
  await expect(reason).toHaveValue('社内規程の改定待ち');
  expect(page.url()).toContain('/walk/');

  // Another tab; Escape stays too.
  await page.getByRole('navigation', { name: '事業場のメニュー' }).getByRole('link', { name: 'リスク評価' }).click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(reason).toHaveValue('社内規程の改定待ち');

  // Back, then the main menu: leaving without saving goes, and nothing was recorded.
  await page.goBack();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'この画面に戻る' }).click();
  await expect(reason).toHaveValue('社内規程の改定待ち');
  await app.nav('設定').click();
  await dialog.getByRole('button', { name: '保存せずに移動' }).click();
  await expect(app.heading()).toHaveText('設定');
  const item = async () => (await app.api<{ items: { id: string; decision: { reason: string } }[] }>('assessment:get', { roundId: round.id })).items.find((i) => i.id === '2-1')!;
  expect((await item()).decision.reason).toBe('');

  // Save and leave: recorded, then gone where asked.
  await page.goBack();
  await expect(checklist.currentItemId()).toHaveText('2-1');
  await reason.fill('社内規程の改定待ち（2026年6月）');
  await page.getByRole('link', { name: '一覧へ戻る' }).click();
  await dialog.getByRole('button', { name: '保存して移動' }).click();
  await expect(page.getByTestId('round-summary')).toBeVisible();
  expect((await item()).decision.reason).toBe('社内規程の改定待ち（2026年6月）');

  // Closing the tab (or reloading) with changes: the browser asks (beforeunload).
  await page.goto(`${app.host.origin}/#/sites/${siteId}/walk/${round.id}/all/2-2`);
  await app.ready();
  await reason.fill('未定');
  const asked = page.waitForEvent('dialog');
  await page.close({ runBeforeUnload: true });
  const beforeUnload = await asked;
  expect(beforeUnload.type()).toBe('beforeunload');
  await beforeUnload.dismiss();
  expect(page.isClosed()).toBe(false);
});
