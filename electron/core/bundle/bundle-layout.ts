import { TAG_FILES } from './bagit';

/** Where things live in a bag. Anything else in the zip is refused. */
export const README_PATH = 'data/README.txt';
export const recordPath = (file: string) => `data/records/${file}`;
export const evidencePath = (sha256: string) => `data/evidence/${sha256}`;
export const reportPath = (name: string) => `data/report/${name}`;
/** Scanner definitions head office sends a site (review bundles only): the list, and each file under its own name. */
export const DEFINITIONS_LIST_PATH = 'data/definitions/clamav.json';
export const definitionsPath = (name: string) => `data/definitions/clamav/${name}`;
export const DEFINITIONS_PREFIX = 'data/definitions/clamav/';

export type EntryRole = 'tag' | 'signature' | 'readme' | 'record' | 'evidence' | 'report' | 'definitions_list' | 'definitions';

const TAGS = new Set<string>([TAG_FILES.bagit, TAG_FILES.bagInfo, TAG_FILES.manifest, TAG_FILES.tagManifest]);

export function roleOf(name: string): EntryRole | null {
  if (TAGS.has(name)) return 'tag';
  if (name === TAG_FILES.signature) return 'signature';
  if (name === README_PATH) return 'readme';
  if (/^data\/records\/[a-z0-9][a-z0-9-]{0,62}\.json$/.test(name)) return 'record';
  if (/^data\/evidence\/[0-9a-f]{64}$/.test(name)) return 'evidence';
  if (/^data\/report\/[A-Za-z0-9][A-Za-z0-9._-]{0,120}\.xlsx$/.test(name)) return 'report';
  if (name === DEFINITIONS_LIST_PATH) return 'definitions_list';
  if (/^data\/definitions\/clamav\/[A-Za-z0-9][A-Za-z0-9._-]{0,120}$/.test(name)) return 'definitions';
  return null;
}

/**
 * Declared sizes above these are refused before a byte is read. Evidence
 * files are at most 4 GiB (the settings' ceiling); records and tag files are
 * read into memory, so they are held much lower.
 */
export interface BundleLimits {
  maxEntries: number;
  maxTagFileBytes: number;
  maxRecordBytes: number;
  maxEntryBytes: number;
  maxTotalBytes: number;
  /** Declared size over stored size: anything above is a decompression bomb. */
  maxRatio: number;
}

export const DEFAULT_LIMITS: BundleLimits = {
  maxEntries: 200_000,
  maxTagFileBytes: 64 * 1024 * 1024,
  maxRecordBytes: 512 * 1024 * 1024,
  maxEntryBytes: 5 * 1024 ** 3,
  maxTotalBytes: 2 * 1024 ** 4,
  maxRatio: 100,
};

export function limitFor(role: EntryRole, limits: BundleLimits): number {
  switch (role) {
    case 'tag':
    case 'signature':
      return limits.maxTagFileBytes;
    case 'readme':
    case 'record':
    case 'definitions_list':
      return limits.maxRecordBytes;
    default:
      return limits.maxEntryBytes;
  }
}
