import { afterEach, describe, expect, it } from 'vitest';
import type { ErrorShape } from '../../../electron/api/contract';
import { createRouter } from '../../../electron/api/router';
import { siteAuditLog } from '../../../electron/core/audit/audit-log';
import type { Core } from '../../../electron/core/core';
import { HoanError } from '../../../electron/core/errors';
import { moveParty, removeParty, saveContactSteps, saveParty } from '../../../electron/core/registers/organisation';
import { listContactSteps, listParties } from '../../../electron/core/registers/register-read';
import { contactStepsInputSchema, partyInputSchema, type PartyInput } from '../../../electron/core/registers/register-schema';
import { createSite } from '../../../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../../../electron/core/sites/site-schema';
import { registersKit } from '../helpers/registers';
import { TEST_USER } from '../helpers/set-up';
import { siteInput } from '../helpers/site-input';

const kit = registersKit('hoan-registers-org-');
afterEach(() => kit.cleanup());

const NOW = new Date('2026-11-02T01:00:00Z');

function save(core: Core, input: PartyInput) {
  return saveParty(core.db, partyInputSchema.parse(input), TEST_USER, NOW);
}

function contacts(core: Core, siteId: string, steps: { partyId: string; note?: string }[]) {
  return saveContactSteps(core.db, contactStepsInputSchema.parse({ siteId, steps }), TEST_USER, NOW);
}

function refusal(fn: () => unknown): ErrorShape {
  try {
    fn();
  } catch (err) {
    if (err instanceof HoanError) return err.toShape();
    throw err;
  }
  throw new Error('expected a refusal');
}

function snapshot(core: Core, siteId: string) {
  return { parties: listParties(core.db, siteId), steps: listContactSteps(core.db, siteId), audit: siteAuditLog(core.db, siteId).length };
}

describe('[#14.1] 体制: saving parties', () => {
  it('creates parties appended in order, updates one, and audits each field change', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    const owner = save(core, { siteId, role: 'owner', organisation: '株式会社テスト', phone: '０３－１２３４－５６７８' });
    const security = save(core, { siteId, role: 'security_manager', personName: '佐藤 花子', email: 'Hanako@Example.CO.JP', reportsTo: owner.id, responsibilities: ['roles', 'overall'] });
    expect([owner.position, security.position]).toEqual([0, 1]);
    expect(owner.phone).toBe('03-1234-5678');
    expect(security.email).toBe('Hanako@example.co.jp');

    const updated = save(core, { siteId, id: security.id, role: 'security_manager', personName: '佐藤 花子', title: '発電所長', reportsTo: owner.id, phone: '090-1111-2222' });
    expect(updated).toMatchObject({ position: 1, title: '発電所長', phone: '090-1111-2222', email: '', responsibilities: [] });

    const log = siteAuditLog(core.db, siteId).filter((e) => e.entity === 'register-party');
    expect(log.map((e) => [e.entityId, e.action])).toEqual([
      [owner.id, 'create'],
      [security.id, 'create'],
      [security.id, 'update'],
    ]);
    expect(log[2]!.changes).toEqual([
      { field: 'title', old: '', new: '発電所長' },
      { field: 'phone', old: '', new: '090-1111-2222' },
      { field: 'email', old: 'Hanako@example.co.jp', new: '' },
      { field: 'responsibilities', old: 'overall,roles', new: '' },
    ]);
    expect(log[2]!.userName).toBe(TEST_USER);
  });

  it('refuses a party with neither a person nor an organisation, at both fields', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    expect(refusal(() => save(core, { siteId, role: 'maker', title: '窓口' })).fields).toEqual([
      { path: 'personName', messageKey: 'registers.errors.organisation.nameRequired' },
      { path: 'organisation', messageKey: 'registers.errors.organisation.nameRequired' },
    ]);
    expect(listParties(core.db, siteId)).toEqual([]);
  });

  it('refuses a reporting line that loops (A → B → A), naming the loop, and leaves the register as it was', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    const a = save(core, { siteId, role: 'owner', personName: '山田 太郎' });
    const b = save(core, { siteId, role: 'security_manager', personName: '佐藤 花子', reportsTo: a.id });
    const c = save(core, { siteId, role: 'chief_engineer', personName: '鈴木 一郎', reportsTo: b.id });
    const before = snapshot(core, siteId);
    expect(refusal(() => save(core, { siteId, id: a.id, role: 'owner', personName: '山田 太郎', reportsTo: b.id })).fields).toEqual([
      { path: 'reportsTo', messageKey: 'registers.errors.organisation.reportsToLoop', params: { loop: '山田 太郎 → 佐藤 花子 → 山田 太郎' } },
    ]);
    expect(refusal(() => save(core, { siteId, id: a.id, role: 'owner', personName: '山田 太郎', reportsTo: c.id })).fields![0]!.params).toEqual({
      loop: '山田 太郎 → 鈴木 一郎 → 佐藤 花子 → 山田 太郎',
    });
    expect(refusal(() => save(core, { siteId, id: a.id, role: 'owner', personName: '山田 太郎', reportsTo: a.id })).fields![0]!.messageKey).toBe(
      'registers.errors.organisation.reportsToSelf',
    );
    expect(snapshot(core, siteId)).toEqual(before);
  });

  it('refuses reporting to a party of another site', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    const other = createSite(core.db, siteFieldsSchema.parse(siteInput({ name: '第二太陽光発電所' })), NOW, TEST_USER);
    const there = save(core, { siteId: other.id, role: 'owner', organisation: '別会社' });
    expect(refusal(() => save(core, { siteId, role: 'security_manager', personName: '佐藤 花子', reportsTo: there.id })).fields).toEqual([
      { path: 'reportsTo', messageKey: 'registers.errors.organisation.reportsToUnknown' },
    ]);
    expect(refusal(() => save(core, { siteId, id: there.id, role: 'owner', organisation: '別会社' })).code).toBe('not_found');
  });

  it('moves a party and keeps the others around it, audited', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    const [a, b, c] = ['A社', 'B社', 'C社'].map((organisation) => save(core, { siteId, role: 'maintenance', organisation }));
    expect(moveParty(core.db, siteId, c!.id, 0, TEST_USER, NOW).map((p) => [p.organisation, p.position])).toEqual([
      ['C社', 0],
      ['A社', 1],
      ['B社', 2],
    ]);
    expect(moveParty(core.db, siteId, a!.id, 99, TEST_USER, NOW).map((p) => p.organisation)).toEqual(['C社', 'B社', 'A社']);
    expect(siteAuditLog(core.db, siteId).filter((e) => e.action === 'move').map((e) => [e.entityId, e.changes])).toEqual([
      [c!.id, [{ field: 'position', old: 2, new: 0 }]],
      [a!.id, [{ field: 'position', old: 1, new: 2 }]],
    ]);
    void b;
  });
});

