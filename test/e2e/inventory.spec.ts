import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, SCREENSHOT_DIR, test } from './fixtures';
import { InventoryPage } from './pages/inventory-page';

const HEADER = ['管理番号', '機器名', '種別', '設置場所', 'ソフトウェアバージョン', 'IPアドレス', '導入日'];

test('a vendor workbook is previewed with its bad row and its differences, committed, checked on site and exported', async ({ app, page }) => {
  const inventory = new InventoryPage(app);
  const siteId = await inventory.seedSite();
  await inventory.seedInventory(
    siteId,
    InventoryPage.csv('前回の台帳.csv', [
      HEADER.join(','),
      'A-1,PLC,PLC,第1電気室,1.0,192.168.0.1,2023/4/1',
      'A-2,HMI,表示器,第1電気室,2.0,192.168.0.2,2023/4/1',
      'A-3,監視PC,PC,中央監視室,22H2,192.168.0.3,2020/1/15',
    ]),
  );

  await page.goto(`${app.host.origin}/#/sites/${siteId}`);
  await app.ready();
  await inventory.tab().click();
  await expect(app.heading()).toHaveText('機器台帳');
  await expect(page.getByTestId('inventory-table').locator('tbody tr')).toHaveCount(3);
  await page.getByRole('link', { name: 'Excel・CSVから取り込む' }).click();
  await expect(app.heading()).toHaveText('機器台帳の取り込み');
  await app.screenshot('inventory-01-import-ja');

  const workbook = await InventoryPage.workbook('機器台帳_2025.xlsx', [
    HEADER,
    ['A-1', 'PLC', 'PLC', '第1電気室', '1.1', '192.168.0.1', '令和5年4月1日'],
    ['A-2', 'HMI', '表示器', '第1電気室', '2.0', '192.168.0.2', 'R5.4.1'],
    ['A-4', 'ルーター', 'ネットワーク機器', '通信室', '15.02', '192.168.0.254', new Date(Date.UTC(2024, 9, 1))],
    ['A-5', '温度センサ', 'センサ', '屋外', '', '192.168.0.300', ''],
  ]);
  await inventory.chooseFile(workbook);

  const preview = inventory.preview();
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('preview-file')).toHaveText('機器台帳_2025.xlsx ・ シート「機器台帳」 ・ 見出しは 3 行目');
  await expect(page.getByTestId('preview-summary')).toHaveText('4行のうち、取り込める行 3・取り込めない行 1');
  const issue = page.getByTestId('inventory-issues').locator('tbody tr');
  await expect(issue).toHaveCount(1);
  await expect(issue).toContainText('7');
  await expect(issue).toContainText('F');
  await expect(issue).toContainText('IPアドレスとして読めません: 192.168.0.300');
  await expect(page.getByTestId('diff-new')).toHaveText('1');
  await expect(page.getByTestId('diff-changed')).toHaveText('1');
  await expect(page.getByTestId('diff-unchanged')).toHaveText('1');
  await expect(page.getByTestId('diff-absent')).toHaveText('1');
  await expect(page.getByTestId('diff-changed-list')).toContainText('ソフトウェアバージョン: 1.0 → 1.1');
  await expect(page.getByTestId('diff-absent-list')).toContainText('A-3 監視PC');
  await app.screenshot('inventory-02-preview-ja');

  await page.getByRole('button', { name: '3台分を登録する' }).click();
  await expect(page.getByTestId('inventory-committed')).toContainText('登録しました: 新規 1・変更 1・変更なし 1・ファイルにない 1（取り込めない行 1）。');
  await page.getByTestId('inventory-committed').getByRole('link', { name: '機器台帳へ戻る' }).click();

  const rows = page.getByTestId('inventory-table').locator('tbody tr');
  await expect(rows).toHaveCount(4);
  await expect(rows.filter({ hasText: 'A-3' })).toContainText('最新の取込にない');
  await expect(rows.filter({ hasText: 'A-1' })).toContainText('1.1');
  await expect(page.getByTestId('last-import')).toContainText('機器台帳_2025.xlsx');
  await app.screenshot('inventory-03-list-ja');

  // The walkthrough, by keyboard: location, then each device's buttons.
  await page.getByRole('link', { name: '存在確認を行う' }).click();
  await expect(app.heading()).toHaveText('存在確認（巡回）');
  await page.getByLabel('確認日').fill('2025-05-20');
  await page.getByLabel('設置箇所').selectOption({ label: '第1電気室（0/2台確認）' });
  await inventory.checkRow('A-1').getByRole('button', { name: 'A-1 を「確認済み」にする' }).press('Enter');
  await expect(page.getByRole('status')).toContainText('A-1 を「確認済み」として記録しました（2025年5月20日）。');
  await expect(inventory.checkRow('A-1')).toContainText('前回: 確認済み');
  await inventory.checkRow('A-2').getByRole('button', { name: 'A-2 を「移設」にする' }).press('Enter');
  await inventory.checkRow('A-2').getByLabel('移設先').fill('第2電気室');
  await inventory.checkRow('A-2').getByLabel('移設先').press('Enter');
  await expect(page.getByRole('status')).toContainText('A-2 を「移設」として記録しました');
  await expect(page.getByLabel('設置箇所').locator('option', { hasText: '第2電気室' })).toHaveText('第2電気室（1/1台確認）');
  await app.screenshot('inventory-04-check-ja');

  await page.getByRole('link', { name: '機器台帳へ戻る' }).click();
  await expect(page.getByTestId('inventory-counts')).toContainText('確認済み1');
  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Excelに書き出す' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^inventory-第一工場-\d{8}-\d{6}\.xlsx$/);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('機器台帳')!;
  const byAsset = new Map<string, unknown[]>();
  sheet.eachRow((row, n) => {
    if (n > 1) byAsset.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
  });
  expect([...byAsset.keys()].sort()).toEqual(['A-1', 'A-2', 'A-3', 'A-4']);
  expect(byAsset.get('A-1')!.slice(16, 19)).toEqual(['はい', '確認済み', new Date('2025-05-20T00:00:00.000Z')]);
  expect(byAsset.get('A-2')!.slice(3, 4)).toEqual(['第2電気室']);
  expect(byAsset.get('A-3')![16]).toBe('いいえ');
  await expect(page.getByRole('status')).toContainText('書き出しました');
  await app.screenshot('inventory-05-exported-ja');
});

