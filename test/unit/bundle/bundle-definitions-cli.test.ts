import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../../electron/cli/cli-io';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { importBundle } from '../../../electron/core/bundle/import-bundle';
import { openCore } from '../../../electron/core/core';
import { currentDefinitionsSet } from '../../../electron/core/definitions/definitions-store';
import { runHoan, staleBuild } from '../helpers/built-cli';
import { buildDefinitions, installTestDefinitions } from '../helpers/definitions';
import { tempDirs } from '../helpers/temp-dir';
import { clamscanAvailable } from '../media/media-fixture';
import { installation, populatedSite, trust } from './bundle-world';

/**
 * `hoan bundle export --with-definitions` and `hoan bundle import` as a user
 * runs them, from the built output: head office sends its definitions, the
 * site installs them, and each refusal has its own exit code.
 */

const dirs = tempDirs('hoan-defs-cli-');
let siteDir: string;
let officeDir: string;
let siteId: string;
let daily: string;

beforeAll(async () => {
  expect(staleBuild(), 'run `npm run build` first').toEqual([]);
  // The commands run on the wall clock: built an hour before it.
  daily = buildDefinitions(dirs.make(), { version: 27500, builtAt: new Date(Date.now() - 3_600_000) });
  const site = installation(dirs.make(), '北関東ソーラー発電所 保安PC', '山田');
  const office = installation(dirs.make(), '本社 保安管理課', '本社 田中');
  for (const w of [site, office]) w.clock.now = new Date();
  siteId = (await populatedSite(site)).site.id;
  trust(site.core, office.core);
  await importBundle(office.core, (await exportBundle(site.core, siteId, dirs.make())).path);
  trust(office.core, site.core, 'head_office');
  siteDir = site.core.dataDir;
  officeDir = office.core.dataDir;
  site.core.close();
  office.core.close();
}, 60_000);
afterAll(() => dirs.cleanup());

const hoan = (dataDir: string, ...args: string[]) => runHoan([...args, '--data-dir', dataDir]);

describe.skipIf(!clamscanAvailable())('hoan bundle with definitions (built CLI)', () => {
  it('[#12.4] head office exports its definitions with --with-definitions (exit 76 when it has none, 77 for a site\'s own bundle), and hoan bundle import at the site installs them', async () => {
    const usb = dirs.make();
    const none = await hoan(officeDir, 'bundle', 'export', '--site', siteId, '--out', usb, '--with-definitions', '--lang', 'en');
    expect(none.code, none.stderr).toBe(EXIT.noDefinitionsToSend);
    expect(none.stderr).toContain('This installation has no definitions to include');
    expect(fs.readdirSync(usb)).toEqual([]);

    const own = await hoan(siteDir, 'bundle', 'export', '--site', siteId, '--out', usb, '--with-definitions');
    expect(own.code, own.stderr).toBe(EXIT.definitionsOnlyReview);
    expect(own.stderr).toContain('本社から事業場へのバンドル（本社レビュー）にだけ同梱できます');

    const core = openCore({ dataDir: officeDir });
    await installTestDefinitions(core, [daily]);
    const version = currentDefinitionsSet(core)!.version!;
    core.close();

    const exported = await hoan(officeDir, 'bundle', 'export', '--site', siteId, '--out', usb, '--with-definitions', '--lang', 'en');
    expect(exported.code, exported.stderr).toBe(EXIT.ok);
    expect(exported.stdout).toContain(`Included definitions ${version} (built `);
    const [file] = fs.readdirSync(usb);

    const verified = await hoan(siteDir, 'bundle', 'verify', path.join(usb, file!), '--lang', 'ja');
    expect(verified.code, verified.stdout).toBe(EXIT.ok);
    expect(verified.stdout).toContain(`定義ファイル: ${version}（`);

    const imported = await hoan(siteDir, 'bundle', 'import', path.join(usb, file!), '--lang', 'ja');
    expect(imported.code, imported.stderr).toBe(EXIT.ok);
    expect(imported.stdout).toContain(`同梱の定義ファイル ${version}（`);
    expect(imported.stdout).toContain('をインストールしました。');

    const history = await hoan(siteDir, 'bundle', 'history', '--lang', 'en');
    expect(history.stdout.split('\n')[0]).toMatch(new RegExp(`\\t${version} \\(built [^)]+\\): installed$`));
  });

  it('[#12.4] hoan bundle import exits 75 when the bundle imported but its definitions were refused, and says why', async () => {
    // A second site installation trusts head office only as a site: its definitions are refused, its review imported.
    const usb = dirs.make();
    const other = installation(dirs.make(), '南九州ソーラー 保安PC', '佐藤');
    other.clock.now = new Date();
    const otherSite = (await populatedSite(other, '南九州ソーラー発電所')).site.id;
    const office = openCore({ dataDir: officeDir });
    if (!currentDefinitionsSet(office)) await installTestDefinitions(office, [daily]);
    trust(other.core, office);
    await importBundle(office, (await exportBundle(other.core, otherSite, dirs.make())).path);
    trust(office, other.core, 'site');
    const otherDir = other.core.dataDir;
    other.core.close();
    office.close();

    expect((await hoan(officeDir, 'bundle', 'export', '--site', otherSite, '--out', usb, '--with-definitions')).code).toBe(EXIT.ok);
    const imported = await hoan(otherDir, 'bundle', 'import', path.join(usb, fs.readdirSync(usb)[0]!), '--lang', 'en');
    expect(imported.code, imported.stderr).toBe(EXIT.definitionsRefused);
    expect(imported.stdout).toContain('Could not install the included definitions');
    expect(imported.stdout).toContain('Reason: The signer "本社 保安管理課" is not trusted in the head office role.');
  });
});
