import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { recordAudit } from '../audit/audit-log';
import { listClassifications } from '../classification/classification-repository';
import { HoanError, notFound } from '../errors';
import { getTimeZone } from '../settings/settings-repository';
import { getSite } from '../sites/site-repository';
import { dayIn } from '../time/time-zone';
import type { AssessmentDetail, AssessmentItemView, AssessmentRound, Decision, RoundSummary } from './assessment-schema';
import { activeCatalogue, getCatalogue } from './catalogue-store';
import { conformity, effectiveLevel, isOverdue, itemState, needsPlan, summarise } from './decision-rules';
import { writeTransaction } from '../db/transactions';

interface RoundRow {
  id: string;
  site_id: string;
  framework: string;
  catalogue_version: string;
  title: string;
  classification: 'A' | 'B' | 'C';
  site_facts_json: string;
  started_at: string;
  started_by: string;
  completed_at: string | null;
  completed_by: string | null;
  carried_from: string | null;
}

export interface ItemRow {
  round_id: string;
  item_id: string;
  status: Decision['status'];
  necessity: Decision['necessity'];
  reason: string;
  measures: string;
  example_measures_json: string;
  responsible: string;
  target_date: string | null;
  reviewer: string;
  review_date: string | null;
  remediation_plan: string;
  remediation_date: string | null;
  carried_over: number;
  updated_at: string | null;
  updated_by: string;
}

/** The site facts that weigh a risk's impact, as they were when the round began. */
export interface SiteFacts {
  generationCapacityKw: number | null;
  receivingVoltageV: number | null;
}

export function decisionOf(row: ItemRow): Decision {
  return {
    status: row.status,
    necessity: row.necessity,
    reason: row.reason,
    measures: row.measures,
    exampleMeasureIds: JSON.parse(row.example_measures_json) as string[],
    responsible: row.responsible,
    targetDate: row.target_date,
    reviewer: row.reviewer,
    reviewDate: row.review_date,
    remediationPlan: row.remediation_plan,
    remediationDate: row.remediation_date,
  };
}

export function getRoundRow(db: Database.Database, roundId: string): RoundRow {
  const row = db.prepare('SELECT * FROM assessment_rounds WHERE id = ?').get(roundId) as RoundRow | undefined;
  if (!row) throw notFound('assessment', roundId);
  return row;
}

export function roundSiteFacts(row: Pick<RoundRow, 'site_facts_json'>): SiteFacts {
  return JSON.parse(row.site_facts_json) as SiteFacts;
}

/** Every item of a round with its catalogue text, level for the round's 区分, state and evidence. */
export function roundItems(db: Database.Database, round: RoundRow, now: Date): AssessmentItemView[] {
  const { catalogue } = getCatalogue(db, round.framework, round.catalogue_version);
  const rows = new Map(
    (db.prepare('SELECT * FROM assessment_items WHERE round_id = ?').all(round.id) as ItemRow[]).map((r) => [r.item_id, r]),
  );
  const evidence = db
    .prepare(
      `SELECT e.item_id, e.sha256, e.file_name, e.attached_at, e.attached_by, f.size
       FROM assessment_evidence e JOIN evidence_files f ON f.sha256 = e.sha256
       WHERE e.round_id = ? ORDER BY e.attached_at, e.file_name`,
    )
    .all(round.id) as { item_id: string; sha256: string; file_name: string; attached_at: string; attached_by: string; size: number }[];
  const articles = new Map(catalogue.articles.map((a) => [a.id, a]));
  const measures = new Map(catalogue.exampleMeasures.map((m) => [m.id, m.text]));
  const today = dayIn(now, getTimeZone(db));
  return catalogue.items.map((item) => {
    const row = rows.get(item.id);
    if (!row) throw new Error(`round ${round.id} lacks item ${item.id}`);
    const decision = decisionOf(row);
    const level = effectiveLevel(item, round.classification);
    return {
      id: item.id,
      article: item.article,
      chapter: articles.get(item.article)?.chapter ?? '',
      title: item.title,
      text: item.text,
      level,
      generic: item.generic === true,
      exampleMeasures: item.exampleMeasures.map((id) => ({ id, text: measures.get(id)! })),
      decision: { ...decision, carriedOver: row.carried_over === 1, updatedAt: row.updated_at, updatedBy: row.updated_by },
      state: itemState(decision),
      conformity: conformity(level, decision),
      needsPlan: needsPlan(level, decision),
      overdue: isOverdue(decision, today),
      evidence: evidence
        .filter((e) => e.item_id === item.id)
        .map((e) => ({ sha256: e.sha256, name: e.file_name, size: e.size, attachedAt: e.attached_at, attachedBy: e.attached_by })),
    };
  });
}

