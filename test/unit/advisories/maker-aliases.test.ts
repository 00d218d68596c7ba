import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/core';
import { activeMakerAliases, installMakerAliasTable, parseMakerAliasTable } from '../../../electron/core/advisories/maker-alias-store';
import { makerResolver } from '../../../electron/core/advisories/maker-aliases';
import { resourceFile } from '../../../electron/core/resources';
import { tempDirs } from '../helpers/temp-dir';
import { thrown } from '../helpers/thrown';

const ROOT = path.resolve(__dirname, '../../..');
const SHIPPED = fs.readFileSync(path.join(ROOT, 'resources', 'advisories', 'maker-aliases.json'), 'utf8');
const dirs = tempDirs('hoan-maker-aliases-');
const opened: Core[] = [];
afterEach(() => {
  for (const core of opened.splice(0)) core.close();
  dirs.cleanup();
});

function open(): Core {
  const core = openCore({ dataDir: dirs.make(), now: () => new Date('2026-12-02T00:00:00.000Z') });
  opened.push(core);
  return core;
}

const shipped = () => parseMakerAliasTable(SHIPPED, 'maker-aliases.json').table;
const withVersion = (version: number, edit: (t: ReturnType<typeof shipped>) => void = () => {}) => {
  const table = structuredClone(shipped());
  table.version = version;
  edit(table);
  return JSON.stringify(table);
};

