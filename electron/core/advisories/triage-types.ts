import type { TriageDecision, TriagedMatch, TriageStatus } from './advisory-types';

/**
 * A decision in force for a pair matching no more: the advisory's current
 * revision no longer names the device (a patch took it out of the range, the
 * maker or model changed in the inventory, a revision narrowed the product
 * list). Kept and listed as closed: the history stays.
 */
export interface ClosedTriage {
  decision: TriageDecision;
  assetId: string;
  deviceName: string;
  /** The device's version now ('' when none). */
  deviceVersion: string;
  title: string;
  /** The advisory's current revision is one the decision was not made on. */
  advisoryVersion: string;
}

export type TriageCountKey = TriageStatus | 'open' | 'closed';

export interface TriageOverview {
  matches: TriagedMatch[];
  closed: ClosedTriage[];
  /** Over the whole site, whatever the filter. */
  counts: Record<TriageCountKey, number>;
  /** Matches still needing work: open, affected, in_progress, or past their date. */
  unsettled: number;
  /** The highest CVSS among unsettled matches; null when none or none scored. */
  highestOpenCvss: number | null;
  /** Whether the site has an assessment round a risk acceptance can go into (8-4-3). */
  openRoundId: string | null;
}
