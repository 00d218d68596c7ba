import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE_NAME } from '../../electron/core/data-dir';
import { seedSolarRegisters, SOLAR_LEDGER } from '../unit/helpers/registers';
import { byClass, parseSvg, textIn } from '../unit/helpers/svg-tree';
import { expect, SCREENSHOT_DIR, test } from './fixtures';
import { ChecklistPage } from './pages/checklist-page';
import { InventoryPage } from './pages/inventory-page';

test('[#14.3] the network diagram page shows the solar plant\'s zones, devices and points, lists what to check, zooms, and saves SVG and PNG; the SVG prints on A4', async ({ app, page, host }) => {
  const siteId = await new ChecklistPage(app).seedSiteA('第一太陽光発電所');
  await new InventoryPage(app).seedInventory(siteId, await InventoryPage.workbook('太陽光機器台帳.xlsx', SOLAR_LEDGER.map((r) => [...r]), '第一太陽光発電所 機器台帳'));
  // The registers as their writers store them (the kit's SQL), into the host's own data folder:
  // LTE defended, the VPN without a defence but with a reason, the output-control line with none
  // and naming a gateway the inventory lacks.
  const db = new Database(path.join(host.dataDir, DB_FILE_NAME));
  try {
    db.pragma('busy_timeout = 5000');
    const seeded = seedSolarRegisters(db, siteId);
    db.prepare('DELETE FROM connection_point_defences WHERE point_id IN (?, ?)').run(seeded.points.vpn, seeded.points.output);
    db.prepare("UPDATE connection_points SET no_defence_reason = '作業日以外はケーブルを抜いて保管' WHERE id = ?").run(seeded.points.vpn);
    db.prepare("INSERT INTO connection_point_ends (point_id, side, asset_id) VALUES (?, 'inside', 'GW-99')").run(seeded.points.output);
  } finally {
    db.close();
  }

  await page.goto(`${host.origin}/#/sites/${siteId}/registers/diagram`);
  await app.ready();
  await expect(app.heading()).toHaveText('ネットワーク構成図');
  const image = page.getByTestId('network-diagram');
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(600);
  expect(await image.getAttribute('src')).toMatch(/^blob:/);
  // The SVG is an image, never markup in the page.
  await expect(page.locator('main svg text, #root svg text')).toHaveCount(0);
  const flags = page.getByRole('region', { name: '確認が必要な点' });
  await expect(flags.getByRole('listitem')).toHaveText([
    '接続点「保守用リモートアクセス（VPN）」は防御策なし（理由を記録済み）',
    '接続点「出力制御回線」の機器 GW-99 は機器台帳にありません',
    '接続点「出力制御回線」に防御策が登録されていません',
  ]);
  await expect(page.getByRole('list', { name: '凡例' }).getByRole('listitem')).toHaveText(['防御策あり', '防御策なし（理由を記録）', '防御策なし', '機器台帳にない機器']);
  // Fitted to the width of the page.
  const frame = await page.locator('.diagram-frame').boundingBox();
  expect((await image.boundingBox())!.width).toBeLessThanOrEqual(frame!.width);
  await app.screenshot('registers-diagram-01-solar-ja');

  await page.getByRole('button', { name: '原寸' }).click();
  await expect.poll(async () => Math.round((await image.boundingBox())!.width)).toBe(await image.evaluate((img: HTMLImageElement) => img.naturalWidth));
  await page.getByRole('button', { name: '縮小' }).click();
  await expect.poll(async () => Math.round((await image.boundingBox())!.width)).toBe(Math.round((await image.evaluate((img: HTMLImageElement) => img.naturalWidth)) * 0.75));
  await page.getByRole('button', { name: '幅に合わせる' }).click();

  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-diagram-'));
  const svgDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'SVGで保存' }).click();
  const svgFile = await svgDownload;
  expect(svgFile.suggestedFilename()).toBe('ネットワーク構成図.svg');
  const svgPath = path.join(out, 'diagram.svg');
  await svgFile.saveAs(svgPath);
  const tree = parseSvg(fs.readFileSync(svgPath, 'utf8'));
  expect(byClass(tree, 'zone').map(textIn)).toEqual(['外部', '監視', '制御', '事業場LAN']);
  expect(byClass(tree, 'point').map((g) => g.attributes.class)).toEqual(['point defended', 'point reasoned', 'point undefended']);
  expect(byClass(tree, 'device', 'missing').map(textIn)).toEqual(['GW-99\n台帳になし\n?']);

  const pngDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'PNGで保存' }).click();
  const pngFile = await pngDownload;
  expect(pngFile.suggestedFilename()).toBe('ネットワーク構成図.png');
  const pngPath = path.join(SCREENSHOT_DIR, 'registers-diagram-02-saved.png');
  await pngFile.saveAs(pngPath);
  const png = fs.readFileSync(pngPath);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  const naturalWidth = await image.evaluate((img: HTMLImageElement) => img.naturalWidth);
  expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(2 * naturalWidth);

  // The SVG as printed: on an A4 page, then 60 dpi PNG to look at.
  const print = await page.context().newPage();
  await print.setContent(
    `<style>@page { size: A4; margin: 12mm } body { margin: 0 } img { width: 100%; }</style><img src="data:image/svg+xml;base64,${fs.readFileSync(svgPath).toString('base64')}">`,
  );
  await print.waitForFunction(() => (document.querySelector('img') as HTMLImageElement).complete);
  const pdf = path.join(out, 'diagram-a4.pdf');
  await print.pdf({ path: pdf, format: 'A4' });
  await print.close();
  execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(SCREENSHOT_DIR, 'registers-diagram-03-a4')]);
  execFileSync('pdftoppm', ['-png', '-r', '150', '-f', '1', '-l', '1', pdf, path.join(SCREENSHOT_DIR, 'registers-diagram-04-a4-150dpi')]);
  expect(execFileSync('pdfinfo', [pdf]).toString()).toMatch(/Pages:\s+1\n/);

  await app.api('settings:update', { language: 'en' });
  await page.reload();
  await app.ready();
  await expect(app.heading()).toHaveText('Network diagram');
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(600);
  await app.screenshot('registers-diagram-05-solar-en');
  fs.rmSync(out, { recursive: true, force: true });
});
