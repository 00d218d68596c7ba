import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  activeCatalogue,
  activeCatalogues,
  applyCatalogueImport,
  previewCatalogueImport,
  syncBuiltInCatalogues,
} from '../../../electron/core/checklist/catalogue-store';
import type { Catalogue } from '../../../electron/core/checklist/catalogue-schema';
import { createRound, getAssessment } from '../../../electron/core/checklist/round-repository';
import { updateDecision } from '../../../electron/core/checklist/item-repository';
import type { Core } from '../../../electron/core/core';
import { tempDirs } from '../helpers/temp-dir';
import { thrown } from '../helpers/thrown';
import { decision, openTestCore, siteWithRound, T0 } from './checklist-fixture';

const dirs = tempDirs('hoan-catalogue-');
let core: Core;
const SHIPPED = path.resolve(__dirname, '../../../resources/catalogue/jikayo-gl.json');
const shipped = () => JSON.parse(fs.readFileSync(SHIPPED, 'utf8')) as Catalogue;
const bytes = (c: unknown) => Buffer.from(JSON.stringify(c));

beforeEach(() => {
  core = openTestCore(dirs.make());
});
afterEach(() => {
  core.close();
  dirs.cleanup();
});


/** The shipped catalogue, one revision on: 8-1-3 reworded, 9-1 split in two, 3-2 gone. */
function newer(): Catalogue {
  const c = shipped();
  c.version = '2024.04';
  c.revision += 1;
  const item = c.items.find((i) => i.id === '8-1-3')!;
  item.text = { ja: `${item.text.ja}（改訂）`, en: `${item.text.en} (revised)` };
  c.items = c.items.filter((i) => i.id !== '3-2' && i.id !== '9-1');
  c.items.push(
    { id: '9-1-1', article: '9-1', title: { ja: 'セキュリティゾーン', en: 'Security zones' }, text: { ja: 'ゾーンを設定する。', en: 'Set zones.' }, levelA: 'suisho', exampleMeasures: ['security-zone'] },
    { id: '9-1-2', article: '9-1', title: { ja: '入退室管理', en: 'Access control' }, text: { ja: '入退室を管理する。', en: 'Control access.' }, levelA: 'suisho', exampleMeasures: ['access-control'] },
  );
  return c;
}

describe('the shipped 自家用GL catalogue', () => {
  it('has every article of the guideline, the items the deck spells out, and one item per other article', () => {
    const c = shipped();
    expect(c.articles.map((a) => a.id)).toEqual([
      '1-1', '1-2', '1-3', '1-4', '1-5', '2-1', '2-2', '2-3', '3-1', '3-2', '4-1', '5-1', '5-2', '6-1', '6-2', '7-1',
      '8-1', '8-2', '8-3', '8-4', '9-1', '10-1', '10-2', '10-3', '10-4',
    ]);
    const spelled = ['6-1-1', '6-1-2', '6-2-1', '6-2-2', '6-2-3', '6-2-4', '6-2-5', '6-2-6', '7-1-1', '7-1-2', '8-1-1', '8-1-2', '8-1-3', '8-1-4', '8-2-1', '8-3-1', '8-4-1', '8-4-2', '8-4-3'];
    for (const id of spelled) expect(c.items.map((i) => i.id)).toContain(id);
    // Chapter 1 (purpose, scope, definitions…) asks for no decision; every other article has items.
    for (const a of c.articles.filter((a) => a.chapter !== '1')) expect(c.items.some((i) => i.article === a.id), a.id).toBe(true);
    expect(c.items.filter((i) => i.levelA === 'kankoku').map((i) => i.id)).toEqual(['2-1', '2-2', '6-2-2', '6-2-3', '8-1-3']);
  });

  it('is in force after start-up', () => {
    expect(activeCatalogues(core.db).map((c) => [c.framework, c.version, c.source])).toEqual([['jikayo-gl', '2022.10-deck.2', 'builtin']]);
  });

  it('a second framework is just another file in resources/catalogue', () => {
    const resources = dirs.make();
    fs.mkdirSync(path.join(resources, 'catalogue'));
    fs.copyFileSync(SHIPPED, path.join(resources, 'catalogue', 'jikayo-gl.json'));
    const factory = { ...shipped(), framework: 'factory-cps', version: '1.0', shortName: { ja: '工場GL', en: 'Factory CPS' } };
    fs.writeFileSync(path.join(resources, 'catalogue', 'factory-cps.json'), JSON.stringify(factory));
    syncBuiltInCatalogues(core.db, resources, T0);
    expect(activeCatalogues(core.db).map((c) => c.framework)).toEqual(['factory-cps', 'jikayo-gl']);
  });
});

