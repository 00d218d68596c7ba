import type { Core } from '../core';
import { getSite } from '../sites/site-repository';
import { loadCandidates, type AdvisoryHead, type CandidateProduct, type ProductStatus } from './advisory-candidates';
import type { AdvisoryMatch, MatchConfidence, MatchStatus } from './advisory-types';
import { activeMakerAliases } from './maker-alias-store';
import { CONFIDENCE_RANK, type ProductHit } from './product-match';
import { parseRange, parseVersion, rangeContains, type RangeVerdict, type Segment, type VersionRange } from './version-range';

/**
 * Which of a site's devices the current advisory revisions name (8-4-1):
 *
 * 1. maker: the device's メーカー and the advisory's vendor meet on the alias
 *    table's key (or a related maker's); a device whose maker no advisory
 *    names is not looked at further;
 * 2. product: the device's 型式 or name against the product's name and
 *    model_numbers (product-match.ts gives the confidence);
 * 3. version: the device's バージョン (else its OS/firmware field when that
 *    reads as a version) against the product's range (version-range.ts).
 *
 * Per (device, advisory) the best product decides: affected when the version
 * is inside a known_affected / first_affected / last_affected range, or the
 * range is all versions (a product without any version is all versions);
 * review when the version cannot be decided (no device version, a range
 * that cannot be read, under_investigation); not reported when the version
 * is outside every such range, or when a fixed / first_fixed /
 * known_not_affected entry at least as sure covers it (9.80 against
 * `<= 9.78`, fixed `9.80`).
 */

const AFFECTED: ReadonlySet<ProductStatus> = new Set(['known_affected', 'first_affected', 'last_affected', 'under_investigation']);
const CLEARED: ReadonlySet<ProductStatus> = new Set(['fixed', 'first_fixed', 'known_not_affected']);

interface DeviceRow {
  id: string;
  asset_id: string;
  name: string;
  manufacturer: string;
  model: string;
  os: string;
  software_version: string;
}

interface Verdict {
  product: CandidateProduct;
  confidence: MatchConfidence;
  status: MatchStatus;
}

/** The device's version as written, and parsed: バージョン, else an OS/firmware field that is a version. */
function deviceVersion(device: DeviceRow): { text: string; parsed: Segment[] | null } {
  const written = device.software_version.trim();
  if (written) return { text: written, parsed: parseVersion(written) };
  const os = parseVersion(device.os);
  return os ? { text: device.os.trim(), parsed: os } : { text: '', parsed: null };
}

const ALL: VersionRange = { kind: 'all' };

/** The range one status of a product states: a single first_/last_ version is a bound, not a point. */
function rangeFor(product: CandidateProduct, status: ProductStatus, ranges: Map<string, VersionRange | null>): VersionRange | null {
  const text = product.version.trim();
  if (!text) return ALL;
  const op = product.isRange ? '' : status === 'first_affected' || status === 'first_fixed' ? '>=' : status === 'last_affected' ? '<=' : '';
  const key = op ? `${op} ${text}` : text;
  let range = ranges.get(key);
  if (range === undefined) ranges.set(key, (range = parseRange(key)));
  return range;
}

function verdictFor(range: VersionRange | null, version: Segment[] | null): RangeVerdict {
  if (range?.kind === 'all') return 'in';
  if (!range || !version) return 'unknown';
  return rangeContains(range, version);
}

function decide(hits: ProductHit<CandidateProduct>[], version: Segment[] | null, ranges: Map<string, VersionRange | null>): Verdict | null {
  let best: Verdict | null = null;
  let cleared = Number.POSITIVE_INFINITY;
  for (const { value: product, confidence } of hits) {
    const rank = CONFIDENCE_RANK[confidence];
    for (const status of product.statuses) {
      if (CLEARED.has(status) && version && verdictFor(rangeFor(product, status, ranges), version) === 'in') cleared = Math.min(cleared, rank);
      if (!AFFECTED.has(status)) continue;
      const inside = verdictFor(rangeFor(product, status, ranges), version);
      if (inside === 'out') continue;
      const verdict: Verdict = { product, confidence, status: inside === 'in' && status !== 'under_investigation' ? 'affected' : 'review' };
      if (!best || rank < CONFIDENCE_RANK[best.confidence] || (rank === CONFIDENCE_RANK[best.confidence] && verdict.status === 'affected' && best.status === 'review')) {
        best = verdict;
      }
    }
  }
  return best && cleared > CONFIDENCE_RANK[best.confidence] ? best : null;
}

/** What an advisory says of a product, the same for every device that meets it: worked out once per product. */
interface ProductFacts {
  cves: string[];
  cvss: number | null;
}

function factsOf(product: CandidateProduct, cache: Map<CandidateProduct, ProductFacts>): ProductFacts {
  let facts = cache.get(product);
  if (!facts) {
    const touching = product.vulnerabilities.filter((v) => AFFECTED.has(v.status));
    const scores = touching.map((v) => v.cvss).filter((score): score is number => score !== null);
    facts = { cves: [...new Set(touching.map((v) => v.cve).filter((c) => c.length > 0))].sort(), cvss: scores.length ? Math.max(...scores) : null };
    cache.set(product, facts);
  }
  return facts;
}

