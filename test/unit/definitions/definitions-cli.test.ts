import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLE_EXIT, DEFINITIONS_EXIT, EXIT } from '../../../electron/cli/cli-io';
import type { DefinitionsImportResult, DefinitionsStatus } from '../../../electron/api/contract';
import { buildDefinitions, DEFS_TEST_MALWARE, DEFS_TEST_SIGNATURE, folderFingerprint, malwareHdbLine } from '../helpers/definitions';
import { HOAN_BIN, runHoan, staleBuild, type Finished } from '../helpers/built-cli';
import { TEST_USER } from '../helpers/set-up';
import { tempDirs } from '../helpers/temp-dir';
import { bigHdb, clamscanWith, mkdir } from './defs-world';

/**
 * `hoan definitions` as a user runs it: the built command (`npm run build`,
 * then `node electron/cli/bin.cjs`), the wall clock, ClamAV from PATH.
 */
const dirs = tempDirs('hoan-defs-cli-');
afterEach(() => dirs.cleanup());
beforeAll(() => {
  expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
});

const json = <T>(r: Finished): T => JSON.parse(r.stdout) as T;

async function status(dataDir: string): Promise<DefinitionsStatus> {
  const r = await runHoan(['definitions', 'status', '--json', '--data-dir', dataDir]);
  expect(r.code).toBe(EXIT.ok);
  return json<DefinitionsStatus>(r);
}

/** A folder standing for a USB stick prepared on a connected machine: a daily container, freshclam's own state file. */
function usbStick(version = 27501): string {
  const usb = mkdir(dirs.make(), 'USB');
  buildDefinitions(usb, { version });
  fs.writeFileSync(path.join(usb, 'freshclam.dat'), 'freshclam state');
  return usb;
}

