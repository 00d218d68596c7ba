import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { InventoryPage } from './pages/inventory-page';
import { MediaPage, TEST_MALWARE, TEST_SIGNATURE } from './pages/media-page';

test('8-1-3 at the checkpoint: scan a medium with ClamAV, allow the clean one, deny the infected one unless approved, see the log, export and read back the xlsx', async ({ app, page }, testInfo) => {
  const media = new MediaPage(app);
  const siteId = await media.seedSite();
  await new InventoryPage(app).seedInventory(siteId, InventoryPage.csv('台帳.csv', ['管理番号,機器名,設置場所', 'A-1,PLC,第1電気室', 'A-2,HMI,第1電気室']));
  await media.open(siteId);
  await expect(app.heading()).toHaveText('外部媒体の持込記録');
  await expect(page.getByRole('navigation', { name: '事業場のメニュー' }).getByRole('link', { name: '外部媒体' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByText('持込記録はまだありません。媒体の持込を受け付けると、ここに記録されます。')).toBeVisible();
  await app.screenshot('media-01-log-empty-ja');

  await media.setSignatureDb(MediaPage.signatureDb());
  await app.screenshot('media-02-scanner-settings-ja');
  await media.register('USB-001', '保守電機株式会社');
  await app.screenshot('media-03-registry-ja');

  // A clean medium: scanned here, allowed.
  await media.fillCheckIn({ medium: 'USB-001 — USBメモリ (保守電機株式会社)', person: '山田 太郎', purpose: 'PLCプログラム更新', targets: ['PLC-1', '監視PC'] });
  await expect(page.getByLabel('所属（会社名）')).toHaveValue('保守電機株式会社');
  await expect(media.judgement()).toHaveText('確認が終わると判定が表示されます。');
  await media.scan(MediaPage.folder({ 'README.txt': '手順書', 'plc/program.bin': Buffer.alloc(2048, 3) }));
  await expect(page.getByTestId('scan-result')).toHaveText('スキャン結果: 異常なし');
  await expect(media.judgement()).toHaveText('異常なし → 許可');
  await app.screenshot('media-04-check-in-clean-ja');
  await page.getByRole('button', { name: '記録する' }).click();
  await expect(page.getByRole('status')).toHaveText('記録しました（#1、許可）。');

  // A medium holding the test file: denied; the approver allows it as an exception.
  await page.getByRole('button', { name: '続けて次の媒体を受け付ける' }).click();
  await media.fillCheckIn({ medium: 'USB-001 — USBメモリ (保守電機株式会社)', person: '山田 太郎', purpose: '緊急復旧', targets: ['HMI-2'] });
  // A target from the site's device inventory (8-2-1).
  await page.getByLabel('機器台帳から選ぶ').selectOption({ label: 'A-1 PLC' });
  await expect(page.getByLabel('接続先機器')).toHaveValue('HMI-2\nA-1 PLC');
  await media.scan(MediaPage.folder({ 'ok.txt': 'fine', 'tools/update.exe': TEST_MALWARE }));
  await expect(page.getByTestId('scan-result')).toHaveText('スキャン結果: 検出あり');
  await expect(page.getByTestId('scan-status')).toContainText(`${TEST_SIGNATURE}.UNOFFICIAL — tools/update.exe`);
  await expect(media.judgement()).toHaveText('検出あり → 拒否');
  await page.getByLabel('例外として接続を許可する（承認者と理由が必要）').check();
  await expect(media.judgement()).toHaveText('検出あり → 例外として許可（本来は拒否）');
  await page.getByRole('button', { name: '記録する' }).click();
  await expect(page.getByRole('alert')).toContainText('入力内容に誤りがあります。');
  await expect(page.getByTestId('check-in-form')).toContainText('必須項目です。');
  await page.getByLabel('承認者', { exact: true }).fill('電気主任技術者 佐藤');
  await page.getByLabel('例外理由', { exact: true }).fill('メーカーの誤検知回答書を確認済み');
  await app.screenshot('media-05-check-in-exception-ja');
  await page.getByRole('button', { name: '記録する' }).click();
  await expect(page.getByRole('status')).toHaveText('記録しました（#2、例外許可）。');

  // The log: newest first, the exception marked; the entry's details by keyboard.
  await page.getByRole('link', { name: '持込記録を見る' }).click();
  await expect(page.getByTestId('media-log-count')).toHaveText('2 件');
  await expect(media.logRows()).toHaveCount(2);
  await expect(media.logRows().first()).toContainText('#2');
  await expect(media.logRows().first()).toContainText('例外許可');
  await expect(media.logRows().nth(1)).toContainText('許可');
  await page.getByRole('grid', { name: '持込記録の一覧' }).focus();
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('entry-detail');
  await expect(detail.getByRole('heading', { name: /記録 #2/ })).toBeFocused();
  await expect(detail.getByTestId('detections')).toContainText(`${TEST_SIGNATURE}.UNOFFICIAL`);
  await expect(detail).toContainText('電気主任技術者 佐藤');
  await app.screenshot('media-06-log-detail-ja');

  await page.getByRole('button', { name: '改ざんを検査' }).click();
  await expect(media.verifyResult().getByRole('status')).toContainText('改ざんは検出されませんでした（2 件を検査）。');
  await expect(media.verifyResult()).toContainText('まだバンドルを出力していないため');

  // The xlsx in the inspector's layout, saved through the browser and read back.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Excelに出力' }).click();
  const file = testInfo.outputPath('media-log.xlsx');
  await (await download).saveAs(file);
  await expect(page.getByRole('status').first()).toContainText('2 件を');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const sheet = wb.getWorksheet('持込記録')!;
  const row = (n: number) => Array.from({ length: 14 }, (_, i) => String(sheet.getRow(n).getCell(i + 1).value ?? ''));
  expect(row(1)).toEqual(['日時', '媒体管理番号', '種別', '持込者', '所属', '目的', '接続先機器', '検査方法', 'ツール', '定義バージョン', '結果', '判定', '承認者', '例外理由']);
  expect(row(2).slice(1, 8)).toEqual(['USB-001', 'USBメモリ', '山田 太郎', '保守電機株式会社', 'PLCプログラム更新', 'PLC-1、監視PC', '持込時スキャン']);
  expect(row(2)[8]).toMatch(/^ClamAV clamscan /);
  expect(row(2).slice(10, 12)).toEqual(['異常なし', '許可']);
  expect(row(3)[6]).toBe('HMI-2、A-1 PLC');
  expect(row(3).slice(10, 14)).toEqual([`検出あり (${TEST_SIGNATURE}.UNOFFICIAL)`, '例外許可（検査結果）', '電気主任技術者 佐藤', 'メーカーの誤検知回答書を確認済み']);
  fs.rmSync(file);

  // The exceptions list shows only the approved one.
  await media.subnav('例外一覧').click();
  await expect(page.getByTestId('exceptions-log-count')).toHaveText('1 件');
  await app.screenshot('media-07-exceptions-ja');

  await media.post('settings:update', { language: 'en' });
  await media.open(siteId);
  await page.reload();
  await app.ready();
  await expect(app.heading()).toHaveText('Removable-media checkpoint log');
  await expect(media.logRows().first()).toContainText('Allowed by exception');
  await app.screenshot('media-09-log-en');
});

test('the log is virtualised: hundreds of entries render a screenful of rows, filters narrow them, the keyboard reaches the oldest', async ({ app, page }) => {
  const media = new MediaPage(app);
  const siteId = await media.seedSite();
  const medium = await media.post<{ id: string }>('media:create', { siteId, fields: { controlNo: 'SD-07', type: 'sd_card' } });
  for (let i = 1; i <= 450; i++) {
    await media.post('media:checkIn', { siteId, mediumId: medium.id, person: i % 3 === 0 ? '鈴木 花子' : '田中 一郎', company: '計測サービス', purpose: `定期点検 ${i}`, method: 'none' });
  }
  await media.open(siteId);
  await expect(page.getByTestId('media-log-count')).toHaveText('450 件');
  const rendered = await media.logRows().count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(40);
  await expect(media.logRows().first()).toContainText('#450');
  await expect(media.logRows().first()).toContainText('拒否');
  await app.screenshot('media-08-log-many-ja');

  await page.getByRole('grid', { name: '持込記録の一覧' }).focus();
  await page.keyboard.press('End');
  await expect(page.locator('.vt-active')).toContainText('#1');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('entry-detail').getByRole('heading', { name: /記録 #1/ })).toBeVisible();
  expect(await media.logRows().count()).toBeLessThan(40);

  await page.getByTestId('log-filters').getByLabel('持込者').fill('鈴木 花子');
  await page.getByRole('button', { name: '絞り込む' }).click();
  await expect(page.getByTestId('media-log-count')).toHaveText('150 件');

  await page.getByLabel('期間（開始日）').fill('2030-01-02');
  await page.getByLabel('期間（終了日）').fill('2030-01-01');
  await expect(page.getByRole('alert')).toHaveText('終了日は開始日以降にしてください。');
  await expect(page.getByRole('button', { name: '絞り込む' })).toBeDisabled();
});

test('check-out lists what was copied onto the medium; a correction is a new entry and the original is marked', async ({ app, page }) => {
  const media = new MediaPage(app);
  const siteId = await media.seedSite();
  const medium = await media.post<{ id: string }>('media:create', { siteId, fields: { controlNo: 'LT-07', type: 'laptop' } });
  const folder = MediaPage.folder({ 'tools/flash.exe': 'tool' });
  const job = await media.post<{ id: string }>('media:scanStart', { siteId, path: folder, scan: false });
  await expect.poll(async () => (await media.post<{ state: string }>('media:scanStatus', { jobId: job.id })).state).toBe('done');
  const prior = await (await page.request.post(`${app.host.origin}/upload/evidence`, { headers: { 'Content-Type': 'application/octet-stream', 'X-Hoan-File-Name': 'cert.txt' }, data: Buffer.from('scan certificate') })).json() as { data: { sha256: string; name: string } };
  await media.post('media:checkIn', {
    siteId, mediumId: medium.id, person: '山田 太朗', company: 'ベンダー株式会社', purpose: 'ファームウェア更新', method: 'prior_evidence', jobId: job.id,
    prior: { sha256: prior.data.sha256, name: prior.data.name, scanDate: '2025-05-30', tool: 'ESET Endpoint Security', signatureVersion: '29123', result: 'clean' },
  });
  MediaPage.addFiles(folder, { 'logs/plc-backup.csv': 'a,b' });

  await media.open(siteId);
  await page.getByRole('grid', { name: '持込記録の一覧' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('entry-detail')).toContainText('ESET Endpoint Security');
  await page.getByRole('link', { name: '持出（チェックアウト）' }).click();
  await expect(app.heading()).toHaveText('持出時のファイル一覧');
  await page.getByLabel('媒体のフォルダー').fill(folder);
  await page.getByRole('button', { name: 'ファイル一覧を作成' }).click();
  await expect(page.getByTestId('scan-status')).toContainText('ファイル一覧: 2 ファイル');
  await page.getByRole('button', { name: '持出を記録する' }).click();
  await expect(page.getByRole('status').last()).toHaveText('持出を記録しました（#2）。');

  await media.open(siteId);
  await media.logRows().filter({ hasText: '#1' }).click();
  await page.getByRole('link', { name: '訂正する' }).click();
  await expect(app.heading()).toHaveText('記録 #1 の訂正');
  await page.getByLabel('持込者').fill('山田 太郎');
  await page.getByRole('button', { name: '訂正を記録する' }).click();
  await expect(page.getByText('必須項目です。')).toBeVisible();
  await page.getByLabel('訂正理由').fill('氏名の誤記');
  await page.getByRole('button', { name: '訂正を記録する' }).click();
  await expect(page.getByRole('status').last()).toHaveText('訂正を記録しました（#3）。');

  await media.open(siteId);
  await expect(media.logRows()).toHaveCount(3);
  const original = media.logRows().filter({ hasText: '#1' });
  await expect(original).toContainText('訂正あり');
  await expect(original).toContainText('持出済');
  await original.click();
  const detail = page.getByTestId('entry-detail');
  await expect(detail).toContainText('山田 太郎');
  await expect(detail).toContainText('#2 持出');
  await expect(detail).toContainText('#3 訂正');
  await media.logRows().filter({ hasText: '#2' }).click();
  await expect(page.getByTestId('entry-detail')).toContainText('持込時からの変化: 追加 1、変更 0、削除 0');
  await expect(page.getByTestId('entry-detail')).toContainText('logs/plc-backup.csv');
  await app.screenshot('media-10-check-out-ja');
});

test('[#10.5] the tamper check shows what it found: the exported bundle whose head was cut, a back-dated clean scan without its record, a clock note kept apart, then the protection removed', async ({ app, page }) => {
  const media = new MediaPage(app);
  const siteId = await media.seedSite();
  await media.seedScreens(siteId);
  const bundle = media.exportBundle(siteId);
  await media.open(siteId);
  await page.getByRole('button', { name: '改ざんを検査' }).click();
  await expect(media.verifyResult().getByRole('status')).toContainText('改ざんは検出されませんでした（2 件を検査）。');
  await expect(media.verifyResult()).toContainText('出力したバンドル 1 件に記録した最終記録（件数とハッシュ）と照合しました。');

  media.tamperLog((db) => {
    const first = db.prepare('SELECT at FROM media_log WHERE site_id = ? AND n = 1').pluck().get(siteId) as string;
    // Entry 2, already in the bundle, cut and replaced.
    db.prepare('DELETE FROM media_log WHERE site_id = ? AND n = 2').run(siteId);
    db.prepare('UPDATE media_log_heads SET n = 1, hash = (SELECT hash FROM media_log WHERE site_id = ? AND n = 1) WHERE site_id = ?').run(siteId, siteId);
    MediaPage.appendForged(db, siteId, { at: new Date(Date.parse(first) - 90_000).toISOString(), body: { targets: [], scan: null, prior: null, manifest: null } });
    MediaPage.appendForged(db, siteId, {
      at: '2021-04-01T01:00:00.000Z', method: 'scan_here', result: 'clean', decision: 'allowed', body: { targets: ['PLC-1'], scan: null, prior: null, manifest: null },
    });
  });
  await media.open(siteId);
  await page.reload();
  await app.ready();
  await expect(media.logRows()).toHaveCount(3);
  await page.getByRole('button', { name: '改ざんを検査' }).click();
  const status = media.verifyResult().getByRole('status');
  await expect(status).toContainText('改ざんの形跡があります（3 件を検査）。');
  const tampering = page.getByTestId('verify-tampering');
  await expect(tampering).toContainText(`バンドル ${bundle}（通し番号 1、`);
  await expect(tampering).toContainText('ここにある記録 #2 が一致しません（出力後の書き換え）');
  await expect(tampering).toContainText('記録 #3 の日時（2021年4月1日 10:00）が直前の記録');
  await expect(tampering).toContainText('記録 #3 は「持込時スキャン」としていますが、スキャンの記録（スキャナー、終了時刻、結果）がありません。');
  await expect(page.getByTestId('verify-warnings')).toContainText('記録 #2 の日時');
  await expect(page.getByTestId('verify-warnings')).toContainText('90 秒前です。時計の調整とみなしています。');
  await expect(page.getByTestId('verify-guards')).toHaveCount(0);
  await app.screenshot('media-11-verify-tampered-ja');

  media.tamperLog(() => undefined, { restoreGuards: false });
  await page.getByRole('button', { name: '改ざんを検査' }).click();
  await expect(page.getByTestId('verify-guards')).toContainText('データベースの保護（記録の変更・削除を拒むトリガー: media_log_no_update');
  await expect(page.getByTestId('verify-guards')).toContainText('セキュリティ管理者に連絡');
  await app.screenshot('media-12-verify-guards-removed-ja');
});