/** One advisory's verdict for a (product hits, device version): shared by every device with that model, name and version. */
interface Decided {
  advisory: AdvisoryHead;
  verdict: Verdict;
  facts: ProductFacts;
}

function toMatch(siteId: string, device: DeviceRow, version: string, { advisory, verdict, facts }: Decided): AdvisoryMatch {
  const { product } = verdict;
  // cves and remediations are shared between the matches of one product: a site's report reads them, nothing edits them.
  return {
    siteId,
    deviceId: device.id,
    assetId: device.asset_id,
    publisherNamespace: advisory.publisherNamespace,
    advisoryId: advisory.trackingId,
    advisorySha256: advisory.sha256,
    advisoryVersion: advisory.version,
    title: advisory.title,
    status: verdict.status,
    cves: facts.cves,
    cvss: facts.cvss,
    vendor: product.vendor,
    product: product.productName,
    versionRange: product.version,
    deviceVersion: version,
    confidence: verdict.confidence,
    remediations: product.remediations,
  };
}

const byAdvisoryId = (hits: readonly ProductHit<CandidateProduct>[]) => {
  const grouped = new Map<string, ProductHit<CandidateProduct>[]>();
  for (const hit of hits) {
    const list = grouped.get(hit.value.advisoryId);
    if (list) list.push(hit);
    else grouped.set(hit.value.advisoryId, [hit]);
  }
  return grouped;
};

/** Every (device, current advisory revision) pair of the site whose maker and product match, affected or to review. */
export function matchSite(core: Core, siteId: string): AdvisoryMatch[] {
  getSite(core.db, siteId);
  const { resolver } = activeMakerAliases(core);
  const devices = core.db
    .prepare(
      `SELECT id, asset_id, name, manufacturer, model, os, software_version FROM devices
       WHERE site_id = ? ORDER BY asset_sort_key, asset_id`,
    )
    .all(siteId) as DeviceRow[];
  const keysOf = new Map<DeviceRow, readonly string[]>();
  const wanted = new Set<string>();
  for (const device of devices) {
    const maker = resolver.makerKey(device.manufacturer);
    if (!maker) continue;
    const keys = resolver.candidateKeys(maker.key);
    keysOf.set(device, keys);
    for (const key of keys) wanted.add(key);
  }
  const { indexes, complete } = loadCandidates(core.db, resolver, wanted);

  // First which products each device names; then the details of only the advisories named. A site repeats
  // models: the product index hands the same hits array to every device with one model (and a name naming
  // nothing), so grouping and verdicts are worked out once per hits array and device version.
  const named: { device: DeviceRow; hits: readonly ProductHit<CandidateProduct>[] }[] = [];
  const advisoryIds = new Set<string>();
  const grouped = new Map<readonly ProductHit<CandidateProduct>[], { byAdvisory: Map<string, ProductHit<CandidateProduct>[]>; byVersion: Map<string, Decided[]> }>();
  for (const device of devices) {
    const keys = keysOf.get(device);
    if (!keys) continue;
    const lists = keys.map((key) => indexes.get(key)?.match({ model: device.model, name: device.name }) ?? []).filter((list) => list.length > 0);
    if (lists.length === 0) continue;
    const hits = lists.length === 1 ? lists[0]! : lists.flat();
    if (!grouped.has(hits)) {
      const byAdvisory = byAdvisoryId(hits);
      for (const id of byAdvisory.keys()) advisoryIds.add(id);
      grouped.set(hits, { byAdvisory, byVersion: new Map() });
    }
    named.push({ device, hits });
  }
  const heads = complete(advisoryIds);
  const ranges = new Map<string, VersionRange | null>();
  const facts = new Map<CandidateProduct, ProductFacts>();
  const matches: AdvisoryMatch[] = [];
  for (const { device, hits } of named) {
    const version = deviceVersion(device);
    const group = grouped.get(hits)!;
    let decided = group.byVersion.get(version.text);
    if (!decided) {
      decided = [];
      for (const [advisoryId, advisoryHits] of group.byAdvisory) {
        const verdict = decide(advisoryHits, version.parsed, ranges);
        if (verdict) decided.push({ advisory: heads.get(advisoryId)!, verdict, facts: factsOf(verdict.product, facts) });
      }
      decided.sort((a, b) => (b.facts.cvss ?? -1) - (a.facts.cvss ?? -1) || (a.advisory.trackingId < b.advisory.trackingId ? -1 : a.advisory.trackingId > b.advisory.trackingId ? 1 : 0));
      group.byVersion.set(version.text, decided);
    }
    for (const d of decided) matches.push(toMatch(siteId, device, version.text, d));
  }
  return matches;
}
