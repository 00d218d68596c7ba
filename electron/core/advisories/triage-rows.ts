import type Database from 'better-sqlite3';
import type { NotAffectedReason, TriageDecision, TriageStatus } from './advisory-types';

/** A row of advisory_triage (migration 0017), append-only: the latest per pair is the decision in force. */
export interface TriageRow {
  seq: number;
  id: string;
  site_id: string;
  device_id: string;
  publisher_namespace: string;
  tracking_id: string;
  status: TriageStatus;
  reason_code: NotAffectedReason | null;
  note: string;
  compensating_control: string;
  due_on: string | null;
  risk_id: string | null;
  advisory_sha256: string;
  device_version: string;
  decided_at: string;
  decided_by: string;
  bundle_id: string | null;
}

export function toDecision(row: TriageRow): TriageDecision {
  return {
    id: row.id,
    siteId: row.site_id,
    deviceId: row.device_id,
    publisherNamespace: row.publisher_namespace,
    advisoryId: row.tracking_id,
    status: row.status,
    reasonCode: row.reason_code,
    note: row.note,
    compensatingControl: row.compensating_control,
    dueOn: row.due_on,
    riskId: row.risk_id,
    advisorySha256: row.advisory_sha256,
    deviceVersion: row.device_version,
    decidedAt: row.decided_at,
    decidedBy: row.decided_by,
    bundleId: row.bundle_id,
  };
}

/** The pair's key as the maps here use it. */
export function pairKey(deviceId: string, namespace: string, trackingId: string): string {
  return JSON.stringify([deviceId, namespace, trackingId]);
}

/** The decision in force for every pair of the site that has one (advisory_triage_latest serves the MAX). */
export function latestDecisions(db: Database.Database, siteId: string): Map<string, TriageRow> {
  const rows = db
    .prepare(
      `SELECT t.* FROM advisory_triage t
       WHERE t.site_id = ? AND t.seq = (
         SELECT max(u.seq) FROM advisory_triage u
         WHERE u.site_id = t.site_id AND u.device_id = t.device_id AND u.publisher_namespace = t.publisher_namespace AND u.tracking_id = t.tracking_id)`,
    )
    .all(siteId) as TriageRow[];
  return new Map(rows.map((r) => [pairKey(r.device_id, r.publisher_namespace, r.tracking_id), r]));
}

/** One pair's decisions, newest first. */
export function pairDecisions(db: Database.Database, siteId: string, deviceId: string, namespace: string, trackingId: string): TriageRow[] {
  return db
    .prepare(
      `SELECT * FROM advisory_triage WHERE site_id = ? AND device_id = ? AND publisher_namespace = ? AND tracking_id = ? ORDER BY seq DESC`,
    )
    .all(siteId, deviceId, namespace, trackingId) as TriageRow[];
}

/** The tracking version of the revision a decision was made on (its document's sha256); null when not stored here. */
export function revisionVersion(db: Database.Database, namespace: string, trackingId: string, sha256: string): string | null {
  const row = db
    .prepare('SELECT tracking_version FROM advisories WHERE publisher_namespace = ? AND tracking_id = ? AND sha256 = ?')
    .get(namespace, trackingId, sha256) as { tracking_version: string } | undefined;
  return row?.tracking_version ?? null;
}
