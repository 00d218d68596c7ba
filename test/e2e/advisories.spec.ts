import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { csafDocument, SAMPLE_ADVISORIES, writeCsafFile } from '../unit/helpers/csaf';
import { expect, test } from './fixtures';

/** A USB folder as CISA lays its CSAF files out, with two bad files among them. */
function usbFolder(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-csaf-'));
  for (const doc of [SAMPLE_ADVISORIES.melsec(), SAMPLE_ADVISORIES.omron(), SAMPLE_ADVISORIES.yokogawa()]) writeCsafFile(dir, doc);
  const tampered = writeCsafFile(dir, SAMPLE_ADVISORIES.moxa());
  fs.appendFileSync(tampered, ' ');
  const v21 = csafDocument({ id: 'ICSA-25-001-01', products: [{ vendor: 'Moxa', product: 'NPort', leaves: [{ range: '<= 3.0' }] }], vulnerabilities: [{ cve: 'CVE-2025-0001', cvss: 9.8 }] }) as { document: { csaf_version: string } };
  v21.document.csaf_version = '2.1';
  fs.mkdirSync(path.join(dir, '2025'));
  fs.writeFileSync(path.join(dir, '2025', 'icsa-25-001-01.json'), JSON.stringify(v21));
  return dir;
}

test('[#13.1] advisories screen: reached from the main menu, a USB folder imports with one line per file (refusals with their reasons), the list shows each advisory with products, CVEs and CVSS, and a second import changes nothing', async ({ app, page }) => {
  await app.open();
  await app.nav('脆弱性情報').click();
  await expect(app.heading()).toHaveText('脆弱性情報（CSAFアドバイザリ）');
  await expect(page.getByTestId('advisories-list')).toContainText('まだアドバイザリがありません');
  await app.screenshot('advisories-01-empty-ja');

  const usb = usbFolder();
  const card = page.getByTestId('advisories-import');
  await card.locator('textarea[name="paths"]').fill(usb);
  await card.getByRole('button', { name: '取り込む' }).click();
  const outcome = page.getByTestId('advisories-outcome');
  await expect(outcome.getByRole('status')).toHaveText('取り込み 3 件、更新 0 件、変更なし 0 件、拒否 2 件');
  await expect(outcome.locator('tr[data-status="refused"]')).toHaveCount(2);
  await expect(outcome.locator('tr', { hasText: 'icsa-24-011-01.json' })).toContainText('.sha512 のハッシュ値と一致しません');
  await expect(outcome.locator('tr', { hasText: 'icsa-25-001-01.json' })).toContainText('CSAF 2.1 の文書です。Hoan が取り込めるのは CSAF 2.0 だけです。');
  const list = page.getByTestId('advisories-list');
  await expect(list.locator('tbody tr')).toHaveCount(3);
  await expect(list.locator('tr', { hasText: 'ICSA-22-179-02' })).toContainText('CVE-2022-34151');
  await expect(list.locator('tr', { hasText: 'ICSA-22-179-02' })).toContainText('9.8');
  await app.screenshot('advisories-02-imported-ja');

  await list.getByLabel('検索（ID・タイトル・発行元・CVE）').fill('CVE-2023');
  await expect(list.locator('tbody tr')).toHaveCount(1);
  await expect(list.locator('tbody tr')).toContainText('ICSA-23-047-01');

  await card.locator('textarea[name="paths"]').fill(usb);
  await card.getByRole('button', { name: '取り込む' }).click();
  await expect(outcome.getByRole('status')).toHaveText('取り込み 0 件、更新 0 件、変更なし 3 件、拒否 2 件');

  await app.nav('事業場').click();
  await app.nav('脆弱性情報').click();
  await expect(app.heading()).toHaveText('脆弱性情報（CSAFアドバイザリ）');

  await app.api('settings:update', { language: 'en' });
  await page.reload();
  await app.ready();
  await card.locator('textarea[name="paths"]').fill(usb);
  await card.getByRole('button', { name: 'Import' }).click();
  await expect(outcome.getByRole('status')).toHaveText('0 imported, 0 updated, 3 unchanged, 2 refused');
  await app.screenshot('advisories-03-en');
  fs.rmSync(usb, { recursive: true, force: true });
});
