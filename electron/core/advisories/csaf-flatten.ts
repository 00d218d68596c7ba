import type { RemediationCategory } from './advisory-types';
import { isObject, type Refusal } from './csaf-bounds';

/**
 * A validated CSAF 2.0 document flattened into the rows of migration 0017.
 *
 * Products: every `product` of a branch leaf, every top-level
 * `full_product_names` entry and every relationship's `full_product_name`.
 * A leaf takes its vendor, product name and version from the branches above
 * it as written: `vendor`; `product_name` (else `product_family`, the
 * nearest one); `product_version` or `product_version_range` (the latter
 * flagged as a range). A relationship's product (a firmware installed on a
 * device) takes them from its `product_reference`, and its helpers where it
 * has none of its own.
 *
 * Scores: a vulnerability's CVSS v3 score is the highest it is given; a
 * product's score for it is the highest of the scores whose `products`
 * name it, else the vulnerability's. Product groups are expanded wherever a
 * status or remediation names them.
 */

export interface ProductRow {
  productId: string;
  vendor: string;
  productName: string;
  version: string;
  versionIsRange: boolean;
  fullName: string;
  modelNumbers: string[];
  helpers: Record<string, unknown>;
}

export interface VulnerabilityRow {
  ordinal: number;
  cve: string;
  title: string;
  cvssScore: number | null;
  cvssVector: string | null;
}

export interface StatusRow {
  vulnerability: number;
  productId: string;
  status: string;
  cvssScore: number | null;
}

export interface RemediationRow {
  vulnerability: number;
  ordinal: number;
  category: RemediationCategory;
  details: string;
  url: string | null;
  productIds: string[];
}

export interface FlatAdvisory {
  products: ProductRow[];
  vulnerabilities: VulnerabilityRow[];
  statuses: StatusRow[];
  remediations: RemediationRow[];
}

export const PRODUCT_STATUSES = ['first_affected', 'first_fixed', 'fixed', 'known_affected', 'known_not_affected', 'last_affected', 'recommended', 'under_investigation'] as const;

interface Context {
  vendor: string;
  productName: string;
  family: string;
  version: string;
  versionIsRange: boolean;
}

