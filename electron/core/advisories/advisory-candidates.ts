import type Database from 'better-sqlite3';
import type { Remediation, RemediationCategory } from './advisory-types';
import type { MakerResolver } from './maker-aliases';
import { ProductIndex, type ProductEntry } from './product-match';

/**
 * The current advisory revisions (superseded_by IS NULL) whose vendors are
 * the makers a site has, read once per match run in two steps: first their
 * products, grouped by maker key into a ProductIndex; then, for only the
 * advisories some device hit, each product's statuses, the CVEs and CVSS
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
  advisoryId: string;
  productId: string;
  vendor: string;
  productName: string;
  /** product_version or product_version_range as written. */
  version: string;
  isRange: boolean;
  /** Filled by Candidates.complete() for the advisories some device hit. */
  statuses: Set<ProductStatus>;
  /** The vulnerabilities that name this product in any status, with the score given it. */
  vulnerabilities: { cve: string; cvss: number | null; status: ProductStatus }[];
  remediations: Remediation[];
}

export interface Candidates {
  /** One ProductIndex per maker key among those asked for. */
  indexes: Map<string, ProductIndex<CandidateProduct>>;
  /** Reads the heads, statuses, scores and remediations of these advisories only: those some device hit. */
  complete(advisoryIds: ReadonlySet<string>): Map<string, AdvisoryHead>;
}

// Rows are read as arrays (.raw()): tens of thousands of them, and objects per row cost more than the query.
type ProductRow = [advisoryId: string, productId: string, vendor: string, productName: string, version: string, isRange: number, fullName: string | null, modelNumbersJson: string];

function productName(row: ProductRow): string {
  const [, , vendor, name, version, , fullName] = row;
  if (name.trim() || fullName === null) return name;
  let derived = fullName.trim();
  if (vendor.trim() && derived.toLowerCase().startsWith(vendor.trim().toLowerCase())) derived = derived.slice(vendor.trim().length);
  if (version.trim() && derived.endsWith(version.trim())) derived = derived.slice(0, -version.trim().length);
  return derived.trim();
}

function stringList(json: string): string[] {
  if (json === '[]') return [];
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? parsed.filter((m): m is string => typeof m === 'string') : [];
  } catch {
    return [];
  }
}

const IN_LIST = 'IN (SELECT value FROM json_each(?))';

/** The products of the current revisions whose vendors are among `keys`, indexed per maker key. */
export function loadCandidates(db: Database.Database, resolver: MakerResolver, keys: ReadonlySet<string>): Candidates {
  // Vendors of superseded revisions too: the index-only scan is cheaper than the join, and the next query keeps current ones.
  const vendors = (db.prepare('SELECT DISTINCT vendor FROM advisory_products').pluck().all() as string[]).filter((vendor) => {
    const maker = resolver.makerKey(vendor);
    return maker !== null && keys.has(maker.key);
  });
  const products = new Map<string, Map<string, CandidateProduct>>();
  const byKey = new Map<string, ProductEntry<CandidateProduct>[]>();
  const rows = vendors.length
    ? (db
        .prepare(
          `SELECT p.advisory_id, p.product_id, p.vendor, p.product_name, p.version, p.version_is_range,
                  CASE WHEN trim(p.product_name) = '' THEN p.full_name END, p.model_numbers_json
           FROM advisory_products p JOIN advisories a ON a.id = p.advisory_id AND a.superseded_by IS NULL
           WHERE p.vendor ${IN_LIST}`,
        )
        .raw()
        .all(JSON.stringify(vendors)) as ProductRow[])
    : [];
  for (const row of rows) {
    const [advisoryId, productId, vendor, , version, isRange, , modelNumbersJson] = row;
    const product: CandidateProduct = {
      advisoryId,
      productId,
      vendor: vendor.trim(),
      productName: productName(row),
      version,
      isRange: isRange === 1,
      statuses: new Set(),
      vulnerabilities: [],
      remediations: [],
    };
    let ofAdvisory = products.get(advisoryId);
    if (!ofAdvisory) products.set(advisoryId, (ofAdvisory = new Map()));
    ofAdvisory.set(productId, product);
    const key = resolver.makerKey(vendor)!.key;
    let list = byKey.get(key);
    if (!list) byKey.set(key, (list = []));
    list.push({ name: product.productName, modelNumbers: stringList(modelNumbersJson), value: product });
  }
  const indexes = new Map([...byKey].map(([key, list]) => [key, new ProductIndex(list)]));
  return { indexes, complete: (ids) => complete(db, products, ids) };
}

function complete(db: Database.Database, products: Map<string, Map<string, CandidateProduct>>, advisoryIds: ReadonlySet<string>): Map<string, AdvisoryHead> {
  const heads = new Map<string, AdvisoryHead>();
  if (advisoryIds.size === 0) return heads;
  const ids = JSON.stringify([...advisoryIds]);
  const productOf = (advisoryId: string, productId: string) => products.get(advisoryId)?.get(productId);
  for (const [id, publisherNamespace, trackingId, version, sha256, title] of db
    .prepare(`SELECT id, publisher_namespace, tracking_id, tracking_version, sha256, title FROM advisories WHERE id ${IN_LIST}`)
    .raw()
    .all(ids) as [string, string, string, string, string, string][]) {
    heads.set(id, { id, publisherNamespace, trackingId, version, sha256, title });
  }
  const vulns = new Map<string, Map<number, { cve: string; cvss: number | null }>>();
  for (const [advisoryId, ordinal, cve, cvss] of db
    .prepare(`SELECT advisory_id, ordinal, cve, cvss_score FROM advisory_vulnerabilities WHERE advisory_id ${IN_LIST}`)
    .raw()
    .all(ids) as [string, number, string, number | null][]) {
    let of = vulns.get(advisoryId);
    if (!of) vulns.set(advisoryId, (of = new Map()));
    of.set(ordinal, { cve, cvss });
  }
  for (const [advisoryId, vulnerability, productId, status, cvss] of db
    .prepare(`SELECT advisory_id, vulnerability, product_id, status, cvss_score FROM advisory_product_status WHERE advisory_id ${IN_LIST}`)
    .raw()
    .all(ids) as [string, number, string, ProductStatus, number | null][]) {
    const product = productOf(advisoryId, productId);
    if (!product) continue;
    product.statuses.add(status);
    const vuln = vulns.get(advisoryId)?.get(vulnerability);
    product.vulnerabilities.push({ cve: vuln?.cve ?? '', cvss: cvss ?? vuln?.cvss ?? null, status });
  }
  for (const [advisoryId, category, details, url, productIdsJson] of db
    .prepare(
      `SELECT advisory_id, category, details, url, product_ids_json FROM advisory_remediations WHERE advisory_id ${IN_LIST}
       ORDER BY advisory_id, vulnerability, ordinal`,
    )
    .raw()
    .all(ids) as [string, RemediationCategory, string, string | null, string][]) {
    for (const productId of stringList(productIdsJson)) {
      const product = productOf(advisoryId, productId);
      if (!product) continue;
      if (product.remediations.some((m) => m.category === category && m.details === details && (m.url ?? null) === url)) continue;
      product.remediations.push({ category, details, ...(url ? { url } : {}) });
    }
  }
  return heads;
}
