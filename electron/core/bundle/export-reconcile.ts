import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../core';
import { HoanError } from '../errors';
import type { ExportReconciliation } from './bundle-types';
import type { Progress } from './entry-io';
import { closeExport, orphanedExports, recordExport, type ExportReservation } from './export-ledger';
import { ADVISORIES_RECORD, withoutText, type CarriedAdvisories } from './bundle-advisories';
import { getInstallation } from './installation';

/**
 * Settles the exports a crash interrupted (their process ended with the row
 * still pending) against what is on the medium:
 *
 * - the folder is absent (the USB stick is unplugged, the drive letter gone):
 *   nothing can be known, so the row stays pending, its number reserved, and
 *   every export reports it until the medium is back at that path;
 * - a file under the final name: read back and verified in full, as the
 *   export would have; recorded if it holds, else renamed to NAME.partial and
 *   reported;
 * - only NAME.partial: a write that never finished; removed, abandoned;
 * - neither: abandoned.
 *
 * A different medium mounted at the same path looks like "neither": the row
 * is abandoned and the file on the other medium stays out of the history,
 * but its number stays reserved, so it can never collide with a later bundle.
 */

type Found = { state: 'absent' } | { state: 'final' | 'partial' | 'nothing'; final: string; partial: string };

function look(r: ExportReservation): Found {
  try {
    if (!fs.statSync(r.targetDir).isDirectory()) return { state: 'absent' };
  } catch {
    return { state: 'absent' };
  }
  const final = path.join(r.targetDir, r.fileName);
  const partial = `${final}.partial`;
  const state = fs.existsSync(final) ? 'final' : fs.existsSync(partial) ? 'partial' : 'nothing';
  return { state, final, partial };
}

const outcome = (r: ExportReservation, what: ExportReconciliation['outcome'], detail = ''): ExportReconciliation => ({
  fileName: r.fileName,
  targetDir: r.targetDir,
  sequence: r.sequence,
  siteId: r.siteId,
  outcome: what,
  detail,
});

const reasonOf = (err: unknown) => (err instanceof HoanError ? err.messageKey : ((err as NodeJS.ErrnoException).code ?? String((err as Error).message ?? err))).slice(0, 200);

/** What needs no reading: leftovers of unfinished writes and files that are gone. Run when the data folder is opened. */
export function settleInterruptedExports(core: Core): void {
  for (const r of orphanedExports(core)) {
    try {
      const found = look(r);
      if (found.state === 'partial') fs.rmSync(found.partial, { force: true });
      if (found.state === 'partial' || found.state === 'nothing') closeExport(core, r.bundleId, 'abandoned');
    } catch {
      // A write-protected or failing medium, a busy database: the next export reports it.
    }
  }
}

/** A file under the final name that was never recorded: verified and recorded, or set aside. */
async function settleFinal(core: Core, r: ExportReservation, file: string, progress: Progress): Promise<ExportReconciliation> {
  const self = getInstallation(core.db);
  let failure: string;
  try {
    // Loaded here, not with this file: openCore settles exports at every start and must not pay for the verifier.
    const { verifyBundle } = await import('./verify-bundle');
    const { report, contents } = await verifyBundle(file, {
      trust: (fp) => (fp === r.signerFingerprint ? { name: self.name, principal: self.principal } : undefined),
      db: null,
      now: core.now(),
      ...(progress.signal ? { signal: progress.signal } : {}),
    });
    const bag = report.bag;
    if (report.ok && bag && bag.bundleId === r.bundleId && bag.sequence === r.sequence && bag.siteId === r.siteId) {
      const advisories = contents?.records.get(ADVISORIES_RECORD) as CarriedAdvisories | undefined;
      recordExport(core, { ...bag, signerFingerprint: r.signerFingerprint, fileName: r.fileName, definitions: report.definitions, advisories: advisories ? { carried: advisories.documents.map(withoutText) } : null });
      return outcome(r, 'recorded');
    }
    failure = report.failures[0]?.class ?? 'bag_invalid';
  } catch (err) {
    if (err instanceof HoanError && err.messageKey === 'bundle.errors.cancelled') throw err;
    if (look(r).state === 'absent') return outcome(r, 'unreachable');
    failure = 'unreadable';
  }
  try {
    fs.renameSync(file, `${file}.partial`);
  } catch (err) {
    return outcome(r, 'unsettled', reasonOf(err));
  }
  closeExport(core, r.bundleId, 'set_aside');
  return outcome(r, 'set_aside', failure);
}

/**
 * Every interrupted export, settled where the medium allows, reading back
 * what a crash left under a final name. Run before each export writes; the
 * result is shown with that export.
 */
export async function reconcileExports(core: Core, progress: Progress & { onReading?(): void } = {}): Promise<ExportReconciliation[]> {
  const done: ExportReconciliation[] = [];
  for (const r of orphanedExports(core)) {
    const found = look(r);
    if (found.state === 'absent') {
      done.push(outcome(r, 'unreachable'));
      continue;
    }
    if (found.state === 'final') {
      progress.onReading?.();
      done.push(await settleFinal(core, r, found.final, progress));
      continue;
    }
    try {
      if (found.state === 'partial') fs.rmSync(found.partial, { force: true });
    } catch (err) {
      done.push(outcome(r, 'unsettled', reasonOf(err)));
      continue;
    }
    closeExport(core, r.bundleId, 'abandoned');
    done.push(outcome(r, 'abandoned'));
  }
  return done;
}
