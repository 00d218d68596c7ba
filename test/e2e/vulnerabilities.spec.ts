import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SAMPLE_ADVISORIES, writeCsafFile } from '../unit/helpers/csaf';
import { LEDGER_HEADERS, LEDGER_ROWS } from '../unit/advisories/triage-kit';
import { expect, test } from './fixtures';
import { ChecklistPage } from './pages/checklist-page';
import { InventoryPage } from './pages/inventory-page';

/** The sample advisories as CISA lays them out, in a folder the host imports from (a USB stick at a site). */
/** A review date a year ahead of today (the host's clock is the real one). */
const NEXT_YEAR = `${new Date().getFullYear() + 1}-03-31`;

function advisoryFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-csaf-'));
  for (const doc of [SAMPLE_ADVISORIES.melsec(), SAMPLE_ADVISORIES.omron(), SAMPLE_ADVISORIES.yokogawa(), SAMPLE_ADVISORIES.moxa()]) writeCsafFile(dir, doc);
  return dir;
}

test('[#13.3] the 脆弱性 tab lists a Japanese inventory’s matches, takes decisions with their fields, and the 8-4 items show them as evidence', async ({ app, page }) => {
  const checklist = new ChecklistPage(app);
  const inventory = new InventoryPage(app);
  const siteId = await checklist.seedSiteA('第一工場');
  const round = await app.api<{ id: string }>('assessment:create', { siteId, title: '2025年度 年次点検' });
  await inventory.seedInventory(siteId, await InventoryPage.workbook('機器台帳_第一工場.xlsx', [[...LEDGER_HEADERS], ...LEDGER_ROWS.map((r) => [...r])]));
  await app.api('advisories:import', { paths: [advisoryFolder()] });

  await page.goto(`${app.host.origin}/#/sites/${siteId}`);
  await app.ready();
  await page.getByRole('navigation', { name: '事業場のメニュー' }).getByRole('link', { name: '脆弱性' }).click();
  await expect(app.heading()).toHaveText('脆弱性情報と対応');
  const rows = page.getByTestId('triage-row');
  await expect(rows).toHaveCount(5);
  await expect(page.getByTestId('triage-unsettled')).toContainText('要対応 5 件');
  await expect(page.getByTestId('triage-unsettled')).toContainText('9.8');
  const plc = page.locator('[data-testid="triage-row"][data-asset="PLC-001"]');
  await expect(plc).toContainText('ICSA-20-212-02');
  await expect(plc).toContainText('<= 1.063R');
  await expect(plc).toContainText('1.050C');
  await expect(page.locator('[data-testid="triage-row"][data-asset="DCS-001"]')).toContainText('要確認');
  await expect(page.locator('[data-testid="triage-row"][data-asset="DCS-001"]')).toContainText('（バージョン未登録）');
  await app.screenshot('vulnerabilities-01-list-ja');

  // 影響なし without its reason: refused at the field, in Japanese.
  const ctl = page.locator('[data-testid="triage-row"][data-asset="CTL-001"]');
  await ctl.getByTestId('triage-open-form').click();
  const form = page.getByTestId('triage-form');
  await form.getByLabel('影響なし').check();
  await form.getByRole('button', { name: '判定を記録' }).click();
  await expect(form.locator('.field-error')).toHaveText('影響なしの理由を選んでください。');
  await app.screenshot('vulnerabilities-02-form-error-ja');
  await form.getByLabel('影響なしの理由').selectOption('function_not_used');
  await form.getByLabel('メモ').fill('FINSサーバ機能は無効化済み（設定表 2025-03）');
  await form.getByRole('button', { name: '判定を記録' }).click();
  await expect(form).toHaveCount(0);
  await expect(ctl.getByTestId('triage-state')).toHaveText('影響なし');
  await expect(ctl).toContainText('該当機能を使用していない');

  // リスク受容: the control and the review date, into the round's risk register.
  const sw = page.locator('[data-testid="triage-row"][data-asset="SW-001"]');
  await sw.getByTestId('triage-open-form').click();
  await form.getByLabel('リスク受容').check();
  await expect(form).toContainText('リスク登録簿に 8-4-3 と関連付けて登録されます');
  await form.getByLabel('代替策（補償的対策）').fill('制御LANをファイアウォールで分離し、保守時のみ接続');
  await form.getByLabel('見直し期日').fill(NEXT_YEAR);
  await form.getByRole('button', { name: '判定を記録' }).click();
  await expect(sw.getByTestId('triage-state')).toHaveText('リスク受容');

  // 対応済 with the version after the patch: 1.090U is outside <= 1.063R, so the pair closes.
  await plc.getByTestId('triage-open-form').click();
  await form.getByLabel('対応済').check();
  await expect(form).toContainText('現在: 1.050C');
  await form.getByLabel('対応後のバージョン').fill('1.090U');
  await form.getByRole('button', { name: '判定を記録' }).click();
  await expect(rows).toHaveCount(4);
  await expect(page.getByTestId('triage-closed')).toContainText('PLC-001');
  await expect(page.getByTestId('triage-closed')).toContainText('判定: 対応済');
  await expect(page.getByTestId('triage-counts')).toContainText('該当しなくなった1');
  await app.screenshot('vulnerabilities-03-decided-ja');

  const risks = await app.api<{ linkedItems: string[]; plannedMeasures: string }[]>('risks:list', { roundId: round.id });
  expect(risks).toEqual([expect.objectContaining({ linkedItems: ['8-4-3'], plannedMeasures: expect.stringContaining('制御LANをファイアウォールで分離') })]);

  // The checklist's 8-4-3 shows the matches and says two still need work.
  await page.goto(`${app.host.origin}/#/sites/${siteId}/checklist/${round.id}`);
  await app.ready();
  await page.locator('tr[data-item="8-4-3"] a').click();
  await checklist.expectItem('8-4-3');
  const evidence = page.getByTestId('advisory-evidence');
  await expect(evidence).toContainText('該当 4 件（要対応 2 件）、該当しなくなった判定 1 件');
  await expect(evidence.getByTestId('advisory-unsettled')).toContainText('未対応の該当が 2 件あります');
  await app.screenshot('vulnerabilities-04-checklist-8-4-3-ja');
  await evidence.getByRole('link', { name: '脆弱性タブを開く' }).click();
  await expect(app.heading()).toHaveText('脆弱性情報と対応');

  // The same screen in English.
  await app.api('settings:update', { language: 'en' });
  await page.reload();
  await app.ready();
  await expect(app.heading()).toHaveText('Vulnerability information and response');
  await page.getByRole('button', { name: 'Needs action' }).click();
  await expect(rows).toHaveCount(2);
  await app.screenshot('vulnerabilities-05-needs-action-en');
});
