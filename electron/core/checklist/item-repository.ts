import type Database from 'better-sqlite3';
import { auditHistory, diffFields, recordAudit } from '../audit/audit-log';
import type { AuditEntry } from '../audit/audit-types';
import { HoanError, notFound } from '../errors';
import type { AssessmentItemView, Decision } from './assessment-schema';
import { getCatalogue } from './catalogue-store';
import { effectiveLevel, validateDecision, validateRegisterBacking } from './decision-rules';
import { decisionOf, getRoundRow, roundItems, type ItemRow } from './round-repository';
import { writeTransaction } from '../db/transactions';
import { siteOrigin } from '../bundle/site-ownership';
import { registerGaps, registerOfItem } from '../registers/register-gaps';
import { listConnectionPoints, listContactSteps, listParties } from '../registers/register-read';

/** Audit entries of items are keyed `<roundId>:<itemId>`. */
export const itemAuditId = (roundId: string, itemId: string) => `${roundId}:${itemId}`;

const DECISION_FIELDS = [
  'status',
  'necessity',
  'reason',
  'measures',
  'exampleMeasureIds',
  'responsible',
  'targetDate',
  'reviewer',
  'reviewDate',
  'remediationPlan',
  'remediationDate',
] as const satisfies readonly (keyof Decision)[];

function openRound(db: Database.Database, roundId: string) {
  const round = getRoundRow(db, roundId);
  if (round.completed_at) throw new HoanError('conflict', 'errors.assessment.alreadyCompleted');
  return round;
}

function itemRow(db: Database.Database, roundId: string, itemId: string): ItemRow {
  const row = db.prepare('SELECT * FROM assessment_items WHERE round_id = ? AND item_id = ?').get(roundId, itemId) as
    | ItemRow
    | undefined;
  if (!row) throw notFound('assessment-item', itemId);
  return row;
}

function viewOf(db: Database.Database, roundId: string, itemId: string, now: Date): AssessmentItemView {
  return roundItems(db, getRoundRow(db, roundId), now).find((i) => i.id === itemId)!;
}

/** What the item's register lacks for 実施済 (issue 14); only the register the item is backed by is read. */
function backingGaps(db: Database.Database, siteId: string, itemId: string) {
  const register = registerOfItem(itemId);
  if (!register) return [];
  return registerGaps(itemId, {
    parties: register === 'organisation' ? listParties(db, siteId) : [],
    contactSteps: register === 'contacts' ? listContactSteps(db, siteId) : [],
    points: register === 'connection_points' ? listConnectionPoints(db, siteId) : [],
  });
}

/** Records an item's decision, whole. Invalid by the guideline's rules → field errors, nothing written. */
export function updateDecision(
  db: Database.Database,
  roundId: string,
  itemId: string,
  decision: Decision,
  userName: string,
  now: Date,
): AssessmentItemView {
  return writeTransaction(db, () => {
    const round = openRound(db, roundId);
    const before = itemRow(db, roundId, itemId);
    const { catalogue } = getCatalogue(db, round.framework, round.catalogue_version);
    const item = catalogue.items.find((i) => i.id === itemId)!;
    const unknownMeasure = decision.exampleMeasureIds.findIndex((m) => !item.exampleMeasures.includes(m));
    const errors = validateDecision(decision, effectiveLevel(item, round.classification));
    // A copy held at head office refuses the write itself (its triggers): no register rule is asked first.
    if (decision.status === 'implemented' && !siteOrigin(db, round.site_id)) errors.push(...validateRegisterBacking(decision, backingGaps(db, round.site_id, itemId)));
    if (unknownMeasure >= 0) errors.push({ path: `exampleMeasureIds.${unknownMeasure}`, messageKey: 'errors.field.invalidOption' });
    if (errors.length > 0) throw new HoanError('validation', 'errors.validation', undefined, errors);

    const changes = diffFields(decisionOf(before), decision, DECISION_FIELDS);
    if (changes.length === 0) return viewOf(db, roundId, itemId, now);
    db.prepare(
      `UPDATE assessment_items SET status = ?, necessity = ?, reason = ?, measures = ?, example_measures_json = ?,
         responsible = ?, target_date = ?, reviewer = ?, review_date = ?, remediation_plan = ?, remediation_date = ?,
         carried_over = 0, updated_at = ?, updated_by = ?
       WHERE round_id = ? AND item_id = ?`,
    ).run(
      decision.status,
      decision.necessity,
      decision.reason,
      decision.measures,
      JSON.stringify(decision.exampleMeasureIds),
      decision.responsible,
      decision.targetDate,
      decision.reviewer,
      decision.reviewDate,
      decision.remediationPlan,
      decision.remediationDate,
      now.toISOString(),
      userName,
      roundId,
      itemId,
    );
    recordAudit(db, {
      siteId: round.site_id,
      entity: 'assessment-item',
      entityId: itemAuditId(roundId, itemId),
      action: 'update',
      changes: changes.map((c) => (c.field === 'exampleMeasureIds' ? { ...c, old: JSON.stringify(c.old), new: JSON.stringify(c.new) } : c)),
      userName,
      at: now,
    });
    return viewOf(db, roundId, itemId, now);
  });
}

