import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  latestClassifications,
  listClassifications,
  recordClassification,
} from '../../../electron/core/classification/classification-repository';
import { classificationAnswersSchema } from '../../../electron/core/classification/classification-schema';
import { openCore, type Core } from '../../../electron/core/core';
import { auditHistory } from '../../../electron/core/audit/audit-log';
import {
  createSite,
  findSite,
  getSite,
  listSites,
  setSiteArchived,
  updateSite,
} from '../../../electron/core/sites/site-repository';
import { siteFieldsSchema, type SiteFieldsInput } from '../../../electron/core/sites/site-schema';
import { siteInput } from '../helpers/site-input';
import { tempDirs } from '../helpers/temp-dir';
import { thrown } from '../helpers/thrown';

const dirs = tempDirs('hoan-sites-');
let core: Core;

const T0 = new Date('2025-04-01T09:00:00.000Z');
const T1 = new Date('2025-04-02T09:00:00.000Z');
const T2 = new Date('2025-04-03T09:00:00.000Z');
const MISSING_ID = '3f2b8c1e-9d4a-4c6b-8e7f-0a1b2c3d4e5f';

function fields(overrides: Partial<SiteFieldsInput> = {}) {
  return siteFieldsSchema.parse(siteInput(overrides));
}

const A_ANSWERS = classificationAnswersSchema.parse({
  hasRemoteMonitoring: true,
  hasControlSystem: false,
  hasGeneration: true,
  sellsSurplus: true,
});
const B_ANSWERS = { ...A_ANSWERS, sellsSurplus: false };
const C_ANSWERS = { ...A_ANSWERS, hasGeneration: false, sellsSurplus: null };


beforeEach(() => {
  core = openCore({ dataDir: dirs.make() });
});

afterEach(() => {
  core.close();
  dirs.cleanup();
});

