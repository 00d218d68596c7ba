import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { matchSite } from '../advisories/advisory-matching';
import type { Core } from '../core';
import { HoanError } from '../errors';
import type { AdvisorySelection, BundleFailure, CarriedAdvisory } from './bundle-types';

/**
 * CSAF advisories in head office's review bundle (issue 13, 8-4-1): head
 * office imports advisories once and sends a site the ones it needs; the site
 * takes them with the bundle, because a trusted head-office key signed every
 * byte, and matches them against its own inventory.
 *
 * They travel as the record file `data/records/advisories.json` (the records
 * envelope of verify-records.ts, `data` below), which only a review bundle
 * carries. Like every payload file it is listed in manifest-sha256.txt, so
 * the signature over the tag manifest covers each document.
 *
 *   format      "hoan-advisories/1"
 *   documents   0 to 20,000 objects, sha256 unique:
 *     publisherNamespace, trackingId, version
 *                 the revision's document.publisher.namespace,
 *                 document.tracking.id and document.tracking.version
 *                 (strings, 1 to 1,000 characters)
 *     sha256      64 lowercase hex digits: the SHA-256 of `text` encoded as
 *                 UTF-8, which is the document exactly as head office
 *                 received and stored it (checked at verify time)
 *     text        the document (at most 64 MiB)
 *   aliasTable  null, or head office's newest maker alias table:
 *     version   a positive integer
 *     sha256    SHA-256 of `table` encoded as UTF-8 (checked at verify time)
 *     table     the table as JSON text, as head office stores it
 *
 * What the site does with a document is decided by its own advisory store,
 * which runs the CSAF checks again (advisory-arrivals.ts): a document it
 * refuses is reported with the bundle, and does not fail the bundle.
 */

export const ADVISORIES_FORMAT = 'hoan-advisories/1';
export const ADVISORIES_RECORD = 'advisories.json';
export const MAX_BUNDLE_ADVISORIES = 20_000;
const MAX_TEXT = 64 * 1024 * 1024;

const sha256Of = (text: string) => createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const name = z.string().min(1).max(1000);

export const carriedDocument = z
  .object({ publisherNamespace: name, trackingId: name, version: name, sha256: hex64, text: z.string().min(1).max(MAX_TEXT) })
  .strict();

export const advisoriesSchema = z
  .object({
    format: z.literal(ADVISORIES_FORMAT),
    documents: z.array(carriedDocument).max(MAX_BUNDLE_ADVISORIES),
    aliasTable: z.object({ version: z.number().int().min(1), sha256: hex64, table: z.string().min(2).max(MAX_TEXT) }).strict().nullable(),
  })
  .strict();
export type CarriedAdvisories = z.output<typeof advisoriesSchema>;

export const withoutText = (d: CarriedAdvisories['documents'][number]): CarriedAdvisory => ({
  publisherNamespace: d.publisherNamespace,
  trackingId: d.trackingId,
  version: d.version,
  sha256: d.sha256,
});

/** At verify time, without a database: every hash says what its text is, and no document comes twice. */
export function checkCarriedAdvisories(data: CarriedAdvisories, file: string): BundleFailure | null {
  const seen = new Set<string>();
  for (const [i, d] of data.documents.entries()) {
    if (seen.has(d.sha256)) return { class: 'records_invalid', entry: file, reason: 'duplicate', params: { path: `documents.${i}` } };
    seen.add(d.sha256);
    if (sha256Of(d.text) !== d.sha256) return { class: 'records_invalid', entry: file, reason: 'advisoryHash', params: { path: `documents.${i}`, id: d.trackingId.slice(0, 200) } };
  }
  if (data.aliasTable && sha256Of(data.aliasTable.table) !== data.aliasTable.sha256) return { class: 'records_invalid', entry: file, reason: 'advisoryHash', params: { path: 'aliasTable', id: String(data.aliasTable.version) } };
  return null;
}

/**
 * The current revisions (superseded_by IS NULL) a bundle for this site would
 * carry. Never sent to it before: no bundle to the site recorded one with the
 * same document hash (advisory-arrivals.ts). `relevant` keeps those the
 * site's inventory matches as this installation holds it (matchSite).
 */
export function selectAdvisories(core: Core, siteId: string, selection: AdvisorySelection): string[] {
  if (selection === 'none') return [];
  const rows = core.db
    .prepare(
      `SELECT a.id, a.sha256 FROM advisories a
       WHERE a.superseded_by IS NULL
         AND NOT EXISTS (SELECT 1 FROM bundle_advisories s WHERE s.site_id = ? AND s.state = 'sent' AND s.sha256 = a.sha256)
       ORDER BY a.publisher_namespace, a.tracking_id, a.id`,
    )
    .all(siteId) as { id: string; sha256: string }[];
  if (selection === 'new' || rows.length === 0) return rows.slice(0, MAX_BUNDLE_ADVISORIES).map((r) => r.id);
  const matched = new Set(matchSite(core, siteId).map((m) => m.advisorySha256));
  return rows.filter((r) => matched.has(r.sha256)).slice(0, MAX_BUNDLE_ADVISORIES).map((r) => r.id);
}

/**
 * The record file's data, read inside the export's read transaction. A
 * stored document whose bytes no longer hash to what was recorded is
 * refused: head office sends only what it received.
 */
export function collectAdvisories(db: Database.Database, ids: readonly string[]): CarriedAdvisories {
  const get = db.prepare('SELECT publisher_namespace, tracking_id, tracking_version, sha256, document FROM advisories WHERE id = ?');
  const documents = ids.map((id) => {
    const r = get.get(id) as { publisher_namespace: string; tracking_id: string; tracking_version: string; sha256: string; document: string } | undefined;
    if (!r || sha256Of(r.document) !== r.sha256) throw new HoanError('io', 'advisories.bundle.errors.documentDamaged', { id: r?.tracking_id ?? id });
    return { publisherNamespace: r.publisher_namespace, trackingId: r.tracking_id, version: r.tracking_version, sha256: r.sha256, text: r.document };
  });
  const alias = db.prepare('SELECT version, table_json, sha256 FROM maker_alias_tables ORDER BY version DESC LIMIT 1').get() as { version: number; table_json: string; sha256: string } | undefined;
  const aliasTable = alias && sha256Of(alias.table_json) === alias.sha256 ? { version: alias.version, sha256: alias.sha256, table: alias.table_json } : null;
  return { format: ADVISORIES_FORMAT, documents, aliasTable };
}