describe('importing a newer catalogue', () => {
  it('shows what it adds, changes and removes before applying', () => {
    const diff = previewCatalogueImport(core.db, bytes(newer()), 'jikayo-gl-2024.json');
    expect(diff.from.version).toBe('2022.10-deck.2');
    expect(diff.to.version).toBe('2024.04');
    expect(diff.added.map((a) => a.id)).toEqual(['9-1-1', '9-1-2']);
    expect(diff.removed.map((r) => r.id)).toEqual(['3-2', '9-1']);
    expect(diff.changed).toEqual([{ id: '8-1-3', title: expect.anything(), fields: ['text'] }]);
    expect(activeCatalogue(core.db, 'jikayo-gl').ref.version).toBe('2022.10-deck.2');
  });

  it('keeps old rounds on their version and carries decisions over by item id', () => {
    const { site, round } = siteWithRound(core, 'A');
    updateDecision(core.db, round!.id, '8-1-3', decision({ status: 'implemented' }), '山田', T0);
    updateDecision(core.db, round!.id, '3-2', decision({ status: 'implemented' }), '山田', T0);
    applyCatalogueImport(core.db, bytes(newer()), 'jikayo-gl-2024.json', T0);

    expect(getAssessment(core.db, round!.id, T0).round.catalogue.version).toBe('2022.10-deck.2');
    expect(getAssessment(core.db, round!.id, T0).items.map((i) => i.id)).toContain('3-2');
    const next = createRound(core.db, { siteId: site.id, title: '2025年度', framework: 'jikayo-gl', carryOverFrom: round!.id }, '', T0);
    const items = getAssessment(core.db, next.id, T0).items;
    expect(next.catalogue.version).toBe('2024.04');
    expect(items.find((i) => i.id === '8-1-3')!.decision.status).toBe('implemented');
    expect(items.find((i) => i.id === '9-1-1')!.state).toBe('unconsidered');
    expect(items.map((i) => i.id)).not.toContain('3-2');
  });

  const rejected: [string, () => Buffer, string][] = [
    ['not JSON', () => Buffer.from('{"framework": "jikayo-gl", '), 'errors.catalogue.malformed'],
    ['a schema violation', () => bytes({ ...newer(), items: [{ id: '1' }] }), 'errors.catalogue.invalid'],
    ['an item pointing at a missing article', () => bytes({ ...newer(), items: [{ ...newer().items[0]!, article: '99-9' }] }), 'errors.catalogue.invalid'],
    ['an unknown framework', () => bytes({ ...newer(), framework: 'nuclear' }), 'errors.catalogue.unknownFramework'],
    ['a version that is not newer', () => bytes({ ...shipped(), version: 'again' }), 'errors.catalogue.notNewer'],
  ];

  it.each(rejected)('rejects %s and leaves the catalogue in force untouched', (_label, file, key) => {
    const before = core.db.prepare('SELECT framework, version, sha256 FROM catalogues').all();
    const err = thrown(() => applyCatalogueImport(core.db, file(), 'update.json', T0));
    expect(err.messageKey).toBe(key);
    expect(core.db.prepare('SELECT framework, version, sha256 FROM catalogues').all()).toEqual(before);
  });

  it('names the offending place of a schema error', () => {
    const err = thrown(() => previewCatalogueImport(core.db, bytes({ ...newer(), items: [{ ...newer().items[0]!, levelA: 'must' }] }), 'x.json'));
    expect(err.fields).toEqual([expect.objectContaining({ path: 'items.0.levelA' })]);
  });
});
