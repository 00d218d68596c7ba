import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { BagSummary, BundleFailure } from './bundle-types';
import { evidencePath, recordPath } from './bundle-layout';
import { RECORD_DOMAINS } from './records';

export const RECORDS_FORMAT = 'hoan-records/1';

const envelope = z.object({ format: z.literal(RECORDS_FORMAT), file: z.string(), siteId: z.string(), data: z.unknown() }).strict();

/** Stage 4: a bundle already seen, or not newer than the last one from its signer. */
export function checkReplay(db: Database.Database, bag: BagSummary): BundleFailure | null {
  if (db.prepare('SELECT 1 FROM bundles WHERE id = ?').get(bag.bundleId)) {
    return { class: 'replay', entry: null, reason: 'seen', params: { bundleId: bag.bundleId } };
  }
  const last = db.prepare(`SELECT max(sequence) AS s FROM bundles WHERE signer_fingerprint = ? AND direction = 'import'`).get(bag.signerFingerprint) as { s: number | null };
  if (last.s !== null && bag.sequence <= last.s) {
    return { class: 'sequence_not_newer', entry: null, reason: 'notNewer', params: { sequence: bag.sequence, last: last.s } };
  }
  return null;
}

/**
 * A site bundle may only update a copy whose home is its signer; head
 * office's bundle may only annotate a site whose home is here.
 */
export function checkOwnership(db: Database.Database, bag: BagSummary): BundleFailure | null {
  const site = db.prepare('SELECT id FROM sites WHERE id = ?').get(bag.siteId);
  const origin = db.prepare('SELECT owner_fingerprint FROM site_origins WHERE site_id = ?').get(bag.siteId) as { owner_fingerprint: string } | undefined;
  const fail = (reason: string): BundleFailure => ({ class: 'ownership', entry: null, reason, params: { site: bag.siteName } });
  if (bag.kind === 'site') {
    if (site && !origin) return fail('homeHere');
    if (origin && origin.owner_fingerprint !== bag.signerFingerprint) return fail('otherOwner');
    return null;
  }
  if (!site || origin) return fail('notHomeHere');
  return null;
}

/**
 * Stage 5: every record file parsed and checked, still before anything is
 * written. With a database, the records are also checked against what this
 * installation holds (the media log must extend, never rewrite, its copy).
 */
export function checkRecords(
  texts: Map<string, Buffer>,
  bag: BagSummary,
  payload: { has(path: string): boolean },
  db: Database.Database | null,
): { records: Map<string, unknown> } | BundleFailure {
  const domains = RECORD_DOMAINS.filter((d) => d.kinds.includes(bag.kind));
  const expected = new Set(domains.map((d) => recordPath(d.file)));
  for (const path of texts.keys()) {
    if (path.startsWith('data/records/') && !expected.has(path)) return { class: 'records_invalid', entry: path, reason: 'unknownRecords' };
  }
  const records = new Map<string, unknown>();
  for (const domain of domains) {
    const path = recordPath(domain.file);
    const bytes = texts.get(path);
    if (!bytes) return { class: 'records_invalid', entry: path, reason: 'missingRecords' };
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch {
      return { class: 'records_invalid', entry: path, reason: 'json' };
    }
    const outer = envelope.safeParse(json);
    if (!outer.success || outer.data.file !== domain.file || outer.data.siteId !== bag.siteId) return { class: 'records_invalid', entry: path, reason: 'envelope' };
    const inner = domain.schema.safeParse(outer.data.data);
    if (!inner.success) {
      return { class: 'records_invalid', entry: path, reason: 'schema', params: { path: inner.error.issues[0]?.path.join('.').slice(0, 200) ?? '' } };
    }
    const own = domain.check?.(inner.data, bag.siteId, path, bag) ?? null;
    if (own) return own;
    const missing = (domain.requiredEvidence?.(inner.data) ?? []).find((sha) => !payload.has(evidencePath(sha)));
    if (missing) return { class: 'records_invalid', entry: evidencePath(missing), reason: 'evidenceMissing' };
    if (db) {
      const against = domain.checkAgainst?.(db, inner.data, bag.siteId, path) ?? null;
      if (against) return against;
    }
    records.set(domain.file, inner.data);
  }
  return { records };
}
