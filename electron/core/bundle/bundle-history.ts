import type Database from 'better-sqlite3';
import type { BundleRecord } from './bundle-types';
import { arrivalCounts } from './advisory-arrivals';
import { outcomeOf, type OutcomeRow } from './definitions-outcomes';

interface HistoryRow {
  id: string;
  direction: 'export' | 'import';
  kind: 'site' | 'review';
  site_id: string;
  site_name: string;
  signer_fingerprint: string;
  signer_name: string;
  sequence: number;
  bagged_at: string;
  file_name: string;
  payload_bytes: number;
  payload_files: number;
  recorded_at: string;
  recorded_by: string;
  d_state: OutcomeRow['state'] | null;
  d_version: string | null;
  d_built_at: string | null;
  d_files_json: string | null;
  d_set_id: string | null;
  d_reason_json: string | null;
}

/** Every bundle made or imported here, newest first: each import's provenance (signer, bundle id, date), and the definitions it carried. */
export function listBundles(db: Database.Database, siteId?: string): BundleRecord[] {
  const rows = db
    .prepare(
      `SELECT b.*, s.name AS site_name, d.state AS d_state, d.version AS d_version, d.built_at AS d_built_at, d.files_json AS d_files_json,
         d.set_id AS d_set_id, d.reason_json AS d_reason_json
       FROM bundles b JOIN sites s ON s.id = b.site_id LEFT JOIN bundle_definitions d ON d.bundle_id = b.id
       ${siteId ? 'WHERE b.site_id = ?' : ''} ORDER BY b.seq DESC LIMIT 500`,
    )
    .all(...(siteId ? [siteId] : [])) as HistoryRow[];
  const advisories = arrivalCounts(db, rows.map((r) => r.id));
  return rows.map((r) => ({
    id: r.id,
    direction: r.direction,
    kind: r.kind,
    siteId: r.site_id,
    siteName: r.site_name,
    signerFingerprint: r.signer_fingerprint,
    signerName: r.signer_name,
    sequence: r.sequence,
    baggedAt: r.bagged_at,
    fileName: r.file_name,
    payloadBytes: r.payload_bytes,
    payloadFiles: r.payload_files,
    recordedAt: r.recorded_at,
    recordedBy: r.recorded_by,
    definitions:
      r.d_state === null
        ? null
        : outcomeOf({ bundle_id: r.id, state: r.d_state, version: r.d_version, built_at: r.d_built_at, files_json: r.d_files_json!, set_id: r.d_set_id, reason_json: r.d_reason_json }),
    advisories: advisories.get(r.id) ?? null,
  }));
}
