import type { Core } from '../core';
import type { AdvisoryIntegrity } from './advisory-types';

/** One advisory as the list shows it: its current revision and what it holds. */
export interface AdvisorySummary {
  /** The current revision's row id. */
  id: string;
  publisherName: string;
  publisherNamespace: string;
  trackingId: string;
  version: string;
  title: string;
  currentReleaseDate: string;
  importedAt: string;
  integrity: AdvisoryIntegrity;
  /** Revisions stored for this advisory, the current one included. */
  revisions: number;
  products: number;
  cves: string[];
  /** Highest CVSS v3 base score of the current revision; null when none is given. */
  cvss: number | null;
}

export interface AdvisoryListPage {
  total: number;
  items: AdvisorySummary[];
}

export interface AdvisoryListQuery {
  /** Part of the tracking id, title, publisher or a CVE, case-insensitive. */
  search?: string;
  offset?: number;
  limit?: number;
}

/** Current revisions, newest release first, a page at a time. */
export function listAdvisories(core: Pick<Core, 'db'>, query: AdvisoryListQuery = {}): AdvisoryListPage {
  const search = query.search?.trim() ?? '';
  const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const where = `a.superseded_by IS NULL AND (? = '' OR a.tracking_id LIKE ? ESCAPE '\\' OR a.title LIKE ? ESCAPE '\\' OR a.publisher_name LIKE ? ESCAPE '\\'
    OR EXISTS (SELECT 1 FROM advisory_vulnerabilities v WHERE v.advisory_id = a.id AND v.cve LIKE ? ESCAPE '\\'))`;
  const params = [search, like, like, like, like];
  const total = (core.db.prepare(`SELECT count(*) AS n FROM advisories a WHERE ${where}`).get(...params) as { n: number }).n;
  const rows = core.db
    .prepare(
      `SELECT a.id, a.publisher_name, a.publisher_namespace, a.tracking_id, a.tracking_version, a.title, a.current_release_date, a.imported_at, a.integrity,
         (SELECT count(*) FROM advisories r WHERE r.publisher_namespace = a.publisher_namespace AND r.tracking_id = a.tracking_id) AS revisions,
         (SELECT count(*) FROM advisory_products p WHERE p.advisory_id = a.id) AS products,
         (SELECT group_concat(cve, ' ') FROM (SELECT DISTINCT cve FROM advisory_vulnerabilities v WHERE v.advisory_id = a.id AND cve <> '' ORDER BY cve)) AS cves,
         (SELECT max(cvss_score) FROM advisory_vulnerabilities v WHERE v.advisory_id = a.id) AS cvss
       FROM advisories a WHERE ${where}
       ORDER BY a.current_release_date DESC, a.tracking_id LIMIT ? OFFSET ?`,
    )
    .all(...params, Math.min(Math.max(query.limit ?? 100, 1), 500), Math.max(query.offset ?? 0, 0)) as {
    id: string;
    publisher_name: string;
    publisher_namespace: string;
    tracking_id: string;
    tracking_version: string;
    title: string;
    current_release_date: string;
    imported_at: string;
    integrity: AdvisoryIntegrity;
    revisions: number;
    products: number;
    cves: string | null;
    cvss: number | null;
  }[];
  return {
    total,
    items: rows.map((r) => ({
      id: r.id,
      publisherName: r.publisher_name,
      publisherNamespace: r.publisher_namespace,
      trackingId: r.tracking_id,
      version: r.tracking_version,
      title: r.title,
      currentReleaseDate: r.current_release_date,
      importedAt: r.imported_at,
      integrity: r.integrity,
      revisions: r.revisions,
      products: r.products,
      cves: r.cves ? r.cves.split(' ') : [],
      cvss: r.cvss,
    })),
  };
}
