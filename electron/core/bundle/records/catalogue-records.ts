import { createHash } from 'node:crypto';
import { z } from 'zod';
import { catalogueSchema } from '../../checklist/catalogue-schema';
import { col, columnsOf, insertMissing, selectRows } from './rows';
import { defineDomain } from './record-domain';

const catalogueRow = z
  .object({
    framework: col.text,
    version: col.text,
    revision: col.int,
    sha256: col.sha256,
    content_json: col.text,
    source: z.enum(['builtin', 'import']),
    imported_at: col.text,
  })
  .strict();

const schema = z.object({ catalogues: z.array(catalogueRow).max(100) }).strict();
type CatalogueRecords = z.output<typeof schema>;
type CatalogueRow = z.output<typeof catalogueRow>;

const contentHash = (row: CatalogueRow) => createHash('sha256').update(row.content_json).digest('hex');

/**
 * Catalogue versions: a site's bundle carries those its rounds were decided
 * on (head office may not have them yet); head office's bundle carries every
 * version it holds, which is how catalogue updates reach sites.
 */
export const catalogueRecords = defineDomain<CatalogueRecords>({
  file: 'catalogues.json',
  kinds: ['site', 'review'],
  schema,
  collect: ({ db, siteId, kind }) => ({
    catalogues:
      kind === 'site'
        ? selectRows(db, 'catalogues', catalogueRow, '(framework, version) IN (SELECT framework, catalogue_version FROM assessment_rounds WHERE site_id = ?) ORDER BY framework, revision', siteId)
        : selectRows(db, 'catalogues', catalogueRow, '1 ORDER BY framework, revision'),
  }),
  check: (data, _siteId, file) => {
    for (const row of data.catalogues) {
      let parsed: z.ZodSafeParseResult<unknown>;
      try {
        parsed = catalogueSchema.safeParse(JSON.parse(row.content_json));
      } catch {
        return { class: 'records_invalid', entry: file, reason: 'catalogue', params: { version: row.version } };
      }
      if (!parsed.success) return { class: 'records_invalid', entry: file, reason: 'catalogue', params: { version: row.version } };
    }
    return null;
  },
  checkAgainst: (db, data, _siteId, file) => {
    for (const row of data.catalogues) {
      const here = db.prepare('SELECT content_json, revision FROM catalogues WHERE framework = ? AND version = ?').get(row.framework, row.version) as
        | { content_json: string; revision: number }
        | undefined;
      const clash = here
        ? here.revision !== row.revision || createHash('sha256').update(here.content_json).digest('hex') !== contentHash(row)
        : db.prepare('SELECT 1 FROM catalogues WHERE framework = ? AND revision = ?').get(row.framework, row.revision) !== undefined;
      if (clash) return { class: 'records_invalid', entry: file, reason: 'catalogueClash', params: { version: row.version } };
    }
    return null;
  },
  apply: ({ db }, data) =>
    insertMissing(db, 'catalogues', columnsOf(catalogueRow), ['framework', 'version'], data.catalogues.map((c) => ({ ...c, source: 'import' }))),
});
