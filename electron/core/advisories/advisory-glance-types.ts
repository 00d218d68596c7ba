import type { TriageStatus } from './advisory-types';

/** A match's triage state in force: a decision's status, or open (never decided, or reopened). */
export type TriageState = TriageStatus | 'open';

/** A site's advisories at a glance, for its overview and the all-sites dashboard (advisory-glance.ts). */
export interface AdvisoryGlance {
  /** Matches (device, advisory) by the state in force. */
  counts: Record<TriageState, number>;
  /** Matches still open: undecided or reopened, 影響あり, 対応中, or a date passed (triage.ts isUnsettled). */
  open: number;
  /** The highest CVSS v3 base score among the open matches; null when none open or none scored. */
  highestOpenCvss: number | null;
}
