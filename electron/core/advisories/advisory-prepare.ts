import { createHash } from 'node:crypto';
import type { AdvisoryIntegrity } from './advisory-types';
import { checkSignature, sha512Refusal, type TrustedKey } from './advisory-integrity';
import { boundsRefusal, isObject, MAX_ADVISORY_BYTES, type Refusal } from './csaf-bounds';
import { flattenCsaf, isRefusal, type FlatAdvisory } from './csaf-flatten';
import { validateCsaf } from './csaf-validator';

/**
 * One file's bytes made ready to store, in the order that costs least for
 * what is refused: size, `.sha512`, UTF-8 and JSON, CSAF 2.0 and the
 * tree's bounds, the schema and mandatory tests, flattening, then the
 * `.asc`. Nothing here writes; advisory-write.ts decides against what is
 * stored.
 */

export interface CandidateBytes {
  bytes: Uint8Array;
  /** The `.sha512` beside it, as text. */
  sha512?: string;
  /** The `.asc` beside it, as text. */
  asc?: string;
}

export interface PreparedRevision {
  text: string;
  sha256: string;
  size: number;
  publisherNamespace: string;
  publisherName: string;
  trackingId: string;
  version: string;
  trackingStatus: string;
  initialReleaseDate: string;
  currentReleaseDate: string;
  title: string;
  lang: string;
  flat: FlatAdvisory;
  integrity: AdvisoryIntegrity;
  signerFingerprint: string | null;
  notes: Refusal[];
}

/** A ROLIE feed (not an advisory): its entries' `content.src`. */
export interface FeedEntries {
  feed: true;
  sources: string[];
  /** The feed's own URL (link rel=self), against which absolute entry URLs are read. */
  self: string | null;
}

export type Prepared =
  | { ok: true; revision: PreparedRevision }
  | { ok: false; refusal: Refusal; identity?: { trackingId?: string; publisherNamespace?: string; version?: string } }
  | { ok: 'feed'; entries: FeedEntries };

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Every check, in the order above; what the import runs when it has no checker worker. */
export async function prepareAdvisory(candidate: CandidateBytes, trusted: () => TrustedKey[], options: { feedAllowed: boolean }): Promise<Prepared> {
  return applySignature(await checkDocument(candidate, options), candidate, trusted);
}

/**
 * The checks that need only the bytes: all but the `.asc`, which needs the
 * trust store. CPU-bound (the validator is most of an import), so the import
 * runs them in worker threads (check-worker.ts); what it returns is cloned
 * across threads as it is.
 */
export async function checkDocument(candidate: CandidateBytes, options: { feedAllowed: boolean }): Promise<Prepared> {
  const { bytes } = candidate;
  if (bytes.byteLength > MAX_ADVISORY_BYTES) return refused({ key: 'advisories.import.refused.tooLarge', params: { limitMb: MAX_ADVISORY_BYTES / 1024 / 1024 } });
  let integrity: AdvisoryIntegrity = 'none';
  if (candidate.sha512 !== undefined) {
    const refusal = sha512Refusal(bytes, candidate.sha512);
    if (refusal) return refused(refusal);
    integrity = 'sha512';
  }
  let text: string;
  let doc: unknown;
  try {
    text = utf8.decode(bytes);
    doc = JSON.parse(text);
  } catch {
    const head = Buffer.from(bytes.subarray(0, 512)).toString('latin1');
    if (/<cvrfdoc\b/.test(head)) return refused({ key: 'advisories.import.refused.csafVersion', params: { version: 'CVRF 1.2', supported: '2.0' } });
    return refused({ key: 'advisories.import.refused.notJson' });
  }
  if (options.feedAllowed) {
    const feed = feedEntries(doc);
    if (feed) return { ok: 'feed', entries: feed };
  }
  const bounds = boundsRefusal(doc);
  if (bounds) return refused(bounds);
  const root = doc as Record<string, unknown> & { document: Record<string, unknown> };
  const identity = identityOf(root.document);
  let failure;
  try {
    failure = await validateCsaf(doc);
  } catch (err) {
    // The library's own fault on this document (a test that throws): the file is refused, not the run.
    return refused({ key: 'advisories.import.refused.validatorFailed', params: { detail: String((err as Error)?.message ?? err).slice(0, 200) } }, identity);
  }
  if (failure) {
    return refused({ key: 'advisories.import.refused.invalid', params: { test: failure.test, path: failure.path, message: failure.message } }, identity);
  }
  const flat = flattenCsaf(root);
  if (isRefusal(flat)) return refused(flat, identity);

  const documentPart = root.document;
  const publisher = documentPart.publisher as Record<string, unknown>;
  const tracking = documentPart.tracking as Record<string, unknown>;
  return {
    ok: true,
    revision: {
      text,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: bytes.byteLength,
      publisherNamespace: String(publisher.namespace),
      publisherName: String(publisher.name),
      trackingId: String(tracking.id),
      version: String(tracking.version),
      trackingStatus: String(tracking.status),
      initialReleaseDate: String(tracking.initial_release_date),
      currentReleaseDate: String(tracking.current_release_date),
      title: String(documentPart.title),
      lang: typeof documentPart.lang === 'string' ? documentPart.lang : '',
      flat,
      integrity,
      signerFingerprint: null,
      notes: [],
    },
  };
}

