import { expect, test } from './fixtures';

const JA = { yes: 'はい', no: 'いいえ', next: '次へ' };

test('a site with a control system and generation selling surplus is classified 区分A, in Japanese and English, across a reload', async ({ app, page }) => {
  await expect(app.heading()).toHaveText('事業場一覧');
  await expect(page.getByText('事業場はまだありません')).toBeVisible();
  await app.screenshot('01-sites-empty-ja');

  await page.getByRole('link', { name: '事業場を登録' }).click();
  await expect(app.heading()).toHaveText('事業場の登録');
  await app.fillSiteForm({
    name: '北関東ソーラー発電所',
    address: '栃木県宇都宮市平出工業団地1-2',
    ownerName: '北関東エネルギー株式会社',
    contractorName: '関東電気保安協会',
    region: 'kanto',
    receivingVoltageV: '6600',
    generationCapacityKw: '1,990',
    gridConnected: true,
    reversePowerFlow: true,
    hasControlSystem: true,
  });
  await expect(page.getByTestId('region-office')).toContainText('関東東北産業保安監督部 電力安全課');
  await expect(page.getByTestId('region-office')).toContainText('048-600-0385');
  await app.screenshot('02-site-form-ja');
  await page.getByRole('button', { name: '保存' }).click();

  await expect(app.heading()).toHaveText('北関東ソーラー発電所');
  await expect(page.getByTestId('current-classification')).toContainText('まだ区分判定をしていません。');
  await page.getByRole('link', { name: '区分を判定する' }).click();

  await expect(app.heading()).toHaveText('区分判定');
  // The wizard starts from the site's facts; the technician confirms each answer.
  await expect(page.getByTestId('question-hasRemoteMonitoring').getByLabel('いいえ', { exact: true })).toBeChecked();
  await app.screenshot('03-wizard-question-ja');
  await app.answer('hasRemoteMonitoring', false, JA);
  await app.answer('hasControlSystem', true, JA);
  await app.answer('hasGeneration', true, JA);
  await app.answer('sellsSurplus', true, JA);

  const result = page.getByTestId('wizard-result');
  await expect(result.getByTestId('class-badge')).toHaveText('区分A');
  await expect(page.getByTestId('wizard-reason')).toHaveText(
    '制御システムがある、発電設備で余剰電力を系統へ逆潮流（売電）している → 区分A',
  );
  await app.screenshot('04-wizard-result-ja');
  await page.getByRole('button', { name: 'この結果を記録する' }).click();

  const current = page.getByTestId('current-classification');
  await expect(current.getByTestId('class-badge')).toHaveText('区分A');
  await expect(page.getByTestId('classification-reason')).toContainText('制御システムがある');
  await expect(page.getByTestId('classification-history').locator('tbody tr')).toHaveCount(1);
  await app.screenshot('05-site-detail-ja');

  await app.nav('設定').click();
  await expect(app.heading()).toHaveText('設定');
  await app.screenshot('06-settings-ja');
  // Saved first, then shown: the radio follows the stored setting, not the click.
  await page.getByLabel('English').click();
  await expect(app.heading()).toHaveText('Settings');
  await expect(page.getByLabel('English')).toBeChecked();

  await page.reload();
  await app.ready();
  await expect(app.heading()).toHaveText('Settings');
  await app.nav('Sites').click();
  await expect(app.heading()).toHaveText('Sites');
  const row = page.getByTestId('sites-table').locator('tbody tr');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('北関東ソーラー発電所');
  await expect(row.getByTestId('class-badge')).toHaveText('Class A');
  await app.screenshot('07-sites-list-en');

  await row.getByRole('link', { name: '北関東ソーラー発電所' }).click();
  await expect(page.getByTestId('classification-reason')).toHaveText(
    'has a control system and sells surplus power through the grid → Class A',
  );
  await app.screenshot('08-site-detail-en');
});

test('an invalid site is refused with field errors in Japanese, and nothing is saved', async ({ app, page }) => {
  await page.getByRole('link', { name: '事業場を登録' }).click();
  await app.fillSiteForm({ name: '   ', receivingVoltageV: '六千', reversePowerFlow: true });
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.getByRole('alert')).toHaveText('次の項目を確認してください: 受電電圧（V）');
  await expect(page.locator('.field-invalid').filter({ hasText: '受電電圧' })).toContainText('数値を入力してください。');

  await app.fillSiteForm({ name: '   ', receivingVoltageV: '6600', reversePowerFlow: true });
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.field-invalid').filter({ hasText: '事業場名' })).toContainText('必須項目です。');
  await expect(page.locator('.field-invalid').filter({ hasText: '地域' })).toContainText('地域（管轄の産業保安監督部）を選んでください。');
  await app.screenshot('09-site-form-errors-ja');

  // The form holds what was typed: leaving asks first.
  await app.nav('事業場').click();
  await page.getByTestId('leave-dialog').getByRole('button', { name: '保存せずに移動' }).click();
  await expect(page.getByText('事業場はまだありません')).toBeVisible();
});

test('[#10.3] a site name with a character that reorders text is refused in Japanese, naming it; a pasted line separator becomes a space', async ({ app, page }) => {
  await page.getByRole('link', { name: '事業場を登録' }).click();
  await app.fillSiteForm({ name: '北関東\u202eソーラー', ownerName: '北関東\u2028エネルギー', region: 'kanto', receivingVoltageV: '6600' });
  await page.getByRole('button', { name: '保存' }).click();
  await expect(page.locator('.field-invalid').filter({ hasText: '事業場名' })).toContainText('文字の表示方向を変える文字（U+202E、4文字目）');

  await app.fillSiteForm({ name: '北関東ソーラー', ownerName: '北関東\u2028エネルギー', region: 'kanto', receivingVoltageV: '6600' });
  await page.getByRole('button', { name: '保存' }).click();
  await expect(app.heading()).toHaveText('北関東ソーラー');
  const sites = await app.api<{ ownerName: string }[]>('sites:list', {});
  expect(sites.map((s) => s.ownerName)).toEqual(['北関東 エネルギー']);
});

test('a site that does not exist is reported, not shown blank', async ({ app, page }) => {
  await page.goto(`${app.host.origin}/#/sites/00000000-0000-4000-8000-000000000000`);
  await app.ready();
  await expect(page.getByRole('alert')).toContainText('対象が見つかりません');
});

test('the web host serves the app with its CSP and refuses requests without the token', async ({ app, page, request }) => {
  const response = await page.goto(`${app.host.origin}/`);
  expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
  const anonymous = await request.get(`${app.host.origin}/`, { headers: { cookie: '' } });
  expect(anonymous.status()).toBe(401);
});
