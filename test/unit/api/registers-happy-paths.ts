import { expect } from 'vitest';
import type { RegistersChannel } from '../../../electron/api/handlers/registers-handlers';
import type { ChannelName, ConnectionPoint, ContactStep, Defence, Party, SavedPoint, SiteRegisters } from '../../../electron/api/contract';

interface Context {
  call<T>(channel: ChannelName, input?: unknown): Promise<T>;
  /** A classified site with an open round (the router test's own). */
  startRound(): Promise<{ siteId: string; roundId: string }>;
  /** A file through the evidence upload, as the screens send it. */
  upload(text: string, name: string): Promise<{ sha256: string; name: string }>;
}


/** Happy paths for the registers' channels (issue 14), spread into the router test's table. */
export function registersHappyPaths({ call, startRound, upload }: Context): Record<RegistersChannel, () => Promise<void>> {
  const lte = (siteId: string) => ({
    siteId,
    name: '遠隔監視回線（LTE）',
    kind: 'remote_monitoring',
    insideZone: 'monitoring',
    medium: 'lte',
    insideAssets: ['RT-01'],
    defences: [{ kind: 'firewall', note: '監視センター以外を遮断' }],
  });
  const withPoint = async () => {
    const { siteId } = await startRound();
    const { point } = await call<SavedPoint>('registers:savePoint', lte(siteId));
    return { siteId, point };
  };
  return {
    'registers:get': async () => {
      const { siteId } = await startRound();
      const registers = await call<SiteRegisters>('registers:get', { siteId });
      expect(registers).toMatchObject({ siteId, parties: [], contactSteps: [], points: [], flags: [] });
      expect(registers.office.officeJa).toContain('産業保安監督部');
    },
    'registers:saveParty': async () => {
      const { siteId } = await startRound();
      const party = await call<Party>('registers:saveParty', { siteId, role: 'security_manager', personName: '佐藤 花子', phone: '０４３（１１１）２２２２' });
      expect(party).toMatchObject({ siteId, position: 0, personName: '佐藤 花子', phone: '043-111-2222', reportsTo: null });
    },
    'registers:removeParty': async () => {
      const { siteId } = await startRound();
      const party = await call<Party>('registers:saveParty', { siteId, role: 'maker', organisation: 'メーカー窓口' });
      expect(await call('registers:removeParty', { siteId, id: party.id })).toEqual({ done: true });
      expect((await call<SiteRegisters>('registers:get', { siteId })).parties).toEqual([]);
    },
    'registers:moveParty': async () => {
      const { siteId } = await startRound();
      const a = await call<Party>('registers:saveParty', { siteId, role: 'owner', organisation: '株式会社テスト' });
      const b = await call<Party>('registers:saveParty', { siteId, role: 'security_manager', personName: '佐藤 花子' });
      const moved = await call<Party[]>('registers:moveParty', { siteId, id: b.id, position: 0 });
      expect(moved.map((p) => p.id)).toEqual([b.id, a.id]);
    },
    'registers:saveContacts': async () => {
      const { siteId } = await startRound();
      const a = await call<Party>('registers:saveParty', { siteId, role: 'security_manager', personName: '佐藤 花子' });
      const steps = await call<ContactStep[]>('registers:saveContacts', { siteId, steps: [{ partyId: a.id, note: '夜間・休日' }] });
      expect(steps).toEqual([{ position: 0, partyId: a.id, note: '夜間・休日' }]);
    },
    'registers:orgChart': async () => {
      const { siteId } = await startRound();
      await call<Party>('registers:saveParty', { siteId, role: 'security_manager', personName: '佐藤 花子' });
      const { svg } = await call<{ svg: string }>('registers:orgChart', { siteId, language: 'ja' });
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg).toContain('佐藤 花子');
      expect(svg).toContain('セキュリティ責任者');
    },
    'registers:savePoint': async () => {
      const { siteId, point } = await withPoint();
      expect(point).toMatchObject({ name: '遠隔監視回線（LTE）', medium: 'lte', defences: [{ kind: 'firewall' }] });
      const again = await call<SavedPoint>('registers:savePoint', { ...lte(siteId), id: point.id, peer: '監視センター' });
      expect(again.point).toMatchObject({ id: point.id, peer: '監視センター' });
      // The router test's site has no inventory: the device is flagged, not refused.
      expect(again.flags.map((f) => f.kind)).toEqual(['deviceNotInInventory']);
    },
    'registers:removePoint': async () => {
      const { siteId, point } = await withPoint();
      expect(await call<ConnectionPoint[]>('registers:removePoint', { siteId, id: point.id })).toEqual([]);
    },
    'registers:movePoint': async () => {
      const { siteId, point } = await withPoint();
      const second = await call<SavedPoint>('registers:savePoint', { ...lte(siteId), name: '保守用VPN' });
      const list = await call<ConnectionPoint[]>('registers:movePoint', { siteId, id: second.point.id, position: 0 });
      expect(list.map((p) => p.id)).toEqual([second.point.id, point.id]);
    },
    'registers:attachDefenceEvidence': async () => {
      const { siteId, point } = await withPoint();
      const file = await upload('deny all except 203.0.113.10', 'fw-rules.txt');
      const defence = await call<Defence>('registers:attachDefenceEvidence', { siteId, pointId: point.id, defenceId: point.defences[0]!.id, ...file });
      expect(defence.evidence.map((e) => e.name)).toEqual(['fw-rules.txt']);
    },
    'registers:detachDefenceEvidence': async () => {
      const { siteId, point } = await withPoint();
      const file = await upload('deny all except 203.0.113.10', 'fw-rules.txt');
      const ref = { siteId, pointId: point.id, defenceId: point.defences[0]!.id };
      await call('registers:attachDefenceEvidence', { ...ref, ...file });
      expect((await call<Defence>('registers:detachDefenceEvidence', { ...ref, sha256: file.sha256 })).evidence).toEqual([]);
    },
    'registers:setNetworkZone': async () => {
      const { siteId } = await startRound();
      // No inventory: only going back to the guess is possible, and it changes nothing.
      const registers = await call<SiteRegisters>('registers:setNetworkZone', { siteId, network: '監視LAN', zone: null });
      expect(registers.networks).toEqual([]);
    },
    'registers:diagram': async () => {
      const { siteId } = await startRound();
      const { svg } = await call<{ svg: string }>('registers:diagram', { siteId, language: 'en' });
      expect(svg).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      for (const zone of ['External', 'Monitoring', 'Control', 'Site LAN']) expect(svg).toContain(`>${zone}</text>`);
    },
  };
}
