import type { Core } from '../core';
import { clamTools, engineInfo, type ClamTools } from './clam-engine';
import { setInState } from './definitions-records';
import { installedClamFolder } from './definitions-store';
import type { DefinitionsStatus } from './definitions-store-types';

/**
 * What the store holds and whether the engine is there to use it, for the
 * definitions screen, `hoan definitions status` and the dashboard. Ages are
 * whole days from a file's build time to the core's clock (never negative:
 * a clock behind the build time is not a younger database).
 */

const DAY_MS = 86_400_000;

export function ageInDays(builtAt: string | null, now: Date): number | null {
  return builtAt === null ? null : Math.max(0, Math.floor((now.getTime() - Date.parse(builtAt)) / DAY_MS));
}

export async function definitionsStatus(core: Core, tools: ClamTools = clamTools()): Promise<DefinitionsStatus> {
  const engine = await engineInfo(tools);
  const now = core.now();
  const current = setInState(core.db, 'clamav', 'current');
  const previous = setInState(core.db, 'clamav', 'previous');
  return {
    scanner: { found: engine.found, executable: tools.clamscan, engineVersion: engine.version, functionalityLevel: engine.functionalityLevel },
    folder: installedClamFolder(core),
    current: current
      ? { ...current, files: current.files.map((f) => ({ ...f, ageDays: ageInDays(f.builtAt, now) })), ageDays: ageInDays(current.builtAt, now) }
      : null,
    previous: previous
      ? { id: previous.id, version: previous.version, builtAt: previous.builtAt, importedAt: previous.importedAt, importedBy: previous.importedBy }
      : null,
    checkedAt: now.toISOString(),
  };
}
