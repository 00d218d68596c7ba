import type { ConnectionPoint, InsideZone, SiteRegisters, Zone, ZonedDevice } from '../electron/core/registers/register-types';

/**
 * A site's registers and zoned devices as the network diagram reads them,
 * made up deterministically: `devices` devices over the three inside zones
 * (control 45 %, monitoring 35 %, office 20 %) of ten kinds, and `points`
 * connection points — four in five to 外部, the rest between office and
 * monitoring — each naming one or two devices inside; one point in three
 * without a defence (every other one of those with a reason), one in ten
 * naming a device the inventory lacks. Used by bench/registers.ts (30/8,
 * 500/100) and the diagram's unit tests.
 */
export function sampleDiagramInput(devices: number, points: number): { registers: SiteRegisters; devices: ZonedDevice[] } {
  const kinds = ['PLC', 'PCS', '監視装置', 'ルーター', '保護継電器', 'PC', 'スイッチ', '計測器', 'ゲートウェイ', 'HMI'];
  const zoneOf = (i: number): InsideZone => (i % 20 < 9 ? 'control' : i % 20 < 16 ? 'monitoring' : 'office');
  const list: ZonedDevice[] = Array.from({ length: devices }, (_, i) => {
    const zone = zoneOf(i);
    const kind = kinds[(i * 7) % kinds.length]!;
    const network = { control: '制御LAN', monitoring: '監視LAN', office: '事務所LAN' }[zone];
    return { id: `dev-${i}`, assetId: `${kind.slice(0, 3).toUpperCase()}-${String(i + 1).padStart(3, '0')}`, name: `${kind} ${i + 1} 号機`, kind, network, zone, zoneSet: false };
  });
  const byZone = (zone: InsideZone) => list.filter((d) => d.zone === zone);
  const at = '2026-11-01T00:00:00.000Z';
  const pointList: ConnectionPoint[] = Array.from({ length: points }, (_, i) => {
    const between = i % 5 === 4;
    const insideZone: InsideZone = between ? 'monitoring' : (['monitoring', 'control', 'monitoring', 'office'] as const)[i % 4]!;
    const outsideZone: Zone = between ? 'office' : 'external';
    const pool = byZone(insideZone);
    const ends: ConnectionPoint['ends'] = [];
    if (pool.length > 0) {
      const d = pool[(i * 3) % pool.length]!;
      ends.push({ side: 'inside', assetId: d.assetId, deviceId: d.id, deviceName: d.name });
      if (i % 3 === 0 && pool.length > 1) {
        const e = pool[(i * 3 + 1) % pool.length]!;
        ends.push({ side: 'inside', assetId: e.assetId, deviceId: e.id, deviceName: e.name });
      }
    }
    if (i % 10 === 9) ends.push({ side: 'inside', assetId: `GW-${900 + i}`, deviceId: null, deviceName: null });
    const undefended = i % 3 === 2;
    return {
      id: `pt-${i}`,
      siteId: 'site',
      position: i,
      name: `接続点 ${i + 1}（${between ? '事業場LAN' : 'LTE'}）`,
      kind: between ? 'office_lan' : 'remote_monitoring',
      insideZone,
      outsideZone,
      peer: between ? '' : `接続先 ${(i % 12) + 1}`,
      purpose: '遠隔監視',
      medium: between ? 'lan' : 'lte',
      mediumNote: '',
      managedBy: '',
      managedByParty: null,
      needed: true,
      necessityReason: '',
      removalPlan: '',
      removalDate: null,
      noDefenceReason: undefended && i % 2 === 0 ? '不使用時は物理切断する運用' : '',
      ends,
      defences: undefended ? [] : [{ id: `df-${i}`, position: 0, kind: 'firewall', note: 'FW', evidence: [] }],
      updatedAt: at,
      updatedBy: 'bench',
    };
  });
  return {
    registers: {
      siteId: 'site',
      parties: [],
      contactSteps: [],
      office: { regionId: 'kanto', officeJa: '関東東北産業保安監督部', officeEn: 'Kanto-Tohoku', phone: '' },
      points: pointList,
      networks: [],
      flags: [],
    },
    devices: list,
  };
}
