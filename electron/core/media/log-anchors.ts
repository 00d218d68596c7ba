import type Database from 'better-sqlite3';
import { GENESIS_HASH } from './log-rows';
import type { AnchorMismatch } from './media-types';

/**
 * A hash chain alone cannot show that its newest entries were cut, or that
 * the whole chain was rewritten with the documented hash function: the
 * rewritten chain verifies. Its anchors are the heads that left the site:
 * each site bundle carries the chain's head in its signed bag-info.txt
 * (head office checks each new bundle extends what it holds), and this
 * installation keeps every head it exported (media_log_anchors, migration
 * 0012) so that verify finds a cut or rewrite after any export here too.
 */
export interface ChainHead {
  /** Entries in the chain, and the hash of the last (the genesis hash for none). */
  entries: number;
  hash: string;
}

/** The head of what a bundle's media.json holds; read inside the plan's read transaction, so both describe one moment. */
export function chainHeadForExport(db: Database.Database, siteId: string): ChainHead {
  const row = db
    .prepare('SELECT count(*) AS entries, (SELECT hash FROM media_log WHERE site_id = ? ORDER BY n DESC LIMIT 1) AS hash FROM media_log WHERE site_id = ?')
    .get(siteId, siteId) as { entries: number; hash: string | null };
  return { entries: row.entries, hash: row.hash ?? GENESIS_HASH };
}

/** What an export leaves of the media log: the head its bundle carried, and which bundle that was. */
export interface ExportedHead {
  bundleId: string;
  siteId: string;
  sequence: number;
  fileName: string;
  /** When the bundle was made (Hoan-Created). */
  baggedAt: string;
  /** null for a bundle that carries no media log (head office's review). */
  mediaLogHead: ChainHead | null;
}

/** Called inside the transaction that records an export (export-ledger.ts): keeps the head the bundle carried. */
export function recordExportedHead(db: Database.Database, bundle: ExportedHead, now: Date): void {
  if (!bundle.mediaLogHead) return;
  db.prepare(
    `INSERT INTO media_log_anchors (bundle_id, site_id, n, hash, sequence, file_name, bagged_at, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(bundle.bundleId, bundle.siteId, bundle.mediaLogHead.entries, bundle.mediaLogHead.hash, bundle.sequence, bundle.fileName, bundle.baggedAt, now.toISOString());
}

interface AnchorRow {
  bundle_id: string;
  n: number | null;
  hash: string | null;
  sequence: number;
  file_name: string;
  bagged_at: string;
}

const mismatch = (problem: AnchorMismatch['problem'], a: AnchorRow): AnchorMismatch => ({
  problem,
  bundleId: a.bundle_id,
  fileName: a.file_name,
  sequence: a.sequence,
  baggedAt: a.bagged_at,
  n: a.n,
  hash: a.hash,
});

/**
 * Every head exported for the site against the chain as it is now: entry n
 * must still be there with the hash it had. Also names site exports in the
 * bundle history whose head record is gone.
 */
export function checkAnchors(db: Database.Database, siteId: string): { checked: number; mismatches: AnchorMismatch[] } {
  const anchors = db
    .prepare('SELECT bundle_id, n, hash, sequence, file_name, bagged_at FROM media_log_anchors WHERE site_id = ? AND n IS NOT NULL ORDER BY sequence')
    .all(siteId) as AnchorRow[];
  const hashAt = db.prepare('SELECT hash FROM media_log WHERE site_id = ? AND n = ?').pluck();
  const mismatches: AnchorMismatch[] = [];
  for (const a of anchors) {
    if (a.n === 0) continue;
    const now = hashAt.get(siteId, a.n) as string | undefined;
    if (now === undefined) mismatches.push(mismatch('missing', a));
    else if (now !== a.hash) mismatches.push(mismatch('differs', a));
  }
  const unrecorded = db
    .prepare(
      `SELECT id AS bundle_id, NULL AS n, NULL AS hash, sequence, file_name, bagged_at FROM bundles b
       WHERE site_id = ? AND direction = 'export' AND kind = 'site' AND NOT EXISTS (SELECT 1 FROM media_log_anchors a WHERE a.bundle_id = b.id)
       ORDER BY sequence`,
    )
    .all(siteId) as AnchorRow[];
  for (const a of unrecorded) mismatches.push(mismatch('unrecorded', a));
  return { checked: anchors.length, mismatches };
}
