import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope, ErrorShape } from '../../../electron/api/contract';
import { createRouter } from '../../../electron/api/router';
import { auditHistory } from '../../../electron/core/audit/audit-log';
import type { Core } from '../../../electron/core/core';
import { HoanError } from '../../../electron/core/errors';
import { movePoint, removePoint, savePoint } from '../../../electron/core/registers/connection-points';
import { attachDefenceEvidence } from '../../../electron/core/registers/defence-evidence';
import { setNetworkZone } from '../../../electron/core/registers/network-zone-writer';
import { siteRegisters } from '../../../electron/core/registers/register-read';
import { pointInputSchema, type PointInput } from '../../../electron/core/registers/register-schema';
import type { SavedPoint } from '../../../electron/core/registers/point-schema';
import type { Defence } from '../../../electron/core/registers/register-types';
import { createSite } from '../../../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../../../electron/core/sites/site-schema';
import { registersKit, seedSolarRegisters } from '../helpers/registers';
import { TEST_USER } from '../helpers/set-up';
import { siteInput } from '../helpers/site-input';

const kit = registersKit('hoan-registers-points-');
afterEach(() => kit.cleanup());

const AT = new Date('2026-11-02T01:00:00.000Z');
const BY = '鈴木 一郎';

function lte(siteId: string, more: Partial<PointInput> = {}): PointInput {
  return {
    siteId,
    name: '遠隔監視回線（LTE）',
    kind: 'remote_monitoring',
    insideZone: 'monitoring',
    medium: 'lte',
    mediumNote: '閉域SIM',
    peer: 'ソーラー監視センター',
    insideAssets: ['RT-01', 'MON-01'],
    defences: [
      { kind: 'firewall', note: 'ルーター内蔵FWで監視センター以外を遮断' },
      { kind: 'allow_list', note: '接続先を監視センターに限定' },
    ],
    ...more,
  };
}

const save = (core: Core, input: PointInput) => savePoint(core.db, pointInputSchema.parse(input), BY, AT);

/** The field errors a refused write carries, by path. */
function refusal(write: () => unknown): Record<string, string> {
  try {
    write();
  } catch (err) {
    if (!(err instanceof HoanError)) throw err;
    return Object.fromEntries((err.fields ?? []).map((f) => [f.path, f.messageKey]));
  }
  throw new Error('the write was not refused');
}

