import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../electron/api/contract';
import { GROUPS_BY_DOMAIN } from '../../../electron/api/handler-groups';
import { staleBuild } from '../helpers/built-cli';
import { tempDirs } from '../helpers/temp-dir';

const ROOT = path.resolve(__dirname, '../../..');
const dirs = tempDirs('hoan-startup-modules-');
afterEach(() => dirs.cleanup());

/**
 * What a host does before its first answer — open the data folder, make the
 * router, answer the renderer's first request — in a fresh Node process on
 * the built code, and which modules that loaded. Issue 15 (start-up within
 * 1.5 s): module loading was most of it, and these are the heavy ones no
 * first request needs.
 */
const PROBE = `
const path = require('node:path');
const out = path.join(${JSON.stringify(ROOT)}, 'out', 'electron');
const { openCore } = require(path.join(out, 'core', 'core.js'));
const { createRouter } = require(path.join(out, 'api', 'router.js'));
const core = openCore({ dataDir: process.argv[1] });
createRouter(core).handle('settings:get', {}).then((answer) => {
  core.close();
  process.stdout.write(JSON.stringify({ ok: answer.ok, loaded: Object.keys(require.cache) }));
});
`;

const HEAVY = [
  /node_modules\/exceljs\//,
  /node_modules\/elkjs\//,
  /node_modules\/tar\//,
  /out\/electron\/core\/bundle\/verify-bundle\.js$/,
  /out\/electron\/api\/handlers\/(?!app-handlers)[\w-]+\.js$/,
];

describe('start-up', () => {
  it('[#15.4] opening a data folder and answering the first request loads no other handler group, exceljs, elkjs, tar nor the bundle verifier', () => {
    expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
    const run = spawnSync(process.execPath, ['-e', PROBE, dirs.make()], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const { ok, loaded } = JSON.parse(run.stdout) as { ok: boolean; loaded: string[] };
    expect(ok).toBe(true);
    expect(loaded.filter((file) => HEAVY.some((re) => re.test(file.split(path.sep).join('/'))))).toEqual([]);
    // The probe itself sees what it should: the handlers it used.
    expect(loaded.some((file) => file.endsWith(path.join('handlers', 'app-handlers.js')))).toBe(true);
  });

  it('[#15.4] `hoan serve` loads no other command before it prints its address; another command still finds every command', () => {
    expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
    // Until the address is printed, as a user's serve runs; then the modules loaded, and the process ends.
    const probe = `
const path = require('node:path');
const { main } = require(path.join(${JSON.stringify(ROOT)}, 'out', 'electron', 'cli', 'main.js'));
const io = { env: {}, err: (t) => process.stderr.write(t), out: (t) => {
  if (!t.startsWith('http://127.0.0.1:')) return;
  process.stdout.write(JSON.stringify(Object.keys(require.cache)));
  process.exit(0);
} };
main(process.argv.slice(1), io);
`;
    const commandsOf = (stdout: string) =>
      (JSON.parse(stdout) as string[]).map((file) => file.split(path.sep).join('/')).filter((file) => /out\/electron\/cli\/commands\//.test(file)).map((file) => path.basename(file));
    const serve = spawnSync(process.execPath, ['-e', probe, 'serve', '--no-open', '--port', '0', '--data-dir', dirs.make()], { encoding: 'utf8' });
    expect(serve.stderr).toBe('');
    expect(commandsOf(serve.stdout)).toEqual(['serve-command.js']);

    // An option only another command knows is not serve's: the whole command line is parsed as before.
    const full = spawnSync(process.execPath, ['-e', probe, 'serve', '--xlsx', 'a.xlsx', '--no-open', '--port', '0', '--data-dir', dirs.make()], { encoding: 'utf8' });
    expect(full.stderr).toBe('');
    expect(commandsOf(full.stdout)).toEqual(expect.arrayContaining(['serve-command.js', 'sites-command.js', 'report-command.js']));
    const other = spawnSync(process.execPath, [path.join(ROOT, 'electron', 'cli', 'bin.cjs'), 'sites', 'list', '--json', '--data-dir', dirs.make()], { encoding: 'utf8' });
    expect(other.status, other.stderr).toBe(0);
  });

  it('[#15.4] every channel\'s domain names the handler groups that handle it', async () => {
    for (const channel of CHANNELS) {
      const groups = GROUPS_BY_DOMAIN[channel.slice(0, channel.indexOf(':'))] ?? [];
      const handled = (await Promise.all(groups.map((load) => load()))).some((group) => Object.hasOwn(group, channel));
      expect(handled, channel).toBe(true);
    }
  });
});
