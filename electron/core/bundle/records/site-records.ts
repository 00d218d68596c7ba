import { z } from 'zod';
import { col, columnsOf, insertMissing, selectRows, upsertRows } from './rows';
import { defineDomain } from './record-domain';

const siteRow = z
  .object({
    id: col.uuid,
    name: col.text,
    address: col.text,
    owner_name: col.text,
    contractor_name: col.text,
    region: col.text,
    receiving_voltage_v: col.optInt,
    generation_capacity_kw: col.num,
    grid_connected: col.flag,
    reverse_power_flow: col.flag,
    has_remote_monitoring: col.flag,
    has_control_system: col.flag,
    installation_type: col.text,
    last_system_change_date: col.optText,
    created_at: col.text,
    updated_at: col.text,
    archived_at: col.optText,
  })
  .strict();

const classificationRow = z
  .object({
    id: col.uuid,
    site_id: col.uuid,
    result: col.text,
    answers_json: col.text,
    reasons_json: col.text,
    transitional: col.flag,
    classified_at: col.text,
    classified_by: col.text,
  })
  .strict();

const schema = z.object({ site: siteRow, classifications: z.array(classificationRow) }).strict();
type SiteRecords = z.output<typeof schema>;

/** The site itself (its home edits it, so a copy is replaced whole) and its append-only classification history. */
export const siteRecords = defineDomain<SiteRecords>({
  file: 'site.json',
  kinds: ['site'],
  schema,
  collect: ({ db, siteId }) => ({
    site: selectRows<SiteRecords['site']>(db, 'sites', siteRow, 'id = ?', siteId)[0]!,
    classifications: selectRows(db, 'classifications', classificationRow, 'site_id = ? ORDER BY classified_at, rowid', siteId),
  }),
  check: (data, siteId, file) =>
    data.site.id !== siteId || data.classifications.some((c) => c.site_id !== siteId)
      ? { class: 'records_invalid', entry: file, reason: 'otherSite' }
      : null,
  apply: ({ db }, data) =>
    upsertRows(db, 'sites', columnsOf(siteRow), ['id'], [data.site]) +
    insertMissing(db, 'classifications', columnsOf(classificationRow), ['id'], data.classifications),
});
