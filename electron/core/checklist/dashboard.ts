import type Database from 'better-sqlite3';
import { latestClassifications } from '../classification/classification-repository';
import { listSites } from '../sites/site-repository';
import type { OverviewRow, SiteDashboard } from './dashboard-types';
import type { RiskLevel } from './risk-schema';
import { listRisks } from './risk-repository';
import { getRoundRow, listRounds, roundItems } from './round-repository';

/** The site's latest round at a glance: counts by state, 勧告 compliance, 未検討, overdue plans, risks. */
export function siteDashboard(db: Database.Database, siteId: string, now: Date): SiteDashboard {
  const round = listRounds(db, siteId, now)[0] ?? null;
  const risks: Record<RiskLevel, number> = { high: 0, medium: 0, low: 0 };
  if (!round) return { siteId, round, overdue: [], risks };
  for (const r of listRisks(db, round.id)) risks[r.level] += 1;
  const overdue = roundItems(db, getRoundRow(db, round.id), now)
    .filter((i) => i.overdue)
    .map((i) => ({
      id: i.id,
      title: i.title,
      date: [i.decision.remediationDate, i.decision.targetDate].filter((d): d is string => d !== null).sort()[0]!,
      state: i.state,
    }));
  return { siteId, round, overdue, risks };
}

/** Every active site with its 区分 and latest round, for head office and the start screen. */
export function overview(db: Database.Database, now: Date): OverviewRow[] {
  const classifications = latestClassifications(db);
  return listSites(db).map((site) => {
    const round = listRounds(db, site.id, now)[0];
    return {
      siteId: site.id,
      name: site.name,
      region: site.region,
      classification: classifications.get(site.id)?.result ?? null,
      roundId: round?.id ?? null,
      roundTitle: round?.title ?? null,
      completedAt: round?.completedAt ?? null,
      summary: round?.summary ?? null,
    };
  });
}