export interface LatestRound {
  row: RoundRow;
  summary: RoundSummary;
  /** 不適合 items (countNonconforming). */
  nonconforming: number;
}

const LATEST_ROUNDS = `SELECT r.* FROM assessment_rounds r
  WHERE r.rowid = (SELECT r2.rowid FROM assessment_rounds r2 WHERE r2.site_id = r.site_id
                   ORDER BY r2.started_at DESC, r2.rowid DESC LIMIT 1)`;

// One row per round: its items counted by 実施状況 and, for 勧告 items (@kankoku: those of the
// catalogue at 勧告 for 区分A, when the round is 区分A), by 適合; overdue against @today.
// The rules are decision-rules.ts's, counted by SQLite over all rounds at once.
const ROUND_COUNTS = `
SELECT i.round_id,
       count(*) AS total,
       sum(i.status IS NULL) AS unconsidered,
       sum(i.status = 'implemented') AS implemented,
       sum(i.status = 'partial') AS partial,
       sum(i.status = 'not_implemented') AS not_implemented,
       sum(i.status = 'not_applicable') AS not_applicable,
       sum(k.value IS NOT NULL) AS kankoku,
       sum(k.value IS NOT NULL AND i.status IN ('implemented', 'not_applicable')) AS compliant,
       sum(k.value IS NOT NULL AND i.status IN ('partial', 'not_implemented')) AS nonconforming,
       sum(k.value IS NOT NULL AND i.status IS NULL) AS undetermined,
       sum((i.status IS NULL OR i.status NOT IN ('implemented', 'not_applicable'))
           AND (i.target_date < @today OR i.remediation_date < @today)) AS overdue
FROM assessment_items i
JOIN assessment_rounds r ON r.id = i.round_id
LEFT JOIN json_each(@kankoku) k ON k.value = i.item_id AND r.classification = 'A'
WHERE i.round_id IN (SELECT value FROM json_each(@rounds)) AND i.item_id IN (SELECT value FROM json_each(@items))
GROUP BY i.round_id`;

// 不適合 勧告 items: whether each lacks its plan is needsPlan's to say (its trim is JavaScript's).
const NONCONFORMING_ITEMS = `
SELECT i.* FROM assessment_items i JOIN assessment_rounds r ON r.id = i.round_id
WHERE i.round_id IN (SELECT value FROM json_each(@rounds)) AND r.classification = 'A'
  AND i.item_id IN (SELECT value FROM json_each(@kankoku)) AND i.status IN ('partial', 'not_implemented')`;

interface RoundCounts {
  round_id: string;
  total: number;
  unconsidered: number;
  implemented: number;
  partial: number;
  not_implemented: number;
  not_applicable: number;
  kankoku: number;
  compliant: number;
  nonconforming: number;
  undetermined: number;
  overdue: number;
}

/**
 * Every site's latest round (as listRounds orders them: newest started
 * first) with the summary roundItems and summarise would give it, counted by
 * SQLite in a fixed number of queries however many sites there are, each
 * catalogue read once: head office lists hundreds of sites, and building
 * every item of every round (text, evidence) only to count them took most of
 * a second at 300.
 */
