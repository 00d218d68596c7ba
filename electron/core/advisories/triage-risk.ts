import type Database from 'better-sqlite3';
import { createRisk, updateRisk } from '../checklist/risk-repository';
import type { RiskFields } from '../checklist/risk-schema';
import { HoanError } from '../errors';
import { translate } from '../i18n/translate';
import { getSettings } from '../settings/settings-repository';
import type { AdvisoryMatch } from './advisory-types';

/** The checklist item a risk acceptance answers: 8-4-3 asks that the residual risk of a deferred patch be managed. */
export const RISK_ITEM = '8-4-3';

/** The site's most recent assessment round still open; a risk register lives in a round. */
export function latestOpenRound(db: Database.Database, siteId: string): string | null {
  const row = db
    .prepare('SELECT id FROM assessment_rounds WHERE site_id = ? AND completed_at IS NULL ORDER BY started_at DESC, rowid DESC LIMIT 1')
    .get(siteId) as { id: string } | undefined;
  return row?.id ?? null;
}

/** CVSS v3 severity bands (critical, high, medium, low) as the register's 1–5 impact; 3 when the advisory gives no score. */
export function impactFromCvss(score: number | null): number {
  if (score === null) return 3;
  if (score >= 9) return 5;
  if (score >= 7) return 4;
  if (score >= 4) return 3;
  return score > 0 ? 2 : 1;
}

export interface Acceptance {
  match: AdvisoryMatch;
  deviceName: string;
  compensatingControl: string;
  note: string;
  reviewOn: string;
  likelihood?: number | undefined;
  impact?: number | undefined;
  /** The register entry an earlier acceptance of the same pair made. */
  previousRiskId: string | null;
}

/**
 * リスク受容 enters the risk register of the site's latest open round, linked
 * to 8-4-3: the device and the advisory as the asset and the threat, the
 * compensating control as the measure. Likelihood defaults to 2 (a control is
 * in place), impact to the CVSS band; both may be given. Accepting the same
 * pair again updates its entry while that entry is in the same round, so the
 * register holds one line per accepted pair. Runs inside the decision's
 * write transaction; refused, with nothing written, when no round is open.
 */
export function enterRisk(db: Database.Database, siteId: string, input: Acceptance, userName: string, now: Date): string {
  const roundId = latestOpenRound(db, siteId);
  if (!roundId) throw new HoanError('conflict', 'advisories.triage.errors.noOpenRound');
  const { language } = getSettings(db);
  const m = input.match;
  const fields: RiskFields = {
    assetType: 'other',
    assetName: `${m.assetId} ${input.deviceName}`.trim().slice(0, 200),
    threat: 'other',
    threatDetail: translate(language, 'advisories.triage.risk.threat', {
      advisory: m.advisoryId,
      title: m.title,
      cves: m.cves.join(', ') || '-',
      cvss: m.cvss ?? '-',
      version: m.deviceVersion || '-',
      range: m.versionRange || '-',
    }).slice(0, 2000),
    likelihood: input.likelihood ?? 2,
    impact: input.impact ?? impactFromCvss(m.cvss),
    linkedItems: [RISK_ITEM],
    plannedMeasures: translate(language, 'advisories.triage.risk.measures', {
      control: input.compensatingControl,
      review: input.reviewOn,
      note: input.note,
    })
      .trim()
      .slice(0, 4000),
  };
  const previous = input.previousRiskId
    ? (db.prepare('SELECT id FROM risks WHERE id = ? AND round_id = ? AND removed_at IS NULL').get(input.previousRiskId, roundId) as { id: string } | undefined)
    : undefined;
  return previous ? updateRisk(db, previous.id, fields, userName, now).id : createRisk(db, roundId, fields, userName, now).id;
}
