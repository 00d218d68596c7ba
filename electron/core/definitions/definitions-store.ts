import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';

/**
 * Hoan's own ClamAV database folder, one per installation (issue 12).
 *
 * PLACEHOLDER until the store lands: the folder `<data>/definitions/clamav/current`
 * when it holds a file. The store replaces the body (sets, records,
 * staging and rollback); callers keep using this signature.
 */
export function installedClamFolder(core: Pick<Core, 'dataDir' | 'db'>): string | null {
  const folder = path.join(core.dataDir, 'definitions', 'clamav', 'current');
  try {
    return fs.readdirSync(folder).length > 0 ? folder : null;
  } catch {
    return null;
  }
}

/**
 * The installation's current set, from the store's records.
 * PLACEHOLDER until the store lands: always null.
 */
export function currentDefinitionsSet(_core: Pick<Core, 'dataDir' | 'db'>, _scanner: 'clamav' | 'defender' = 'clamav'): import('./definitions-types').DefinitionsSet | null {
  return null;
}
