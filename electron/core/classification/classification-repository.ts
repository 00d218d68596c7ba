import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { recordAudit } from '../audit/audit-log';
import { getSite } from '../sites/site-repository';
import type {
  Classification,
  ClassificationAnswers,
  ClassificationReason,
  ClassificationResult,
} from './classification-schema';
import { classify, isTransitional } from './classify';
import { writeTransaction } from '../db/transactions';

interface ClassificationRow {
  id: string;
  site_id: string;
  result: string;
  answers_json: string;
  reasons_json: string;
  transitional: number;
  classified_at: string;
  classified_by: string;
}

function toClassification(row: ClassificationRow): Classification {
  return {
    id: row.id,
    siteId: row.site_id,
    result: row.result as ClassificationResult,
    answers: JSON.parse(row.answers_json) as ClassificationAnswers,
    reasons: JSON.parse(row.reasons_json) as ClassificationReason[],
    transitional: row.transitional === 1,
    classifiedAt: row.classified_at,
    classifiedBy: row.classified_by,
  };
}

export function recordClassification(
  db: Database.Database,
  siteId: string,
  answers: ClassificationAnswers,
  classifiedBy: string,
  now: Date,
): Classification {
  const site = getSite(db, siteId);
  const outcome = classify(answers);
  const row: ClassificationRow = {
    id: randomUUID(),
    site_id: site.id,
    result: outcome.result,
    answers_json: JSON.stringify(answers),
    reasons_json: JSON.stringify(outcome.reasons),
    transitional: isTransitional(site) ? 1 : 0,
    classified_at: now.toISOString(),
    classified_by: classifiedBy,
  };
  const previous = listClassifications(db, site.id)[0];
  writeTransaction(db, () => {
    db.prepare(
      `INSERT INTO classifications (id, site_id, result, answers_json, reasons_json, transitional, classified_at, classified_by)
       VALUES (@id, @site_id, @result, @answers_json, @reasons_json, @transitional, @classified_at, @classified_by)`,
    ).run(row);
    recordAudit(db, {
      siteId: site.id,
      entity: 'site',
      entityId: site.id,
      action: 'classify',
      changes: [{ field: 'classification', old: previous?.result ?? null, new: outcome.result }],
      userName: classifiedBy,
      at: now,
    });
  });
  return toClassification(row);
}

/** Newest first. */
export function listClassifications(db: Database.Database, siteId: string): Classification[] {
  const rows = db
    .prepare('SELECT * FROM classifications WHERE site_id = ? ORDER BY classified_at DESC, rowid DESC')
    .all(siteId) as ClassificationRow[];
  return rows.map(toClassification);
}

/** The latest classification of each site, for lists. */
export function latestClassifications(db: Database.Database): Map<string, Classification> {
  const rows = db
    .prepare(
      `SELECT c.* FROM classifications c
       WHERE c.rowid = (SELECT c2.rowid FROM classifications c2 WHERE c2.site_id = c.site_id
                        ORDER BY c2.classified_at DESC, c2.rowid DESC LIMIT 1)`,
    )
    .all() as ClassificationRow[];
  return new Map(rows.map((r) => [r.site_id, toClassification(r)]));
}
