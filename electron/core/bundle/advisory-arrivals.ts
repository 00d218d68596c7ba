import type Database from 'better-sqlite3';
import { importAdvisoryTexts } from '../advisories/advisory-store';
import { installMakerAliasTable } from '../advisories/maker-alias-store';
import type { AdvisoryFileOutcome, AdvisoryText } from '../advisories/advisory-types';
import { recordAudit } from '../audit/audit-log';
import type { Core } from '../core';
import { writeTransaction } from '../db/transactions';
import { HoanError } from '../errors';
import { processAlive } from '../process-alive';
import type { AdvisoriesOutcome, AdvisoryArrivalState, CarriedAdvisory } from './bundle-types';
import type { CarriedAdvisories } from './bundle-advisories';

/**
 * The bundle history's side of carried advisories (migration 0018): what
 * head office sent each site, and at a site what each document of a bundle
 * became. A site's rows are written 'pending', with the document, in the
 * transaction of the bundle's records; only after it commits does the
 * advisory store see them (it checks each one again, and its work is async),
 * and each row is then settled once. A crash in between leaves them pending
 * for the next bundle import to finish.
 */

const STATES: readonly AdvisoryArrivalState[] = ['sent', 'pending', 'imported', 'updated', 'unchanged', 'refused'];
type Reason = AdvisoriesOutcome['refused'][number]['reason'];

interface ArrivalRow {
  bundle_id: string;
  ordinal: number;
  site_id: string;
  publisher_namespace: string;
  tracking_id: string;
  tracking_version: string;
  sha256: string;
  state: AdvisoryArrivalState;
  reason_json: string | null;
  document: string | null;
  owner_pid: number | null;
}

const carriedOf = (r: ArrivalRow): CarriedAdvisory => ({ publisherNamespace: r.publisher_namespace, trackingId: r.tracking_id, version: r.tracking_version, sha256: r.sha256 });
/** How the store's outcome names a document: its place in the bundle and its id. */
const fileOf = (r: Pick<ArrivalRow, 'ordinal' | 'tracking_id'>) => `advisories.json#${r.ordinal} ${r.tracking_id}`;