describe('[#14.1] 体制: removal refused while the party is referenced', () => {
  it('says where: the contact order, who reports to it, the connection point it manages', async () => {
    const { core, siteId, seeded } = await kit.open();
    const { security, monitoring, maker } = seeded!.parties;
    expect(refusal(() => removeParty(core.db, siteId, security, TEST_USER, NOW))).toEqual({
      code: 'conflict',
      messageKey: 'registers.errors.organisation.removeInContacts',
      params: { party: '佐藤 花子', position: 1 },
    });
    contacts(core, siteId, [{ partyId: seeded!.parties.engineer }]);
    expect(refusal(() => removeParty(core.db, siteId, security, TEST_USER, NOW))).toEqual({
      code: 'conflict',
      messageKey: 'registers.errors.organisation.removeHasReports',
      params: { party: '佐藤 花子', reports: '鈴木 一郎、高橋 次郎、ソーラー監視センター株式会社' },
    });
    expect(refusal(() => removeParty(core.db, siteId, monitoring, TEST_USER, NOW))).toEqual({
      code: 'conflict',
      messageKey: 'registers.errors.organisation.removeManagesPoint',
      params: { party: 'ソーラー監視センター株式会社', points: '遠隔監視回線（LTE）' },
    });
    const before = snapshot(core, siteId);
    removeParty(core.db, siteId, maker, TEST_USER, NOW);
    const after = listParties(core.db, siteId);
    expect(after.map((p) => p.position)).toEqual([0, 1, 2, 3, 4]);
    expect(after.length).toBe(before.parties.length - 1);
    const entry = siteAuditLog(core.db, siteId).at(-1)!;
    expect(entry).toMatchObject({ entity: 'register-party', entityId: maker, action: 'remove' });
    expect(entry.changes).toContainEqual({ field: 'organisation', old: '東芝三菱電機産業システム株式会社', new: null });
  });
});

