import { z } from 'zod';
import { col, columnsOf, insertMissing, selectRows } from './rows';
import { defineDomain } from './record-domain';

const auditRow = z
  .object({
    id: col.uuid,
    site_id: col.optText,
    entity: col.text,
    entity_id: col.text,
    action: col.text,
    changes_json: col.text,
    user_name: col.text,
    at: col.text,
  })
  .strict();

const schema = z.object({ entries: z.array(auditRow) }).strict();
type AuditRecords = z.output<typeof schema>;

/** The site's audit trail. Append-only on both sides, so merged by union of entry ids. */
export const auditRecords = defineDomain<AuditRecords>({
  file: 'audit.json',
  kinds: ['site'],
  schema,
  collect: ({ db, siteId }) => ({ entries: selectRows(db, 'audit_log', auditRow, 'site_id = ? ORDER BY seq', siteId) }),
  check: (data, siteId, file) => (data.entries.some((e) => e.site_id !== siteId) ? { class: 'records_invalid', entry: file, reason: 'otherSite' } : null),
  apply: ({ db }, data) => insertMissing(db, 'audit_log', columnsOf(auditRow), ['id'], data.entries),
});
