import type { Core } from '../core';
import { versionLabel } from '../definitions/definitions-records';
import { currentDefinitionsSet, installedClamFolder } from '../definitions/definitions-store';
import type { DefinitionsSet, UsedDefinitions } from '../definitions/definitions-types';
import { ageInDays, isStale } from './judgement';
import type { ScannerConfig } from './media-schema';
import type { DefinitionSet } from './media-types';
import { defaultClamDatabase, readClamDefinitions } from './scanners/clamav-database';
import { SCANNER_PROFILES } from './scanners/profiles';

/**
 * Which definitions a site's scan loads, decided in one place for the scan
 * (scan-jobs.ts) and the check before it (scanner-status.ts), so the panel
 * shows what the scan will use:
 *
 * 1. `configured`: a path set in the site's scanner settings wins;
 * 2. `store`: else Hoan's own current set, given to clamscan as `-d <folder>`;
 * 3. `scanner_default`: else nothing is passed and clamscan reads its
 *    compiled-in folder, so an installation that keeps a system database up
 *    to date with freshclam keeps working.
 *
 * A scanner that keeps its own definitions (Defender) is `defender`.
 */
export interface DefinitionsChoice {
  source: UsedDefinitions['source'];
  /** What the scanner is given as its database; '' lets it read its own default. */
  database: string;
  /** The store's record of its current set (source `store`), when it keeps one. */
  set: DefinitionsSet | null;
}

/** The rule above, given whether the store holds a set: also what the dashboard shows each site with. */
export function definitionsSourceOf(config: ScannerConfig, storeInstalled: boolean): UsedDefinitions['source'] {
  if (!SCANNER_PROFILES[config.profile].usesDatabasePath) return 'defender';
  if (config.databasePath) return 'configured';
  return storeInstalled ? 'store' : 'scanner_default';
}

export function chooseDefinitions(core: Pick<Core, 'dataDir' | 'db'>, config: ScannerConfig): DefinitionsChoice {
  const folder = installedClamFolder(core);
  const source = definitionsSourceOf(config, folder !== null);
  if (source === 'configured') return { source, database: config.databasePath, set: null };
  if (source === 'store') return { source, database: folder!, set: currentDefinitionsSet(core, 'clamav') };
  return { source, database: '', set: null };
}

/** The folder or file clamscan will read for a choice. */
export function databaseOf(choice: DefinitionsChoice, executable: string): string {
  return choice.database || defaultClamDatabase(process.platform, executable);
}

/**
 * What a ClamAV scan is about to load: the store's record of its set, or the
 * headers (modification times for plain signature files) of the folder.
 */
export function clamDefinitionsFor(choice: DefinitionsChoice, executable: string): DefinitionSet[] {
  if (choice.set) {
    return choice.set.files.map((f) => ({ name: f.name, version: f.version, updatedAt: f.builtAt, signatures: f.signatures, verified: null }));
  }
  return readClamDefinitions(databaseOf(choice, executable));
}

/**
 * What a scan used (or the check before it would use), measured at `at`
 * against the site's limit. The store's set counts from its recorded build
 * time; otherwise the newest file counts (a plain signature file by its
 * modification time, as the scanner status has always shown it).
 */
export function usedDefinitions(choice: DefinitionsChoice, files: DefinitionSet[], maxAgeDays: number, at: Date): UsedDefinitions {
  const newest = files.map((f) => f.updatedAt).filter((t): t is string => t !== null).sort().at(-1) ?? null;
  const builtAt = choice.set ? choice.set.builtAt : newest;
  const ageDays = ageInDays(builtAt, at);
  return {
    source: choice.source,
    setId: choice.set?.id ?? null,
    version: choice.set ? choice.set.version : versionLabel(files),
    builtAt,
    ageDays,
    maxAgeDays,
    stale: isStale(ageDays, maxAgeDays),
    files: files.map((f) => ({ name: f.name, version: f.version, builtAt: f.updatedAt })),
  };
}