/** The `.asc` beside a checked document, against Hoan's trust store; last, as it is the dearest check. */
export async function applySignature(checked: Prepared, candidate: CandidateBytes, trusted: () => TrustedKey[]): Promise<Prepared> {
  if (checked.ok !== true || candidate.asc === undefined) return checked;
  const revision = checked.revision;
  const check = await checkSignature(candidate.bytes, candidate.asc, trusted);
  if (check.outcome === 'refused') return refused(check.refusal, { trackingId: revision.trackingId, publisherNamespace: revision.publisherNamespace, version: revision.version });
  if (check.outcome === 'verified') return { ok: true, revision: { ...revision, integrity: 'openpgp', signerFingerprint: check.fingerprint } };
  return { ok: true, revision: { ...revision, notes: [...revision.notes, { key: 'advisories.import.notes.keyNotTrusted', params: { keyIds: check.keyIds.join(', ') } }] } };
}

function refused(refusal: Refusal, identity?: { trackingId?: string; publisherNamespace?: string; version?: string }): Prepared {
  return identity ? { ok: false, refusal, identity } : { ok: false, refusal };
}

function identityOf(documentPart: Record<string, unknown>): { trackingId?: string; publisherNamespace?: string; version?: string } {
  const tracking = isObject(documentPart.tracking) ? documentPart.tracking : {};
  const publisher = isObject(documentPart.publisher) ? documentPart.publisher : {};
  const out: { trackingId?: string; publisherNamespace?: string; version?: string } = {};
  if (typeof tracking.id === 'string') out.trackingId = tracking.id;
  if (typeof tracking.version === 'string') out.version = tracking.version;
  if (typeof publisher.namespace === 'string') out.publisherNamespace = publisher.namespace;
  return out;
}

/** `{"feed":{"entry":[{"content":{"src":…}}]}}` as ROLIE (RFC 8322) writes it in JSON; null for anything else. */
function feedEntries(doc: unknown): FeedEntries | null {
  if (!isObject(doc) || !isObject(doc.feed) || 'document' in doc) return null;
  const feed = doc.feed;
  const entries = Array.isArray(feed.entry) ? feed.entry : [];
  const sources: string[] = [];
  for (const entry of entries) {
    const src = isObject(entry) && isObject(entry.content) ? entry.content.src : undefined;
    if (typeof src === 'string') sources.push(src);
  }
  const self = Array.isArray(feed.link) ? feed.link.find((l: unknown) => isObject(l) && l.rel === 'self' && typeof l.href === 'string') : undefined;
  return { feed: true, sources, self: isObject(self) ? String(self.href) : null };
}
