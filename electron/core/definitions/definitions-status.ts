import type { Core } from '../core';
import { ageInDays } from '../media/judgement';
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


export async function definitionsStatus(core: Core, tools: ClamTools = clamTools()): Promise<DefinitionsStatus> {
  const engine = await engineInfo(tools);
  const now = core.now();
  const current = setInState(core.db, 'clamav', 'current');
  const previous = setInState(core.db, 'clamav', 'previous');
  const defender = setInState(core.db, 'defender', 'current');
  return {
    scanner: { found: engine.found, executable: tools.clamscan, engineVersion: engine.version, functionalityLevel: engine.functionalityLevel },
    folder: installedClamFolder(core),
    current: current
      ? { ...current, files: current.files.map((f) => ({ ...f, ageDays: ageInDays(f.builtAt, now) })), ageDays: ageInDays(current.builtAt, now) }
      : null,
    defender: defender
      ? {
          id: defender.id,
          version: defender.version,
          builtAt: defender.builtAt,
          importedAt: defender.importedAt,
          importedBy: defender.importedBy,
          source: defender.source,
          ageDays: ageInDays(defender.builtAt, now),
        }
      : null,
    previous: previous
      ? { id: previous.id, version: previous.version, builtAt: previous.builtAt, importedAt: previous.importedAt, importedBy: previous.importedBy }
      : null,
    checkedAt: now.toISOString(),
  };
}
