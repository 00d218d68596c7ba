import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { AdvisoryMatch, ChannelName, Site } from '../../../electron/api/contract';
import type { Core } from '../../../electron/core/core';
import { importFixtureAdvisories, importLedger } from '../advisories/matching-fixture';
import { siteInput } from '../helpers/site-input';

interface Context {
  call<T>(channel: ChannelName, input?: unknown): Promise<T>;
  core(): Core;
}

/** Happy paths for advisories:matches, spread into the router test's table. */
export function advisoryMatchingHappyPaths({ call, core }: Context): Record<'advisories:matches', () => Promise<void>> {
  return {
    'advisories:matches': async () => {
      const site = await call<Site>('sites:create', siteInput());
      await importLedger(core(), site.id, fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-router-ledger-')));
      await importFixtureAdvisories(core());
      const matches = await call<AdvisoryMatch[]>('advisories:matches', { siteId: site.id });
      expect(matches.find((m) => m.assetId === 'PLC-001')).toMatchObject({ advisoryId: 'ICSA-20-212-02', status: 'affected', deviceVersion: 'Ver.1.050C' });
      expect(matches.some((m) => m.assetId === 'PLC-002')).toBe(false);
    },
  };
}
