import type { Core } from '../core';
import { getSite } from '../sites/site-repository';
import { getTimeZone } from '../settings/settings-repository';
import { dayIn } from '../time/time-zone';
import { matchSite } from './advisory-matching';
import type { AdvisoryMatch, TriagedMatch } from './advisory-types';
import { latestDecisions, pairKey, revisionVersion, toDecision, type TriageRow } from './triage-rows';
import type { TriageFilter } from './triage-schema';
import type { ClosedTriage, TriageCountKey, TriageOverview } from './triage-types';
import { latestOpenRound } from './triage-risk';

/**
 * When a decision stops being in force (8-4-2: a new advisory revision or a
 * changed device is a new impact assessment):
 * - the advisory's current revision is not the one decided on (its document's sha256 differs);
 * - the device's version is not the one decided on;
 * - 対応済 recorded the version after the patch, and that version is still
 *   inside the affected range. (Outside it, the match is gone and the
 *   decision is listed as closed: the outcome a patch is for.)
 * Otherwise the decision stands.
 */
function reopenedBy(core: Core, match: AdvisoryMatch, row: TriageRow): TriagedMatch['reopened'] {
  const reopened: NonNullable<TriagedMatch['reopened']> = {};
  if (row.advisory_sha256 !== match.advisorySha256) {
    const from = revisionVersion(core.db, row.publisher_namespace, row.tracking_id, row.advisory_sha256) ?? row.advisory_sha256.slice(0, 12);
    reopened.advisoryRevised = { from, to: match.advisoryVersion };
  }
  if (row.device_version !== match.deviceVersion) reopened.versionChanged = { from: row.device_version, to: match.deviceVersion };
  else if (row.status === 'resolved' && match.status === 'affected') reopened.stillAffected = { version: match.deviceVersion, range: match.versionRange };
  return Object.keys(reopened).length > 0 ? reopened : null;
}

function isOverdue(row: TriageRow, today: string): boolean {
  return (row.status === 'in_progress' || row.status === 'risk_accepted') && row.due_on !== null && row.due_on < today;
}

function triaged(core: Core, siteId: string, matches: readonly AdvisoryMatch[], decisions: ReadonlyMap<string, TriageRow>): TriagedMatch[] {
  const today = dayIn(core.now(), getTimeZone(core.db));
  const names = new Map(
    (core.db.prepare('SELECT id, name FROM devices WHERE site_id = ?').all(siteId) as { id: string; name: string }[]).map((d) => [d.id, d.name]),
  );
  return matches.map((match) => {
    const row = decisions.get(pairKey(match.deviceId, match.publisherNamespace, match.advisoryId));
    const deviceName = names.get(match.deviceId) ?? '';
    if (!row) return { ...match, deviceName, decision: null, triage: 'open', reopened: null };
    const reopened = reopenedBy(core, match, row);
    return {
      ...match,
      deviceName,
      decision: toDecision(row),
      triage: reopened ? 'open' : row.status,
      reopened,
      ...(reopened ? {} : { overdue: isOverdue(row, today) }),
    };
  });
}

/** The site's matches, each with the decision in force (or 'open', reopened when the advisory or the device's version changed). */
export function listTriagedMatches(core: Core, siteId: string): TriagedMatch[] {
  getSite(core.db, siteId);
  return triaged(core, siteId, matchSite(core, siteId), latestDecisions(core.db, siteId));
}

/** Decisions in force for pairs that match no more, newest first. */
function closedDecisions(core: Core, decisions: ReadonlyMap<string, TriageRow>, matched: ReadonlySet<string>): ClosedTriage[] {
  const device = core.db.prepare('SELECT asset_id, name, software_version FROM devices WHERE id = ?');
  const advisory = core.db.prepare(
    'SELECT title, tracking_version FROM advisories WHERE publisher_namespace = ? AND tracking_id = ? AND superseded_by IS NULL ORDER BY imported_at DESC LIMIT 1',
  );
  const closed: ClosedTriage[] = [];
  for (const [key, row] of decisions) {
    if (matched.has(key)) continue;
    const d = device.get(row.device_id) as { asset_id: string; name: string; software_version: string };
    const a = advisory.get(row.publisher_namespace, row.tracking_id) as { title: string; tracking_version: string } | undefined;
    closed.push({
      decision: toDecision(row),
      assetId: d.asset_id,
      deviceName: d.name,
      deviceVersion: d.software_version,
      title: a?.title ?? '',
      advisoryVersion: a?.tracking_version ?? '',
    });
  }
  return closed.sort((x, y) => y.decision.decidedAt.localeCompare(x.decision.decidedAt));
}

/** Needs work still: undecided or reopened, 影響あり, 対応中, or a date passed. */
export function isUnsettled(m: TriagedMatch): boolean {
  return m.triage === 'open' || m.triage === 'affected' || m.triage === 'in_progress' || m.overdue === true;
}

/**
 * The site's vulnerability screen and the checklist's 8-4 evidence: every
 * match with its decision, the closed decisions, and counts over the whole
 * site; `filter` narrows the lists only.
 */
export function triageOverview(core: Core, siteId: string, filter?: readonly TriageFilter[]): TriageOverview {
  getSite(core.db, siteId);
  const decisions = latestDecisions(core.db, siteId);
  const matches = triaged(core, siteId, matchSite(core, siteId), decisions);
  const closed = closedDecisions(core, decisions, new Set(matches.map((m) => pairKey(m.deviceId, m.publisherNamespace, m.advisoryId))));
  const counts: Record<TriageCountKey, number> = { open: 0, affected: 0, not_affected: 0, in_progress: 0, resolved: 0, risk_accepted: 0, closed: closed.length };
  for (const m of matches) counts[m.triage]++;
  const unsettled = matches.filter(isUnsettled);
  const scores = unsettled.map((m) => m.cvss).filter((s): s is number => s !== null);
  const wanted = filter && filter.length > 0 ? new Set(filter) : null;
  return {
    matches: wanted ? matches.filter((m) => wanted.has(m.triage)) : matches,
    closed: !wanted || wanted.has('closed') ? closed : [],
    counts,
    unsettled: unsettled.length,
    highestOpenCvss: scores.length > 0 ? Math.max(...scores) : null,
    openRoundId: latestOpenRound(core.db, siteId),
  };
}
