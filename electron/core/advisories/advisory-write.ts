import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { recordAudit } from '../audit/audit-log';
import { compareRevisions } from './advisory-revisions';
import type { PreparedRevision } from './advisory-prepare';
import type { AdvisoryFileOutcome } from './advisory-types';

/**
 * Writes one prepared revision, deciding against the revisions already
 * stored for its identity (publisher namespace, tracking id):
 * - the same bytes (sha256) as any stored revision: unchanged;
 * - the same revision (current_release_date and tracking.version) with other
 *   bytes: refused, since one of the two copies was altered;
 * - newer than the current revision: stored as current (updated), the
 *   previous one kept with `superseded_by` pointing at it;
 * - older than the current: stored as a superseded revision, pointing at the
 *   oldest stored revision newer than it (status imported, with a note).
 * Runs inside the caller's transaction; writes all its rows or none.
 */

interface StoredRevision {
  id: string;
  tracking_version: string;
  current_release_date: string;
  sha256: string;
  superseded_by: string | null;
}

export interface WriteContext {
  db: Database.Database;
  source: string;
  at: Date;
  userName: string;
}

export function writeRevision(ctx: WriteContext, revision: PreparedRevision, outcome: AdvisoryFileOutcome): AdvisoryFileOutcome {
  const { db } = ctx;
  const stored = statements(db).revisions.all(revision.publisherNamespace, revision.trackingId) as StoredRevision[];
  const key = { currentReleaseDate: revision.currentReleaseDate, version: revision.version };
  if (stored.some((r) => r.sha256 === revision.sha256)) return { ...outcome, status: 'unchanged' };
  const twin = stored.find((r) => compareRevisions(key, { currentReleaseDate: r.current_release_date, version: r.tracking_version }) === 0);
  if (twin) {
    return { ...outcome, status: 'refused', reason: { key: 'advisories.import.refused.sameRevisionOtherBytes', params: { version: revision.version, date: revision.currentReleaseDate } } };
  }
  const current = stored.find((r) => r.superseded_by === null);
  const id = randomUUID();
  const newer = stored
    .filter((r) => compareRevisions(key, { currentReleaseDate: r.current_release_date, version: r.tracking_version }) < 0)
    .sort((a, b) => compareRevisions({ currentReleaseDate: a.current_release_date, version: a.tracking_version }, { currentReleaseDate: b.current_release_date, version: b.tracking_version }));
  const supersededBy = newer[0]?.id ?? null;
  insertRevision(ctx, id, revision, supersededBy);
  let result: AdvisoryFileOutcome;
  if (supersededBy !== null) {
    result = { ...outcome, status: 'imported', notes: [...(outcome.notes ?? []), { key: 'advisories.import.notes.olderRevision', params: { current: current?.tracking_version ?? newer[0]!.tracking_version } }] };
  } else if (current) {
    statements(db).supersede.run(id, current.id);
    result = { ...outcome, status: 'updated', previousVersion: current.tracking_version };
  } else {
    result = { ...outcome, status: 'imported' };
  }
  recordAudit(db, {
    siteId: null,
    entity: 'advisory',
    entityId: id,
    action: result.status === 'updated' ? 'update' : 'import',
    changes: [
      { field: 'trackingId', old: null, new: revision.trackingId },
      { field: 'version', old: result.previousVersion ?? null, new: revision.version },
      { field: 'sha256', old: null, new: revision.sha256 },
      { field: 'integrity', old: null, new: revision.integrity },
      { field: 'source', old: null, new: ctx.source },
    ],
    userName: ctx.userName,
    at: ctx.at,
  });
  return result;
}

function insertRevision(ctx: WriteContext, id: string, r: PreparedRevision, supersededBy: string | null): void {
  const s = statements(ctx.db);
  s.advisory.run(
    id,
    r.publisherNamespace,
    r.publisherName,
    r.trackingId,
    r.version,
    r.trackingStatus,
    r.initialReleaseDate,
    r.currentReleaseDate,
    r.title,
    r.lang,
    r.sha256,
    r.size,
    r.text,
    r.integrity,
    r.signerFingerprint,
    ctx.source,
    ctx.at.toISOString(),
    ctx.userName,
    supersededBy,
  );
  for (const p of r.flat.products) {
    s.product.run(id, p.productId, p.vendor, p.productName, p.version, p.versionIsRange ? 1 : 0, p.fullName, JSON.stringify(p.modelNumbers), JSON.stringify(p.helpers));
  }
  for (const v of r.flat.vulnerabilities) s.vulnerability.run(id, v.ordinal, v.cve, v.title, v.cvssScore, v.cvssVector);
  for (const st of r.flat.statuses) s.status.run(id, st.vulnerability, st.productId, st.status, st.cvssScore);
  for (const m of r.flat.remediations) s.remediation.run(id, m.vulnerability, m.ordinal, m.category, m.details, m.url, JSON.stringify(m.productIds));
}

type Statements = Record<'revisions' | 'supersede' | 'advisory' | 'product' | 'vulnerability' | 'status' | 'remediation', Database.Statement>;
const cache = new WeakMap<Database.Database, Statements>();

/** Prepared once per connection: a folder of thousands of advisories writes tens of thousands of rows. */
function statements(db: Database.Database): Statements {
  let s = cache.get(db);
  if (!s) {
    s = {
      revisions: db.prepare('SELECT id, tracking_version, current_release_date, sha256, superseded_by FROM advisories WHERE publisher_namespace = ? AND tracking_id = ?'),
      supersede: db.prepare('UPDATE advisories SET superseded_by = ? WHERE id = ?'),
      advisory: db.prepare(
        `INSERT INTO advisories (id, publisher_namespace, publisher_name, tracking_id, tracking_version, tracking_status, initial_release_date,
           current_release_date, title, lang, sha256, size, document, integrity, signer_fingerprint, source, imported_at, imported_by, superseded_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      product: db.prepare(
        `INSERT INTO advisory_products (advisory_id, product_id, vendor, product_name, version, version_is_range, full_name, model_numbers_json, helpers_json)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      vulnerability: db.prepare('INSERT INTO advisory_vulnerabilities (advisory_id, ordinal, cve, title, cvss_score, cvss_vector) VALUES (?, ?, ?, ?, ?, ?)'),
      status: db.prepare('INSERT INTO advisory_product_status (advisory_id, vulnerability, product_id, status, cvss_score) VALUES (?, ?, ?, ?, ?)'),
      remediation: db.prepare(
        'INSERT INTO advisory_remediations (advisory_id, vulnerability, ordinal, category, details, url, product_ids_json) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
    };
    cache.set(db, s);
  }
  return s;
}
