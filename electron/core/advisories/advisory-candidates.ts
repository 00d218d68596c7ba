import type Database from 'better-sqlite3';
import type { Remediation, RemediationCategory } from './advisory-types';
import type { MakerResolver } from './maker-aliases';
import { ProductIndex } from './product-match';

/**
 * The current advisory revisions (superseded_by IS NULL) whose vendors are
 * the makers a site has, read once per match run: products grouped by maker
 * key into a ProductIndex, with each product's statuses, the CVEs and CVSS
 * scores that touch it and its remediations. Vendors are stored as written
 * and mapped to makers here, so the alias table in force decides.
 */

export type ProductStatus =
  | 'first_affected' | 'first_fixed' | 'fixed' | 'known_affected' | 'known_not_affected' | 'last_affected' | 'recommended' | 'under_investigation';

export interface AdvisoryHead {
  id: string;
  publisherNamespace: string;
  trackingId: string;
  version: string;
  sha256: string;
  title: string;
}

export interface CandidateProduct {
  advisory: AdvisoryHead;
  productId: string;
  vendor: string;
  productName: string;
  /** product_version or product_version_range as written. */
  version: string;
  isRange: boolean;
  statuses: Set<ProductStatus>;
  /** The vulnerabilities that name this product in any status, with the score given it. */
  vulnerabilities: { cve: string; cvss: number | null; status: ProductStatus }[];
  remediations: Remediation[];
}

interface ProductRow {
  advisory_id: string;
  product_id: string;
  vendor: string;
  product_name: string;
  version: string;
  version_is_range: number;
  full_name: string;
  model_numbers_json: string;
}

const CURRENT = 'JOIN advisories a ON a.id = p.advisory_id AND a.superseded_by IS NULL';

function productName(row: ProductRow): string {
  if (row.product_name.trim()) return row.product_name;
  let name = row.full_name.trim();
  if (row.vendor.trim() && name.toLowerCase().startsWith(row.vendor.trim().toLowerCase())) name = name.slice(row.vendor.trim().length);
  if (row.version.trim() && name.endsWith(row.version.trim())) name = name.slice(0, -row.version.trim().length);
  return name.trim();
}

function stringList(json: string): string[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((m): m is string => typeof m === 'string') : [];
  } catch {
    return [];
  }
}

/** One ProductIndex per maker key among `keys`: only what the site's makers can meet is read. */
export function loadCandidates(db: Database.Database, resolver: MakerResolver, keys: ReadonlySet<string>): Map<string, ProductIndex<CandidateProduct>> {
  const vendors = (db.prepare(`SELECT DISTINCT p.vendor FROM advisory_products p ${CURRENT}`).pluck().all() as string[]).filter((vendor) => {
    const maker = resolver.makerKey(vendor);
    return maker !== null && keys.has(maker.key);
  });
  const indexes = new Map<string, ProductIndex<CandidateProduct>>();
  if (vendors.length === 0) return indexes;

  const rows = db
    .prepare(
      `SELECT p.advisory_id, p.product_id, p.vendor, p.product_name, p.version, p.version_is_range, p.full_name, p.model_numbers_json
       FROM advisory_products p ${CURRENT} WHERE p.vendor IN (SELECT value FROM json_each(?))`,
    )
    .all(JSON.stringify(vendors)) as ProductRow[];
  const advisoryIds = JSON.stringify([...new Set(rows.map((r) => r.advisory_id))]);
  const inList = 'IN (SELECT value FROM json_each(?))';

  const heads = new Map<string, AdvisoryHead>();
  for (const a of db
    .prepare(`SELECT id, publisher_namespace, tracking_id, tracking_version, sha256, title FROM advisories WHERE id ${inList}`)
    .all(advisoryIds) as { id: string; publisher_namespace: string; tracking_id: string; tracking_version: string; sha256: string; title: string }[]) {
    heads.set(a.id, { id: a.id, publisherNamespace: a.publisher_namespace, trackingId: a.tracking_id, version: a.tracking_version, sha256: a.sha256, title: a.title });
  }

  const products = new Map<string, CandidateProduct>();
  const byKey = new Map<string, CandidateProduct[]>();
  const entries = new Map<CandidateProduct, string[]>();
  for (const row of rows) {
    const product: CandidateProduct = {
      advisory: heads.get(row.advisory_id)!,
      productId: row.product_id,
      vendor: row.vendor.trim(),
      productName: productName(row),
      version: row.version,
      isRange: row.version_is_range === 1,
      statuses: new Set(),
      vulnerabilities: [],
      remediations: [],
    };
    products.set(`${row.advisory_id}\u0000${row.product_id}`, product);
    entries.set(product, stringList(row.model_numbers_json));
    const key = resolver.makerKey(row.vendor)!.key;
    const list = byKey.get(key);
    if (list) list.push(product);
    else byKey.set(key, [product]);
  }

  const vulns = new Map<string, { cve: string; cvss: number | null }>();
  for (const v of db
    .prepare(`SELECT advisory_id, ordinal, cve, cvss_score FROM advisory_vulnerabilities WHERE advisory_id ${inList}`)
    .all(advisoryIds) as { advisory_id: string; ordinal: number; cve: string; cvss_score: number | null }[]) {
    vulns.set(`${v.advisory_id}\u0000${v.ordinal}`, { cve: v.cve, cvss: v.cvss_score });
  }
  for (const s of db
    .prepare(`SELECT advisory_id, vulnerability, product_id, status, cvss_score FROM advisory_product_status WHERE advisory_id ${inList}`)
    .all(advisoryIds) as { advisory_id: string; vulnerability: number; product_id: string; status: ProductStatus; cvss_score: number | null }[]) {
    const product = products.get(`${s.advisory_id}\u0000${s.product_id}`);
    if (!product) continue;
    product.statuses.add(s.status);
    const vuln = vulns.get(`${s.advisory_id}\u0000${s.vulnerability}`);
    product.vulnerabilities.push({ cve: vuln?.cve ?? '', cvss: s.cvss_score ?? vuln?.cvss ?? null, status: s.status });
  }
  for (const r of db
    .prepare(`SELECT advisory_id, category, details, url, product_ids_json FROM advisory_remediations WHERE advisory_id ${inList} ORDER BY advisory_id, vulnerability, ordinal`)
    .all(advisoryIds) as { advisory_id: string; category: RemediationCategory; details: string; url: string | null; product_ids_json: string }[]) {
    for (const productId of stringList(r.product_ids_json)) {
      const product = products.get(`${r.advisory_id}\u0000${productId}`);
      if (!product) continue;
      if (product.remediations.some((m) => m.category === r.category && m.details === r.details && (m.url ?? null) === r.url)) continue;
      product.remediations.push({ category: r.category, details: r.details, ...(r.url ? { url: r.url } : {}) });
    }
  }

  for (const [key, list] of byKey) {
    indexes.set(key, new ProductIndex(list.map((value) => ({ name: value.productName, modelNumbers: entries.get(value)!, value }))));
  }
  return indexes;
}
