import type Database from 'better-sqlite3';
import type { AdvisoryGlance } from '../advisories/advisory-glance-types';
import { latestClassifications } from '../classification/classification-repository';
import type { DefinitionsGlance } from '../definitions/site-definitions-types';
import { listSites } from '../sites/site-repository';
import type { Decision } from './assessment-schema';
import type { Level } from './catalogue-schema';
import type { OverviewRow, SiteDashboard } from './dashboard-types';
import { isNonconforming } from './decision-rules';
import { readTransaction } from '../db/transactions';
import type { RiskLevel } from './risk-schema';
import { listRisks } from './risk-repository';
import { getRoundRow, latestRounds, listRounds, roundItems } from './round-repository';

/** The site's latest round at a glance: counts by state, 勧告 compliance, 未検討, overdue plans, risks. */
export function siteDashboard(db: Database.Database, siteId: string, now: Date, definitions: DefinitionsGlance | null = null, advisories: AdvisoryGlance | null = null): SiteDashboard {
  const round = listRounds(db, siteId, now)[0] ?? null;
  const risks: Record<RiskLevel, number> = { high: 0, medium: 0, low: 0 };
  if (!round) return { siteId, round, overdue: [], risks, definitions, advisories };
  for (const r of listRisks(db, round.id)) risks[r.level] += 1;
  const overdue = roundItems(db, getRoundRow(db, round.id), now)
    .filter((i) => i.overdue)
    .map((i) => ({
      id: i.id,
      title: i.title,
      date: [i.decision.remediationDate, i.decision.targetDate].filter((d): d is string => d !== null).sort()[0]!,
      state: i.state,
    }));
  return { siteId, round, overdue, risks, definitions, advisories };
}

/**
 * 不適合 items: 勧告 items not fully implemented (一部実施 or 未実施). Counted
 * from each item's level and 実施状況 by the guideline's rule
 * (isNonconforming), not from the state a screen shows, so the count stays
 * right however the states are worded.
 */
export function countNonconforming(items: readonly { level: Level; decision: Pick<Decision, 'status'> }[]): number {
  return items.filter((i) => isNonconforming(i.level, i.decision)).length;
}

/**
 * Every active site with its 区分, latest round and (when given, by site) its
 * definitions, for head office and the start screen. Read in a fixed number
 * of queries whatever the number of sites (latestRounds): head office lists
 * hundreds.
 */
export function overview(
  db: Database.Database,
  now: Date,
  definitions: ReadonlyMap<string, DefinitionsGlance> = new Map(),
  advisories: ReadonlyMap<string, AdvisoryGlance> = new Map(),
): OverviewRow[] {
  return readTransaction(db, () => {
    const classifications = latestClassifications(db);
    const rounds = latestRounds(db, now);
    return listSites(db).map((site) => {
      const latest = rounds.get(site.id);
      return {
        siteId: site.id,
        name: site.name,
        region: site.region,
        classification: classifications.get(site.id)?.result ?? null,
        roundId: latest?.row.id ?? null,
        roundTitle: latest?.row.title ?? null,
        completedAt: latest?.row.completed_at ?? null,
        summary: latest?.summary ?? null,
        nonconforming: latest?.nonconforming ?? null,
        definitions: definitions.get(site.id) ?? null,
        advisories: advisories.get(site.id) ?? null,
      };
    });
  });
}
