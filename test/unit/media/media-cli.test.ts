import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli-io';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { checkInSchema, DEFAULT_SCANNER_CONFIG } from '../../../electron/core/media/media-schema';
import { setScannerConfig } from '../../../electron/core/media/scanner-config';
import { tempDirs } from '../helpers/temp-dir';
import { mediaWorld, TEST_MALWARE, writeMedium, writeSignatureDb } from './media-fixture';
import { runCli } from '../helpers/run-cli';

const dirs = tempDirs('hoan-media-cli-');
afterEach(() => dirs.cleanup());

const run = runCli;

/** A data folder with a site, a medium, the test signature database configured and three check-ins. */
function prepared() {
  const dataDir = dirs.make();
  const w = mediaWorld(dataDir);
  setScannerConfig(w.core.db, w.site.id, { ...DEFAULT_SCANNER_CONFIG, databasePath: writeSignatureDb(dirs.make()) }, w.clock.now);
  for (const person of ['A', 'B', 'C']) {
    recordCheckIn(w.core, checkInSchema.parse({ siteId: w.site.id, mediumId: w.medium.id, person, purpose: '点検', method: 'none' }), '');
  }
  w.core.close();
  return { dataDir, siteId: w.site.id, mediumId: w.medium.id };
}

describe('hoan media', () => {
  it('log verify: 0 when the chain holds, 7 naming the entry when a row was changed behind Hoan’s back', async () => {
    const { dataDir, siteId } = prepared();
    expect(await run(['media', 'log', 'verify', '--site', siteId, '--data-dir', dataDir])).toEqual({
      code: EXIT.ok,
      stdout: '改ざんは検出されませんでした（3 件を検査）。\nまだバンドルを出力していないため、外部に控えのある最終記録との照合はしていません（最初の出力までは、データベースを書き換えられる人による全体の作り直しを検出できません）。\n',
      stderr: '',
    });
    const db = new Database(path.join(dataDir, 'hoan.sqlite3'));
    db.exec('DROP TRIGGER media_log_no_update');
    db.prepare("UPDATE media_log SET person = 'Z' WHERE n = 2").run();
    db.close();
    const broken = await run(['media', 'log', 'verify', '--site', siteId, '--data-dir', dataDir, '--lang', 'en']);
    expect(broken.code).toBe(EXIT.verifyFailed);
    expect(broken.stdout.split('\n').slice(0, 3)).toEqual([
      'Signs of tampering found (3 entries checked). Do not go on recording on this computer: compare with the latest bundle sent to head office and tell your security manager.',
      '  Entry #2 was changed after it was written.',
      expect.stringMatching(/^The database's protection \(the triggers that refuse changing or deleting entries: media_log_no_update\) has been removed/),
    ]);
    const json = await run(['media', 'log', 'verify', '--site', siteId, '--data-dir', dataDir, '--json']);
    expect(json.code).toBe(7);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, entries: 3, firstBreak: { problem: 'hash_mismatch', n: 2 }, guardsPresent: false });
  });

  it('log export writes the xlsx where asked and refuses to overwrite it', async () => {
    const { dataDir, siteId } = prepared();
    const file = path.join(dirs.make(), '持込記録.xlsx');
    const result = await run(['media', 'log', 'export', '--site', siteId, '--xlsx', file, '--data-dir', dataDir]);
    expect(result).toEqual({ code: EXIT.ok, stdout: `${file}\t3\n`, stderr: '' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    expect(wb.getWorksheet('持込記録')!.rowCount).toBe(4);
    expect((await run(['media', 'log', 'export', '--site', siteId, '--xlsx', file, '--data-dir', dataDir])).code).toBe(EXIT.io);
    expect((await run(['media', 'log', 'export', '--site', siteId, '--data-dir', dataDir])).code).toBe(EXIT.usage);
  });

  it('scan runs the check-in scan from a terminal: 0 allowed, 8 denied; by id or 管理番号', async () => {
    const { dataDir, siteId, mediumId } = prepared();
    const clean = writeMedium(dirs.make(), { 'a.txt': 'ok' });
    const allowed = await run(['media', 'scan', clean, '--site', siteId, '--medium', 'USB-001', '--person', '山田', '--company', '保守電機', '--targets', 'PLC-1, 監視PC', '--data-dir', dataDir, '--json']);
    expect(allowed.code, allowed.stderr).toBe(EXIT.ok);
    expect(JSON.parse(allowed.stdout)).toMatchObject({ n: 4, decision: 'allowed', result: 'clean', person: '山田', body: { targets: ['PLC-1', '監視PC'] } });

    const infected = writeMedium(dirs.make(), { 'x.exe': TEST_MALWARE });
    const denied = await run(['media', 'scan', infected, '--site', siteId, '--medium', mediumId, '--person', '山田', '--data-dir', dataDir]);
    expect(denied.code).toBe(EXIT.mediumDenied);
    expect(denied.stdout).toMatch(/^#5\t拒否\t検出あり\tUSB-001\t/);
  });

  it('[#11.8] a scan without definitions is denied and says why in the user\'s language, not in LibClamAV\'s', async () => {
    const { dataDir, siteId } = prepared();
    const db = new Database(path.join(dataDir, 'hoan.sqlite3'));
    db.prepare('UPDATE media_scanner_configs SET config_json = ?').run(JSON.stringify({ ...DEFAULT_SCANNER_CONFIG, databasePath: dirs.make() }));
    db.close();
    const medium = writeMedium(dirs.make(), { 'a.txt': 'ok' });
    const ja = await run(['media', 'scan', medium, '--site', siteId, '--medium', 'USB-001', '--person', '山田', '--data-dir', dataDir]);
    expect(ja.code).toBe(EXIT.mediumDenied);
    expect(ja.stdout).toMatch(/^#4\t拒否\tスキャンエラー\tUSB-001\t/);
    expect(ja.stderr).toContain('スキャナーの定義ファイル（ウイルス定義）がないため、スキャンできませんでした。');
    expect(ja.stderr).not.toContain('LibClamAV');
    const en = await run(['media', 'scan', medium, '--site', siteId, '--medium', 'USB-001', '--person', '山田', '--data-dir', dataDir, '--lang', 'en']);
    expect(en.stderr).toContain('The scan could not run: the scanner has no definitions');
  });

  it('scan refuses what it cannot do, with the usual exit codes and nothing recorded', async () => {
    const { dataDir, siteId } = prepared();
    const medium = writeMedium(dirs.make(), { 'a.txt': 'ok' });
    expect((await run(['media', 'scan', medium, '--site', siteId, '--medium', 'NOPE-9', '--person', 'p', '--data-dir', dataDir])).code).toBe(EXIT.notFound);
    const missing = await run(['media', 'scan', path.join(medium, 'nope'), '--site', siteId, '--medium', 'USB-001', '--person', 'p', '--data-dir', dataDir]);
    expect(missing.code).toBe(EXIT.validation);
    expect(missing.stderr).toContain('見つかりません');
    // Without --person, the person is the acting user (--user, HOAN_USER, the saved name); an empty one is refused.
    const noPerson = await run(['media', 'scan', medium, '--site', siteId, '--medium', 'USB-001', '--person', '', '--data-dir', dataDir]);
    expect(noPerson.code).toBe(EXIT.validation);
    expect(noPerson.stderr).toContain('--person: 必須項目です。');
    expect((await run(['media', 'scan', medium, '--site', '00000000-0000-4000-8000-000000000000', '--medium', 'USB-001', '--data-dir', dataDir])).code).toBe(EXIT.notFound);
    expect((await run(['media', 'log', 'verify', '--site', siteId, '--data-dir', dataDir, '--json'])).stdout).toContain('"entries": 3');
    expect(fs.existsSync(dataDir)).toBe(true);
  });

  it('list shows the registry', async () => {
    const { dataDir, siteId, mediumId } = prepared();
    expect((await run(['media', 'list', '--site', siteId, '--data-dir', dataDir])).stdout).toBe(`${mediumId}\tUSB-001\tUSBメモリ\t使用中\n`);
    expect((await run(['media', 'frob', '--site', siteId, '--data-dir', dataDir])).code).toBe(EXIT.usage);
  });
});
