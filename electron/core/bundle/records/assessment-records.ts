import { z } from 'zod';
import { col, columnsOf, insertMissing, selectRows, upsertRows } from './rows';
import { defineDomain } from './record-domain';

const roundRow = z
  .object({
    id: col.uuid,
    site_id: col.uuid,
    framework: col.text,
    catalogue_version: col.text,
    title: col.text,
    classification: col.text,
    site_facts_json: col.text,
    started_at: col.text,
    started_by: col.text,
    completed_at: col.optText,
    completed_by: col.optText,
    carried_from: col.optText,
  })
  .strict();

const itemRow = z
  .object({
    round_id: col.uuid,
    item_id: col.text,
    status: col.optText,
    necessity: col.optText,
    reason: col.text,
    measures: col.text,
    example_measures_json: col.text,
    responsible: col.text,
    target_date: col.optText,
    reviewer: col.text,
    review_date: col.optText,
    remediation_plan: col.text,
    remediation_date: col.optText,
    carried_over: col.flag,
    updated_at: col.optText,
    updated_by: col.text,
  })
  .strict();

const evidenceRow = z
  .object({ round_id: col.uuid, item_id: col.text, sha256: col.sha256, file_name: col.text, attached_at: col.text, attached_by: col.text })
  .strict();

const riskRow = z
  .object({
    id: col.uuid,
    round_id: col.uuid,
    asset_type: col.text,
    asset_name: col.text,
    threat: col.text,
    threat_detail: col.text,
    likelihood: col.int,
    impact: col.int,
    linked_items_json: col.text,
    planned_measures: col.text,
    created_at: col.text,
    updated_at: col.text,
    removed_at: col.optText,
  })
  .strict();

const schema = z
  .object({ rounds: z.array(roundRow), items: z.array(itemRow), evidence: z.array(evidenceRow), risks: z.array(riskRow) })
  .strict();
type AssessmentRecords = z.output<typeof schema>;

const OF_SITE = 'round_id IN (SELECT id FROM assessment_rounds WHERE site_id = ?)';

/** Assessment rounds with every item's decision, evidence links and the risk register. */
export const assessmentRecords = defineDomain<AssessmentRecords>({
  file: 'assessments.json',
  kinds: ['site'],
  schema,
  collect: ({ db, siteId }) => ({
    rounds: selectRows(db, 'assessment_rounds', roundRow, 'site_id = ? ORDER BY started_at, rowid', siteId),
    items: selectRows(db, 'assessment_items', itemRow, `${OF_SITE} ORDER BY round_id, item_id`, siteId),
    evidence: selectRows(db, 'assessment_evidence', evidenceRow, `${OF_SITE} ORDER BY round_id, item_id, sha256`, siteId),
    risks: selectRows(db, 'risks', riskRow, `${OF_SITE} ORDER BY created_at, id`, siteId),
  }),
  requiredEvidence: (data) => data.evidence.map((e) => e.sha256),
  check: (data, siteId, file) => {
    const rounds = new Set(data.rounds.map((r) => r.id));
    const foreign = data.rounds.some((r) => r.site_id !== siteId) || [...data.items, ...data.evidence, ...data.risks].some((r) => !rounds.has(r.round_id));
    return foreign ? { class: 'records_invalid', entry: file, reason: 'otherSite' } : null;
  },
  apply: ({ db }, data) => {
    let n = upsertRows(db, 'assessment_rounds', columnsOf(roundRow), ['id'], data.rounds);
    n += upsertRows(db, 'assessment_items', columnsOf(itemRow), ['round_id', 'item_id'], data.items);
    // Links can be removed at home (detach): each round's set is replaced by the bundle's.
    const keep = new Set(data.evidence.map((e) => `${e.round_id}/${e.item_id}/${e.sha256}`));
    const drop = db.prepare('DELETE FROM assessment_evidence WHERE round_id = ? AND item_id = ? AND sha256 = ?');
    for (const round of data.rounds) {
      for (const link of db.prepare('SELECT round_id, item_id, sha256 FROM assessment_evidence WHERE round_id = ?').all(round.id) as { round_id: string; item_id: string; sha256: string }[]) {
        if (!keep.has(`${link.round_id}/${link.item_id}/${link.sha256}`)) n += drop.run(link.round_id, link.item_id, link.sha256).changes;
      }
    }
    n += insertMissing(db, 'assessment_evidence', columnsOf(evidenceRow), ['round_id', 'item_id', 'sha256'], data.evidence);
    n += upsertRows(db, 'risks', columnsOf(riskRow), ['id'], data.risks);
    return n;
  },
});
