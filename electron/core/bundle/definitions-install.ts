import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { recordAudit } from '../audit/audit-log';
import type { Core } from '../core';
import { writeTransaction } from '../db/transactions';
import { databaseName } from '../definitions/clam-file-check';
import { currentDefinitionsSet, importDefinitions } from '../definitions/definitions-store';
import type { DefinitionsSet } from '../definitions/definitions-types';
import { HoanError } from '../errors';
import { definitionsPath } from './bundle-layout';
import type { CarriedDefinitions, DefinitionsOutcome } from './bundle-types';
import type { CheckedEntry } from './bundle-structure';
import { installing, orphanedInstalls, outcomeFor, pendingHeldDirs, recordCarried, settleCarried, type PendingInstall, type Settled } from './definitions-outcomes';
import { writeEntryFile, type Progress } from './entry-io';
import { findTrusted } from './trust-store';
import type { ZipFile } from './zip-reader';

/**
 * A review bundle's definitions, from the verified zip to the store. The
 * files are copied out (hash-checked again) before the bundle's records are
 * written; the records' transaction marks them pending; only after it
 * commits does the store see them. So a bundle whose records fail installs
 * nothing, and a crash after the records leaves the files held here for the
 * next bundle import to finish.
 */

const HELD_ROOT = 'bundle-definitions';
const STALE_HELD_MS = 24 * 60 * 60 * 1000;
/** A held folder's path; its name (relative to the data folder) is what the pending row keeps. */
export const heldPath = (dataDir: string, name: string) => path.join(dataDir, name);

/**
 * Copies the definitions out of the zip into a folder of their own (one per
 * attempt: two imports of the same bundle at once never share one),
 * checking each file's hash as it goes. Returns the folder's name relative
 * to the data folder.
 */
export async function holdDefinitions(core: Core, zip: ZipFile, bundleId: string, carried: CarriedDefinitions, payload: Map<string, CheckedEntry>, progress: Progress): Promise<string> {
  const name = path.join(HELD_ROOT, `${bundleId}.${randomUUID().slice(0, 8)}`);
  const dir = heldPath(core.dataDir, name);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  try {
    for (const f of carried.files) {
      const entry = payload.get(definitionsPath(f.name))!;
      if ((await writeEntryFile(zip, entry, path.join(dir, f.name), progress)) !== f.sha256) throw Object.assign(new Error('definitions changed since verification'), { entry: entry.name });
    }
  } catch (err) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return name;
}

export function releaseHeld(dataDir: string, name: string | null): void {
  if (name) fs.rmSync(heldPath(dataDir, name), { recursive: true, force: true });
}

/** Numbered databases (`daily`, `main`, `bytecode`) as the store names them, whatever their container (`.cvd`, `.cld`, `.cud`). */
function versions(files: { name: string; version: string | null }[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const f of files) {
    const database = databaseName(f.name)?.database;
    if (database && f.version && /^\d{1,12}$/.test(f.version)) out.set(database, Number(f.version));
  }
  return out;
}

/**
 * What happens without asking the store. Every file is already in the
 * current set: nothing to do. A database the bundle shares with the current set is older
 * than the one in use (the store replaces a set's files database by
 * database, so that would go backwards): the current set stays, whole.
 * Null: install.
 */
function decide(p: PendingInstall, current: DefinitionsSet | null): Settled | null {
  if (!current) return null;
  const held = new Set(current.files.map((f) => `${f.name}\u0000${f.sha256}`));
  if (p.carried.files.every((f) => held.has(`${f.name}\u0000${f.sha256}`))) {
    // The bundle that installed them, finished again after a crash, still says installed.
    const ours = current.source.kind === 'bundle' && current.source.bundleId === p.bundleId;
    return { state: ours ? 'installed' : 'same', setId: current.id, reason: null };
  }
  const installed = versions(current.files);
  for (const [database, version] of versions(p.carried.files)) {
    const inUse = installed.get(database);
    if (inUse !== undefined && version < inUse) {
      return { state: 'older', setId: current.id, reason: { messageKey: 'bundle.definitions.reasons.olderVersion', params: { database, carried: version, installed: inUse } } };
    }
  }
  return null;
}