function insertRows(db: Database.Database, bundleId: string, siteId: string, docs: readonly (CarriedAdvisory & { text?: string })[], state: 'sent' | 'pending', now: Date): number {
  const insert = db.prepare(
    `INSERT INTO bundle_advisories (bundle_id, ordinal, site_id, publisher_namespace, tracking_id, tracking_version, sha256, state, document, owner_pid, recorded_at, settled_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const at = now.toISOString();
  docs.forEach((d, i) => insert.run(bundleId, i, siteId, d.publisherNamespace, d.trackingId, d.version, d.sha256, state, state === 'pending' ? d.text : null, state === 'pending' ? process.pid : null, at, state === 'sent' ? at : null));
  return docs.length;
}

/** An export's advisories, with its history row: "new since the last bundle to this site" leaves them out from now on. */
export function recordSent(db: Database.Database, bundleId: string, siteId: string, carried: readonly CarriedAdvisory[], now: Date): void {
  insertRows(db, bundleId, siteId, carried, 'sent', now);
}

/** Inside the import's transaction: each document waits, with its text, for the store. */
export function recordArrivals(db: Database.Database, bundleId: string, siteId: string, data: CarriedAdvisories, now: Date): number {
  return insertRows(db, bundleId, siteId, data.documents, 'pending', now);
}

/** Imports in this process that have not settled their advisories yet: their rows are not taken from under them. */
const settling = new Set<string>();

function settle(db: Database.Database, row: ArrivalRow, state: Exclude<AdvisoryArrivalState, 'sent' | 'pending'>, reason: Reason, now: Date): boolean {
  return (
    db
      .prepare(`UPDATE bundle_advisories SET state = ?, reason_json = ?, document = NULL, settled_at = ? WHERE bundle_id = ? AND ordinal = ? AND state = 'pending'`)
      .run(state, reason ? JSON.stringify(reason) : null, now.toISOString(), row.bundle_id, row.ordinal).changes === 1
  );
}

function reasonOf(outcome: AdvisoryFileOutcome | undefined): Reason {
  if (!outcome) return { messageKey: 'advisories.bundle.reasons.noOutcome' };
  return outcome.reason ? { messageKey: outcome.reason.key, ...(outcome.reason.params ? { params: outcome.reason.params } : {}) } : null;
}

/**
 * Hands a bundle's pending documents to the advisory store, which runs its
 * CSAF checks on each as on any file (verified twice: the bundle's
 * signature, then the store), and settles every row with what it made of
 * its document, with one audit entry on the site. A document refused stays
 * refused with its reason; the bundle stays imported.
 */
export async function settleArrivals(core: Core, bundleId: string, userName: string): Promise<void> {
  const rows = core.db.prepare(`SELECT * FROM bundle_advisories WHERE bundle_id = ? AND state = 'pending' ORDER BY ordinal`).all(bundleId) as ArrivalRow[];
  if (rows.length === 0) return;
  const texts: AdvisoryText[] = rows.map((r) => ({ file: fileOf(r), text: r.document! }));
  let byFile = new Map<string, AdvisoryFileOutcome>();
  let failed: Reason = null;
  try {
    const report = await importAdvisoryTexts(core, texts, { bundleId, source: `bundle:${bundleId}` });
    byFile = new Map(report.files.map((f) => [f.file, f]));
  } catch (err) {
    if (!(err instanceof HoanError)) console.error("[hoan] importing a bundle's advisories failed:", err);
    failed = err instanceof HoanError ? { messageKey: err.messageKey, ...(err.params ? { params: err.params } : {}) } : { messageKey: 'advisories.bundle.reasons.failed', params: { detail: String((err as Error).message ?? err).slice(0, 200) } };
  }
  const now = core.now();
  writeTransaction(core.db, () => {
    const counts: Record<string, number> = {};
    for (const r of rows) {
      const outcome = byFile.get(fileOf(r));
      const state = failed || !outcome ? 'refused' : outcome.status;
      if (!settle(core.db, r, state, state === 'refused' ? (failed ?? reasonOf(outcome)) : null, now)) continue;
      counts[state] = (counts[state] ?? 0) + 1;
    }
    if (Object.keys(counts).length === 0) return;
    recordAudit(core.db, {
      siteId: rows[0]!.site_id,
      entity: 'bundle',
      entityId: bundleId,
      action: 'advisories_imported',
      changes: Object.entries(counts).map(([field, n]) => ({ field, old: null, new: n })),
      userName,
      at: now,
    });
  });
}

export const noArrivals = () => Object.fromEntries(STATES.map((s) => [s, 0])) as Record<AdvisoryArrivalState, number>;

/** The bundle's advisories as the history and the import's summary show them; null when it carried none. */
export function arrivalsOutcome(db: Database.Database, bundleId: string): Pick<AdvisoriesOutcome, 'counts' | 'refused'> | null {
  const rows = db.prepare('SELECT * FROM bundle_advisories WHERE bundle_id = ? ORDER BY ordinal').all(bundleId) as ArrivalRow[];
  if (rows.length === 0) return null;
  const counts = noArrivals();
  for (const r of rows) counts[r.state] += 1;
  const refused = rows.filter((r) => r.state === 'refused').map((r) => ({ ...carriedOf(r), reason: r.reason_json ? (JSON.parse(r.reason_json) as Reason) : null }));
  return { counts, refused };
}

/** Counts per bundle for the history list, in one query. */
export function arrivalCounts(db: Database.Database, bundleIds: readonly string[]): Map<string, Record<AdvisoryArrivalState, number>> {
  const out = new Map<string, Record<AdvisoryArrivalState, number>>();
  if (bundleIds.length === 0) return out;
  const rows = db
    .prepare(`SELECT bundle_id, state, count(*) AS n FROM bundle_advisories WHERE bundle_id IN (SELECT value FROM json_each(?)) GROUP BY bundle_id, state`)
    .all(JSON.stringify(bundleIds)) as { bundle_id: string; state: AdvisoryArrivalState; n: number }[];
  for (const r of rows) {
    const counts = out.get(r.bundle_id) ?? noArrivals();
    counts[r.state] = r.n;
    out.set(r.bundle_id, counts);
  }
  return out;
}

/** Marks an import's bundle before its records commit: no other import's sweep (resumeArrivals) takes its rows. */
export function claimArrivals(bundleId: string): void {
  settling.add(bundleId);
}

export function releaseArrivals(bundleId: string): void {
  settling.delete(bundleId);
}

/**
 * Finishes the bundles whose import ended between its records and the store
 * (a crash, a power cut), oldest first. Run before each bundle import.
 */
export async function resumeArrivals(core: Core, userName: string): Promise<void> {
  const rows = core.db
    .prepare(`SELECT DISTINCT a.bundle_id, a.owner_pid FROM bundle_advisories a JOIN bundles b ON b.id = a.bundle_id WHERE a.state = 'pending' ORDER BY b.seq`)
    .all() as { bundle_id: string; owner_pid: number }[];
  for (const r of rows) {
    if (settling.has(r.bundle_id) || (r.owner_pid !== process.pid && processAlive(r.owner_pid))) continue;
    claimArrivals(r.bundle_id);
    try {
      await settleArrivals(core, r.bundle_id, userName);
    } finally {
      releaseArrivals(r.bundle_id);
    }
  }
}

/** A signer not trusted as head office: its documents are recorded refused, and never reach the store. */
export function refuseArrivals(db: Database.Database, bundleId: string, reason: NonNullable<Reason>, now: Date): void {
  db.prepare(`UPDATE bundle_advisories SET state = 'refused', reason_json = ?, document = NULL, settled_at = ? WHERE bundle_id = ? AND state = 'pending'`).run(JSON.stringify(reason), now.toISOString(), bundleId);
}

/**
 * Head office's newer maker alias table, once the bundle's records are in:
 * installed when its signer is trusted as head office and it is newer than
 * the table in force (maker-alias-store.ts validates it whole). Carried
 * again with every bundle, so a crash before this point loses nothing.
 */
export function installCarriedAliasTable(core: Core, carried: CarriedAdvisories['aliasTable'], bundleId: string, siteId: string, headOffice: boolean, userName: string): AdvisoriesOutcome['aliasTable'] {
  if (!carried) return null;
  if (!headOffice) return { version: carried.version, installed: false };
  let installed = false;
  try {
    installed = installMakerAliasTable(core, carried.table, `bundle:${bundleId}`).status === 'installed';
  } catch (err) {
    if (!(err instanceof HoanError)) throw err;
  }
  if (installed) {
    writeTransaction(core.db, () =>
      recordAudit(core.db, { siteId, entity: 'bundle', entityId: bundleId, action: 'maker_aliases_installed', changes: [{ field: 'version', old: null, new: carried.version }], userName, at: core.now() }),
    );
  }
  return { version: carried.version, installed };
}
