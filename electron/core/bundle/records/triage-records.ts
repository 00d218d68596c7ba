import { z } from 'zod';
import { NOT_AFFECTED_REASONS, TRIAGE_STATUSES } from '../../advisories/advisory-types';
import { col, columnsOf, insertMissing, selectRows, type Row } from './rows';
import { defineDomain } from './record-domain';

/**
 * The site's triage decisions (8-4-2, 8-4-3; table advisory_triage), carried
 * to head office in the site's bundle. Its own format version, so the
 * decisions' shape can change without touching the other records:
 *
 *   format     "hoan-triage/1"
 *   decisions  advisory_triage's rows but `seq` (local order), oldest first
 *
 * The table is append-only on both sides, so an import adds the decisions it
 * has not seen (by id) and changes none: a bundle sent twice, or an older
 * one after a newer, writes nothing twice. Each names a device of the site,
 * which the same bundle's inventory carries (applied before this file); a
 * decision arriving here records the bundle it came with.
 */
export const TRIAGE_FORMAT = 'hoan-triage/1';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
export const triageRow = z
  .object({
    id: col.uuid,
    site_id: col.uuid,
    device_id: z.string().min(1).max(200),
    publisher_namespace: z.string().min(1).max(1000),
    tracking_id: z.string().min(1).max(1000),
    status: z.enum(TRIAGE_STATUSES),
    reason_code: z.enum(NOT_AFFECTED_REASONS).nullable(),
    note: z.string().max(4000),
    compensating_control: z.string().max(4000),
    due_on: day.nullable(),
    risk_id: col.optText,
    advisory_sha256: col.sha256,
    device_version: z.string().max(1000),
    decided_at: col.text,
    decided_by: col.text,
    bundle_id: col.optText,
  })
  .strict();

const schema = z.object({ format: z.literal(TRIAGE_FORMAT), decisions: z.array(triageRow) }).strict();
type TriageRecords = z.output<typeof schema>;

export const triageRecords = defineDomain<TriageRecords>({
  file: 'advisory-triage.json',
  kinds: ['site'],
  schema,
  collect: ({ db, siteId }) => ({ format: TRIAGE_FORMAT, decisions: selectRows(db, 'advisory_triage', triageRow, 'site_id = ? ORDER BY seq', siteId) }),
  check: (data, siteId, file) => (data.decisions.some((d) => d.site_id !== siteId) ? { class: 'records_invalid', entry: file, reason: 'otherSite' } : null),
  apply: ({ db, siteId, bundleId }, data) => {
    const device = db.prepare('SELECT 1 FROM devices WHERE id = ? AND site_id = ?');
    const missing = data.decisions.find((d) => !device.get(d.device_id, siteId));
    if (missing) throw new Error(`triage decision ${missing.id} names device ${missing.device_id}, which the bundle's inventory does not carry`);
    const rows: Row[] = data.decisions.map((d) => ({ ...d, bundle_id: d.bundle_id ?? bundleId }));
    return insertMissing(db, 'advisory_triage', columnsOf(triageRow), ['id'], rows);
  },
});
