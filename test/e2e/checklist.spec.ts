import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from './fixtures';
import { ChecklistPage } from './pages/checklist-page';
import { fillRegisters } from './pages/registers-page';

test('inspection day: walk items by keyboard, attach evidence, resolve every item, complete and export the workbook', async ({ app, page }, testInfo) => {
  const checklist = new ChecklistPage(app);
  const siteId = await checklist.seedSiteA();
  // 2-1, 2-2, 6-2-2, 6-2-3, 10-2 and 10-3 are 実施済 only with their registers (issue 14).
  await fillRegisters(app, siteId);
  await checklist.openChecklist(siteId);

  await expect(app.heading()).toHaveText('チェックリストとリスク評価');
  await page.getByRole('button', { name: '評価を開始' }).click();
  await expect(page.getByTestId('round-summary')).toContainText('0 / 32 件検討済み');
  await page.getByRole('link', { name: '1項目ずつ確認（立入検査モード）' }).click();

  // Five items with the keyboard only.
  await checklist.expectItem('2-1');
  await expect(checklist.progress()).toHaveText('0 / 32 件検討済み');
  await page.keyboard.press('1');
  await page.keyboard.press('n');
  await checklist.expectItem('2-2');
  await expect(checklist.progress()).toHaveText('1 / 32 件検討済み');
  await page.keyboard.press('1');
  await page.keyboard.press('n');

  // 2-3 is 推奨: 未実施 needs a reason; without one, the item is not saved and the walk stays.
  await checklist.expectItem('2-3');
  await page.keyboard.press('3');
  await page.keyboard.press('n');
  await expect(page.getByTestId('decision-form')).toContainText('未実施・一部実施・該当なしの場合は理由を記入してください。');
  await checklist.expectItem('2-3');
  await page.keyboard.press('r');
  await page.keyboard.type('教育計画は来年度に策定する（今年度は要員1名のため見送り）');
  await page.keyboard.press('Control+Enter');

  await checklist.expectItem('3-1');
  await page.keyboard.press('4');
  await page.keyboard.press('r');
  await page.keyboard.type('監視システムの文書はメーカー管理のため該当なし');
  await page.keyboard.press('Control+Enter');

  await checklist.expectItem('3-2');
  await page.keyboard.press('2');
  await page.keyboard.press('r');
  await page.keyboard.type('報告様式のみ作成済み');
  await page.keyboard.press('Escape');
  await page.keyboard.press('p');
  // Leaving the item saved it; going back shows what was recorded.
  await checklist.expectItem('3-1');
  await page.keyboard.press('n');
  await checklist.expectItem('3-2');
  await expect(page.locator('textarea[name="reason"]')).toHaveValue('報告様式のみ作成済み');
  await expect(checklist.progress()).toHaveText('5 / 32 件検討済み');
  await app.screenshot('20-walkthrough-ja');

  // Move on to 8-1-3 (勧告) and attach the scan log through the file picker.
  await checklist.advance();
  for (let i = 0; i < 32 && (await checklist.currentItemId().textContent()) !== '8-1-3'; i++) {
    await page.keyboard.press('1');
    await checklist.advance();
  }
  await checklist.expectItem('8-1-3');
  const evidencePath = testInfo.outputPath('clamscan-2025-04-01.log');
  fs.writeFileSync(evidencePath, '----------- SCAN SUMMARY -----------\nInfected files: 0\n');
  const evidenceSha = createHash('sha256').update(fs.readFileSync(evidencePath)).digest('hex');
  await page.getByTestId('evidence-panel').locator('input[type=file]').setInputFiles(evidencePath);
  await expect(page.getByTestId('evidence-panel').locator('.evidence-list')).toContainText('clamscan-2025-04-01.log');
  await page.keyboard.press('1');
  await page.locator('body').focus();
  await app.screenshot('21-walkthrough-evidence-ja');

  // The rest: implemented, one key each.
  for (let i = 0; i < 32; i++) {
    await page.keyboard.press('1');
    if ((await checklist.currentItemId().textContent()) === '10-4') {
      await page.keyboard.press('Control+Enter');
      break;
    }
    await checklist.advance();
  }
  await expect(checklist.progress()).toHaveText('32 / 32 件検討済み');

  await page.getByRole('link', { name: '一覧へ戻る' }).click();
  await expect(page.getByTestId('round-summary')).toContainText('32 / 32 件検討済み');
  await expect(page.getByTestId('round-summary')).toContainText('勧告的事項の適合 5 / 5');
  await page.getByRole('button', { name: '評価を完了' }).click();
  await expect(page.getByText('評価を完了しました。')).toBeVisible();
  await app.screenshot('22-round-completed-ja');

  const downloading = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Excelに出力' }).click();
  const download = await downloading;
  const saved = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(saved);
  expect(path.basename(saved)).toBe('北関東ソーラー発電所_2025年度 年次点検_チェックリスト.xlsx'.replace('2025', new Intl.DateTimeFormat('en', { timeZone: 'Asia/Tokyo', year: 'numeric' }).format(new Date())));

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const sheet = wb.getWorksheet('チェックリスト')!;
  expect(sheet.rowCount).toBe(33);
  const rows = new Map<string, ExcelJS.Row>();
  sheet.eachRow((row, n) => {
    if (n > 1) rows.set(String(row.getCell(2).value).split(' ')[0]!, row);
  });
  expect(rows.get('8-1-3')!.getCell(10).value).toBe(`clamscan-2025-04-01.log\nsha256:${evidenceSha}`);
  expect(rows.get('8-1-3')!.getCell(4).value).toBe('勧告');
  expect(rows.get('2-3')!.getCell(5).value).toBe('未実施');
  expect(rows.get('2-3')!.getCell(8).value).toBe('教育計画は来年度に策定する（今年度は要員1名のため見送り）');
  expect(rows.get('3-1')!.getCell(5).value).toBe('該当なし');
  expect(rows.get('3-2')!.getCell(5).value).toBe('一部実施');
  for (const [, row] of rows) expect(row.getCell(5).value).not.toBe('未検討');

  // The dashboards.
  await page.goto(`${app.host.origin}/#/sites/${siteId}`);
  await app.ready();
  await expect(page.getByTestId('site-dashboard')).toContainText('32 / 32 件検討済み');
  await app.screenshot('23-site-dashboard-ja');
  await page.goto(`${app.host.origin}/#/sites`);
  await app.ready();
  await expect(page.getByTestId('sites-table')).toContainText('32 / 32 件検討済み');
  await app.screenshot('24-sites-overview-ja');
});

