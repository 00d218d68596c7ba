import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { diffFields, recordAudit } from '../audit/audit-log';
import { HoanError, notFound } from '../errors';
import type { Risk, RiskFields } from './risk-schema';
import { impactWeight, scoreRisk } from './risk-scoring';
import { getRoundRow, roundSiteFacts } from './round-repository';
import { getCatalogue } from './catalogue-store';
import { writeTransaction } from '../db/transactions';

interface RiskRow {
  id: string;
  round_id: string;
  asset_type: RiskFields['assetType'];
  asset_name: string;
  threat: RiskFields['threat'];
  threat_detail: string;
  likelihood: number;
  impact: number;
  linked_items_json: string;
  planned_measures: string;
  created_at: string;
  updated_at: string;
  removed_at: string | null;
}

const AUDITED = ['assetType', 'assetName', 'threat', 'threatDetail', 'likelihood', 'impact', 'linkedItems', 'plannedMeasures'] as const;

function fieldsOf(row: RiskRow): RiskFields {
  return {
    assetType: row.asset_type,
    assetName: row.asset_name,
    threat: row.threat,
    threatDetail: row.threat_detail,
    likelihood: row.likelihood,
    impact: row.impact,
    linkedItems: JSON.parse(row.linked_items_json) as string[],
    plannedMeasures: row.planned_measures,
  };
}

function toRisk(row: RiskRow, weight: number): Risk {
  const fields = fieldsOf(row);
  return { id: row.id, roundId: row.round_id, ...fields, ...scoreRisk(fields.likelihood, fields.impact, weight), createdAt: row.created_at, updatedAt: row.updated_at };
}

function roundContext(db: Database.Database, roundId: string, forWrite: boolean) {
  const round = getRoundRow(db, roundId);
  if (forWrite && round.completed_at) throw new HoanError('conflict', 'errors.assessment.alreadyCompleted');
  return { round, weight: impactWeight(round.classification, roundSiteFacts(round)) };
}

function checkLinks(db: Database.Database, round: ReturnType<typeof getRoundRow>, fields: RiskFields) {
  const ids = new Set(getCatalogue(db, round.framework, round.catalogue_version).catalogue.items.map((i) => i.id));
  const bad = fields.linkedItems.findIndex((id) => !ids.has(id));
  if (bad >= 0) throw new HoanError('validation', 'errors.validation', undefined, [{ path: `fields.linkedItems.${bad}`, messageKey: 'errors.field.invalidOption' }]);
}

function audit(db: Database.Database, siteId: string, id: string, action: string, before: RiskFields | null, after: RiskFields, userName: string, now: Date) {
  recordAudit(db, {
    siteId,
    entity: 'risk',
    entityId: id,
    action,
    changes: diffFields(
      before && { ...before, linkedItems: before.linkedItems.join(',') },
      { ...after, linkedItems: after.linkedItems.join(',') },
      AUDITED,
    ),
    userName,
    at: now,
  });
}

/** The round's risk register, highest score first. */
export function listRisks(db: Database.Database, roundId: string): Risk[] {
  const { weight } = roundContext(db, roundId, false);
  const rows = db.prepare('SELECT * FROM risks WHERE round_id = ? AND removed_at IS NULL').all(roundId) as RiskRow[];
  return rows.map((r) => toRisk(r, weight)).sort((a, b) => b.score - a.score || a.createdAt.localeCompare(b.createdAt));
}

export function createRisk(db: Database.Database, roundId: string, fields: RiskFields, userName: string, now: Date): Risk {
  return writeTransaction(db, () => {
    const { round, weight } = roundContext(db, roundId, true);
    checkLinks(db, round, fields);
    const id = randomUUID();
    const stamp = now.toISOString();
    db.prepare(
      `INSERT INTO risks (id, round_id, asset_type, asset_name, threat, threat_detail, likelihood, impact, linked_items_json,
         planned_measures, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, roundId, fields.assetType, fields.assetName, fields.threat, fields.threatDetail, fields.likelihood, fields.impact,
      JSON.stringify(fields.linkedItems), fields.plannedMeasures, stamp, stamp);
    audit(db, round.site_id, id, 'create', null, fields, userName, now);
    return toRisk(db.prepare('SELECT * FROM risks WHERE id = ?').get(id) as RiskRow, weight);
  });
}

function riskRow(db: Database.Database, id: string): RiskRow {
  const row = db.prepare('SELECT * FROM risks WHERE id = ? AND removed_at IS NULL').get(id) as RiskRow | undefined;
  if (!row) throw notFound('risk', id);
  return row;
}

export function updateRisk(db: Database.Database, id: string, fields: RiskFields, userName: string, now: Date): Risk {
  return writeTransaction(db, () => {
    const before = riskRow(db, id);
    const { round, weight } = roundContext(db, before.round_id, true);
    checkLinks(db, round, fields);
    db.prepare(
      `UPDATE risks SET asset_type = ?, asset_name = ?, threat = ?, threat_detail = ?, likelihood = ?, impact = ?,
         linked_items_json = ?, planned_measures = ?, updated_at = ? WHERE id = ?`,
    ).run(fields.assetType, fields.assetName, fields.threat, fields.threatDetail, fields.likelihood, fields.impact,
      JSON.stringify(fields.linkedItems), fields.plannedMeasures, now.toISOString(), id);
    audit(db, round.site_id, id, 'update', fieldsOf(before), fields, userName, now);
    return toRisk(riskRow(db, id), weight);
  });
}

/** Removed risks stay in the database (and the audit log) but leave the register. */
export function removeRisk(db: Database.Database, id: string, userName: string, now: Date): void {
  writeTransaction(db, () => {
    const before = riskRow(db, id);
    const { round } = roundContext(db, before.round_id, true);
    db.prepare('UPDATE risks SET removed_at = ?, updated_at = ? WHERE id = ?').run(now.toISOString(), now.toISOString(), id);
    recordAudit(db, { siteId: round.site_id, entity: 'risk', entityId: id, action: 'remove', changes: [], userName, at: now });
  });
}
