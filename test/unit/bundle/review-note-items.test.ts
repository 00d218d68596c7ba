import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/api/router';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { importBundle } from '../../../electron/core/bundle/import-bundle';
import { listReviewNotes } from '../../../electron/core/bundle/review-notes';
import { tempDirs } from '../helpers/temp-dir';
import { installation, populatedSite, snapshot, trust, type PopulatedSite, type World } from './bundle-world';

const dirs = tempDirs('hoan-review-items-');
let site: World;
let office: World;
let seeded: PopulatedSite;

beforeEach(async () => {
  site = installation(dirs.make(), '北関東ソーラー発電所 PC', '山田');
  office = installation(dirs.make(), '本社 保安管理課', '本社 田中');
  seeded = await populatedSite(site);
  trust(site.core, office.core);
  await importBundle(office.core, (await exportBundle(site.core, seeded.site.id, dirs.make())).path);
});

afterEach(() => {
  site.core.close();
  office.core.close();
  dirs.cleanup();
});

describe('[#11.11] a review note on a checklist item', () => {
  it('[#11.11] names the round and an item of it, or is refused with nothing written', async () => {
    const router = createRouter(office.core, { log: () => undefined });
    const before = snapshot(office.core);
    expect(await router.handle('review:add', { siteId: seeded.site.id, itemId: '2-1', text: '承認日は？' })).toEqual({
      ok: false,
      error: { code: 'validation', messageKey: 'bundle.errors.reviewItemWithoutRound' },
    });
    expect(await router.handle('review:add', { siteId: seeded.site.id, roundId: seeded.roundId, itemId: '99-9', text: '承認日は？' })).toEqual({
      ok: false,
      error: { code: 'not_found', messageKey: 'errors.notFound', params: { entity: 'item', id: '99-9' } },
    });
    expect(snapshot(office.core)).toEqual(before);
  });

  // A guard, not the finding's test: notes already travelled; the item and the overview showing them is tested end to end.
  it('reaches the site with its round and item, where the item and the overview can show it', async () => {
    const router = createRouter(office.core, { log: () => undefined });
    const added = await router.handle('review:add', { siteId: seeded.site.id, roundId: seeded.roundId, itemId: '2-1', text: '方針の承認日を記入してください' });
    expect(added).toMatchObject({ ok: true, data: { roundId: seeded.roundId, itemId: '2-1' } });
    await router.handle('review:add', { siteId: seeded.site.id, text: '全体として良好です' });

    trust(office.core, site.core, 'head_office');
    const review = await exportBundle(office.core, seeded.site.id, dirs.make());
    expect((await importBundle(site.core, review.path)).report.ok).toBe(true);
    expect(listReviewNotes(site.core.db, seeded.site.id).map((n) => [n.text, n.roundId, n.itemId, n.mine])).toEqual([
      ['方針の承認日を記入してください', seeded.roundId, '2-1', false],
      ['全体として良好です', null, null, false],
    ]);
  });
});
