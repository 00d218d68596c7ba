/** The hash before a chain's first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/** Column order of the raw rows verify reads (arrays are much faster than objects for a million rows). */
export const VERIFY_COLUMNS = `seq, id, site_id, n, kind, at, medium_id, control_no, medium_type, person, company, purpose,
  method, result, decision, approver, exception_reason, refers_to, recorded_by, body_json, prev_hash, hash`;

export type RawRow = [
  seq: number, id: string, siteId: string, n: number, kind: string, at: string, mediumId: string | null,
  controlNo: string, mediumType: string, person: string, company: string, purpose: string, method: string | null,
  result: string | null, decision: string | null, approver: string, exceptionReason: string, refersTo: string | null,
  recordedBy: string, body: string, prevHash: string, hash: string,
];