/** One entry per bundle's definitions, on the bundle's site: it travels back to head office with the site's next bundle. */
function auditOutcome(db: Database.Database, p: Pick<PendingInstall, 'bundleId' | 'siteId' | 'carried'>, outcome: Settled, userName: string, at: Date): void {
  recordAudit(db, {
    siteId: p.siteId,
    entity: 'bundle',
    entityId: p.bundleId,
    action: `definitions_${outcome.state}`,
    changes: [
      { field: 'definitionsVersion', old: null, new: p.carried.version },
      { field: 'definitionsBuiltAt', old: null, new: p.carried.builtAt },
      { field: 'definitionsSet', old: null, new: outcome.setId },
      ...(outcome.reason ? [{ field: 'reason', old: null, new: `${outcome.reason.messageKey} ${JSON.stringify(outcome.reason.params ?? {})}` }] : []),
    ],
    userName,
    at,
  });
}

/**
 * Inside the import's transaction, before its records apply (head office's
 * trust list among them, which could make its own signer head office): a
 * signer trusted as head office leaves the definitions pending for the
 * store; any other signer's are refused here and never held.
 */
export function recordArrival(db: Database.Database, p: PendingInstall & { signerName: string }, headOffice: boolean, userName: string, now: Date): void {
  recordCarried(db, p.bundleId, p.carried, 'pending', now, headOffice ? p.heldDir : null);
  if (headOffice) return;
  const refused: Settled = { state: 'refused', setId: null, reason: { messageKey: 'bundle.definitions.reasons.notHeadOffice', params: { signer: p.signerName || p.signerFingerprint } } };
  settleCarried(db, p.bundleId, refused, now);
  auditOutcome(db, p, refused, userName, now);
}

/** Whether a signer may vouch for definitions: trusted, now, in the head-office role. */
export function vouchesForDefinitions(db: Database.Database, fingerprint: string): boolean {
  return findTrusted(db, fingerprint)?.role === 'head_office';
}

/**
 * Hands a held set to the definitions store, which checks it as it checks
 * any import (sigtool, the engine's functionality level, build times) and
 * swaps it in atomically or leaves the previous set in use. Unsigned files
 * are accepted because the bundle was signed by a key trusted as head
 * office (recordArrival). Settles the bundle's row with its audit entry.
 */
export async function installHeld(core: Core, p: PendingInstall, userName: string): Promise<DefinitionsOutcome> {
  const dir = p.heldDir ? heldPath(core.dataDir, p.heldDir) : null;
  let settled = decide(p, currentDefinitionsSet(core, 'clamav'));
  if (!settled && (!dir || !fs.existsSync(dir))) settled = { state: 'refused', setId: null, reason: { messageKey: 'bundle.definitions.reasons.filesGone' } };
  if (!settled) {
    try {
      const paths = p.carried.files.map((f) => path.join(dir!, f.name));
      const { set } = await importDefinitions(core, { paths, source: { kind: 'bundle', bundleId: p.bundleId, siteId: p.siteId }, trustedUnsigned: true }, userName);
      settled = { state: 'installed', setId: set.id, reason: null };
    } catch (err) {
      const reason = err instanceof HoanError ? { messageKey: err.messageKey, ...(err.params ? { params: err.params } : {}) } : { messageKey: 'bundle.definitions.reasons.failed', params: { detail: String((err as Error).message ?? err).slice(0, 200) } };
      if (!(err instanceof HoanError)) console.error('[hoan] installing a bundle\'s definitions failed:', err);
      settled = { state: 'refused', setId: null, reason };
    }
  }
  const now = core.now();
  const outcome = settled;
  writeTransaction(core.db, () => {
    if (settleCarried(core.db, p.bundleId, outcome, now)) auditOutcome(core.db, p, outcome, userName, now);
  });
  releaseHeld(core.dataDir, p.heldDir);
  return outcomeFor(core.db, p.bundleId)!;
}

/**
 * Finishes what a crash interrupted: imports whose records were written but
 * whose definitions never reached the store, and held folders no pending
 * import owns. Run before each bundle import.
 */
export async function resumeInstalls(core: Core, userName: string): Promise<void> {
  for (const p of orphanedInstalls(core.db)) {
    installing.add(p.bundleId);
    try {
      await installHeld(core, p, userName);
    } finally {
      installing.delete(p.bundleId);
    }
  }
  const root = path.join(core.dataDir, HELD_ROOT);
  if (!fs.existsSync(root)) return;
  const pending = pendingHeldDirs(core.db);
  for (const entry of fs.readdirSync(root)) {
    const name = path.join(HELD_ROOT, entry);
    const dir = heldPath(core.dataDir, name);
    try {
      // A young folder no row owns yet may belong to another Hoan process's import, between its copy and its records.
      if (!pending.has(name) && Date.now() - fs.statSync(dir).mtimeMs > STALE_HELD_MS) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Vanished meanwhile: nothing to sweep.
    }
  }
}