describe('maker alias table', () => {
  it('[#13.2] the shipped table names the makers of Japanese power and factory sites, each written as inventories and advisories write it', () => {
    const resolve = makerResolver(shipped());
    const key = (name: string) => resolve.makerKey(name)?.key;
    const same: [string, string[]][] = [
      ['mitsubishi-electric', ['三菱電機株式会社', 'Mitsubishi Electric', ' Mitsubishi Electric Corporation', 'MITSUBISHI ELECTRIC CORP.', 'Mitsubishi Electric India', 'Mitsubishi Electric Europe B.V.', 'Mitsubishi Electric India Pvt. Ltd.', '三菱電機㈱', '三菱電機（株）']],
      ['omron', ['ｵﾑﾛﾝ', 'オムロン株式会社', 'OMRON Corporation', 'Omron', 'ＯＭＲＯＮ']],
      ['fuji-electric', ['富士電機', 'Fuji Electric Co., Ltd.']],
      ['yokogawa', ['横河電機株式会社', 'Yokogawa Electric Corporation', 'YOKOGAWA']],
      ['hitachi', ['株式会社日立製作所', 'Hitachi, Ltd.', '日立']],
      ['hitachi-energy', ['Hitachi Energy', 'Hitachi Energy Ltd.', 'Hitachi ABB Power Grids']],
      ['toshiba', ['東芝', 'Toshiba Corporation']],
      ['meidensha', ['株式会社明電舎', 'Meidensha Corporation']],
      ['yaskawa', ['安川電機', 'YASKAWA Electric Corporation']],
      ['idec', ['IDEC株式会社', 'IDEC Corporation']],
      ['panasonic', ['パナソニック', 'Panasonic Holdings Corporation'.replace(' Holdings', ''), 'パナソニック インダストリー株式会社']],
      ['keyence', ['キーエンス', 'KEYENCE CORPORATION']],
      ['siemens', ['シーメンス', 'Siemens AG', 'SIEMENS', '日本シーメンス', 'シーメンスジャパン']],
      ['schneider-electric', ['シュナイダーエレクトリック', 'シュナイダー・エレクトリック', 'Schneider Electric SE', 'Schneider Electric Japan']],
      ['abb', ['ABB', 'ABB Ltd', '日本ABB']],
      ['rockwell-automation', ['ロックウェル・オートメーション', 'Rockwell Automation, Inc.', 'Allen-Bradley', 'Allen Bradley']],
      ['ge', ['GE', 'General Electric', 'GE Vernova', 'GE Grid Solutions', 'GE Grid Solutions, LLC']],
      ['moxa', ['Moxa Inc.', 'MOXA']],
      ['cisco', ['Cisco Systems, Inc.', 'シスコシステムズ合同会社']],
      ['fortinet', ['Fortinet, Inc.', 'フォーティネット']],
      ['phoenix-contact', ['Phoenix Contact GmbH & Co. KG', 'フエニックス・コンタクト株式会社']],
      ['belden', ['Hirschmann Automation and Control GmbH', 'Belden Inc.']],
      ['nec', ['日本電気株式会社', 'NEC Corporation']],
      ['allied-telesis', ['アライドテレシス株式会社', 'Allied Telesis']],
      ['yamaha', ['ヤマハ株式会社', 'Yamaha Corporation']],
    ];
    for (const [maker, names] of same) {
      expect(names.map((n) => [n, key(n)])).toEqual(names.map((n) => [n, maker]));
    }
    // Prefix rules never swallow a longer word or a different business.
    expect(key('General Motors')).toBe('~generalmotors');
    expect(key('GE Healthcare')).toBe('~gehealthcare');
    expect(key('Mitsubishi Heavy Industries')).toBe('mitsubishi-heavy-industries');
    expect(key('Mitsubishi')).toBe('~mitsubishi');
    expect(key('ABBUS')).toBe('~abbus');
    expect(key('Delta Controls')).toBe('~deltacontrols');
    expect(resolve.makerKey('  ')).toBeNull();
    expect(resolve.makerKey('株式会社')).toBeNull();
    // Hitachi Energy is its own maker; a 日立 device still meets its advisories, and an ABB device those of its power-grid successor.
    expect(resolve.candidateKeys('hitachi')).toEqual(['hitachi', 'hitachi-energy', 'hitachi-ies']);
    expect(resolve.candidateKeys('abb')).toEqual(['abb', 'hitachi-energy']);
    expect(resolve.candidateKeys('~foo')).toEqual(['~foo']);
  });

  it('[#13.2] a table is validated whole: two makers claiming one name, an unknown related maker or a wrong schema version is refused with the path', () => {
    const clash = thrown(() => parseMakerAliasTable(withVersion(2, (t) => t.makers[1]!.aliases.push('三菱電機株式会社')), 'bad.json'));
    expect(clash.messageKey).toBe('errors.makerAliases.invalid');
    expect(clash.fields?.[0]).toMatchObject({ path: 'makers.1.aliases', params: { detail: "alias 三菱電機株式会社 is also mitsubishi-electric's" } });
    const related = thrown(() => parseMakerAliasTable(withVersion(2, (t) => (t.makers[0]!.related = ['nobody'])), 'bad.json'));
    expect(related.fields?.[0]).toMatchObject({ path: 'makers.0.related', params: { detail: 'unknown maker nobody' } });
    expect(thrown(() => parseMakerAliasTable(SHIPPED.replace('"schemaVersion": 1', '"schemaVersion": 2'), 'v2.json')).messageKey).toBe('errors.makerAliases.invalid');
    expect(thrown(() => parseMakerAliasTable('{', 'broken.json')).messageKey).toBe('errors.makerAliases.malformed');
  });

  it('[#13.2] the newest of the shipped table and the installed ones is in force; older and repeated tables change nothing', () => {
    const core = open();
    const start = activeMakerAliases(core);
    expect(start.ref).toMatchObject({ version: 1, source: 'builtin' });
    expect(start.ref).toEqual(expect.objectContaining({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }));
    expect(fs.existsSync(resourceFile(core.resourcesDir, 'makerAliases'))).toBe(true);
    expect(start.resolver.makerKey('Example Controls Ltd.')?.key).toBe('~examplecontrols');

    const newer = withVersion(2, (t) => t.makers.push({ key: 'example-controls', name: { ja: 'イグザンプル制御', en: 'Example Controls' }, aliases: ['Example Controls', 'イグザンプル制御'] }));
    expect(installMakerAliasTable(core, newer, 'bundle:B1')).toEqual({ status: 'installed', version: 2, activeVersion: 2 });
    const after = activeMakerAliases(core);
    expect(after.ref).toMatchObject({ version: 2, source: 'bundle:B1' });
    expect(after.resolver.makerKey('イグザンプル制御株式会社')?.key).toBe('example-controls');

    expect(installMakerAliasTable(core, newer, 'bundle:B2')).toEqual({ status: 'unchanged', version: 2, activeVersion: 2 });
    expect(installMakerAliasTable(core, SHIPPED, 'bundle:B3')).toEqual({ status: 'older', version: 1, activeVersion: 2 });
    const refused = thrown(() => installMakerAliasTable(core, withVersion(3, (t) => (t.makers[0]!.key = 'Bad Key')), 'bundle:B4'));
    expect(refused.messageKey).toBe('errors.makerAliases.invalid');
    expect(core.db.prepare('SELECT version, source FROM maker_alias_tables').all()).toEqual([{ version: 2, source: 'bundle:B1' }]);
  });
});