describe('[#14.1] 連絡体制: the call order', () => {
  it('saves the whole order at once and audits the old and new order as text', async () => {
    const { core, siteId, seeded } = await kit.open();
    const { security, engineer, maintenance } = seeded!.parties;
    const steps = contacts(core, siteId, [{ partyId: engineer, note: '休日・夜間' }, { partyId: security }, { partyId: maintenance }]);
    expect(steps).toEqual([
      { position: 0, partyId: engineer, note: '休日・夜間' },
      { position: 1, partyId: security, note: '' },
      { position: 2, partyId: maintenance, note: '' },
    ]);
    const entry = siteAuditLog(core.db, siteId).at(-1)!;
    expect(entry).toMatchObject({ entity: 'register-contacts', entityId: siteId, action: 'update' });
    expect(entry.changes).toEqual([
      {
        field: 'order',
        old: '1. 佐藤 花子\n2. 鈴木 一郎\n3. ソーラー監視センター株式会社（夜間・休日）\n4. 山田 太郎',
        new: '1. 鈴木 一郎（休日・夜間）\n2. 佐藤 花子\n3. 高橋 次郎',
      },
    ]);
  });

  it('refuses the same party twice (the order comes back to someone already called), naming the party and both positions', async () => {
    const { core, siteId, seeded } = await kit.open();
    const { security, engineer } = seeded!.parties;
    const before = snapshot(core, siteId);
    const shape = refusal(() => contacts(core, siteId, [{ partyId: security }, { partyId: engineer }, { partyId: security }]));
    expect(shape).toMatchObject({ code: 'validation' });
    expect(shape.fields).toEqual([{ path: 'steps.2.partyId', messageKey: 'registers.errors.contacts.repeated', params: { party: '佐藤 花子', first: 1, again: 3 } }]);
    expect(snapshot(core, siteId)).toEqual(before);
  });

  it('refuses a party the register does not hold and one of another site', async () => {
    const { core, siteId } = await kit.open();
    const other = createSite(core.db, siteFieldsSchema.parse(siteInput({ name: '第二太陽光発電所' })), NOW, TEST_USER);
    const there = save(core, { siteId: other.id, role: 'owner', organisation: '別会社' });
    expect(refusal(() => contacts(core, siteId, [{ partyId: there.id }, { partyId: '6f1c1c55-3d1c-4d64-9a43-8a1f7d8b5e10' }])).fields).toEqual([
      { path: 'steps.0.partyId', messageKey: 'registers.errors.contacts.partyOtherSite' },
      { path: 'steps.1.partyId', messageKey: 'registers.errors.contacts.partyUnknown' },
    ]);
  });
});

describe('[#14.1] 体制 and 連絡体制 of a copy held at head office are read-only', () => {
  it('refuses every writer with the read-only message, through the router as through core, and changes nothing', async () => {
    const { core, siteId, seeded } = await kit.open();
    core.db
      .prepare(`INSERT INTO site_origins (site_id, owner_fingerprint, owner_name, last_bundle_id, last_bundle_at, imported_at) VALUES (?, 'SHA256:x', '北関東ソーラー発電所 PC', 'b1', ?, ?)`)
      .run(siteId, NOW.toISOString(), NOW.toISOString());
    const before = snapshot(core, siteId);
    const router = createRouter(core);
    const readOnly = { ok: false, error: { code: 'conflict', messageKey: 'bundle.errors.siteReadOnly' } };
    const { security, maker } = seeded!.parties;
    expect(await router.handle('registers:saveParty', { siteId, role: 'maker', organisation: '新しい窓口' })).toEqual(readOnly);
    expect(await router.handle('registers:saveParty', { siteId, id: security, role: 'security_manager', personName: '別の人' })).toEqual(readOnly);
    expect(await router.handle('registers:removeParty', { siteId, id: maker })).toEqual(readOnly);
    expect(await router.handle('registers:moveParty', { siteId, id: maker, position: 0 })).toEqual(readOnly);
    expect(await router.handle('registers:saveContacts', { siteId, steps: [{ partyId: maker }] })).toEqual(readOnly);
    // The migration's triggers hold even for a writer that did not ask first.
    expect(() => core.db.prepare('UPDATE register_parties SET title = ? WHERE id = ?').run('x', security)).toThrow('hoan:site-read-only');
    expect(snapshot(core, siteId)).toEqual(before);
  });
});
