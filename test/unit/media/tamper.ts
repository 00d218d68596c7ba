import Database from 'better-sqlite3';
import { canonicalJson, entryHash, GENESIS_HASH, verifyChain, type ChainFields } from '../../../electron/core/media/log-chain';

/**
 * What someone with write access to hoan.sqlite3 can do without Hoan: open
 * it with any SQLite tool, drop the guard triggers for the edit, and put
 * them back afterwards so that nothing looks amiss.
 */
export function tamper(dbPath: string, edit: (db: Database.Database) => void, options: { restoreGuards?: boolean } = {}): void {
  const db = new Database(dbPath);
  try {
    const triggers = db
      .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name IN ('media_log', 'media_log_heads', 'media_log_anchors')`)
      .all() as { name: string; sql: string }[];
    for (const t of triggers) db.exec(`DROP TRIGGER "${t.name}"`);
    edit(db);
    if (options.restoreGuards !== false) for (const t of triggers) db.exec(t.sql);
  } finally {
    db.close();
  }
}

/** The site's chain verified on a fresh read-only connection, as anyone opening the file after the edit would. */
export function verifyAfresh(dbPath: string, siteId: string) {
  const db = new Database(dbPath, { readonly: true });
  try {
    return verifyChain(db, siteId);
  } finally {
    db.close();
  }
}

interface Row extends ChainFields {
  prevHash: string;
  hash: string;
}

function rowsOf(db: Database.Database, siteId: string): Row[] {
  return (db.prepare('SELECT * FROM media_log WHERE site_id = ? ORDER BY n').all(siteId) as Record<string, unknown>[]).map((r) => ({
    id: r.id as string, siteId: r.site_id as string, n: r.n as number, kind: r.kind as string, at: r.at as string,
    mediumId: r.medium_id as string | null, controlNo: r.control_no as string, mediumType: r.medium_type as string,
    person: r.person as string, company: r.company as string, purpose: r.purpose as string, method: r.method as string | null,
    result: r.result as string | null, decision: r.decision as string | null, approver: r.approver as string,
    exceptionReason: r.exception_reason as string, refersTo: r.refers_to as string | null, recordedBy: r.recorded_by as string,
    body: r.body_json as string, prevHash: r.prev_hash as string, hash: r.hash as string,
  }));
}

/**
 * Rewrites a site's whole chain with the documented hash function
 * (log-chain.ts): each entry through `edit` (null drops it), renumbered,
 * relinked and rehashed, and the head set to match. Needs the guards down.
 */
export function rewriteChain(db: Database.Database, siteId: string, edit: (f: ChainFields) => ChainFields | null): void {
  const kept = rowsOf(db, siteId)
    .map(({ prevHash: _p, hash: _h, ...f }) => edit(f))
    .filter((f): f is ChainFields => f !== null);
  db.prepare('DELETE FROM media_log WHERE site_id = ?').run(siteId);
  db.prepare('DELETE FROM media_log_heads WHERE site_id = ?').run(siteId);
  let prev = GENESIS_HASH;
  kept.forEach((f, i) => {
    const fields = { ...f, n: i + 1 };
    const hash = entryHash(fields, prev);
    insertRow(db, fields, prev, hash);
    prev = hash;
  });
  if (kept.length > 0) db.prepare('INSERT INTO media_log_heads (site_id, n, hash) VALUES (?, ?, ?)').run(siteId, kept.length, prev);
}

export function insertRow(db: Database.Database, f: ChainFields, prev: string, hash: string): void {
  db.prepare(
    `INSERT INTO media_log (id, site_id, n, kind, at, medium_id, control_no, medium_type, person, company, purpose, method, result, decision,
       approver, exception_reason, refers_to, recorded_by, body_json, prev_hash, hash)
     VALUES (@id, @siteId, @n, @kind, @at, @mediumId, @controlNo, @mediumType, @person, @company, @purpose, @method, @result, @decision,
       @approver, @exceptionReason, @refersTo, @recordedBy, @body, @prev, @hash)`,
  ).run({ ...f, prev, hash });
}

/**
 * Appends an entry by hand, extending the head the way the insert trigger
 * asks, so every guard stays in place: the documented hash function is all
 * it takes to forge a link.
 */
export function appendForged(db: Database.Database, siteId: string, fields: Omit<ChainFields, 'n' | 'siteId' | 'body'> & { body: unknown }): ChainFields {
  const head = db.prepare('SELECT n, hash FROM media_log_heads WHERE site_id = ?').get(siteId) as { n: number; hash: string } | undefined;
  const f: ChainFields = { ...fields, siteId, n: (head?.n ?? 0) + 1, body: canonicalJson(fields.body) };
  const prev = head?.hash ?? GENESIS_HASH;
  insertRow(db, f, prev, entryHash(f, prev));
  return f;
}