export function latestRounds(db: Database.Database, now: Date): Map<string, LatestRound> {
  const rows = db.prepare(LATEST_ROUNDS).all() as RoundRow[];
  const today = dayIn(now, getTimeZone(db));
  const byCatalogue = new Map<string, RoundRow[]>();
  for (const row of rows) {
    const key = JSON.stringify([row.framework, row.catalogue_version]);
    const group = byCatalogue.get(key);
    if (group) group.push(row);
    else byCatalogue.set(key, [row]);
  }
  const out = new Map<string, LatestRound>();
  const counts = db.prepare(ROUND_COUNTS);
  const open = db.prepare(NONCONFORMING_ITEMS);
  for (const group of byCatalogue.values()) {
    const { catalogue } = getCatalogue(db, group[0]!.framework, group[0]!.catalogue_version);
    const ids = JSON.stringify(catalogue.items.map((i) => i.id));
    const kankoku = JSON.stringify(catalogue.items.filter((i) => effectiveLevel(i, 'A') === 'kankoku').map((i) => i.id));
    const roundIds = JSON.stringify(group.map((r) => r.id));
    const counted = new Map((counts.all({ rounds: roundIds, kankoku, today, items: ids }) as RoundCounts[]).map((c) => [c.round_id, c]));
    const missingPlans = new Map<string, number>();
    for (const item of open.all({ rounds: roundIds, kankoku }) as ItemRow[]) {
      if (needsPlan('kankoku', decisionOf(item))) missingPlans.set(item.round_id, (missingPlans.get(item.round_id) ?? 0) + 1);
    }
    for (const row of group) {
      const c = counted.get(row.id);
      // As roundItems: every item of the catalogue has its row, or the round is broken.
      if (!c || c.total !== catalogue.items.length) throw new Error(`round ${row.id} lacks items of its catalogue`);
      const summary: RoundSummary = {
        total: c.total,
        considered: c.total - c.unconsidered,
        unconsidered: c.unconsidered,
        byState: { unconsidered: c.unconsidered, implemented: c.implemented, partial: c.partial, not_implemented: c.not_implemented, not_applicable: c.not_applicable },
        kankoku: { total: c.kankoku, compliant: c.compliant, nonconforming: c.nonconforming, undetermined: c.undetermined, missingPlans: missingPlans.get(row.id) ?? 0 },
        overdue: c.overdue,
      };
      out.set(row.site_id, { row, summary, nonconforming: c.nonconforming });
    }
  }
  return out;
}

function toRound(db: Database.Database, row: RoundRow, items: AssessmentItemView[]): AssessmentRound {
  return {
    id: row.id,
    siteId: row.site_id,
    title: row.title,
    classification: row.classification,
    catalogue: getCatalogue(db, row.framework, row.catalogue_version).ref,
    startedAt: row.started_at,
    startedBy: row.started_by,
    completedAt: row.completed_at,
    completedBy: row.completed_by,
    carriedFrom: row.carried_from,
    summary: summarise(items),
  };
}

export function getAssessment(db: Database.Database, roundId: string, now: Date): AssessmentDetail {
  const row = getRoundRow(db, roundId);
  const { catalogue } = getCatalogue(db, row.framework, row.catalogue_version);
  const items = roundItems(db, row, now);
  return {
    round: toRound(db, row, items),
    chapters: catalogue.chapters,
    articles: catalogue.articles.map((a) => ({ id: a.id, chapter: a.chapter, title: a.title })),
    items,
  };
}

/** Newest first. */
export function listRounds(db: Database.Database, siteId: string, now: Date): AssessmentRound[] {
  getSite(db, siteId);
  const rows = db
    .prepare('SELECT * FROM assessment_rounds WHERE site_id = ? ORDER BY started_at DESC, rowid DESC')
    .all(siteId) as RoundRow[];
  return rows.map((row) => toRound(db, row, roundItems(db, row, now)));
}

/**
 * Starts a round (e.g. the annual review) on the framework's catalogue in
 * force, for the site's current 区分. Decisions and evidence of an earlier
 * round are carried over by item id; items new to the catalogue start 未検討.
 */
