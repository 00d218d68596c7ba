import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../electron/api/contract/channel-names';
import { DB_FILE_NAME } from '../../../electron/core/data-dir';
import { sha256OfFile, tempDirs } from '../helpers/temp-dir';
import { hostUnderTest, type HostUnderTest } from './host-under-test';

/** Lifecycle, IPC and menu of start-app.ts over the stand-in, with a real router over a real database. */

const dirs = tempDirs('hoan-main-');
let host: HostUnderTest | undefined;

afterEach(() => {
  host?.quit();
  host = undefined;
  dirs.cleanup();
});

const FORBIDDEN = { ok: false, error: { code: 'internal', messageKey: 'errors.forbiddenSender' } };

describe('IPC', () => {
  it('[#10.8] answers only frames on app://hoan/: any other sender gets the forbidden envelope, a trusted one reaches the router', async () => {
    host = hostUnderTest(dirs.make());
    await host.started;
    const { standIn, dataDir } = host;
    expect([...standIn.recorded.ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());

    for (const frame of [
      'https://example.com/',
      'http://127.0.0.1:5173/index.html',
      'file:///opt/hoan/out/ui/index.html',
      'app://evil/index.html',
      'app://user:pw@hoan/index.html',
      'devtools://devtools/bundled/devtools_app.html',
      null,
    ]) {
      expect(await standIn.invoke('app:info', frame, {}), String(frame)).toEqual(FORBIDDEN);
    }
    // A refused sender writes nothing either.
    expect(await standIn.invoke('sites:create', 'https://example.com/', { name: 'X' })).toEqual(FORBIDDEN);

    const info = await standIn.invoke('app:info', 'app://hoan/index.html', {});
    expect(info).toMatchObject({ ok: true, data: { dataDir: path.resolve(dataDir) } });
    // The router's own gate still applies to a trusted sender.
    expect(await standIn.invoke('sites:get', 'app://hoan/index.html', { id: 42 })).toMatchObject({
      ok: false,
      error: { code: 'validation' },
    });
  });
});

describe('the menu', () => {
  it('[#10.8] has standard roles only: nothing in it opens a URL', async () => {
    host = hostUnderTest(dirs.make());
    await host.started;
    expect(host.standIn.recorded.menu).toEqual([{ role: 'fileMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }]);
  });

  it('[#10.8] on macOS starts with the app menu instead of the file menu', async () => {
    host = hostUnderTest(dirs.make(), { platform: 'darwin' });
    await host.started;
    expect(host.standIn.recorded.menu).toEqual([{ role: 'appMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }]);
  });
});

describe('the data folder', () => {
  it('[#10.8] is the --data-dir given, and Chromium keeps its own files there (userData follows it)', async () => {
    host = hostUnderTest(dirs.make());
    await host.started;
    expect(host.standIn.recorded.paths.get('userData')).toBe(path.resolve(host.dataDir));
    expect(fs.existsSync(path.join(host.dataDir, DB_FILE_NAME))).toBe(true);
  });

  it('[#10.8] held by another instance: this one quits before opening the database, and the first one comes to the front', async () => {
    const root = dirs.make();
    const second = hostUnderTest(root, { singleInstance: false });
    await second.started;
    expect(second.standIn.recorded.quit).toBe(1);
    expect(second.standIn.recorded.windows).toEqual([]);
    expect(fs.existsSync(path.join(second.dataDir, DB_FILE_NAME))).toBe(false);

    host = hostUnderTest(dirs.make());
    await host.started;
    const win = host.standIn.recorded.windows[0]!;
    host.standIn.fireApp('second-instance');
    expect(win.focused).toBe(1);
  });

  it('[#10.8] a database it cannot open is explained in Japanese and English, left as it was, and the app exits 1', async () => {
    const root = dirs.make();
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir);
    const db = new Database(path.join(dataDir, DB_FILE_NAME));
    db.pragma('user_version = 9999');
    db.close();
    const before = sha256OfFile(path.join(dataDir, DB_FILE_NAME));

    host = hostUnderTest(root);
    await host.started;
    const { recorded } = host.standIn;
    expect(recorded.exitCodes).toEqual([1]);
    expect(recorded.windows).toEqual([]);
    expect(recorded.errorBoxes).toHaveLength(1);
    expect(recorded.errorBoxes[0]!.title).toBe('Hoan: データベースを開けません / Cannot open the database');
    expect(recorded.errorBoxes[0]!.content).toContain('新しいバージョンのHoan');
    expect(recorded.errorBoxes[0]!.content).toContain('written by a newer Hoan');
    expect(recorded.errorBoxes[0]!.content).toContain(dataDir);
    expect(sha256OfFile(path.join(dataDir, DB_FILE_NAME))).toBe(before);
  });
});