test('a 勧告 item not implemented is 不適合 and needs a plan; only 未検討 and only 不適合 views; the risk register', async ({ app, page }) => {
  const checklist = new ChecklistPage(app);
  const siteId = await checklist.seedSiteA('南港工場');
  await checklist.openChecklist(siteId);
  await page.getByRole('button', { name: '評価を開始' }).click();
  await page.getByRole('button', { name: '未検討のみ' }).click();
  await expect(page.getByTestId('items-table').locator('tbody tr[data-item]')).toHaveCount(32);

  await page.locator('tr[data-item="6-2-2"] a').click();
  await checklist.expectItem('6-2-2');
  await page.keyboard.press('3');
  await expect(page.getByTestId('remediation')).toBeVisible();
  await page.keyboard.press('r');
  await page.keyboard.type('外部保守用VPNが2本残っている');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByTestId('decision-form')).toContainText('不適合（勧告的事項の未実施）には改善計画が必要です。');
  await page.locator('textarea[name="remediationPlan"]').fill('VPNを1本に集約し、UTMで防御する');
  await page.locator('input[name="remediationDate"]').fill('2026-03-31');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.locator('.walk-meta')).toContainText('不適合');

  // Evidence by drag and drop: the network diagram dropped onto the item.
  const dataTransfer = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['VPN-1: 保守会社A\nVPN-2: 保守会社B\n'], 'ネットワーク構成図.txt', { type: 'text/plain' }));
    return dt;
  });
  await page.getByTestId('dropzone').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByTestId('evidence-panel').locator('.evidence-list')).toContainText('ネットワーク構成図.txt');
  await app.screenshot('25-walkthrough-nonconforming-ja');

  await page.getByRole('link', { name: '一覧へ戻る' }).click();
  await page.getByRole('button', { name: '不適合のみ' }).click();
  await expect(page.getByTestId('items-table').locator('tbody tr[data-item]')).toHaveCount(1);
  await page.getByRole('button', { name: '評価を完了' }).click();
  // Only the reason that applies: the 不適合 item has its plan, so no "改善計画のない不適合 0 件" (#11.6).
  await expect(page.getByRole('alert')).toHaveText('完了できません: 未検討の項目が 31 件あります。すべての項目の実施状況を記録してから完了してください。');

  await page.getByRole('navigation', { name: '事業場のメニュー' }).getByRole('link', { name: 'リスク評価' }).click();
  await page.getByRole('button', { name: 'リスクを追加' }).click();
  const form = page.getByTestId('risk-form');
  await form.getByLabel('資産の種類').selectOption('connection_point');
  await form.getByLabel('資産の名称').fill('保守用VPN');
  await form.getByLabel('想定脅威', { exact: true }).selectOption('intrusion_connection');
  await form.getByLabel('発生可能性（1〜5）').selectOption('4');
  await form.getByLabel('影響度（1〜5）').selectOption('4');
  await form.getByLabel('関連するチェックリスト項目').fill('6-2-2, 6-2-3');
  await form.getByRole('button', { name: '保存' }).click();
  const row = page.getByTestId('risk-table').locator('tbody tr');
  await expect(row).toHaveCount(1);
  // 区分A weighs impact ×1.25: 4 × 5 = 20 → 高.
  await expect(row).toContainText('20');
  await expect(row).toContainText('高');
  await app.screenshot('26-risks-ja');
});

