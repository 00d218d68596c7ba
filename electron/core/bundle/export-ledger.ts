import type { Core } from '../core';
import { writeTransaction } from '../db/transactions';
import { recordExportedHead, type ChainHead } from '../media/log-anchors';
import { userNameOf } from '../settings/acting-user';
import { recordSent } from './advisory-arrivals';
import type { BundleKind, BundleRecord, CarriedAdvisory, CarriedDefinitions } from './bundle-types';
import { recordCarried } from './definitions-outcomes';
import type { Installation } from './installation';
import { processAlive } from '../process-alive';

/**
 * The database side of an export (migration 0013). Its sequence number is
 * reserved before anything is written; the export is then closed exactly
 * once: recorded in the bundle history, abandoned (no file of it is left), or
 * set aside (its file renamed to .partial). A reserved number is never
 * reused, so a crash can leave a gap in the sequence but never a duplicate.
 */

export interface ExportReservation {
  bundleId: string;
  signerFingerprint: string;
  sequence: number;
  siteId: string;
  kind: BundleKind;
  targetDir: string;
  fileName: string;
  ownerPid: number;
}

/** What the bundle history keeps of an export: from the plan, or from a verified file's bag-info. */
export type ExportedBundle = Pick<
  BundleRecord,
  'kind' | 'siteId' | 'signerFingerprint' | 'signerName' | 'sequence' | 'baggedAt' | 'fileName' | 'payloadBytes' | 'payloadFiles'
> & {
  bundleId: string;
  /** The media log's head the bundle carries (site bundles); null for a review bundle or one from an earlier Hoan. */
  mediaLogHead: ChainHead | null;
  /** The definitions set it carries (review bundles); null without. */
  definitions: CarriedDefinitions | null;
  /** The advisories it carries (review bundles): from now on they are no longer new to its site. */
  advisories?: { carried: readonly CarriedAdvisory[] } | null;
};

interface ReservationRow {
  bundle_id: string;
  signer_fingerprint: string;
  sequence: number;
  site_id: string;
  kind: BundleKind;
  target_dir: string;
  file_name: string;
  owner_pid: number;
}

/** Exports running in this process: their pending rows are not settled under them. */
const inFlight = new Set<string>();

/** One past the highest number this signer ever used or reserved. */
export function nextSequence(core: Core, self: Installation): number {
  const row = core.db
    .prepare(
      `SELECT max(s) AS s FROM (
         SELECT max(sequence) AS s FROM bundles WHERE signer_fingerprint = ? AND direction = 'export'
         UNION ALL SELECT max(sequence) FROM bundle_exports WHERE signer_fingerprint = ?)`,
    )
    .get(self.fingerprint, self.fingerprint) as { s: number | null };
  return (row.s ?? 0) + 1;
}

/**
 * Takes `sequence` for this export, under the write lock. False when another
 * export took it since the plan was made: the caller plans again.
 */
export function reserveExport(core: Core, r: Omit<ExportReservation, 'ownerPid'>, self: Installation): boolean {
  const taken = writeTransaction(core.db, () => {
    if (nextSequence(core, self) !== r.sequence) return false;
    core.db
      .prepare(
        `INSERT INTO bundle_exports (bundle_id, signer_fingerprint, sequence, site_id, kind, target_dir, file_name, owner_pid, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.bundleId, r.signerFingerprint, r.sequence, r.siteId, r.kind, r.targetDir, r.fileName, process.pid, core.now().toISOString());
    return true;
  });
  if (taken) inFlight.add(r.bundleId);
  return taken;
}

/**
 * The one place an export enters the bundle history, with its reservation
 * closed in the same transaction: the history and the reservation cannot
 * disagree. Used when an export verifies its file, and when a later
 * reconcile verifies the file an interrupted export left.
 */
export function recordExport(core: Core, b: ExportedBundle): void {
  writeTransaction(core.db, () => {
    core.db
      .prepare(
        `INSERT INTO bundles (id, direction, kind, site_id, signer_fingerprint, signer_name, sequence, bagged_at, file_name,
           payload_bytes, payload_files, recorded_at, recorded_by)
         VALUES (?, 'export', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(b.bundleId, b.kind, b.siteId, b.signerFingerprint, b.signerName, b.sequence, b.baggedAt, b.fileName,
        b.payloadBytes, b.payloadFiles, core.now().toISOString(), userNameOf(core));
    // In the same transaction: an export in the history without its head would read as a removed anchor.
    recordExportedHead(core.db, b, core.now());
    if (b.definitions) recordCarried(core.db, b.bundleId, b.definitions, 'sent', core.now());
    if (b.advisories?.carried.length) recordSent(core.db, b.bundleId, b.siteId, b.advisories.carried, core.now());
    closeRow(core, b.bundleId, 'recorded');
  });
  inFlight.delete(b.bundleId);
}

/** Closes a reservation whose file is gone ('abandoned') or renamed to .partial ('set_aside'). */
export function closeExport(core: Core, bundleId: string, state: 'abandoned' | 'set_aside'): void {
  writeTransaction(core.db, () => closeRow(core, bundleId, state));
  inFlight.delete(bundleId);
}

function closeRow(core: Core, bundleId: string, state: 'recorded' | 'abandoned' | 'set_aside'): void {
  const { changes } = core.db
    .prepare(`UPDATE bundle_exports SET state = ?, closed_at = ? WHERE bundle_id = ? AND state = 'pending'`)
    .run(state, core.now().toISOString(), bundleId);
  if (changes !== 1) throw new Error(`export ${bundleId} is not pending`);
}

/** This process's export has ended without closing its row (its file may still be there): a reconcile may take it. */
export function releaseExport(bundleId: string): void {
  inFlight.delete(bundleId);
}

/** Pending exports whose process has ended (a crash, a kill, a power cut), oldest first. */
export function orphanedExports(core: Core): ExportReservation[] {
  const rows = core.db.prepare(`SELECT * FROM bundle_exports WHERE state = 'pending' ORDER BY seq`).all() as ReservationRow[];
  return rows
    .filter((r) => (r.owner_pid === process.pid ? !inFlight.has(r.bundle_id) : !processAlive(r.owner_pid)))
    .map((r) => ({
      bundleId: r.bundle_id,
      signerFingerprint: r.signer_fingerprint,
      sequence: r.sequence,
      siteId: r.site_id,
      kind: r.kind,
      targetDir: r.target_dir,
      fileName: r.file_name,
      ownerPid: r.owner_pid,
    }));
}
