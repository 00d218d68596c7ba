import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXIT, REGISTERS_EXIT } from '../../../electron/cli/cli-io';
import { createSite } from '../../../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../../../electron/core/sites/site-schema';
import { runHoan, staleBuild } from '../helpers/built-cli';
import { registersKit } from '../helpers/registers';
import { siteInput } from '../helpers/site-input';
import { byClass, parseSvg, textIn } from '../helpers/svg-tree';

/** `hoan registers diagram` as a user runs it: the built command (`npm run build`, then `node electron/cli/bin.cjs`). */
const kit = registersKit('hoan-registers-cli-');
afterEach(() => kit.cleanup());
beforeAll(() => {
  expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
});

describe('[#14.3] hoan registers diagram, from the built command', () => {
  it('[#14.3] writes the solar plant\'s diagram as a valid SVG (site by name, then by id, in English), and refuses a missing site with 92 and an empty one with 93, writing nothing', async () => {
    const { core, siteId } = await kit.open();
    const empty = createSite(core.db, siteFieldsSchema.parse(siteInput({ name: '空のサイト' })), new Date(), 'テスト');
    const dataDir = core.dataDir;
    core.close();
    const out = kit.dirs.make();
    const file = path.join(out, '構成図.svg');

    const byName = await runHoan(['registers', 'diagram', '--site', '第一太陽光発電所', '--svg', file, '--data-dir', dataDir]);
    expect([byName.code, byName.stderr]).toEqual([EXIT.ok, '']);
    expect(byName.stdout).toBe(`${file} に書き出しました（接続点 3 件、機器 9 台）\n`);
    const tree = parseSvg(fs.readFileSync(file, 'utf8'));
    expect(byClass(tree, 'zone').map(textIn)).toEqual(['外部', '監視', '制御', '事業場LAN']);
    expect(byClass(tree, 'point', 'defended')).toHaveLength(3);
    expect(fs.readdirSync(out)).toEqual(['構成図.svg']);

    const en = path.join(out, 'diagram-en.svg');
    const byId = await runHoan(['registers', 'diagram', '--site', siteId, '--svg', en, '--lang', 'en', '--json', '--data-dir', dataDir]);
    expect(byId.code).toBe(EXIT.ok);
    expect(JSON.parse(byId.stdout)).toEqual({ svg: en, points: 3, devices: 9 });
    expect(byClass(parseSvg(fs.readFileSync(en, 'utf8')), 'zone').map(textIn)).toEqual(['External', 'Monitoring', 'Control', 'Site LAN']);

    const missing = await runHoan(['registers', 'diagram', '--site', '第二発電所', '--svg', path.join(out, 'x.svg'), '--data-dir', dataDir]);
    expect(missing.code).toBe(REGISTERS_EXIT.siteNotFound);
    expect(missing.stderr).toContain('「第二発電所」という ID または名前のサイトはありません');
    const nothing = await runHoan(['registers', 'diagram', '--site', empty.id, '--svg', path.join(out, 'y.svg'), '--data-dir', dataDir]);
    expect(nothing.code).toBe(REGISTERS_EXIT.nothingToDraw);
    expect(nothing.stderr).toContain('接続点も機器もない');
    expect(fs.readdirSync(out).sort()).toEqual(['diagram-en.svg', '構成図.svg']);

    const help = await runHoan(['--help']);
    expect(help.stdout).toContain('hoan registers diagram --site ID|NAME --svg FILE');
    expect(help.stdout).toContain('hoan registers diagram: 92 no site with that id or name');
    expect((await runHoan(['registers', 'draw', '--data-dir', dataDir])).code).toBe(EXIT.usage);
  });
});
