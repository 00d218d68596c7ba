import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyFilePath } from '../../../electron/core/bundle/installation';
import { openCore } from '../../../electron/core/core';
import { DB_FILE_NAME } from '../../../electron/core/data-dir';
import { buildChildScript } from '../helpers/child-script';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-file-modes-');
const ROOT = path.resolve(__dirname, '../../..');
let childScript: string;

beforeAll(async () => {
  childScript = await buildChildScript(path.join(__dirname, 'umask-child.ts'), dirs.make());
});
afterAll(() => dirs.cleanup());

const modeOf = (file: string) => `0${(fs.statSync(file).mode & 0o777).toString(8)}`;

/** Runs the child with umask 000; `inspect` runs while it holds the database open. */
function withUmaskZero(dataDir: string, cliBackup: string, inspect: () => void): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childScript, dataDir, cliBackup], {
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), HOAN_RESOURCES_DIR: path.join(ROOT, 'resources') },
    });
    let out = '';
    let err = '';
    let result: unknown;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const line = out.split('\n').find((l) => l.startsWith('open '));
      if (line && result === undefined) {
        result = JSON.parse(line.slice('open '.length));
        try {
          inspect();
        } catch (e) {
          child.kill();
          reject(e as Error);
          return;
        }
        child.stdin.end();
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(result) : reject(new Error(`child exited ${String(code)}: ${out}${err}`))));
  });
}

describe.skipIf(process.platform === 'win32')('[#10.7 file modes] files Hoan creates are private to the user, whatever the umask', () => {
  it('[#10.7 file modes] with umask 000: data folder 0700; database, -wal, -shm, key, and both backups 0600', async () => {
    const dataDir = path.join(dirs.make(), 'Hoan');
    const cliBackup = path.join(dirs.make(), 'new-folder', 'hoan-backup.sqlite3');
    const seen: Record<string, string> = {};
    const result = await withUmaskZero(dataDir, cliBackup, () => {
      const backups = path.join(dataDir, 'backups');
      const [settingsBackup] = fs.readdirSync(backups);
      const files = {
        dataDir,
        db: path.join(dataDir, DB_FILE_NAME),
        wal: path.join(dataDir, `${DB_FILE_NAME}-wal`),
        shm: path.join(dataDir, `${DB_FILE_NAME}-shm`),
        keysDir: path.dirname(keyFilePath(dataDir)),
        key: keyFilePath(dataDir),
        backupsDir: backups,
        settingsBackup: path.join(backups, settingsBackup!),
        cliBackupDir: path.dirname(cliBackup),
        cliBackup,
      };
      for (const [name, file] of Object.entries(files)) seen[name] = modeOf(file);
    });
    expect(result).toMatchObject({ added: 0, backedUp: 0, settingsBackup: { ok: true } });
    expect(seen).toEqual({
      dataDir: '0700',
      db: '0600',
      wal: '0600',
      shm: '0600',
      keysDir: '0700',
      key: '0600',
      backupsDir: '0700',
      settingsBackup: '0600',
      cliBackupDir: '0700',
      cliBackup: '0600',
    });
  }, 60_000);

  it('[#10.7 file modes] a data folder made by an older Hoan (0755, database 0644) is narrowed when opened', () => {
    const dataDir = path.join(dirs.make(), 'Hoan');
    fs.mkdirSync(dataDir, { mode: 0o755 });
    fs.chmodSync(dataDir, 0o755);
    openCore({ dataDir }).close();
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, DB_FILE_NAME), 0o644);
    const core = openCore({ dataDir });
    try {
      expect(modeOf(dataDir)).toBe('0700');
      expect(modeOf(path.join(dataDir, DB_FILE_NAME))).toBe('0600');
      expect(modeOf(`${path.join(dataDir, DB_FILE_NAME)}-wal`)).toBe('0600');
    } finally {
      core.close();
    }
  });
});
