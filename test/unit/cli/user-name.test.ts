import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli-io';
import { DB_FILE_NAME } from '../../../electron/core/data-dir';
import { runHoan, staleBuild } from '../helpers/built-cli';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-user-name-');
afterEach(() => dirs.cleanup());

beforeAll(() => {
  expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
});

/** The built `hoan`, as a user without HOAN_USER runs it (the helper sets it for other tests). */
const hoan = (dataDir: string, args: string[], env: NodeJS.ProcessEnv = {}) => runHoan([...args, '--data-dir', dataDir], { HOAN_USER: '', ...env });

function read<T>(dataDir: string, sql: string): T[] {
  const db = new Database(path.join(dataDir, DB_FILE_NAME), { readonly: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

const addSite = ['sites', 'add', '--name', '北関東ソーラー発電所', '--region', 'kanto', '--json'];

describe('[#11.9] who is recorded: the CLI\'s user-name rule', () => {
  it('[#11.9] a change with no --user, no HOAN_USER and no saved name is refused with exit 3, saying how to give one, and nothing is written', async () => {
    const d = dirs.make();
    const refused = await hoan(d, addSite);
    expect(refused.code).toBe(EXIT.validation);
    expect(refused.stderr).toContain('--user 名前');
    expect(refused.stderr).toContain('HOAN_USER');
    expect(refused.stderr).toContain('hoan setup --user-name');
    expect(read(d, 'SELECT id FROM sites')).toEqual([]);
    expect(read(d, 'SELECT id FROM audit_log')).toEqual([]);
    // Reading needs no name.
    expect((await hoan(d, ['sites', 'list'])).code).toBe(EXIT.ok);
    const en = await hoan(d, [...addSite, '--lang', 'en']);
    expect(en.stderr).toContain('Run the command with --user NAME');
  });

  it('[#11.9] --user, then HOAN_USER, then the name saved by hoan setup is the one recorded; --user does not change the saved name', async () => {
    const d = dirs.make();
    const flagged = await hoan(d, [...addSite, '--user', '  山田 太郎 ']);
    expect(flagged.code, flagged.stderr).toBe(EXIT.ok);
    expect(read(d, "SELECT value_json FROM settings WHERE key = 'userName'")).toEqual([]);

    expect((await hoan(d, addSite, { HOAN_USER: '佐藤 花子' })).code).toBe(EXIT.ok);
    expect((await hoan(d, [...addSite, '--user', '鈴木'], { HOAN_USER: '佐藤 花子' })).code).toBe(EXIT.ok);

    const setUp = await hoan(d, ['setup', '--user-name', '高橋 一郎', '--installation-name', '北関東事業所 保安PC', '--json']);
    expect(setUp.code, setUp.stderr).toBe(EXIT.ok);
    expect(JSON.parse(setUp.stdout)).toEqual({ userName: '高橋 一郎', installationName: '北関東事業所 保安PC', complete: true });
    expect((await hoan(d, addSite)).code).toBe(EXIT.ok);

    const recorded = read<{ user_name: string }>(d, "SELECT user_name FROM audit_log WHERE entity = 'site' AND action = 'create' ORDER BY seq");
    expect(recorded.map((r) => r.user_name)).toEqual(['山田 太郎', '佐藤 花子', '鈴木', '高橋 一郎']);
  });

  it('[#11.9] a --user that no name field would accept is refused before the data folder is opened', async () => {
    const d = path.join(dirs.make(), 'never-made');
    const refused = await hoan(d, [...addSite, '--user', 'a\u202eb', '--lang', 'en']);
    expect(refused.code).toBe(EXIT.validation);
    expect(refused.stderr).toContain('--user');
    expect(refused.stderr).toContain('U+202E');
    expect(fs.existsSync(d)).toBe(false);
  });

  it('[#11.9] a new data folder is not named after the host; hoan setup shows what is missing, and export refuses an unnamed installation', async () => {
    const d = dirs.make();
    const shown = await hoan(d, ['setup', '--json']);
    expect(JSON.parse(shown.stdout)).toEqual({ userName: '', installationName: '', complete: false });
    expect(read<{ name: string }>(d, 'SELECT name FROM installation')).toEqual([{ name: '' }]);
    expect(os.hostname()).not.toBe('');

    const text = await hoan(d, ['setup']);
    expect(text.stdout).toContain('（未設定）');
    expect(text.stdout).toContain('hoan setup --user-name');

    const site = JSON.parse((await hoan(d, addSite, { HOAN_USER: '山田' })).stdout) as { id: string };
    const usb = dirs.make();
    const refused = await hoan(d, ['bundle', 'export', '--site', site.id, '--out', usb], { HOAN_USER: '山田' });
    expect(refused.code).toBe(EXIT.validation);
    expect(refused.stderr).toContain('hoan setup --installation-name');
    expect(read(d, 'SELECT bundle_id FROM bundle_exports')).toEqual([]);

    expect((await hoan(d, ['setup', '--installation-name', '北関東事業所 保安PC'])).code).toBe(EXIT.ok);
    const exported = await hoan(d, ['bundle', 'export', '--site', site.id, '--out', usb, '--json'], { HOAN_USER: '山田' });
    expect(exported.code, exported.stderr).toBe(EXIT.ok);
    expect(read(d, 'SELECT signer_name, recorded_by FROM bundles')).toEqual([{ signer_name: '北関東事業所 保安PC', recorded_by: '山田' }]);
  });
});