describe('[#12.1] hoan definitions, from the built command', () => {
  it('[#12.1] done when: a fresh installation with no system database imports definitions from a USB folder, and a scan with them then works', async () => {
    expect(fs.readdirSync('/var/lib/clamav').filter((f) => /\.(cvd|cld|cud)$/.test(f))).toEqual([]);
    const dataDir = dirs.make();
    expect((await status(dataDir)).current).toBeNull();
    const none = await runHoan(['definitions', 'status', '--data-dir', dataDir]);
    expect(none.stdout).toContain('定義ファイルはまだ取り込まれていません');

    const usb = usbStick();
    const r = await runHoan(['definitions', 'import', usb, '--accept-unsigned', '本社の検証用定義', '--data-dir', dataDir]);
    expect(r).toMatchObject({ code: EXIT.ok, stderr: '' });
    expect(r.stdout).toMatch(/^定義ファイルを取り込みました: daily 27501（作成 .+）\n {2}追加: daily\.cud\n {2}対象外（取り込んでいません）: freshclam\.dat\n$/);

    const st = await status(dataDir);
    expect(st.scanner).toMatchObject({ found: true, engineVersion: expect.stringMatching(/^\d/), functionalityLevel: expect.any(Number) });
    expect(st.current).toMatchObject({
      version: 'daily 27501',
      ageDays: 0,
      importedBy: TEST_USER,
      unsignedAcceptedReason: '本社の検証用定義',
      source: { kind: 'file', path: usb },
      files: [{ name: 'daily.cud', version: '27501', signatures: 1, ageDays: 0, kind: 'unsigned' }],
    });
    const text = await runHoan(['definitions', 'status', '--data-dir', dataDir, '--lang', 'en']);
    expect(text.stdout).toContain('Definitions: daily 27501 (built ');
    expect(text.stdout).toMatch(/\n {2}daily\.cud\t27501\t.+\t0 d\t1\t[0-9a-f]{16}\n/);

    const medium = mkdir(dirs.make(), 'medium');
    fs.writeFileSync(path.join(medium, 'setup.exe'), DEFS_TEST_MALWARE);
    const infected = clamscanWith(st.folder!, medium);
    expect(infected.code).toBe(1);
    expect(infected.stdout).toContain(DEFS_TEST_SIGNATURE);
    const clean = mkdir(dirs.make(), 'clean');
    fs.writeFileSync(path.join(clean, 'readme.txt'), 'ok\n');
    expect(clamscanWith(st.folder!, clean).code).toBe(0);
  });

  it('[#12.1] a relative path is taken from where the command runs; --json prints the set imported', async () => {
    const dataDir = dirs.make();
    const usb = usbStick();
    const r = await runHoan(['definitions', 'import', path.relative(process.cwd(), usb), '--accept-unsigned', 'x', '--json', '--data-dir', dataDir]);
    expect(r.code).toBe(EXIT.ok);
    expect(json<DefinitionsImportResult>(r)).toMatchObject({ set: { source: { kind: 'file', path: usb } }, added: ['daily.cud'], ignored: ['freshclam.dat'] });
  });

  it('[#12.1] unsigned files without --accept-unsigned: exit 71, saying how to accept; nothing installed', async () => {
    const dataDir = dirs.make();
    const r = await runHoan(['definitions', 'import', usbStick(), '--data-dir', dataDir]);
    expect(r.code).toBe(DEFINITIONS_EXIT.unsignedNotAccepted);
    expect(r.stderr).toContain('--accept-unsigned "理由"');
    expect(r.stderr).toContain('daily.cud');
    expect((await status(dataDir)).current).toBeNull();
    const en = await runHoan(['definitions', 'import', usbStick(), '--data-dir', dataDir, '--lang', 'en', '--json']);
    expect(en.code).toBe(71);
    expect(en.stderr).toContain('--accept-unsigned "REASON"');
    expect(JSON.parse(en.stderr.split('\n')[0]!)).toEqual({ error: { code: 'validation', messageKey: 'definitions.errors.unsignedNotAccepted', params: { names: 'daily.cud' } } });
  });

  it('[#12.1] a damaged file: exit 70 naming the file and the reason; the set in use and its folder unchanged', async () => {
    const dataDir = dirs.make();
    expect((await runHoan(['definitions', 'import', usbStick(1), '--accept-unsigned', 'x', '--data-dir', dataDir])).code).toBe(EXIT.ok);
    const before = await status(dataDir);
    const files = folderFingerprint(before.folder);
    const usb = usbStick(2);
    fs.truncateSync(path.join(usb, 'daily.cud'), 600);
    const r = await runHoan(['definitions', 'import', usb, '--accept-unsigned', 'x', '--data-dir', dataDir, '--lang', 'en']);
    expect(r.code).toBe(DEFINITIONS_EXIT.refused);
    expect(r.stderr).toContain('daily.cud is cut short');
    expect(r.stderr).toContain('the definitions in use stay in use');
    const after = await status(dataDir);
    expect(after.current).toEqual(before.current);
    expect(folderFingerprint(after.folder)).toEqual(files);
  });

  it('[#12.1] rollback: exit 72 with nothing to go back to; after a second import, back to the first', async () => {
    const dataDir = dirs.make();
    expect((await runHoan(['definitions', 'rollback', '--data-dir', dataDir])).code).toBe(DEFINITIONS_EXIT.nothingToRollBack);
    await runHoan(['definitions', 'import', usbStick(1), '--accept-unsigned', 'x', '--data-dir', dataDir]);
    await runHoan(['definitions', 'import', usbStick(2), '--accept-unsigned', 'x', '--data-dir', dataDir]);
    expect((await status(dataDir)).previous).toMatchObject({ version: 'daily 1' });
    const r = await runHoan(['definitions', 'rollback', '--data-dir', dataDir]);
    expect(r.code).toBe(EXIT.ok);
    expect(r.stdout).toMatch(/^一つ前の定義ファイルに戻しました: daily 1（作成 .+）\n$/);
    expect((await status(dataDir)).current).toMatchObject({ version: 'daily 1' });
  });

  it('[#12.1] ClamAV not installed (not on PATH): exit 73, nothing installed, status says the scanner is missing', async () => {
    const dataDir = dirs.make();
    const env = { PATH: dirs.make() };
    const r = await runHoan(['definitions', 'import', usbStick(), '--accept-unsigned', 'x', '--data-dir', dataDir], env);
    expect(r.code).toBe(DEFINITIONS_EXIT.scannerMissing);
    expect(r.stderr).toContain('ClamAV のプログラム clamscan が見つからない');
    const st = await runHoan(['definitions', 'status', '--json', '--data-dir', dataDir], env);
    expect(json<DefinitionsStatus>(st)).toMatchObject({ scanner: { found: false, engineVersion: null }, current: null });
  });

  it('[#12.1] a disk that fills up mid-import (a file-size limit, RLIMIT_FSIZE, on the command): exit 74 naming the file; the set in use untouched', async () => {
    const dataDir = dirs.make();
    await runHoan(['definitions', 'import', usbStick(1), '--accept-unsigned', 'x', '--data-dir', dataDir]);
    const before = await status(dataDir);
    const files = folderFingerprint(before.folder);
    const big = bigHdb(path.join(dirs.make(), 'extra.hdb'), 6);

    // bash's ulimit -f counts 1024-byte blocks: the database (about 1 MB of WAL) fits, a 6 MB copy does not; Node ignores SIGXFSZ and sees EFBIG.
    const r = await new Promise<Finished>((resolve) => {
      const child = spawn('bash', ['-c', 'ulimit -f 3072 && exec "$0" "$@"', process.execPath, HOAN_BIN, 'definitions', 'import', big, '--accept-unsigned', 'x', '--data-dir', dataDir], {
        env: { ...process.env, HOAN_USER: TEST_USER, HOAN_LANG: '' },
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
      child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(r.code).toBe(DEFINITIONS_EXIT.notWritten);
    expect(r.stderr).toContain('extra.hdb をコピー中にディスクがいっぱいになりました');
    const after = await status(dataDir);
    expect(after.current).toEqual(before.current);
    expect(folderFingerprint(after.folder)).toEqual(files);
    expect(fs.readdirSync(path.join(dataDir, 'definitions', 'clamav')).filter((n) => n.startsWith('staging-'))).toEqual([]);
  });

  it('[#12.1] a plain signature file with a bad line: refused by the engine with exit 70', async () => {
    const dataDir = dirs.make();
    const hdb = path.join(dirs.make(), 'site.hdb');
    fs.writeFileSync(hdb, `${malwareHdbLine()}garbage\n`);
    const r = await runHoan(['definitions', 'import', hdb, '--accept-unsigned', 'x', '--data-dir', dataDir, '--lang', 'en']);
    expect(r.code).toBe(70);
    expect(r.stderr).toContain('ClamAV cannot load these definitions (site.hdb: Malformed database)');
  });

  it('[#12.1] the definitions exit codes are 70-74, each its own, shared with no other hoan exit code', () => {
    const codes = Object.values(DEFINITIONS_EXIT);
    expect(codes.sort()).toEqual([70, 71, 72, 73, 74]);
    const others = [...Object.values(EXIT), ...Object.values(BUNDLE_EXIT)];
    expect(codes.filter((c) => others.includes(c))).toEqual([]);
  });
});
