import { afterEach, describe, expect, it } from 'vitest';
import { siteRegisters } from '../../../electron/core/registers/register-read';
import { registersKit } from '../helpers/registers';

const kit = registersKit('hoan-registers-read-');
afterEach(() => kit.cleanup());

describe('[#14] the registers read model', () => {
  it('reads a solar plant: parties in order, the call order closed by the region office, points with their devices and defences', async () => {
    const { core, siteId, seeded } = await kit.open();
    const r = siteRegisters(core.db, core.resourcesDir, siteId);
    expect(r.parties.map((p) => p.role)).toEqual(['owner', 'security_manager', 'outsourced_engineer', 'maintenance', 'monitoring', 'maker']);
    expect(r.contactSteps.map((s) => s.partyId)).toEqual([seeded!.parties.security, seeded!.parties.engineer, seeded!.parties.monitoring, seeded!.parties.owner]);
    expect(r.office).toMatchObject({ regionId: 'kanto', officeJa: expect.stringContaining('関東東北産業保安監督部') });
    expect(r.points.map((p) => [p.name, p.defences.length, p.ends.map((e) => e.deviceName)])).toEqual([
      ['遠隔監視回線（LTE）', 2, ['遠隔監視装置', 'LTEルーター']],
      ['保守用リモートアクセス（VPN）', 2, ['保守用VPN装置']],
      ['出力制御回線', 1, ['出力制御ユニット']],
    ]);
    expect(r.networks.map((n) => [n.network, n.zone, n.devices])).toEqual([
      ['監視LAN', 'monitoring', 3],
      ['事務所LAN', 'office', 1],
      ['制御LAN', 'control', 5],
    ]);
    expect(r.flags).toEqual([]);
  });

  it('flags a device the inventory does not hold and a point with no defence', async () => {
    const { core, siteId, seeded } = await kit.open();
    core.db.prepare("INSERT INTO connection_point_ends (point_id, side, asset_id) VALUES (?, 'inside', 'GW-99')").run(seeded!.points.output);
    core.db.prepare('DELETE FROM connection_point_defences WHERE point_id = ?').run(seeded!.points.output);
    const r = siteRegisters(core.db, core.resourcesDir, siteId);
    expect(r.flags.map((f) => [f.kind, f.params])).toEqual([
      ['deviceNotInInventory', { point: '出力制御回線', assetId: 'GW-99' }],
      ['pointUndefended', { point: '出力制御回線' }],
    ]);
  });
});
