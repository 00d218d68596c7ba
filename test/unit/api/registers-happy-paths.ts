import { expect } from 'vitest';
import type { ChannelName, SiteRegisters } from '../../../electron/api/contract';

interface Context {
  call<T>(channel: ChannelName, input?: unknown): Promise<T>;
  /** A classified site with an open round (the router test's own). */
  startRound(): Promise<{ siteId: string; roundId: string }>;
}

type RegistersChannel = 'registers:get' | 'registers:diagram';

/** Happy paths for the registers' channels (issue 14), spread into the router test's table. */
export function registersHappyPaths({ call, startRound }: Context): Record<RegistersChannel, () => Promise<void>> {
  return {
    'registers:get': async () => {
      const { siteId } = await startRound();
      const registers = await call<SiteRegisters>('registers:get', { siteId });
      expect(registers).toMatchObject({ siteId, parties: [], contactSteps: [], points: [], flags: [] });
      expect(registers.office.officeJa).toContain('産業保安監督部');
    },
    'registers:diagram': async () => {
      const { siteId } = await startRound();
      const { svg } = await call<{ svg: string }>('registers:diagram', { siteId, language: 'en' });
      expect(svg).toMatch(/^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      for (const zone of ['External', 'Monitoring', 'Control', 'Site LAN']) expect(svg).toContain(`>${zone}</text>`);
    },
  };
}
