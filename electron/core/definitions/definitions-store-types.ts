import type { DefinitionsFile, DefinitionsSet } from './definitions-types';

/** What the store's channels return (definitions-store.ts, definitions-status.ts); types only, so the renderer may see them. */

export interface DefinitionsImportResult {
  set: DefinitionsSet;
  /** Files given that took the place of a file of the same database. */
  replaced: string[];
  /** Files given that the previous set did not have. */
  added: string[];
  /** Files of the previous set kept as they were. */
  carried: string[];
  /** Entries of a given folder that are not ClamAV databases, left alone. */
  ignored: string[];
}

export interface DefinitionsFileStatus extends DefinitionsFile {
  ageDays: number | null;
}

export interface DefinitionsStatus {
  scanner: {
    found: boolean;
    /** The clamscan the store checks and loads sets with. */
    executable: string;
    engineVersion: string | null;
    functionalityLevel: number | null;
  };
  /** The folder `clamscan -d` is given; null without a current set. */
  folder: string | null;
  current: (Omit<DefinitionsSet, 'files'> & { files: DefinitionsFileStatus[]; ageDays: number | null }) | null;
  /** What a rollback would put back. */
  previous: Pick<DefinitionsSet, 'id' | 'version' | 'builtAt' | 'importedAt' | 'importedBy'> | null;
  checkedAt: string;
}