export function createRound(
  db: Database.Database,
  input: { siteId: string; title: string; framework: string; carryOverFrom: string | null },
  userName: string,
  now: Date,
): AssessmentRound {
  const site = getSite(db, input.siteId);
  const classification = listClassifications(db, site.id)[0];
  if (!classification) throw new HoanError('conflict', 'errors.assessment.notClassified');
  if (classification.result === 'out_of_scope') throw new HoanError('conflict', 'errors.assessment.outOfScope');
  const { ref, catalogue } = activeCatalogue(db, input.framework);
  const source = input.carryOverFrom ? getRoundRow(db, input.carryOverFrom) : undefined;
  if (source && source.site_id !== site.id) throw new HoanError('validation', 'errors.assessment.carryOverOtherSite');

  const id = randomUUID();
  const facts: SiteFacts = { generationCapacityKw: site.generationCapacityKw, receivingVoltageV: site.receivingVoltageV };
  return writeTransaction(db, () => {
    db.prepare(
      `INSERT INTO assessment_rounds (id, site_id, framework, catalogue_version, title, classification, site_facts_json,
         started_at, started_by, carried_from)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, site.id, ref.framework, ref.version, input.title, classification.result, JSON.stringify(facts), now.toISOString(), userName, source?.id ?? null);
    const previous = new Map(
      source
        ? (db.prepare('SELECT * FROM assessment_items WHERE round_id = ?').all(source.id) as ItemRow[]).map((r) => [r.item_id, r])
        : [],
    );
    const insertItem = db.prepare(
      `INSERT INTO assessment_items (round_id, item_id, status, necessity, reason, measures, example_measures_json, responsible,
         target_date, reviewer, review_date, remediation_plan, remediation_date, carried_over, updated_at, updated_by)
       VALUES (@round_id, @item_id, @status, @necessity, @reason, @measures, @example_measures_json, @responsible,
         @target_date, @reviewer, @review_date, @remediation_plan, @remediation_date, @carried_over, @updated_at, @updated_by)`,
    );
    const copyEvidence = db.prepare(
      `INSERT INTO assessment_evidence (round_id, item_id, sha256, file_name, attached_at, attached_by)
       SELECT ?, item_id, sha256, file_name, attached_at, attached_by FROM assessment_evidence WHERE round_id = ? AND item_id = ?`,
    );
    for (const item of catalogue.items) {
      const old = previous.get(item.id);
      insertItem.run(
        old
          ? { ...old, round_id: id, carried_over: 1 }
          : {
              round_id: id,
              item_id: item.id,
              status: null,
              necessity: null,
              reason: '',
              measures: '',
              example_measures_json: '[]',
              responsible: '',
              target_date: null,
              reviewer: '',
              review_date: null,
              remediation_plan: '',
              remediation_date: null,
              carried_over: 0,
              updated_at: null,
              updated_by: '',
            },
      );
      if (old && source) copyEvidence.run(id, source.id, item.id);
    }
    recordAudit(db, {
      siteId: site.id,
      entity: 'assessment',
      entityId: id,
      action: 'create',
      changes: [
        { field: 'title', old: null, new: input.title },
        { field: 'catalogue', old: null, new: `${ref.framework} ${ref.version}` },
        { field: 'classification', old: null, new: classification.result },
        ...(source ? [{ field: 'carriedFrom', old: null, new: source.id }] : []),
      ],
      userName,
      at: now,
    });
    const row = getRoundRow(db, id);
    return toRound(db, row, roundItems(db, row, now));
  });
}

/** A round is complete only when every item is considered and every 不適合 item has a plan with a date. */
export function completeRound(db: Database.Database, roundId: string, userName: string, now: Date): AssessmentRound {
  return writeTransaction(db, () => {
    const row = getRoundRow(db, roundId);
    if (row.completed_at) throw new HoanError('conflict', 'errors.assessment.alreadyCompleted');
    const items = roundItems(db, row, now);
    const blockers = items.filter((i) => i.state === 'unconsidered' || i.needsPlan);
    if (blockers.length > 0) {
      const unconsidered = items.filter((i) => i.state === 'unconsidered').length;
      const missingPlans = items.filter((i) => i.needsPlan).length;
      // The message names only the reasons that apply: no "0 件" for the other.
      const messageKey = !missingPlans ? 'cannotCompleteUnconsidered' : !unconsidered ? 'cannotCompleteMissingPlans' : 'cannotComplete';
      throw new HoanError(
        'conflict',
        `errors.assessment.${messageKey}`,
        { unconsidered, missingPlans },
        blockers.slice(0, 50).map((i) => ({
          path: `items.${i.id}`,
          messageKey: i.state === 'unconsidered' ? 'errors.assessment.unconsidered' : 'errors.assessment.planRequired',
        })),
      );
    }
    db.prepare('UPDATE assessment_rounds SET completed_at = ?, completed_by = ? WHERE id = ?').run(now.toISOString(), userName, roundId);
    recordAudit(db, {
      siteId: row.site_id,
      entity: 'assessment',
      entityId: roundId,
      action: 'complete',
      changes: [{ field: 'completedAt', old: null, new: now.toISOString() }],
      userName,
      at: now,
    });
    const done = getRoundRow(db, roundId);
    return toRound(db, done, items);
  });
}
