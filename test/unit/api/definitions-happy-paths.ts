import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { ChannelName, DefinitionsImportResult, DefinitionsSet, DefinitionsStatus } from '../../../electron/api/contract';
import { buildDefinitions } from '../helpers/definitions';

interface Context {
  call<T>(channel: ChannelName, input?: unknown): Promise<T>;
}

type DefinitionsChannel = Extract<ChannelName, `definitions:${string}`>;

/** Before the router test's clock (2025-04-01). */
const BUILT = new Date('2025-03-31T00:00:00.000Z');

/** Happy paths for definitions:*, spread into the router test's table. */
export function definitionsHappyPaths({ call }: Context): Record<DefinitionsChannel, () => Promise<void>> {
  const usb = () => fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-router-defs-'));
  async function imported(version: number): Promise<DefinitionsImportResult> {
    const folder = usb();
    buildDefinitions(folder, { version, builtAt: BUILT });
    return call<DefinitionsImportResult>('definitions:import', { paths: [folder], acceptUnsignedReason: '検証用の定義' });
  }
  return {
    'definitions:import': async () => {
      const result = await imported(27500);
      expect(result.set).toMatchObject({ version: 'daily 27500', state: 'current', unsignedAcceptedReason: '検証用の定義' });
    },
    'definitions:status': async () => {
      await imported(27500);
      const status = await call<DefinitionsStatus>('definitions:status', {});
      expect(status.current).toMatchObject({ version: 'daily 27500', files: [{ name: 'daily.cud', ageDays: 1 }] });
      expect(status.scanner.found).toBe(true);
    },
    'definitions:rollback': async () => {
      const first = await imported(1);
      await imported(2);
      const back = await call<DefinitionsSet>('definitions:rollback', {});
      expect(back).toMatchObject({ id: first.set.id, state: 'current' });
    },
  };
}
