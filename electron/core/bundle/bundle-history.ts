import type Database from 'better-sqlite3';
import type { BundleRecord } from './bundle-types';

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
}

/** Every bundle made or imported here, newest first: each import's provenance (signer, bundle id, date). */
export function listBundles(db: Database.Database, siteId?: string): BundleRecord[] {
  const rows = db
    .prepare(
      `SELECT b.*, s.name AS site_name FROM bundles b JOIN sites s ON s.id = b.site_id
       ${siteId ? 'WHERE b.site_id = ?' : ''} ORDER BY b.seq DESC LIMIT 500`,
    )
    .all(...(siteId ? [siteId] : [])) as HistoryRow[];
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
  }));
}
