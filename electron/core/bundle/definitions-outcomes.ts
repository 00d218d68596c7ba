import type Database from 'better-sqlite3';
import type { CarriedDefinitions, DefinitionsOutcome, DefinitionsOutcomeState } from './bundle-types';
import { processAlive } from '../process-alive';

/**
 * The bundle history's side of carried definitions (migration 0016): what a
 * bundle carried and what became of it here. Written in the same
 * transaction as the bundle's own history row; an import's row is settled
 * once, afterwards.
 */

export interface OutcomeRow {
  bundle_id: string;
  version: string | null;
  built_at: string | null;
  files_json: string;
  state: DefinitionsOutcomeState;
  set_id: string | null;
  reason_json: string | null;
}

/**
 * An export's definitions ('sent'), or an import's before the store has them
 * ('pending', owned by this process, its files in `heldDir`, a folder name
 * under the data folder).
 */
export function recordCarried(db: Database.Database, bundleId: string, carried: CarriedDefinitions, state: 'sent' | 'pending', now: Date, heldDir: string | null = null): void {
  const owner = state === 'pending' ? process.pid : null;
  const settledAt = state === 'sent' ? now.toISOString() : null;
  db.prepare(
    `INSERT INTO bundle_definitions (bundle_id, scanner, version, built_at, files_json, state, owner_pid, held_dir, recorded_at, settled_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(bundleId, carried.scanner, carried.version, carried.builtAt, JSON.stringify(carried.files), state, owner, heldDir, now.toISOString(), settledAt);
}

export type Settled = Pick<DefinitionsOutcome, 'setId' | 'reason'> & { state: Exclude<DefinitionsOutcomeState, 'sent' | 'pending'> };

/** False when the row was already settled (another import finished it first). */
export function settleCarried(db: Database.Database, bundleId: string, settled: Settled, now: Date): boolean {
  const { changes } = db
    .prepare(`UPDATE bundle_definitions SET state = ?, set_id = ?, reason_json = ?, settled_at = ? WHERE bundle_id = ? AND state = 'pending'`)
    .run(settled.state, settled.setId, settled.reason ? JSON.stringify(settled.reason) : null, now.toISOString(), bundleId);
  return changes === 1;
}

export function carriedOf(row: Pick<OutcomeRow, 'version' | 'built_at' | 'files_json'>): CarriedDefinitions {
  return { scanner: 'clamav', version: row.version, builtAt: row.built_at, files: JSON.parse(row.files_json) as CarriedDefinitions['files'] };
}

export function outcomeOf(row: OutcomeRow): DefinitionsOutcome {
  return {
    state: row.state,
    version: row.version,
    builtAt: row.built_at,
    files: (JSON.parse(row.files_json) as unknown[]).length,
    setId: row.set_id,
    reason: row.reason_json ? (JSON.parse(row.reason_json) as DefinitionsOutcome['reason']) : null,
  };
}

export function outcomeFor(db: Database.Database, bundleId: string): DefinitionsOutcome | null {
  const row = db.prepare('SELECT * FROM bundle_definitions WHERE bundle_id = ?').get(bundleId) as OutcomeRow | undefined;
  return row ? outcomeOf(row) : null;
}

export interface PendingInstall {
  bundleId: string;
  siteId: string;
  signerFingerprint: string;
  carried: CarriedDefinitions;
  /** The folder (relative to the data folder) holding the files; null when none were held. */
  heldDir: string | null;
}

/** Imports in this process that have not settled their definitions yet: their rows are not taken from under them. */
export const installing = new Set<string>();

/** Imports whose definitions were never settled because their process ended (a crash, a power cut), oldest first. */
export function orphanedInstalls(db: Database.Database): PendingInstall[] {
  const rows = db
    .prepare(
      `SELECT d.*, b.site_id, b.signer_fingerprint FROM bundle_definitions d JOIN bundles b ON b.id = d.bundle_id
       WHERE d.state = 'pending' ORDER BY b.seq`,
    )
    .all() as (OutcomeRow & { site_id: string; signer_fingerprint: string; owner_pid: number; held_dir: string | null })[];
  return rows
    .filter((r) => (r.owner_pid === process.pid ? !installing.has(r.bundle_id) : !processAlive(r.owner_pid)))
    .map((r) => ({ bundleId: r.bundle_id, siteId: r.site_id, signerFingerprint: r.signer_fingerprint, carried: carriedOf(r), heldDir: r.held_dir }));
}

/** The folders of every import still waiting for its definitions, whoever owns it: they must stay. */
export function pendingHeldDirs(db: Database.Database): Set<string> {
  return new Set((db.prepare(`SELECT held_dir FROM bundle_definitions WHERE state = 'pending' AND held_dir IS NOT NULL`).pluck().all() as string[]));
}
