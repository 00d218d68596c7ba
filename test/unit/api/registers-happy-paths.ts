import { expect } from 'vitest';
import type { ChannelName, ContactStep, Party, SiteRegisters } from '../../../electron/api/contract';

interface Context {
  call<T>(channel: ChannelName, input?: unknown): Promise<T>;
  /** A classified site with an open round (the router test's own). */
  startRound(): Promise<{ siteId: string; roundId: string }>;
}

type RegistersChannel =
  | 'registers:get'
  | 'registers:saveParty'
  | 'registers:removeParty'
  | 'registers:moveParty'
  | 'registers:saveContacts'
  | 'registers:orgChart';

/** Happy paths for the registers' channels (issue 14), spread into the router test's table. */
export function registersHappyPaths({ call, startRound }: Context): Record<RegistersChannel, () => Promise<void>> {
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
      const moved = await call<Party[]>('registers:moveParty', { siteId, id: b.id, to: 0 });
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
      const { svg } = await call<{ svg: string }>('registers:orgChart', { siteId, locale: 'ja' });
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      expect(svg).toContain('佐藤 花子');
      expect(svg).toContain('セキュリティ責任者');
    },
  };
}
