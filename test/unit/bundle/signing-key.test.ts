import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { getInstallation, keyFileAccess, keyFilePath, keyInfo } from '../../../electron/core/bundle/installation';
import { EXIT } from '../../../electron/cli/cli-io';
import { runCli } from '../helpers/run-cli';
import { refusal } from '../helpers/thrown';
import { tempDirs } from '../helpers/temp-dir';
import { installation, populatedSite, type PopulatedSite, type World } from './bundle-world';

const dirs = tempDirs('hoan-signing-key-');
let site: World;
let seeded: PopulatedSite;
let usb: string;

beforeEach(async () => {
  site = installation(dirs.make(), 'Site PC', '山田');
  seeded = await populatedSite(site);
  usb = dirs.make();
});
afterEach(() => {
  if (site.core.db.open) site.core.close();
  dirs.cleanup();
});


const reservations = () => (site.core.db.prepare('SELECT count(*) AS n FROM bundle_exports').get() as { n: number }).n;

describe.skipIf(process.platform === 'win32')('[#10.7 key mode] a private key others can read is reported, and signing is refused until fixed', () => {
  it('[#10.7 key mode] 0644 or 0640: export refuses before writing anything, with the chmod that fixes it; 0600 signs again', async () => {
    const key = keyFilePath(site.core.dataDir);
    for (const mode of [0o644, 0o640, 0o604]) {
      fs.chmodSync(key, mode);
      const err = await refusal(exportBundle(site.core, seeded.site.id, usb));
      expect(err).toEqual({ code: 'io', messageKey: 'bundle.errors.keyExposed', params: { path: key, mode: `0${mode.toString(8)}` } });
      expect(fs.readdirSync(usb)).toEqual([]);
      expect(reservations()).toBe(0);
    }
    fs.chmodSync(key, 0o600);
    expect((await exportBundle(site.core, seeded.site.id, usb)).sequence).toBe(1);
  });

  it('[#10.7 key mode] the key screen and `hoan keys show` say so, in Japanese and English, instead of "owner-only (0600)"', async () => {
    const key = keyFilePath(site.core.dataDir);
    expect(keyInfo(site.core.db, site.core.dataDir)).toMatchObject({ protection: 'file', access: 'owner_only', mode: '0600' });
    fs.chmodSync(key, 0o644);
    expect(keyInfo(site.core.db, site.core.dataDir)).toMatchObject({ protection: 'file', access: 'exposed', mode: '0644', keyFile: key });
    site.core.close();

    const en = await runCli(['keys', 'show', '--data-dir', site.core.dataDir, '--lang', 'en']);
    expect(en.stdout).toContain('Private key protection: Not encrypted\n');
    expect(en.stdout).toContain(`Access to the key file: Other users can read it (0644). Bundles are not signed until this is fixed: run chmod 600 "${key}".`);
    const ja = await runCli(['keys', 'show', '--data-dir', site.core.dataDir, '--lang', 'ja']);
    expect(ja.stdout).toContain(`鍵ファイルへのアクセス: 他のユーザーも読めます（0644）。直すまでバンドルに署名しません。chmod 600 "${key}" を実行してください。`);

    const exported = await runCli(['bundle', 'export', '--site', seeded.site.id, '--out', usb, '--data-dir', site.core.dataDir, '--lang', 'en']);
    expect(exported.code).toBe(EXIT.io);
    expect(exported.stderr).toContain(`Other users can read the private key file ${key} (mode 0644). Bundles are not signed until only you can read it: run chmod 600 "${key}"`);
    expect(fs.readdirSync(usb)).toEqual([]);

    fs.chmodSync(key, 0o600);
    const fixed = await runCli(['keys', 'show', '--data-dir', site.core.dataDir, '--lang', 'en']);
    expect(fixed.stdout).toContain('Access to the key file: Owner only (0600)');
  });

  it('[#10.7 key mode] is not checked on Windows, where permission bits do not say who can read a file', () => {
    expect(keyFileAccess(keyFilePath(site.core.dataDir), 'win32')).toEqual({ access: 'not_checked', mode: null });
  });
});

describe('[#10.7 key mismatch] a key file that is not the installation’s own is refused at once', () => {
  it('[#10.7 key mismatch] another installation’s key in keys/: refused before the folder is even looked at, naming both fingerprints; nothing written', async () => {
    const other = installation(dirs.make(), 'Other PC', '田中');
    const otherFingerprint = getInstallation(other.core.db).fingerprint;
    other.core.close();
    fs.copyFileSync(keyFilePath(other.core.dataDir), keyFilePath(site.core.dataDir));
    const expected = { code: 'conflict', messageKey: 'bundle.errors.keyMismatch', params: { path: keyFilePath(site.core.dataDir), expected: getInstallation(site.core.db).fingerprint, found: otherFingerprint } };

    expect(await refusal(exportBundle(site.core, seeded.site.id, usb))).toEqual(expected);
    // Even a target that does not exist is not reached: the key is judged first.
    expect(await refusal(exportBundle(site.core, seeded.site.id, path.join(usb, 'unplugged')))).toEqual(expected);
    expect(fs.readdirSync(usb)).toEqual([]);
    expect(reservations()).toBe(0);
    expect(site.core.db.prepare('SELECT count(*) AS n FROM bundles').get()).toEqual({ n: 0 });
  });
});