/** Links a stored evidence file (see evidence-store) to an item. The same file twice is one link. */
export function attachEvidence(
  db: Database.Database,
  roundId: string,
  itemId: string,
  file: { sha256: string; name: string },
  userName: string,
  now: Date,
): AssessmentItemView {
  return writeTransaction(db, () => {
    const round = openRound(db, roundId);
    itemRow(db, roundId, itemId);
    if (!db.prepare('SELECT 1 FROM evidence_files WHERE sha256 = ?').get(file.sha256)) {
      throw new HoanError('not_found', 'errors.evidence.notFound', { sha256: file.sha256 });
    }
    const info = db
      .prepare(
        `INSERT OR IGNORE INTO assessment_evidence (round_id, item_id, sha256, file_name, attached_at, attached_by)
         VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .run(roundId, itemId, file.sha256, file.name, now.toISOString(), userName);
    if (info.changes > 0) {
      recordAudit(db, {
        siteId: round.site_id,
        entity: 'assessment-item',
        entityId: itemAuditId(roundId, itemId),
        action: 'attach',
        changes: [{ field: 'evidence', old: null, new: `${file.name} sha256:${file.sha256}` }],
        userName,
        at: now,
      });
    }
    return viewOf(db, roundId, itemId, now);
  });
}

/** Unlinks a file from an item; the stored file itself stays, as other records may cite it. */
export function detachEvidence(db: Database.Database, roundId: string, itemId: string, sha256: string, userName: string, now: Date): AssessmentItemView {
  return writeTransaction(db, () => {
    const round = openRound(db, roundId);
    const link = db
      .prepare('SELECT file_name FROM assessment_evidence WHERE round_id = ? AND item_id = ? AND sha256 = ?')
      .get(roundId, itemId, sha256) as { file_name: string } | undefined;
    if (!link) throw new HoanError('not_found', 'errors.evidence.notFound', { sha256 });
    db.prepare('DELETE FROM assessment_evidence WHERE round_id = ? AND item_id = ? AND sha256 = ?').run(roundId, itemId, sha256);
    recordAudit(db, {
      siteId: round.site_id,
      entity: 'assessment-item',
      entityId: itemAuditId(roundId, itemId),
      action: 'detach',
      changes: [{ field: 'evidence', old: `${link.file_name} sha256:${sha256}`, new: null }],
      userName,
      at: now,
    });
    return viewOf(db, roundId, itemId, now);
  });
}

export function itemHistory(db: Database.Database, roundId: string, itemId: string): AuditEntry[] {
  itemRow(db, roundId, itemId);
  return auditHistory(db, 'assessment-item', itemAuditId(roundId, itemId));
}
