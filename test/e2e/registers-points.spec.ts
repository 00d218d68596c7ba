import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SOLAR_LEDGER } from '../unit/helpers/registers';
import { expect, test } from './fixtures';
import { audit } from './pages/axe-audit';
import { InventoryPage } from './pages/inventory-page';
import { addDefence, addDevice } from './pages/registers-page';

/**
 * The 接続点台帳 (issue 14, 6-2-2 and 6-2-3) of a 区分A solar plant, entered
 * through the screens: the LTE remote monitoring line, the maintenance VPN and
 * the power company's output-control line, with defences and one evidence file.
 */

interface Registers {
  points: { name: string; defences: { kind: string; evidence: { name: string }[] }[]; ends: { assetId: string; deviceId: string | null }[] }[];
  networks: { network: string; zone: string; set: boolean }[];
  flags: { kind: string }[];
}

test('a solar plant enters its three connection points with defences and evidence; flags, field errors and zones show where they belong', async ({ app, page }) => {
  const inventory = new InventoryPage(app);
  const siteId = await inventory.seedSite('第一太陽光発電所');
  await inventory.seedInventory(siteId, await InventoryPage.workbook('太陽光機器台帳.xlsx', SOLAR_LEDGER.map((r) => [...r]), '第一太陽光発電所 機器台帳'));

  await page.goto(`${app.host.origin}/#/sites/${siteId}/registers/points`);
  await app.ready();
  await expect(app.heading()).toHaveText('接続点台帳');
  await expect(page.getByText('接続点はまだ登録されていません。')).toBeVisible();
  await app.screenshot('registers-points-01-empty-ja');

  // 1. Remote monitoring by LTE router.
  await page.getByRole('link', { name: '接続点を追加' }).click();
  await expect(app.heading()).toHaveText('接続点の追加');
  const form = page.getByTestId('point-form');
  await form.getByLabel('名称').fill('遠隔監視回線（LTE）');
  await form.getByLabel('種類', { exact: true }).selectOption({ label: '遠隔監視回線' });
  await form.getByLabel('接続先').fill('ソーラー監視センター');
  await addDevice(form, '事業場側の機器', 'RT-01');
  await addDevice(form, '事業場側の機器', 'MON-01');
  await expect(form.locator('.device-chip', { hasText: 'RT-01' })).toContainText('LTEルーター');
  await form.getByLabel('目的').fill('発電量・警報の遠隔監視');
  await form.getByLabel('媒体', { exact: true }).selectOption({ label: 'LTE（モバイルルーター）' });
  await form.getByLabel('媒体の補足').fill('閉域SIM');
  await form.getByLabel('管理者（自由記入）').fill('ソーラー監視センター株式会社');
  await form.getByLabel('必要性の理由').fill('発電停止の即時検知に必要');
  await addDefence(page, 'ファイアウォール', 'ルーター内蔵FWで監視センター以外を遮断');
  await addDefence(page, '接続先の限定', '閉域SIMの接続先を監視センターに限定');
  await expect(page.getByTestId('defence').first()).toContainText('保存すると、この防御策に証跡を添付できます。');
  await form.getByRole('button', { name: '登録', exact: true }).click();
  await expect(app.heading()).toHaveText('遠隔監視回線（LTE）');
  await expect(page.getByRole('status')).toHaveText('保存しました。');

  // Evidence on the firewall: the rule export, through the evidence upload.
  const rules = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-points-')), 'fw-rules.txt');
  fs.writeFileSync(rules, 'deny ip any any\npermit ip 203.0.113.10 any\n');
  const firewall = page.getByTestId('defence').first();
  await firewall.locator('input[type="file"]').setInputFiles(rules);
  await expect(firewall.locator('.evidence-list')).toContainText('fw-rules.txt');
  await expect(firewall.getByRole('link', { name: /fw-rules\.txt/ })).toHaveAttribute('href', /\/evidence\/[0-9a-f]{64}/);
  await app.screenshot('registers-points-02-lte-with-evidence-ja');
  expect((await audit(page)).serious).toEqual([]);
  await page.getByRole('link', { name: '接続点台帳に戻る' }).first().click();

  // 2. The maintenance VPN, naming a gateway the inventory does not hold (kept, flagged).
  await page.getByRole('link', { name: '接続点を追加' }).click();
  await form.getByLabel('名称').fill('保守用リモートアクセス（VPN）');
  await form.getByLabel('種類', { exact: true }).selectOption({ label: '保守用リモートアクセス' });
  await form.getByLabel('接続先').fill('太陽光メンテ株式会社');
  await addDevice(form, '事業場側の機器', 'VPN-01');
  await addDevice(form, '相手側の機器', 'GW-99');
  await expect(form.locator('.device-chip', { hasText: 'GW-99' })).toContainText('台帳にない');
  await form.getByLabel('媒体', { exact: true }).selectOption({ label: 'インターネットVPN' });
  await addDefence(page, '認証', '証明書＋ワンタイムパスワード');
  await addDefence(page, '不使用時の物理切断', '作業日以外はLANケーブルを抜く');
  await form.getByRole('button', { name: '登録', exact: true }).click();
  await expect(app.heading()).toHaveText('保守用リモートアクセス（VPN）');
  await expect(page.getByTestId('point-flags')).toContainText('機器 GW-99 は機器台帳にありません');
  await page.getByRole('link', { name: '接続点台帳に戻る' }).first().click();

  // 3. The power company's output-control line: first with no defence, judged unnecessary without a plan.
  await page.getByRole('link', { name: '接続点を追加' }).click();
  await form.getByLabel('名称').fill('出力制御回線');
  await form.getByLabel('種類', { exact: true }).selectOption({ label: '電力会社・アグリゲーター（出力制御等）' });
  await form.getByLabel('事業場側の区域').selectOption({ label: '制御' });
  await form.getByLabel('接続先').fill('電力会社 出力制御サーバ');
  await addDevice(form, '事業場側の機器', 'OCT-01');
  await form.getByLabel('媒体', { exact: true }).selectOption({ label: '閉域網' });
  await form.getByLabel('この接続点は必要').uncheck();
  await form.getByRole('button', { name: '登録', exact: true }).click();
  await expect(page.getByTestId('error-summary')).toBeVisible();
  const fieldOf = (label: string) => form.locator('.field').filter({ has: page.locator('label', { hasText: new RegExp(`^${label}$`) }) });
  await expect(fieldOf('撤去の計画').locator('.field-error')).toHaveText('不要と判断した接続点は撤去の計画を書いてください（6-2-2）。');
  await expect(fieldOf('撤去予定日').locator('.field-error')).toHaveText('撤去予定日を入れてください。');
  await app.screenshot('registers-points-03-field-errors-ja');
  expect((await audit(page)).serious).toEqual([]);
  await form.getByLabel('この接続点は必要').check();
  await form.getByLabel('必要性の理由').fill('系統連系の要件');
  await form.getByRole('button', { name: '登録', exact: true }).click();
  await expect(app.heading()).toHaveText('出力制御回線');
  await expect(page.getByTestId('point-flags')).toContainText('防御策が登録されていません');
  await expect(page.getByTestId('point-flags').locator('.point-flag-danger')).toHaveCount(1);
  await app.screenshot('registers-points-04-undefended-ja');
  await addDefence(page, '閉域網', '電力会社の閉域網');
  await form.getByRole('button', { name: '保存', exact: true }).click();
  await expect(page.getByRole('status')).toHaveText('保存しました。');
  await expect(page.getByTestId('point-flags')).toHaveCount(0);
  await page.getByRole('link', { name: '接続点台帳に戻る' }).first().click();

  // The list: three points in order, the VPN's unknown gateway flagged; zones set from the inventory.
  const rows = page.getByTestId('point-table').locator('tbody tr');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('遠隔監視回線（LTE）');
  await expect(rows.nth(0)).toContainText('RT-01 LTEルーター');
  await expect(rows.nth(1).getByTestId('point-flags')).toHaveText('GW-99 台帳になし');
  await expect(rows.nth(2)).toContainText('出力制御回線');
  const zones = page.getByTestId('network-zones');
  await expect(zones.locator('tbody tr')).toHaveCount(3);
  await zones.getByLabel('「事務所LAN」の区域').selectOption({ label: '監視' });
  await expect.poll(async () => (await app.api<Registers>('registers:get', { siteId })).networks.find((n) => n.network === '事務所LAN')).toEqual({
    network: '事務所LAN',
    zone: 'monitoring',
    set: true,
    devices: 1,
  });
  await zones.getByLabel('「事務所LAN」の区域').selectOption({ label: '推定に戻す' });
  await expect(zones.getByLabel('「事務所LAN」の区域')).toHaveValue('');
  await app.screenshot('registers-points-05-list-ja');
  expect((await audit(page)).serious).toEqual([]);

  const stored = await app.api<Registers>('registers:get', { siteId });
  expect(stored.points.map((p) => [p.name, p.defences.map((d) => [d.kind, d.evidence.map((e) => e.name)])])).toEqual([
    ['遠隔監視回線（LTE）', [['firewall', ['fw-rules.txt']], ['allow_list', []]]],
    ['保守用リモートアクセス（VPN）', [['authentication', []], ['disconnected_when_unused', []]]],
    ['出力制御回線', [['closed_network', []]]],
  ]);
  expect(stored.flags.map((f) => f.kind)).toEqual(['deviceNotInInventory']);

  // The same screens in English.
  await app.api('settings:update', { language: 'en' });
  await page.reload();
  await app.ready();
  await expect(app.heading()).toHaveText('Connection points');
  await expect(rows.nth(1).getByTestId('point-flags')).toHaveText('GW-99 not in inventory');
  await app.screenshot('registers-points-06-list-en');
  await rows.nth(0).getByRole('link').click();
  await expect(page.getByTestId('defence').first()).toContainText('fw-rules.txt');
  await app.screenshot('registers-points-07-lte-en');
});
