import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRouter } from '../../../electron/api/router';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { importBundle } from '../../../electron/core/bundle/import-bundle';
import { getInstallation, loadSigningKey } from '../../../electron/core/bundle/installation';
import { listReviewNotes } from '../../../electron/core/bundle/review-notes';
import type { Core } from '../../../electron/core/core';
import { registersKit, type SeededRegisters } from '../helpers/registers';
import { installation, snapshot, trust, type World } from './bundle-world';
import { craftZip, editRecords, entriesOf, nameOf, rebag } from './zip-craft';

const kit = registersKit('hoan-review-registers-');
let site: { core: Core; siteId: string; roundId: string; seeded: SeededRegisters };
let office: World;

beforeEach(async () => {
  const opened = await kit.open();
  site = { core: opened.core, siteId: opened.siteId, roundId: opened.roundId, seeded: opened.seeded! };
  office = installation(kit.dirs.make(), '本社 保安管理課', '本社 田中');
  trust(site.core, office.core);
  const first = await exportBundle(site.core, site.siteId, kit.dirs.make());
  expect((await importBundle(office.core, first.path)).report.failures).toEqual([]);
  trust(office.core, site.core, 'head_office');
});

afterEach(() => {
  office?.core.close();
  kit.cleanup();
});

/** A review note's row as Hoan wrote it before registers (its strict schema, as an older installation still checks it). */
const olderNoteRow = z
  .object({
    id: z.string().uuid(),
    site_id: z.string().uuid(),
    round_id: z.string().nullable(),
    item_id: z.string().nullable(),
    text: z.string().min(1).max(4000),
    author_fingerprint: z.string(),
    author_name: z.string(),
    written_by: z.string(),
    created_at: z.string(),
  })
  .strict();

async function reviewNotesIn(file: string): Promise<Record<string, unknown>[]> {
  const entry = (await entriesOf(file)).find((e) => nameOf(e) === 'data/records/review-notes.json')!;
  return (JSON.parse(entry.data.toString('utf8')) as { data: { notes: Record<string, unknown>[] } }).data.notes;
}

describe('[#14.5] review notes on registers', () => {
  it('[#14.5] a head-office note on a register, and on one of its entries, travels to the site in the review bundle and shows there', async () => {
    const router = createRouter(office.core, { log: () => undefined });
    const { points, parties } = site.seeded;
    expect(await router.handle('review:add', { siteId: site.siteId, register: 'connection_points', registerEntryId: points.vpn, text: 'VPN の認証方式の証跡を添付してください' })).toMatchObject({
      ok: true,
      data: { register: 'connection_points', registerEntryId: points.vpn, roundId: null, itemId: null, mine: true },
    });
    expect(await router.handle('review:add', { siteId: site.siteId, register: 'contacts', registerEntryId: parties.monitoring, text: '夜間の連絡先を確認' })).toMatchObject({ ok: true });
    expect(await router.handle('review:add', { siteId: site.siteId, register: 'organisation', text: '体制図は良好です' })).toMatchObject({ ok: true });

    const review = await exportBundle(office.core, site.siteId, kit.dirs.make());
    expect((await importBundle(site.core, review.path)).report.failures).toEqual([]);
    const atSite = await createRouter(site.core, { log: () => undefined }).handle('review:list', { siteId: site.siteId });
    expect((atSite as { data: { text: string; register: string | null; registerEntryId: string | null; mine: boolean }[] }).data.map((n) => [n.register, n.registerEntryId, n.text, n.mine])).toEqual([
      ['connection_points', points.vpn, 'VPN の認証方式の証跡を添付してください', false],
      ['contacts', parties.monitoring, '夜間の連絡先を確認', false],
      ['organisation', null, '体制図は良好です', false],
    ]);

    // And back with the site's next bundle, unchanged.
    const back = await exportBundle(site.core, site.siteId, kit.dirs.make());
    expect((await importBundle(office.core, back.path)).imported!.counts['review-notes.json']).toBe(0);
  });

  it('[#14.5] a head-office note naming a register entry that does not exist is refused, with nothing written', async () => {
    const router = createRouter(office.core, { log: () => undefined });
    const { points, parties } = site.seeded;
    const before = snapshot(office.core);
    const unknown = '6f1c2a34-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
    const refusal = (id: string) => ({ ok: false, error: { code: 'not_found', messageKey: 'registers.errors.review.entryNotFound', params: expect.objectContaining({ id }) } });
    expect(await router.handle('review:add', { siteId: site.siteId, register: 'connection_points', registerEntryId: unknown, text: '？' })).toEqual(refusal(unknown));
    // An entry of another register is not an entry of this one.
    expect(await router.handle('review:add', { siteId: site.siteId, register: 'organisation', registerEntryId: points.lte, text: '？' })).toEqual(refusal(points.lte));
    // The maker is a party, but not called in the contact order.
    expect(await router.handle('review:add', { siteId: site.siteId, register: 'contacts', registerEntryId: parties.maker, text: '？' })).toEqual(refusal(parties.maker));
    expect(await router.handle('review:add', { siteId: site.siteId, registerEntryId: points.lte, text: '？' })).toEqual({
      ok: false,
      error: { code: 'validation', messageKey: 'registers.errors.review.entryWithoutRegister' },
    });
    expect(await router.handle('review:add', { siteId: site.siteId, register: 'organisation', roundId: site.roundId, itemId: '2-1', text: '？' })).toEqual({
      ok: false,
      error: { code: 'validation', messageKey: 'registers.errors.review.registerAndItem' },
    });
    expect(snapshot(office.core)).toEqual(before);
  });

  it('[#14.5] a review bundle writes notes on no register exactly as older Hoan did, and a bundle from older Hoan imports here', async () => {
    const router = createRouter(office.core, { log: () => undefined });
    await router.handle('review:add', { siteId: site.siteId, text: '全体として良好です' });
    await router.handle('review:add', { siteId: site.siteId, register: 'connection_points', registerEntryId: site.seeded.points.lte, text: '閉域SIMの契約書を添付' });
    const review = await exportBundle(office.core, site.siteId, kit.dirs.make());
    const [plain, onRegister] = await reviewNotesIn(review.path);
    // An older installation's strict schema takes the plain note as it is; only a note on a register has the two columns.
    expect(olderNoteRow.safeParse(plain).success).toBe(true);
    expect(Object.keys(onRegister!).filter((k) => !(k in olderNoteRow.shape))).toEqual(['register', 'register_entry_id']);

    // A review bundle as older Hoan wrote it: no register columns at all.
    const older = rebag(
      editRecords(await entriesOf(review.path), 'review-notes.json', (d) => {
        d.notes = (d.notes as Record<string, unknown>[]).slice(0, 1);
      }),
      { privateKey: loadSigningKey(office.core.dataDir), publicBlob: getInstallation(office.core.db).publicBlob },
    );
    const file = path.join(kit.dirs.make(), 'older.zip');
    fs.writeFileSync(file, craftZip(older));
    expect((await importBundle(site.core, file)).report.failures).toEqual([]);
    expect(listReviewNotes(site.core.db, site.siteId).map((n) => [n.text, n.register, n.registerEntryId])).toEqual([['全体として良好です', null, null]]);
  });
});
