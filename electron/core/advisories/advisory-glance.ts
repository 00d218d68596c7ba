import type { Core } from '../core';
import { writeTransaction } from '../db/transactions';
import { APP_VERSION } from '../version';
import type { AdvisoryGlance, TriageState } from './advisory-glance-types';
import { TRIAGE_STATUSES, type TriagedMatch } from './advisory-types';
import { isUnsettled, listTriagedMatches } from './triage';
import { getTimeZone } from '../settings/settings-repository';
import { dayIn } from '../time/time-zone';

/**
 * A site's advisories at a glance (8-4, issue 13): its matches counted by
 * the triage state in force, and the highest CVSS among those still open.
 * Open is what the site's 脆弱性 tab calls unsettled (triage.ts isUnsettled):
 * never decided (or reopened), 影響あり, 対応中, or a リスク受容 past its
 * review date.
 *
 * Matching runs in memory over the site's whole inventory, so the
 * all-sites dashboard does not match every site on every read: each
 * site's glance is kept in advisory_site_summaries (migration 0018), made
 * again only when it is stale. Triggers bump a site's `inputs` when its
 * devices or decisions change; `stamp` names what every site shares (the
 * newest advisory revision, the newest alias table, this Hoan's version,
 * whose shipped alias table and matching rules apply, and today's date,
 * since a date passing reopens). The list is one query; a stale site costs
 * one matching.
 */

export type { AdvisoryGlance, TriageState };
export const TRIAGE_STATES: readonly TriageState[] = ['open', ...TRIAGE_STATUSES];


export function glanceOf(matches: readonly TriagedMatch[]): AdvisoryGlance {
  const counts = Object.fromEntries(TRIAGE_STATES.map((s) => [s, 0])) as Record<TriageState, number>;
  let open = 0;
  let highestOpenCvss: number | null = null;
  for (const m of matches) {
    counts[m.triage] += 1;
    if (!isUnsettled(m)) continue;
    open += 1;
    if (m.cvss !== null && (highestOpenCvss === null || m.cvss > highestOpenCvss)) highestOpenCvss = m.cvss;
  }
  return { counts, open, highestOpenCvss };
}

interface SummaryRow {
  id: string;
  inputs: number | null;
  made_inputs: number | null;
  stamp: string | null;
  summary_json: string | null;
}

/** What every site's summary depends on beside its own devices and decisions; null when there is no advisory at all. */
function sharedStamp(core: Core): string | null {
  const row = core.db
    .prepare(`SELECT (SELECT count(*) FROM advisories) AS n, (SELECT max(rowid) FROM advisories) AS last, (SELECT max(version) FROM maker_alias_tables) AS alias`)
    .get() as { n: number; last: number | null; alias: number | null };
  return row.n === 0 ? null : `${APP_VERSION}|${row.n}|${row.last}|${row.alias ?? 0}|${dayIn(core.now(), getTimeZone(core.db))}`;
}

/**
 * The glance of each site asked for (every site when none named), from the
 * stored summaries, making again those that are stale.
 */
export function advisoryGlances(core: Core, siteIds?: readonly string[]): Map<string, AdvisoryGlance> {
  const stamp = sharedStamp(core);
  const rows = core.db
    .prepare(
      `SELECT s.id, m.inputs, m.made_inputs, m.stamp, m.summary_json FROM sites s LEFT JOIN advisory_site_summaries m ON m.site_id = s.id
       ${siteIds ? 'WHERE s.id IN (SELECT value FROM json_each(?))' : ''}`,
    )
    .all(...(siteIds ? [JSON.stringify(siteIds)] : [])) as SummaryRow[];
  const out = new Map<string, AdvisoryGlance>();
  const empty = glanceOf([]);
  for (const r of rows) {
    // No advisory here at all: nothing can match, and matching need not run.
    if (stamp === null) {
      out.set(r.id, empty);
      continue;
    }
    if (r.summary_json !== null && r.stamp === stamp && r.made_inputs === r.inputs) {
      out.set(r.id, JSON.parse(r.summary_json) as AdvisoryGlance);
      continue;
    }
    const glance = glanceOf(listTriagedMatches(core, r.id));
    // Made at the inputs read before matching: a change meanwhile bumps them again, and the next read makes it anew.
    writeTransaction(core.db, () =>
      core.db
        .prepare(
          `INSERT INTO advisory_site_summaries (site_id, inputs, made_inputs, stamp, summary_json) VALUES (?, 0, ?, ?, ?)
           ON CONFLICT (site_id) DO UPDATE SET made_inputs = excluded.made_inputs, stamp = excluded.stamp, summary_json = excluded.summary_json`,
        )
        .run(r.id, r.inputs ?? 0, stamp, JSON.stringify(glance)),
    );
    out.set(r.id, glance);
  }
  return out;
}