/** The rows, or a refusal when the document names a product twice or one it never defines (defence beside mandatory tests 6.1.1 and 6.1.2). */
export function flattenCsaf(doc: Record<string, unknown>): FlatAdvisory | Refusal {
  const products = new Map<string, ProductRow>();
  const duplicate = (id: string): Refusal => ({ key: 'advisories.import.refused.duplicateProductId', params: { productId: id } });
  const tree = isObject(doc.product_tree) ? doc.product_tree : {};

  const stack: { branches: unknown; context: Context }[] = [
    { branches: tree.branches, context: { vendor: '', productName: '', family: '', version: '', versionIsRange: false } },
  ];
  while (stack.length) {
    const { branches, context } = stack.pop()!;
    if (!Array.isArray(branches)) continue;
    for (const branch of branches) {
      if (!isObject(branch)) continue;
      const here = withBranch(context, String(branch.category ?? ''), text(branch.name));
      if (isObject(branch.product)) {
        const row = productRow(branch.product, here);
        if (products.has(row.productId)) return duplicate(row.productId);
        products.set(row.productId, row);
      }
      if (branch.branches !== undefined) stack.push({ branches: branch.branches, context: here });
    }
  }
  const empty: Context = { vendor: '', productName: '', family: '', version: '', versionIsRange: false };
  for (const full of list(tree.full_product_names)) {
    const row = productRow(full, empty);
    if (products.has(row.productId)) return duplicate(row.productId);
    products.set(row.productId, row);
  }
  for (const relationship of list(tree.relationships)) {
    if (!isObject(relationship.full_product_name)) continue;
    const own = productRow(relationship.full_product_name, empty);
    if (products.has(own.productId)) return duplicate(own.productId);
    const reference = products.get(text(relationship.product_reference));
    products.set(own.productId, reference ? { ...reference, productId: own.productId, fullName: own.fullName, helpers: Object.keys(own.helpers).length ? own.helpers : reference.helpers, modelNumbers: own.modelNumbers.length ? own.modelNumbers : reference.modelNumbers } : own);
  }

  const groups = new Map<string, string[]>();
  for (const group of list(tree.product_groups)) groups.set(text(group.group_id), (Array.isArray(group.product_ids) ? group.product_ids : []).map(String));
  const undefinedProduct = (id: string): Refusal => ({ key: 'advisories.import.refused.undefinedProduct', params: { productId: id } });
  const expand = (ids: unknown, groupIds: unknown): string[] => {
    const out = new Set<string>();
    for (const id of Array.isArray(ids) ? ids : []) out.add(String(id));
    for (const g of Array.isArray(groupIds) ? groupIds : []) for (const id of groups.get(String(g)) ?? []) out.add(id);
    return [...out];
  };

  const vulnerabilities: VulnerabilityRow[] = [];
  const statuses: StatusRow[] = [];
  const remediations: RemediationRow[] = [];
  const rawVulnerabilities = Array.isArray(doc.vulnerabilities) ? doc.vulnerabilities : [];
  for (let ordinal = 0; ordinal < rawVulnerabilities.length; ordinal++) {
    const vuln: unknown = rawVulnerabilities[ordinal];
    if (!isObject(vuln)) continue;
    let best: { score: number; vector: string } | null = null;
    const perProduct = new Map<string, number>();
    for (const score of list(vuln.scores)) {
      const cvss = isObject(score.cvss_v3) ? score.cvss_v3 : null;
      if (!cvss || typeof cvss.baseScore !== 'number') continue;
      const value = cvss.baseScore;
      if (!best || value > best.score) best = { score: value, vector: text(cvss.vectorString) };
      for (const id of expand(score.products, undefined)) perProduct.set(id, Math.max(perProduct.get(id) ?? value, value));
    }
    vulnerabilities.push({ ordinal, cve: text(vuln.cve), title: text(vuln.title), cvssScore: best?.score ?? null, cvssVector: best?.vector || null });
    const productStatus = isObject(vuln.product_status) ? vuln.product_status : {};
    for (const status of PRODUCT_STATUSES) {
      for (const id of expand(productStatus[status], undefined)) {
        if (!products.has(id)) return undefinedProduct(id);
        statuses.push({ vulnerability: ordinal, productId: id, status, cvssScore: perProduct.get(id) ?? best?.score ?? null });
      }
    }
    const vulnRemediations = list(vuln.remediations);
    for (let index = 0; index < vulnRemediations.length; index++) {
      const remediation = vulnRemediations[index]!;
      const productIds = expand(remediation.product_ids, remediation.group_ids);
      const missing = productIds.find((id) => !products.has(id));
      if (missing !== undefined) return undefinedProduct(missing);
      remediations.push({
        vulnerability: ordinal,
        ordinal: index,
        category: text(remediation.category) as RemediationCategory,
        details: text(remediation.details),
        url: typeof remediation.url === 'string' ? remediation.url : null,
        productIds,
      });
    }
  }
  return { products: [...products.values()], vulnerabilities, statuses, remediations };
}

export function isRefusal(value: FlatAdvisory | Refusal): value is Refusal {
  return 'key' in value;
}

function withBranch(context: Context, category: string, name: string): Context {
  switch (category) {
    case 'vendor':
      return { ...context, vendor: name };
    case 'product_family':
      return { ...context, family: name };
    case 'product_name':
      return { ...context, productName: name };
    case 'product_version':
      return { ...context, version: name, versionIsRange: false };
    case 'product_version_range':
      return { ...context, version: name, versionIsRange: true };
    default:
      return context;
  }
}

function productRow(product: Record<string, unknown>, context: Context): ProductRow {
  const helpers = isObject(product.product_identification_helper) ? product.product_identification_helper : {};
  return {
    productId: text(product.product_id),
    vendor: context.vendor,
    productName: context.productName || context.family,
    version: context.version,
    versionIsRange: context.versionIsRange,
    fullName: text(product.name),
    modelNumbers: Array.isArray(helpers.model_numbers) ? helpers.model_numbers.map(String) : [],
    helpers,
  };
}

function list(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isObject) : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