test('a large file shows its progress and can be cancelled with nothing saved', async ({ app, page }) => {
  const inventory = new InventoryPage(app);
  const siteId = await inventory.seedSite('南変電所');
  const lines = ['管理番号,機器名,設置場所,IPアドレス'];
  for (let i = 1; i <= 999_999; i++) lines.push(`D-${i},端末${i},場所${i % 30},10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
  const big = InventoryPage.csv('大量.csv', lines);

  await inventory.open(siteId, 'import');
  await inventory.chooseFile(big);
  const progress = page.getByTestId('inventory-progress');
  await expect(progress).toContainText('大量.csv を読み込んでいます');
  await expect(progress).toContainText(/[1-9][\d,]*行を読み込みました/);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/inventory-06-progress-ja.png` });
  // Whichever step it has reached, reading or the preview, 中止 forgets the file and saves nothing.
  await page.getByRole('button', { name: '中止', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('取り込みを中止しました。何も登録していません。');
  await expect(page.getByTestId('inventory-file-form')).toBeVisible();

  await inventory.open(siteId);
  await expect(page.getByText('機器はまだ登録されていません。')).toBeVisible();
  expect(fs.readdirSync(`${app.host.dataDir}/tmp/inventory-uploads`)).toEqual([]);
});

test('a file without a header row is refused by name, and nothing is kept', async ({ app, page }) => {
  const inventory = new InventoryPage(app);
  const siteId = await inventory.seedSite();
  const notes = InventoryPage.csv('打合せメモ.csv', ['本日の打合せ', '出席者: 山田、佐藤', '次回: 未定']);
  await inventory.open(siteId, 'import');
  await inventory.chooseFile(notes);
  await expect(page.getByRole('alert')).toHaveText(
    '打合せメモ.csv のシート「打合せメモ」の先頭 30 行に見出し行（管理番号・機器名・設置場所 など）が見つかりません。何も取り込んでいません。',
  );
  await expect(page.getByTestId('inventory-file-form')).toBeVisible();
});

test('a file with its own headers is mapped by hand, and the mapping is kept for the next file of that shape', async ({ app, page }) => {
  const inventory = new InventoryPage(app);
  const siteId = await inventory.seedSite();
  const vendor = (id: string) => InventoryPage.csv('ベンダーA.csv', ['識別コード,機器名,所在', `${id},PLC,第1電気室`]);
  await inventory.open(siteId, 'import');
  await inventory.chooseFile(vendor('X-1'));

  await expect(page.getByRole('alert')).toHaveText(
    'ベンダーA.csv のシート「ベンダーA」に管理番号の列が見つかりません。列の割り当てで、管理番号にあたる列に「管理番号」を選んでください。',
  );
  await expect(page.getByRole('button', { name: '登録する' })).toBeDisabled();
  const mapping = page.getByTestId('inventory-mapping');
  await mapping.getByLabel('識別コード').selectOption({ label: '管理番号' });
  await mapping.getByLabel('所在').selectOption({ label: '設置箇所' });
  await app.screenshot('inventory-07-mapping-ja');
  await page.getByRole('button', { name: 'この割り当てで読み直す' }).click();
  await expect(page.getByTestId('preview-summary')).toHaveText('1行のうち、取り込める行 1・取り込めない行 0');
  await page.getByRole('button', { name: '1台分を登録する' }).click();
  await expect(page.getByTestId('inventory-committed')).toContainText('列の割り当てを「ベンダーA」として保存しました。');

  await page.getByRole('button', { name: '別のファイルを選ぶ' }).click();
  await inventory.chooseFile(vendor('X-2'));
  await expect(inventory.preview()).toContainText('保存済みの列の割り当て「ベンダーA」を使いました（同じ形のファイル）。');
  await expect(page.getByTestId('preview-summary')).toHaveText('1行のうち、取り込める行 1・取り込めない行 0');
});

test('[#10.7 empty import] a file with no importable row says every device would be marked, and saves only once confirmed', async ({ app, page }) => {
  const inventory = new InventoryPage(app);
  const siteId = await inventory.seedSite();
  await inventory.seedInventory(
    siteId,
    InventoryPage.csv('前回の台帳.csv', ['管理番号,機器名,設置場所', 'A-1,PLC,第1電気室', 'A-2,HMI,第1電気室', 'A-3,監視PC,中央監視室']),
  );
  await inventory.open(siteId, 'import');
  // The 管理番号 column left empty: a sheet copied without its first column.
  await inventory.chooseFile(InventoryPage.csv('番号なし.csv', ['管理番号,機器名,設置場所', ',PLC,第1電気室', ',HMI,第1電気室']));

  await expect(page.getByTestId('preview-summary')).toHaveText('2行のうち、取り込める行 0・取り込めない行 2');
  const warning = page.getByTestId('empty-import');
  await expect(warning).toContainText('この現場の機器 3 台すべてが「最新の取込にない」と記録されます（削除はされません）');
  const save = page.getByRole('button', { name: '登録する', exact: true });
  await expect(save).toBeDisabled();
  await app.screenshot('inventory-08-empty-import-ja');

  await warning.getByLabel('機器 3 台すべてが「最新の取込にない」と記録されることを確認しました').check();
  await expect(save).toBeEnabled();
  await save.click();
  await expect(page.getByTestId('inventory-committed')).toContainText('登録しました: 新規 0・変更 0・変更なし 0・ファイルにない 3（取り込めない行 2）。');
  await page.getByTestId('inventory-committed').getByRole('link', { name: '機器台帳へ戻る' }).click();
  await expect(page.getByTestId('inventory-table').locator('tbody tr').filter({ hasText: '最新の取込にない' })).toHaveCount(3);
});

test('[#10.7 near-duplicate asset ids] 管理番号 that differ only by case or width: a repeat in the file is skipped, one close to a registered device is flagged', async ({ app, page }) => {
  const inventory = new InventoryPage(app);
  const siteId = await inventory.seedSite();
  await inventory.seedInventory(siteId, InventoryPage.csv('前回の台帳.csv', ['管理番号,機器名,設置場所', 'A-1,PLC,第1電気室', 'A-2,HMI,第1電気室']));
  await inventory.open(siteId, 'import');
  await inventory.chooseFile(
    InventoryPage.csv('台帳_更新.csv', ['管理番号,機器名,設置場所', 'a-1,PLC,第1電気室', 'A-2,HMI,第1電気室', 'DUP-1,ルーター,通信室', 'dup-1,ルーター,通信室', 'ＤＵＰ－１,ルーター,通信室']),
  );

  await expect(page.getByTestId('preview-summary')).toHaveText('5行のうち、取り込める行 3・取り込めない行 2');
  const issues = page.getByTestId('inventory-issues').locator('tbody tr');
  await expect(issues).toHaveCount(2);
  await expect(issues.nth(0)).toContainText('5');
  await expect(issues.nth(0)).toContainText('A 管理番号');
  await expect(issues.nth(0)).toContainText('管理番号 dup-1 は 4 行目の DUP-1 と大文字・小文字か全角・半角だけが違うため');
  await expect(issues.nth(1)).toContainText('管理番号 DUP-1 が 4 行目と重複しています。');
  const warnings = page.getByTestId('inventory-warnings').locator('tbody tr');
  await expect(warnings).toHaveCount(1);
  await expect(warnings).toContainText('2');
  await expect(warnings).toContainText('管理番号 a-1 は登録済みの機器 A-1 と大文字・小文字か全角・半角だけが違います。');
  await expect(page.getByRole('button', { name: '3台分を登録する' })).toBeEnabled();
  await app.screenshot('inventory-09-near-duplicates-ja');
});

test('[#11.10] a ledger with a note under its table and 和暦 dates: the note is listed after the table\'s end, each value is shown as it will be stored; the list is in natural order, a device opens with its history; an unchanged re-import writes nothing; the undo says what it undoes', async ({ app, page }) => {
  const inventory = new InventoryPage(app);
  const siteId = await inventory.seedSite();
  await inventory.seedInventory(
    siteId,
    InventoryPage.csv('前回の台帳.csv', [
      ['管理番号', '機器名', '種別', '設置場所', 'ソフトウェアバージョン', 'IPアドレス', '導入日', '保守契約番号'].join(','),
      'KT-1,PLC,PLC,第1電気室,1.0,192.168.0.1,2023/4/1,MC-1',
      'KT-99,旧ルーター,ネットワーク機器,通信室,12.0,192.168.0.99,2015/4/1,',
    ]),
  );
  const header = ['管理番号', '機器名', '種別', '設置場所', 'ソフトウェアバージョン', 'IPアドレス', '導入日', '保守契約番号'];
  const ledger = await InventoryPage.workbook('機器台帳_2025.xlsx', [
    header,
    ['KT-1', 'PLC', 'PLC', '第1電気室', '1.1', '192.168.0.1', '令和5年4月1日', 'MC-2'],
    ['KT-10', '温度センサ', 'センサ', '屋外', '', '192.168.0.10', new Date(Date.UTC(2024, 9, 1)), ''],
    ['KT-2', 'HMI', '表示器', '第1電気室', '2.0', '192.168.000.002', 'R6.4.1', 'MC-7'],
    ['KT-3', '監視PC', 'PC', '中央監視室', '22H2', '192.168.0.3', 'H31.4.30', ''],
    [],
    ['※ 本台帳は年1回見直し、変更があれば電気主任技術者に報告すること。'],
  ]);

  await inventory.open(siteId, 'import');
  await inventory.chooseFile(ledger);
  await expect(inventory.preview()).toBeVisible();
  await expect(page.getByTestId('preview-summary')).toHaveText('4行のうち、取り込める行 4・取り込めない行 0');
  const end = page.getByTestId('table-end');
  await expect(end.getByRole('heading')).toHaveText('表の終わりの後の行（取り込みません）');
  await expect(end).toContainText('9 行目で表が終わったとみなしました（※・注・備考などで始まる注記の行）。ここから下の 1 行は機器として取り込みません。');
  await expect(end.locator('tbody tr')).toHaveText(['9※ 本台帳は年1回見直し、変更があれば電気主任技術者に報告すること。']);
  const values = page.getByTestId('preview-values');
  await expect(values.locator('thead th')).toHaveText(['項目（列）', '4 行目', '5 行目', '6 行目']);
  await expect(values.locator('tbody tr').filter({ hasText: '導入日' })).toContainText('R6.4.1 → 2024-04-01');
  await expect(values.locator('tbody tr').filter({ hasText: '導入日' })).toContainText('令和5年4月1日 → 2023-04-01');
  await expect(values.locator('tbody tr').filter({ hasText: 'IPアドレス' })).toContainText('192.168.000.002 → 192.168.0.2');
  await expect(page.getByTestId('diff-new')).toHaveText('3');
  await app.screenshot('inventory-10-preview-table-end-ja');

  await page.getByRole('button', { name: '4台分を登録する' }).click();
  await page.getByTestId('inventory-committed').getByRole('link', { name: '機器台帳へ戻る' }).click();
  const firstCells = page.getByTestId('inventory-table').locator('tbody tr td:first-child a');
  await expect(firstCells).toHaveText(['KT-1', 'KT-2', 'KT-3', 'KT-10', 'KT-99']);
  await expect(page.getByTestId('inventory-table').getByRole('columnheader', { name: '管理番号' })).toHaveAttribute('aria-sort', 'ascending');
  await app.screenshot('inventory-11-list-sorted-ja');

  await page.getByRole('link', { name: 'KT-1 の詳細を開く' }).click();
  const detail = page.getByTestId('device-detail');
  await expect(app.heading()).toHaveText('KT-1 PLC');
  await expect(page.getByTestId('device-fields')).toContainText('ソフトウェアバージョン1.1');
  await expect(page.getByTestId('device-extra')).toContainText('保守契約番号MC-2');
  const history = page.getByTestId('device-history').locator(':scope > li');
  await expect(history).toHaveCount(2);
  await expect(history.nth(0)).toContainText('機器台帳_2025.xlsx の取り込みで変更');
  await expect(history.nth(0)).toContainText('ソフトウェアバージョン: 1.0 → 1.1');
  await expect(history.nth(0)).toContainText('保守契約番号（追加属性）: MC-1 → MC-2');
  await expect(history.nth(1)).toContainText('前回の台帳.csv の取り込みで登録');
  await expect(detail).toBeVisible();
  await app.screenshot('inventory-12-device-ja');

  await page.getByRole('link', { name: '機器台帳へ戻る' }).click();
  await page.getByRole('link', { name: 'Excel・CSVから取り込む' }).click();
  await inventory.chooseFile(ledger);
  const unchanged = page.getByTestId('preview-unchanged');
  await expect(unchanged).toHaveText(/変更はありません: このファイルの内容は現在の機器台帳と同じです。登録するものがないため、何も書き込みません。/);
  await expect(page.getByRole('button', { name: /台分を登録する/ })).toHaveCount(0);
  await app.screenshot('inventory-13-unchanged-ja');

  await inventory.open(siteId);
  await expect(page.getByTestId('last-import')).toContainText('機器台帳_2025.xlsx');
  await page.getByRole('button', { name: '直前の取り込みを取り消す' }).click();
  const confirm = page.getByTestId('undo-confirm');
  await expect(confirm.locator('li')).toHaveText([
    'この取り込みで追加された機器 3 台を削除します。',
    'この取り込みで変更された機器 1 台を、取り込み前の値に戻します。',
    'この取り込みで「最新の取込にない」とした機器 1 台を、取り込み前の状態に戻します。',
  ]);
  await app.screenshot('inventory-14-undo-confirm-ja');
  await confirm.getByRole('button', { name: 'はい、取り消します' }).click();
  await expect(page.getByRole('status')).toContainText('機器台帳_2025.xlsx の取り込みを取り消しました。');
  await expect(firstCells).toHaveText(['KT-1', 'KT-99']);
  await expect(page.getByRole('button', { name: '直前の取り込みを取り消す' })).toHaveCount(0);
});
