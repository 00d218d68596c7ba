/**
 * Scanner definitions kept by Hoan for the whole installation (issue 12).
 * The shapes every part of the app agrees on: the store (definitions-store.ts)
 * writes them, the scan records what it used, bundles carry them, the
 * dashboard shows them.
 */

export type DefinitionsScanner = 'clamav' | 'defender';

/**
 * How a file vouches for itself: a `.cvd`/`.cld` container carries ClamAV's
 * digital signature; a `.cud` container is unsigned; a plain signature file
 * (`.hdb`, `.ndb`, `.ldb`, …) has no header at all; a Defender package
 * (`mpam-fe.exe`) is checked by Defender itself when it is applied.
 */
export type DefinitionsFileKind = 'signed' | 'unsigned' | 'plain' | 'defender_package';

export interface DefinitionsFile {
  /** The file's name in the set (no folders). */
  name: string;
  sha256: string;
  size: number;
  kind: DefinitionsFileKind;
  /** The container header's version (`27500`); null for plain files. */
  version: string | null;
  /** The container header's build time, ISO; null for plain files. */
  builtAt: string | null;
  signatures: number | null;
  /** The container header's functionality level (the engine it needs at least). */
  functionalityLevel: number | null;
}

/** Where a set came from: files the user chose, or a head-office bundle. */
export type DefinitionsSource = { kind: 'file'; path: string } | { kind: 'bundle'; bundleId: string; siteId: string };

export type DefinitionsSetState = 'current' | 'previous' | 'retired';

export interface DefinitionsSet {
  id: string;
  scanner: DefinitionsScanner;
  files: DefinitionsFile[];
  /** A short label for the set, e.g. `daily 27500, main 62`; null when no file has a version. */
  version: string | null;
  /** The newest build time among the files: the set's age is counted from it. */
  builtAt: string | null;
  source: DefinitionsSource;
  importedAt: string;
  importedBy: string;
  /** Unsigned files accepted by hand (not from a trusted bundle): why. */
  unsignedAcceptedReason: string | null;
  state: DefinitionsSetState;
}

/**
 * What a scan used, recorded in the check-in entry's scan record (hashed
 * into the chain), so an inspector sees how fresh the scan's definitions were.
 */
export interface UsedDefinitions {
  /** Hoan's store, a path set in the scanner settings, the scanner's own default folder, or Defender's own. */
  source: 'store' | 'configured' | 'scanner_default' | 'defender';
  /** The store's set (source `store`). */
  setId: string | null;
  version: string | null;
  builtAt: string | null;
  /** Whole days between builtAt and the scan's start; null when unknown. */
  ageDays: number | null;
  /** The site's limit at the time of the scan. */
  maxAgeDays: number;
  /** Older than the limit, or of unknown age: the check-in is denied unless an exception is approved. */
  stale: boolean;
  files: { name: string; version: string | null; builtAt: string | null }[];
}

/** The freshness limit: libclamav warns about definitions older than 7 days. */
export const DEFAULT_MAX_DEFINITIONS_AGE_DAYS = 7;
export const MIN_MAX_DEFINITIONS_AGE_DAYS = 1;
export const MAX_MAX_DEFINITIONS_AGE_DAYS = 90;
