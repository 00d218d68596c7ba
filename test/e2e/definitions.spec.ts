import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore } from '../../electron/core/core';
import { importDefinitions } from '../../electron/core/definitions/definitions-store';
import { installStandIn, recorded, writePe } from '../unit/definitions/defender-stand-ins';
import { expect, test } from './fixtures';
import { DefinitionsPage } from './pages/definitions-page';

test('[#12.1] definitions screen: from the settings, a USB folder is refused while unsigned, imported once accepted with a reason, a damaged file is refused by name with the set in use unchanged, and a rollback asks first', async ({ app, page }) => {
  const defs = new DefinitionsPage(app);
  await defs.openFromSettings('definitions-00-settings-ja');
  await expect(defs.current()).toContainText('定義ファイルはまだ取り込まれていません');
  await expect(defs.current()).toContainText(/ClamAV \d+\.\d+\.\d+（機能レベル \d+）/);
  await expect(page.getByTestId('definitions-rollback')).toContainText('戻せる一つ前の定義ファイルはありません');
  await app.screenshot('definitions-01-empty-ja');

  await defs.importPaths(['usb/daily.cvd']);
  await expect(defs.importCard().locator('.field-error')).toHaveText(/^フルパス（絶対パス）で指定してください/);

  const usb = DefinitionsPage.usbStick([
    { name: 'main', version: 62 },
    { name: 'daily', version: 27501 },
  ]);
  await defs.importPaths([usb]);
  await expect(defs.importCard().getByRole('alert')).toHaveText(/^署名のない定義ファイルです（daily\.cud, main\.cud）。/);
  await expect(defs.current()).toContainText('定義ファイルはまだ取り込まれていません');

  await defs.importPaths([usb], '本社の保安担当が作成した検証用の定義。電話で確認済み。');
  await expect(page.getByTestId('definitions-outcome').locator('p')).toHaveText(/^取り込みました: daily 27501, main 62（作成 .+）$/);
  await expect(page.getByTestId('definitions-outcome')).toContainText('追加: daily.cud, main.cud');
  await expect(page.getByTestId('definitions-outcome')).toContainText('対象外（取り込んでいません）: freshclam.dat');
  await expect(defs.fileRows()).toHaveCount(2);
  await expect(defs.fileRows().nth(0)).toContainText('daily.cud署名なし27501');
  await expect(defs.fileRows().nth(1)).toContainText('main.cud署名なし62');
  await expect(defs.current()).toContainText(`ファイル: ${usb}`);
  await expect(defs.current()).toContainText('本社の保安担当が作成した検証用の定義。電話で確認済み。');
  await expect(defs.current()).toContainText('e2e 検査員');
  await app.screenshot('definitions-02-imported-ja');

  const damaged = DefinitionsPage.usbStick([{ name: 'daily', version: 27502 }]);
  const file = path.join(damaged, 'daily.cud');
  fs.truncateSync(file, fs.statSync(file).size - 30);
  await defs.importPaths([file], '検証用');
  await expect(defs.importCard().getByRole('alert')).toHaveText(/^daily\.cud は途中で切れています.*今の定義ファイルをそのまま使います）。$/);
  await expect(defs.fileRows().nth(0)).toContainText('27501');
  await app.screenshot('definitions-03-refused-ja');

  await defs.importPaths([DefinitionsPage.usbStick([{ name: 'daily', version: 27502 }])], '検証用');
  await expect(page.getByTestId('definitions-outcome')).toContainText('置き換え: daily.cud');
  await expect(page.getByTestId('definitions-outcome')).toContainText('引き継ぎ: main.cud');
  await expect(defs.current()).toContainText('daily 27502, main 62');

  const rollback = page.getByTestId('definitions-rollback');
  await expect(rollback).toContainText('一つ前の定義ファイル: daily 27501, main 62');
  await rollback.getByRole('button', { name: '一つ前に戻す…' }).click();
  const confirm = page.getByTestId('rollback-confirm');
  await expect(confirm).toContainText('使用中の定義ファイル daily 27502, main 62 を、一つ前の daily 27501, main 62 に戻しますか？');
  await app.screenshot('definitions-04-rollback-confirm-ja');
  await confirm.getByRole('button', { name: '戻す', exact: true }).click();
  await expect(page.getByTestId('definitions-outcome')).toHaveText('一つ前の定義ファイルに戻しました: daily 27501, main 62');
  await expect(defs.current()).toContainText('daily 27501, main 62');
  await expect(rollback).toContainText('一つ前の定義ファイル: daily 27502, main 62');

  await app.api('settings:update', { language: 'en' });
  await page.reload();
  await app.ready();
  await expect(app.heading()).toHaveText('Scanner definitions');
  await expect(defs.current()).toContainText('Definitions in use');
  await app.screenshot('definitions-05-en');
});

test('[#12.2] a Defender package applied through the definitions import shows on the screen: the version Defender reported, when, who and from where', async ({ app, page }) => {
  // Defender is not on this machine: stand-ins replay recorded MpCmdRun and PowerShell output, through the real import.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-e2e-defender-'));
  const usb = path.join(dir, 'usb');
  writePe(path.join(usb, 'mpam-fe.exe'), 0x8664);
  const systemRoot = path.join(dir, 'Windows');
  installStandIn(path.join(systemRoot, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe'), [
    { stdout: recorded('status-ps5-before.json') },
    { stdout: recorded('status-ps5-after.json') },
  ]);
  const mpCmdRun = installStandIn(path.join(dir, 'Program Files', 'Windows Defender', 'MpCmdRun.exe'), [{ stdout: recorded('signature-update-ok.txt') }]).path;
  const core = openCore({ dataDir: app.host.dataDir });
  try {
    await importDefinitions(core, { paths: [usb], defender: { mpCmdRun, env: { SystemRoot: systemRoot, PROCESSOR_ARCHITECTURE: 'AMD64' }, stagingDir: dir } }, '保守 太郎');
  } finally {
    core.close();
  }

  const defs = new DefinitionsPage(app);
  await defs.openFromSettings();
  const card = page.getByTestId('definitions-defender');
  await expect(card).toContainText('Microsoft Defender の定義ファイル');
  await expect(card).toContainText('1.429.201.0');
  await expect(card).toContainText('保守 太郎');
  await expect(card).toContainText(`ファイル: ${usb}`);
  // ClamAV's store is another thing: still empty.
  await expect(defs.current()).toContainText('定義ファイルはまだ取り込まれていません');
  await app.screenshot('definitions-06-defender-ja');
  fs.rmSync(dir, { recursive: true, force: true });
});
