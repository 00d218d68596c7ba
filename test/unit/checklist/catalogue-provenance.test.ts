import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { updateDecision } from '../../../electron/core/checklist/item-repository';
import { activeCatalogue, applyCatalogueImport, parseCatalogue } from '../../../electron/core/checklist/catalogue-store';
import { catalogueSchema, type Catalogue } from '../../../electron/core/checklist/catalogue-schema';
import { createRound, getAssessment } from '../../../electron/core/checklist/round-repository';
import { openCore } from '../../../electron/core/core';
import { tempDirs } from '../helpers/temp-dir';
import { decision, siteWithRound, T0 } from './checklist-fixture';

const ROOT = path.resolve(__dirname, '../../..');
const SHIPPED = path.join(ROOT, 'resources', 'catalogue', 'jikayo-gl.json');
const shipped = () => JSON.parse(fs.readFileSync(SHIPPED, 'utf8')) as Catalogue;
const dirs = tempDirs('hoan-provenance-');
afterEach(() => dirs.cleanup());

/** The catalogue as Hoan shipped it before provenance and generic items were recorded: 2022.10-deck.1, revision 1. */
function firstDeck(): Catalogue {
  const c = shipped();
  delete c.provenance;
  for (const item of c.items) delete item.generic;
  return { ...c, version: '2022.10-deck.1', revision: 1 };
}

/** A resources folder like an older installation's, with the given catalogue. */
function resourcesWith(catalogue: Catalogue): string {
  const dir = path.join(dirs.make(), 'resources');
  fs.cpSync(path.join(ROOT, 'resources'), dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'catalogue', 'jikayo-gl.json'), JSON.stringify(catalogue, null, 2));
  return dir;
}

describe('the shipped catalogue says where its items come from', () => {
  it('[#11.7] carries a provenance note in both languages and marks every generic item, and its schema accepts both', () => {
    const c = catalogueSchema.parse(shipped());
    expect(c.provenance?.basis).toBe('summary');
    expect(c.provenance?.note.ja).toContain('要約版');
    expect(c.provenance?.note.ja).toContain('経済産業省のチェックリストの原文は入手できていません');
    expect(c.provenance?.note.en).toContain("METI's own checklist text was not available");
    // Generic: the one item of an article whose items the deck does not spell out.
    const perArticle = (article: string) => c.items.filter((i) => i.article === article).length;
    const generic = c.items.filter((i) => i.generic).map((i) => i.id);
    expect(generic).toEqual(['2-1', '2-2', '2-3', '3-1', '3-2', '4-1', '5-1', '5-2', '9-1', '10-1', '10-2', '10-3', '10-4']);
    for (const item of c.items) expect(item.generic === true, item.id).toBe(item.id === item.article && perArticle(item.article) === 1);
    // A new field changes the content, so the file is a new version and revision (see the next test).
    expect([c.version, c.revision]).toEqual(['2022.10-deck.2', 2]);
    expect(catalogueSchema.safeParse({ ...shipped(), provenance: { basis: 'rumour', note: { ja: 'x', en: 'x' } } }).success).toBe(false);
  });

  it('[#11.7] a database made with the first deck takes this one as the version in force; its rounds keep theirs, and the next round carries decisions over onto marked generic items', () => {
    const dataDir = dirs.make();
    const older = openCore({ dataDir, now: () => T0, resourcesDir: resourcesWith(firstDeck()) });
    const { site, round } = siteWithRound(older, 'A');
    updateDecision(older.db, round!.id, '9-1', decision({ status: 'implemented' }), '山田', T0);
    older.close();

    const core = openCore({ dataDir, now: () => T0 });
    try {
      expect(activeCatalogue(core.db, 'jikayo-gl').ref).toMatchObject({ version: '2022.10-deck.2', revision: 2, source: 'builtin', provenance: { basis: 'summary' } });
      const old = getAssessment(core.db, round!.id, T0);
      // The old round is a record on its own catalogue: no provenance there, only the publisher's source note.
      expect(old.round.catalogue).toMatchObject({ version: '2022.10-deck.1', provenance: null, sourceNote: shipped().source });
      expect(old.items.some((i) => i.generic)).toBe(false);
      const next = createRound(core.db, { siteId: site.id, title: '2026年度', framework: 'jikayo-gl', carryOverFrom: round!.id }, '山田', T0);
      const detail = getAssessment(core.db, next.id, T0);
      expect(detail.round.catalogue.version).toBe('2022.10-deck.2');
      expect(detail.items.find((i) => i.id === '9-1')).toMatchObject({ generic: true, state: 'implemented', decision: { carriedOver: true } });
      expect(detail.items.filter((i) => i.generic)).toHaveLength(13);
    } finally {
      core.close();
    }
    // Opened again: nothing more is recorded.
    const again = openCore({ dataDir, now: () => T0 });
    try {
      expect(again.db.prepare("SELECT version FROM catalogues WHERE framework = 'jikayo-gl' ORDER BY revision").pluck().all()).toEqual(['2022.10-deck.1', '2022.10-deck.2']);
    } finally {
      again.close();
    }
  });

  it('a database where a newer catalogue was already imported keeps it in force after the upgrade', () => {
    const dataDir = dirs.make();
    const older = openCore({ dataDir, now: () => T0, resourcesDir: resourcesWith(firstDeck()) });
    const imported = { ...firstDeck(), version: '2024.04', revision: 2 };
    applyCatalogueImport(older.db, Buffer.from(JSON.stringify(imported)), 'jikayo-gl-2024.json', T0);
    older.close();
    const core = openCore({ dataDir, now: () => T0 });
    try {
      expect(activeCatalogue(core.db, 'jikayo-gl').ref).toMatchObject({ version: '2024.04', source: 'import' });
      expect(core.db.prepare('SELECT count(*) FROM catalogues').pluck().get()).toBe(2);
    } finally {
      core.close();
    }
  });

  it('a catalogue without provenance or generic flags still reads', () => {
    expect(() => parseCatalogue(Buffer.from(JSON.stringify(firstDeck())), 'old.json')).not.toThrow();
  });
});