test('[#11.4] 実施状況 and 適合判定 are two badges and two columns; 実施済 with 不要と判断 is refused on the 要否判断 field, in Japanese and English', async ({ app, page }) => {
  const checklist = new ChecklistPage(app);
  const siteId = await checklist.seedSiteA('西港変電所');
  const round = await app.api<{ id: string }>('assessment:create', { siteId, title: '2025年度 年次点検' });
  await app.api('assessment:updateItem', {
    roundId: round.id,
    itemId: '2-2',
    decision: { status: 'partial', necessity: null, reason: '体制図が古い', remediationPlan: '体制図を更新する', remediationDate: '2026-03-31' },
  });

  // The list: 一部実施 stays 一部実施, and 不適合 is its own column; the summary counts 不適合 apart.
  await page.goto(`${app.host.origin}/#/sites/${siteId}/checklist/${round.id}`);
  await app.ready();
  const table = page.getByTestId('items-table');
  await expect(table.locator('thead th')).toHaveText(['項目', '勧告/推奨', '実施状況', '適合判定', '理由', '証跡']);
  await expect(table.locator('tr[data-item="2-2"] td').nth(2)).toHaveText('一部実施');
  await expect(table.locator('tr[data-item="2-2"] td').nth(3)).toHaveText('不適合');
  await expect(table.locator('tr[data-item="2-3"] td').nth(3)).toHaveText('対象外');
  await expect(table.locator('tr[data-item="8-1-3"] td').nth(3)).toHaveText('未判定');
  await expect(page.getByTestId('round-summary')).toContainText('不適合 1 件');
  await page.getByRole('button', { name: '不適合のみ' }).click();
  await expect(table.locator('tbody tr[data-item]')).toHaveCount(1);

  // A 推奨 item recorded 実施済 and judged 不要: refused, the error under 要否判断, nothing saved.
  await page.goto(`${app.host.origin}/#/sites/${siteId}/walk/${round.id}/all/2-3`);
  await app.ready();
  await checklist.expectItem('2-3');
  await page.keyboard.press('1');
  await page.getByLabel('不要と判断').check();
  await page.locator('textarea[name="reason"]').fill('外部講習で代替');
  await page.getByRole('button', { name: '保存', exact: true }).click();
  const necessity = page.getByRole('radiogroup', { name: '要否判断' });
  await expect(necessity.locator('.field-error')).toHaveText(
    '実施済の対策は「不要と判断」にできません。実施していない場合は実施状況を直し、実施している場合は要否判断を「必要」にしてください。',
  );
  await expect(page.locator('.walk-meta [data-testid="item-state"]')).toHaveText('未検討');
  await app.screenshot('27-walkthrough-implemented-unnecessary-ja');
  await page.getByLabel('必要', { exact: true }).check();
  await page.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.locator('.walk-meta [data-testid="item-state"]')).toHaveText('実施済');
  await expect(page.locator('.walk-meta [data-testid="item-conformity"]')).toHaveText('対象外');

  // The same refusal in English.
  await app.api('settings:update', { language: 'en' });
  await page.goto(`${app.host.origin}/?token=${new URL(app.host.url).searchParams.get('token')}#/sites/${siteId}/walk/${round.id}/all/2-3`);
  await app.ready();
  await page.getByLabel('Judged unnecessary').check();
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('radiogroup', { name: 'Needed?' }).locator('.field-error')).toHaveText(
    'A measure recorded as implemented cannot be judged unnecessary. If it is not in place, correct its status; if it is, set “Needed?” to “Needed”.',
  );
});