describe('site repository', () => {
  it('creates a site and reads it back with every field', () => {
    const input = fields({ lastSystemChangeDate: '2023-05-10' });
    const created = createSite(core.db, input, T0);

    expect(created.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(created).toEqual({
      ...input,
      id: created.id,
      createdAt: T0.toISOString(),
      updatedAt: T0.toISOString(),
      archivedAt: null,
    });
    expect(getSite(core.db, created.id)).toEqual(created);
    expect(findSite(core.db, created.id)).toEqual(created);
  });

  it('gives every site its own id', () => {
    const a = createSite(core.db, fields({ name: 'A' }), T0);
    const b = createSite(core.db, fields({ name: 'A' }), T0);
    expect(a.id).not.toBe(b.id);
    expect(listSites(core.db).map((s) => s.id).sort()).toEqual([a.id, b.id].sort());
  });

  it('getSite throws not_found for an unknown id; findSite returns undefined', () => {
    expect(findSite(core.db, MISSING_ID)).toBeUndefined();
    expect(thrown(() => getSite(core.db, MISSING_ID)).toShape()).toEqual({
      code: 'not_found',
      messageKey: 'errors.notFound',
      params: { entity: 'site', id: MISSING_ID },
    });
  });

  it('updates every field and the update time, keeping id and creation time', () => {
    const created = createSite(core.db, fields(), T0);
    const changed = fields({
      name: '第二工場',
      address: '大阪府大阪市北区2-2',
      ownerName: 'Owner 2',
      contractorName: 'Contractor 2',
      region: 'kinki',
      receivingVoltageV: 22000,
      generationCapacityKw: null,
      gridConnected: false,
      reversePowerFlow: false,
      hasRemoteMonitoring: false,
      hasControlSystem: true,
      installationType: 'new',
      lastSystemChangeDate: null,
    });

    const updated = updateSite(core.db, created.id, changed, T1);

    expect(updated).toEqual({
      ...changed,
      id: created.id,
      createdAt: T0.toISOString(),
      updatedAt: T1.toISOString(),
      archivedAt: null,
    });
    expect(getSite(core.db, created.id)).toEqual(updated);
  });

  it('updating an unknown site throws not_found and writes nothing', () => {
    createSite(core.db, fields(), T0);
    const before = listSites(core.db, { includeArchived: true });
    expect(thrown(() => updateSite(core.db, MISSING_ID, fields({ name: 'X' }), T1)).code).toBe('not_found');
    expect(listSites(core.db, { includeArchived: true })).toEqual(before);
  });

  it('archives and restores, hiding archived sites from the default list only', () => {
    const kept = createSite(core.db, fields({ name: 'Kept' }), T0);
    const gone = createSite(core.db, fields({ name: 'Gone' }), T0);

    const archived = setSiteArchived(core.db, gone.id, true, T1);
    expect(archived.archivedAt).toBe(T1.toISOString());
    expect(archived.updatedAt).toBe(T1.toISOString());
    expect(listSites(core.db).map((s) => s.id)).toEqual([kept.id]);
    expect(listSites(core.db, { includeArchived: false }).map((s) => s.id)).toEqual([kept.id]);
    // Archived sites come after the active ones.
    expect(listSites(core.db, { includeArchived: true }).map((s) => s.id)).toEqual([kept.id, gone.id]);

    const restored = setSiteArchived(core.db, gone.id, false, T2);
    expect(restored.archivedAt).toBeNull();
    expect(restored.updatedAt).toBe(T2.toISOString());
    expect(listSites(core.db).map((s) => s.id)).toEqual([gone.id, kept.id]);
  });

  it('archiving or restoring an unknown site throws not_found', () => {
    expect(thrown(() => setSiteArchived(core.db, MISSING_ID, true, T1)).code).toBe('not_found');
    expect(thrown(() => setSiteArchived(core.db, MISSING_ID, false, T1)).code).toBe('not_found');
  });

  it('lists by name, ignoring case', () => {
    const names = ['delta', 'Bravo', 'alpha', 'Charlie'];
    for (const name of names) createSite(core.db, fields({ name }), T0);
    expect(listSites(core.db).map((s) => s.name)).toEqual(
      [...names].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
    );
  });

  it('keeps every classification, newest first, with who classified and the transitional flag', () => {
    const site = createSite(core.db, fields({ installationType: 'existing', lastSystemChangeDate: null }), T0);

    const first = recordClassification(core.db, site.id, A_ANSWERS, 'Alice', T0);
    const second = recordClassification(core.db, site.id, B_ANSWERS, 'Bob', T2);
    const third = recordClassification(core.db, site.id, C_ANSWERS, 'Carol', T1);

    expect(first).toMatchObject({ siteId: site.id, result: 'A', classifiedBy: 'Alice', transitional: true });
    expect(first.answers).toEqual(A_ANSWERS);
    expect(first.reasons).toEqual([
      { key: 'classification.reason.hasRemoteMonitoring' },
      { key: 'classification.reason.sellsSurplus' },
    ]);

    const history = listClassifications(core.db, site.id);
    // Ordered by when they were classified, not by insertion order.
    expect(history.map((c) => c.id)).toEqual([second.id, third.id, first.id]);
    expect(history.map((c) => [c.result, c.classifiedBy, c.classifiedAt])).toEqual([
      ['B', 'Bob', T2.toISOString()],
      ['C', 'Carol', T1.toISOString()],
      ['A', 'Alice', T0.toISOString()],
    ]);
    expect(history).toEqual([second, third, first]);
  });

  it('breaks a tie in classification time by insertion order', () => {
    const site = createSite(core.db, fields(), T0);
    const a = recordClassification(core.db, site.id, A_ANSWERS, '', T1);
    const b = recordClassification(core.db, site.id, B_ANSWERS, '', T1);
    expect(listClassifications(core.db, site.id).map((c) => c.id)).toEqual([b.id, a.id]);
    expect(latestClassifications(core.db).get(site.id)?.id).toBe(b.id);
  });

  it('records the transitional flag from the site at classification time', () => {
    const changedLate = createSite(core.db, fields({ installationType: 'existing', lastSystemChangeDate: '2023-01-01' }), T0);
    const fresh = createSite(core.db, fields({ installationType: 'new' }), T0);
    expect(recordClassification(core.db, changedLate.id, A_ANSWERS, '', T1).transitional).toBe(false);
    expect(recordClassification(core.db, fresh.id, A_ANSWERS, '', T1).transitional).toBe(false);
  });

  it('refuses to classify an unknown site and writes nothing', () => {
    expect(thrown(() => recordClassification(core.db, MISSING_ID, A_ANSWERS, '', T1)).toShape()).toEqual({
      code: 'not_found',
      messageKey: 'errors.notFound',
      params: { entity: 'site', id: MISSING_ID },
    });
    expect(core.db.prepare('SELECT count(*) AS n FROM classifications').get()).toEqual({ n: 0 });
  });

  it('latestClassifications picks the newest of each site and omits unclassified sites', () => {
    const one = createSite(core.db, fields({ name: 'One' }), T0);
    const two = createSite(core.db, fields({ name: 'Two' }), T0);
    const never = createSite(core.db, fields({ name: 'Never' }), T0);

    recordClassification(core.db, one.id, A_ANSWERS, '', T0);
    const oneLatest = recordClassification(core.db, one.id, C_ANSWERS, '', T2);
    recordClassification(core.db, one.id, B_ANSWERS, '', T1);
    const twoLatest = recordClassification(core.db, two.id, B_ANSWERS, '', T1);
    recordClassification(core.db, two.id, A_ANSWERS, '', T0);

    const latest = latestClassifications(core.db);
    expect([...latest.keys()].sort()).toEqual([one.id, two.id].sort());
    expect(latest.get(one.id)).toEqual(oneLatest);
    expect(latest.get(two.id)).toEqual(twoLatest);
    expect(latest.has(never.id)).toBe(false);
  });

  it('keeps classifications of an archived site', () => {
    const site = createSite(core.db, fields(), T0);
    const c = recordClassification(core.db, site.id, A_ANSWERS, '', T0);
    setSiteArchived(core.db, site.id, true, T1);
    expect(listClassifications(core.db, site.id)).toEqual([c]);
    expect(latestClassifications(core.db).get(site.id)).toEqual(c);
  });

  it('persists across closing and reopening the data folder', () => {
    const site = createSite(core.db, fields(), T0);
    const c = recordClassification(core.db, site.id, B_ANSWERS, 'Dan', T1);
    const dataDir = core.dataDir;
    core.close();

    core = openCore({ dataDir });
    expect(getSite(core.db, site.id)).toEqual(site);
    expect(listClassifications(core.db, site.id)).toEqual([c]);
  });
});

describe('audit trail of sites', () => {
  it('records creation, each changed field with old and new value, archiving and classification, oldest first', () => {
    const site = createSite(core.db, fields({ name: '第一工場', generationCapacityKw: 100 }), T0, '山田');
    updateSite(core.db, site.id, fields({ name: '第一工場（本館）', generationCapacityKw: 100 }), T1, '佐藤');
    setSiteArchived(core.db, site.id, true, T2, '佐藤');
    recordClassification(core.db, site.id, A_ANSWERS, '鈴木', T2);

    const history = auditHistory(core.db, 'site', site.id);
    expect(history.map((e) => [e.action, e.userName, e.at])).toEqual([
      ['create', '山田', T0.toISOString()],
      ['update', '佐藤', T1.toISOString()],
      ['archive', '佐藤', T2.toISOString()],
      ['classify', '鈴木', T2.toISOString()],
    ]);
    expect(history[0]!.changes).toContainEqual({ field: 'name', old: null, new: '第一工場' });
    expect(history[1]!.changes).toEqual([{ field: 'name', old: '第一工場', new: '第一工場（本館）' }]);
    expect(history[2]!.changes).toEqual([{ field: 'archivedAt', old: null, new: T2.toISOString() }]);
    expect(history[3]!.changes).toEqual([{ field: 'classification', old: null, new: 'A' }]);
  });

  it('writes no audit entry when the change itself fails', () => {
    expect(thrown(() => updateSite(core.db, MISSING_ID, fields(), T1, 'x')).code).toBe('not_found');
    expect(auditHistory(core.db, 'site', MISSING_ID)).toEqual([]);
  });
});
