import type { ScannerProfileId } from '../media/media-schema';

/** A site's scanner definitions on the dashboard (site-definitions.ts says which and how they are judged). */
export type DefinitionsGlanceState = 'fresh' | 'stale' | 'unknown_age' | 'not_recorded' | 'none';

export interface DefinitionsGlance {
  source: 'store' | 'last_scan' | 'none';
  /** The scanner the definitions are for (the scan's profile, or ClamAV for the store); null when nothing is known. */
  scanner: ScannerProfileId | null;
  version: string | null;
  builtAt: string | null;
  /** Whole days from builtAt to now; null when builtAt is not known. */
  ageDays: number | null;
  maxAgeDays: number;
  state: DefinitionsGlanceState;
  /** Source `last_scan`: when that scan started. */
  scannedAt: string | null;
}
