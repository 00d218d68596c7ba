import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildCrashChild, runChild } from '../unit/bundle/crash-child-runner';
import { expect, test } from './fixtures';
import { BundlePage } from './pages/bundle-page';

const SITE = '北関東ソーラー発電所';
const tempDir = (prefix: string) => fs.mkdtempSync(path.join(os.tmpdir(), prefix));

test('[#10.7 key mode] the key screen reports a private key others can read, and the export screen refuses to sign until chmod 600', async ({ app, page, host }) => {
  test.skip(process.platform === 'win32', 'Windows keeps no permission bits; the screen says it does not check them');
  const usb = tempDir('hoan-e2e-usb-');
  try {
    const bundles = new BundlePage(app);
    const siteId = await bundles.seedSite(SITE);
    const key = path.join(host.dataDir, 'keys', 'installation_ed25519');

    await bundles.goto('#/bundles/keys');
    await expect(page.getByTestId('key-access')).toHaveText('所有者のみ（0600）');
    fs.chmodSync(key, 0o644);
    await page.reload();
    await app.ready();
    const access = page.getByTestId('key-access');
    await expect(access).toHaveText(`他のユーザーも読めます（0644）。直すまでバンドルに署名しません。chmod 600 "${key}" を実行してください。`);
    await expect(access).toHaveAttribute('role', 'alert');
    await app.screenshot('69-bundle-key-exposed-ja');

    await bundles.goto(`#/sites/${siteId}/bundle`);
    await page.getByLabel('出力先フォルダー').fill(usb);
    await page.getByRole('button', { name: 'バンドルを出力' }).click();
    await expect(page.getByRole('alert')).toContainText(`秘密鍵のファイル ${key} を他のユーザーも読めます（モード 0644）。`);
    expect(fs.readdirSync(usb)).toEqual([]);
    await app.screenshot('70-bundle-export-key-exposed-ja');

    fs.chmodSync(key, 0o600);
    await page.getByRole('button', { name: 'バンドルを出力' }).click();
    await expect(page.getByTestId('export-done')).toContainText('検証済みです。', { timeout: 30_000 });
  } finally {
    fs.rmSync(usb, { recursive: true, force: true });
  }
});

test('[#10.6] an export killed after its file was verified is read back and recorded by the next export, which says so', async ({ app, page, host }) => {
  const usb = tempDir('hoan-e2e-usb-');
  const build = tempDir('hoan-e2e-child-');
  try {
    const bundles = new BundlePage(app);
    const siteId = await bundles.seedSite(SITE);
    const crashed = await runChild(await buildCrashChild(build), host.dataDir, siteId, usb, 'verified');
    expect(crashed.killed).toBe(true);
    const [left] = fs.readdirSync(usb);
    expect(left).toMatch(/^hoan-site-\d{8}-0001-[0-9a-f]{8}\.zip$/);

    await bundles.goto(`#/sites/${siteId}/bundle`);
    await page.getByLabel('出力先フォルダー').fill(usb);
    await page.getByRole('button', { name: 'バンドルを出力' }).click();
    await expect(page.getByTestId('export-done')).toContainText('通し番号 2', { timeout: 30_000 });
    const earlier = page.getByTestId('export-earlier');
    await expect(earlier).toContainText('中断された出力がありました');
    await expect(earlier).toContainText(`${usb} の ${left}（通し番号 1）は完成していました。読み戻して検証し、バンドル履歴に記録しました。`);
    await expect(page.getByTestId('bundle-history').getByRole('row')).toHaveCount(3);
    await app.screenshot('71-bundle-export-earlier-ja');
  } finally {
    fs.rmSync(usb, { recursive: true, force: true });
    fs.rmSync(build, { recursive: true, force: true });
  }
});