const count = (core: Core, table: string) => (core.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

async function uploaded(core: Core, text: string, name: string): Promise<{ sha256: string; name: string }> {
  const envelope = (await createRouter(core).upload('evidence', Readable.from([Buffer.from(text)]), { name })) as Envelope<{ sha256: string; name: string }>;
  if (!envelope.ok) throw new Error(JSON.stringify(envelope.error));
  return { sha256: envelope.data.sha256, name: envelope.data.name };
}

describe('[#14.2] the connection point register (6-2-2, 6-2-3)', () => {
  it('[#14.2] a point judged unnecessary needs a reason, a removal plan and a removal date; nothing is written without them', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    expect(refusal(() => save(core, lte(siteId, { needed: false })))).toEqual({
      necessityReason: 'registers.errors.points.reasonRequired',
      removalPlan: 'registers.errors.points.removalPlanRequired',
      removalDate: 'registers.errors.points.removalDateRequired',
    });
    expect(count(core, 'connection_points')).toBe(0);
    const { point } = save(core, lte(siteId, { needed: false, necessityReason: '監視はPCS内蔵通信で足りる', removalPlan: 'LTEルーターを撤去', removalDate: '2027-03-31' }));
    expect(point).toMatchObject({ needed: false, removalDate: '2027-03-31' });
  });

  it('[#14.2] the inside and outside zones must differ, and the manager must be a party of the same site', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    const other = createSite(core.db, siteFieldsSchema.parse(siteInput({ name: '第二太陽光発電所' })), AT, TEST_USER);
    const elsewhere = seedSolarRegisters(core.db, other.id);
    expect(refusal(() => save(core, lte(siteId, { outsideZone: 'monitoring', managedByParty: elsewhere.parties.monitoring })))).toEqual({
      outsideZone: 'registers.errors.points.sameZone',
      managedByParty: 'registers.errors.points.partyNotOfSite',
    });
    const own = seedSolarRegisters(core.db, siteId);
    expect(save(core, lte(siteId, { managedByParty: own.parties.monitoring })).point.managedByParty).toBe(own.parties.monitoring);
  });

  it('[#14.2] a 管理番号 the inventory does not hold is kept and flagged, never refused; the same 管理番号 on both sides is refused', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    const { point, flags } = save(core, lte(siteId, { insideAssets: ['RT-01', 'GW-99'] }));
    expect(point.ends.map((e) => [e.assetId, e.deviceName])).toEqual([
      ['GW-99', null],
      ['RT-01', 'LTEルーター'],
    ]);
    expect(flags).toEqual([{ kind: 'deviceNotInInventory', entryId: point.id, params: { point: '遠隔監視回線（LTE）', assetId: 'GW-99' } }]);
    expect(siteRegisters(core.db, core.resourcesDir, siteId).flags.map((f) => f.kind)).toEqual(['deviceNotInInventory']);

    expect(refusal(() => save(core, lte(siteId, { id: point.id, outsideAssets: ['CAR-01', 'RT-01'] })))).toEqual({
      'outsideAssets.1': 'registers.errors.points.deviceOnBothSides',
    });
  });

  it('[#14.2] a USB port point has the medium USB: another medium is refused at the medium field', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    const usb = { name: '監視PCのUSBポート', kind: 'usb_port', insideZone: 'monitoring', outsideZone: 'external', insideAssets: ['MON-01'], defences: [] } as const;
    expect(refusal(() => save(core, { siteId, ...usb, medium: 'lan' }))).toEqual({ medium: 'registers.errors.points.usbPortMedium' });
    expect(save(core, { siteId, ...usb, medium: 'usb' }).point.medium).toBe('usb');
  });

  it('[#14.2] defences are replaced by id: a kept defence keeps its evidence, a new one gets an id, a dropped one loses its evidence links, all audited', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    const { point } = save(core, lte(siteId));
    const [firewall, allowList] = point.defences as [Defence, Defence];
    const rules = await uploaded(core, 'deny any any\npermit 203.0.113.10', 'fw-rules.txt');
    const sim = await uploaded(core, '閉域SIM 契約書（写し）', 'sim-contract.txt');
    attachDefenceEvidence(core.db, { siteId, pointId: point.id, defenceId: firewall.id, ...rules }, BY, AT);
    attachDefenceEvidence(core.db, { siteId, pointId: point.id, defenceId: allowList.id, ...sim }, BY, AT);

    // The firewall moves to second place with a new note; the allow list goes; logging is new.
    const after = save(core, lte(siteId, {
      id: point.id,
      defences: [
        { kind: 'logging', note: 'ルーターの通信ログを月1回回収' },
        { id: firewall.id, kind: 'firewall', note: '監視センターのIPのみ許可' },
      ],
    })).point;
    expect(after.defences.map((d) => [d.kind, d.evidence.map((e) => e.name)])).toEqual([
      ['logging', []],
      ['firewall', ['fw-rules.txt']],
    ]);
    expect(after.defences[1]!.id).toBe(firewall.id);
    expect(after.defences[0]!.id).not.toBe(allowList.id);
    expect(core.db.prepare('SELECT count(*) AS n FROM connection_defence_evidence WHERE defence_id = ?').get(allowList.id)).toEqual({ n: 0 });
    // The stored file stays: other records may cite it.
    expect(core.db.prepare('SELECT count(*) AS n FROM evidence_files WHERE sha256 = ?').get(sim.sha256)).toEqual({ n: 1 });

    const entry = auditHistory(core.db, 'connection-point', point.id).at(-1)!;
    expect(entry).toMatchObject({ action: 'update', userName: BY, siteId });
    expect(entry.changes).toEqual(
      expect.arrayContaining([
        { field: `defences.${allowList.id}`, old: '2. allow_list: 接続先を監視センターに限定', new: null },
        { field: `defences.${allowList.id}.evidence`, old: `sim-contract.txt sha256:${sim.sha256}`, new: null },
        { field: `defences.${firewall.id}`, old: '1. firewall: ルーター内蔵FWで監視センター以外を遮断', new: '2. firewall: 監視センターのIPのみ許可' },
        { field: `defences.${after.defences[0]!.id}`, old: null, new: '1. logging: ルーターの通信ログを月1回回収' },
      ]),
    );
  });

  it('[#14.2] a defence id of another point is refused; a reason for no defence is kept only while there is none', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    const a = save(core, lte(siteId)).point;
    const b = save(core, lte(siteId, { name: '保守用VPN', defences: [], noDefenceReason: '作業日のみ接続' }));
    expect(b.flags.map((f) => f.kind)).toEqual(['pointUndefendedWithReason']);
    expect(refusal(() => save(core, lte(siteId, { id: b.point.id, defences: [{ id: a.defences[0]!.id, kind: 'firewall' }] })))).toEqual({
      'defences.0.id': 'registers.errors.points.defenceNotOfPoint',
    });
    const defended = save(core, lte(siteId, { id: b.point.id, name: '保守用VPN', defences: [{ kind: 'vpn' }], noDefenceReason: '作業日のみ接続' }));
    expect(defended.point.noDefenceReason).toBe('');
    expect(defended.flags).toEqual([]);
  });

  it('[#14.2] points are reordered and removed with their defences and evidence links, audited', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    const one = save(core, lte(siteId)).point;
    const two = save(core, lte(siteId, { name: '保守用VPN', kind: 'maintenance_access', medium: 'internet_vpn', insideAssets: ['VPN-01'] })).point;
    const file = await uploaded(core, 'fw', 'fw.txt');
    attachDefenceEvidence(core.db, { siteId, pointId: one.id, defenceId: one.defences[0]!.id, ...file }, BY, AT);
    expect(movePoint(core.db, { siteId, id: two.id, position: 0 }, BY, AT).map((p) => p.name)).toEqual(['保守用VPN', '遠隔監視回線（LTE）']);
    expect(auditHistory(core.db, 'connection-point', two.id).at(-1)).toMatchObject({ action: 'move', changes: [{ field: 'position', old: 2, new: 1 }] });

    expect(removePoint(core.db, { siteId, id: one.id }, BY, AT).map((p) => p.id)).toEqual([two.id]);
    expect(count(core, 'connection_defence_evidence')).toBe(0);
    expect(core.db.prepare('SELECT count(*) AS n FROM connection_point_defences WHERE point_id = ?').get(one.id)).toEqual({ n: 0 });
    const removed = auditHistory(core.db, 'connection-point', one.id).at(-1)!;
    expect(removed.action).toBe('remove');
    expect(removed.changes).toContainEqual({ field: `defences.${one.defences[0]!.id}.evidence`, old: `fw.txt sha256:${file.sha256}`, new: null });
  });

  it('[#14.2] setting a network zone changes siteRegisters().networks, and unsetting it goes back to the guess; audited as network-zone', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    const zoneOf = () => siteRegisters(core.db, core.resourcesDir, siteId).networks.find((n) => n.network === '事務所LAN');
    expect(zoneOf()).toMatchObject({ zone: 'office', set: false });
    setNetworkZone(core.db, { siteId, network: '事務所LAN', zone: 'monitoring' }, BY, AT);
    expect(zoneOf()).toMatchObject({ zone: 'monitoring', set: true, devices: 1 });
    setNetworkZone(core.db, { siteId, network: '事務所LAN', zone: null }, BY, AT);
    expect(zoneOf()).toMatchObject({ zone: 'office', set: false });
    expect(auditHistory(core.db, 'network-zone', '事務所LAN').map((e) => [e.action, e.changes])).toEqual([
      ['set', [{ field: 'zone', old: null, new: 'monitoring' }]],
      ['unset', [{ field: 'zone', old: 'monitoring', new: null }]],
    ]);
    expect(refusal(() => setNetworkZone(core.db, { siteId, network: '監視ラン', zone: 'control' }, BY, AT))).toEqual({
      network: 'registers.errors.points.networkNotInInventory',
    });
    expect(refusal(() => setNetworkZone(core.db, { siteId, network: '監視LAN', zone: 'external' }, BY, AT))).toEqual({
      zone: 'registers.errors.points.zoneExternal',
    });
  });

  it('[#14.2] a real uploaded file is attached to a defence through the channels, read back, and detached with an audit entry', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    const router = createRouter(core);
    const saved = (await router.handle('registers:savePoint', lte(siteId))) as Envelope<SavedPoint>;
    if (!saved.ok) throw new Error(JSON.stringify(saved.error));
    const { point } = saved.data;
    const photo = await uploaded(core, '\x89PNG\r\n\x1a\n cable unplugged', 'ケーブル抜線.png');
    const ref = { siteId, pointId: point.id, defenceId: point.defences[0]!.id };
    const attached = (await router.handle('registers:attachDefenceEvidence', { ...ref, ...photo })) as Envelope<Defence>;
    expect(attached.ok && attached.data.evidence.map((e) => [e.name, e.sha256, e.attachedBy])).toEqual([['ケーブル抜線.png', photo.sha256, TEST_USER]]);
    const missing = (await router.handle('registers:attachDefenceEvidence', { ...ref, sha256: 'f'.repeat(64), name: 'x.txt' })) as Envelope<Defence>;
    expect(!missing.ok && missing.error.messageKey).toBe('errors.evidence.notFound');
    expect(siteRegisters(core.db, core.resourcesDir, siteId).points[0]!.defences[0]!.evidence.map((e) => e.name)).toEqual(['ケーブル抜線.png']);
    const detached = (await router.handle('registers:detachDefenceEvidence', { ...ref, sha256: photo.sha256 })) as Envelope<Defence>;
    expect(detached.ok && detached.data.evidence).toEqual([]);
    expect(auditHistory(core.db, 'connection-point', point.id).map((e) => e.action)).toEqual(['create', 'attach', 'detach']);
  });

  it('[#14.2] a copy of the site held at head office is read-only: every writer is refused with the read-only message and nothing changes', async () => {
    const { core, siteId } = await kit.open({ seed: false });
    const router = createRouter(core);
    const { point } = save(core, lte(siteId));
    const cited = await uploaded(core, 'vpn settings', 'vpn.txt');
    attachDefenceEvidence(core.db, { siteId, pointId: point.id, defenceId: point.defences[1]!.id, ...cited }, BY, AT);
    core.db
      .prepare("INSERT INTO site_origins (site_id, owner_fingerprint, owner_name, last_bundle_id, last_bundle_at, imported_at) VALUES (?, 'AB12', '第一太陽光発電所', ?, ?, ?)")
      .run(siteId, randomUUID(), AT.toISOString(), AT.toISOString());
    const file = await uploaded(core, 'fw', 'fw.txt');
    const before = JSON.stringify(siteRegisters(core.db, core.resourcesDir, siteId));
    const refused = async (channel: string, input: unknown) => {
      const envelope = (await router.handle(channel as 'registers:get', input)) as Envelope<unknown>;
      return envelope.ok ? null : (envelope.error as ErrorShape).messageKey;
    };
    const message = 'bundle.errors.siteReadOnly';
    expect(await refused('registers:savePoint', lte(siteId))).toBe(message);
    expect(await refused('registers:savePoint', lte(siteId, { id: point.id, peer: '変更' }))).toBe(message);
    expect(await refused('registers:movePoint', { siteId, id: point.id, position: 3 })).toBe(null); // already in place: nothing to write
    expect(await refused('registers:removePoint', { siteId, id: point.id })).toBe(message);
    expect(await refused('registers:attachDefenceEvidence', { siteId, pointId: point.id, defenceId: point.defences[0]!.id, ...file })).toBe(message);
    expect(await refused('registers:detachDefenceEvidence', { siteId, pointId: point.id, defenceId: point.defences[1]!.id, sha256: cited.sha256 })).toBe(message);
    expect(await refused('registers:setNetworkZone', { siteId, network: '監視LAN', zone: 'control' })).toBe(message);
    expect(JSON.stringify(siteRegisters(core.db, core.resourcesDir, siteId))).toBe(before);
  });
});
