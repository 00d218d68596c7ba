import type { AdvisoryGlance } from '../advisories/advisory-glance-types';
import type { ClassificationResult } from '../classification/classification-schema';
import type { DefinitionsGlance } from '../definitions/site-definitions-types';
import type { AssessmentRound, RoundSummary } from './assessment-schema';
import type { LocalText } from './catalogue-schema';
import type { RiskLevel } from './risk-schema';

export interface OverdueItem {
  id: string;
  title: LocalText;
  date: string;
  state: string;
}

export interface SiteDashboard {
  siteId: string;
  round: AssessmentRound | null;
  overdue: OverdueItem[];
  risks: Record<RiskLevel, number>;
  /** The scanner definitions' version and age (site-definitions.ts); null when not asked for. */
  definitions: DefinitionsGlance | null;
  /** Advisory matches by triage state and the highest CVSS open (advisory-glance.ts); null when not asked for. */
  advisories?: AdvisoryGlance | null;
}

export interface OverviewRow {
  siteId: string;
  name: string;
  region: string;
  classification: ClassificationResult | null;
  roundId: string | null;
  roundTitle: string | null;
  completedAt: string | null;
  summary: RoundSummary | null;
  /** 不適合 items of the latest round (countNonconforming); null without a round. */
  nonconforming: number | null;
  /** The scanner definitions' version and age (site-definitions.ts); null when not asked for. */
  definitions: DefinitionsGlance | null;
  /** Advisory matches by triage state and the highest CVSS open (advisory-glance.ts); null when not asked for. */
  advisories?: AdvisoryGlance | null;
}
