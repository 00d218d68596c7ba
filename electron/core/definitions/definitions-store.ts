import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { recordAudit } from '../audit/audit-log';
import type { Core } from '../core';
import { writeTransaction } from '../db/transactions';
import { HoanError } from '../errors';
import { clamTools, engineInfo, loadSet, type ClamTools } from './clam-engine';
import { checkClamFile, databaseName } from './clam-file-check';
import { auditRefusal } from './definitions-audit';
import { chooseInputs } from './definitions-inputs';
import { clamRoot, copyHashed, newStagingFolder, removeFolder, setFolder, sha256OfFile, syncFolder } from './definitions-folders';
import { describeSource, newestBuild, rotateIn, setInState, setState, versionLabel } from './definitions-records';
import { importDefenderPackage, isDefenderImport, type DefenderTools } from './defender-import';
import type { DefinitionsImportResult } from './definitions-store-types';
import type { DefinitionsFile, DefinitionsScanner, DefinitionsSet, DefinitionsSource } from './definitions-types';

export type { DefinitionsImportResult };

/**
 * Hoan's own ClamAV database folder, one per installation (issue 12):
 * `clamscan -d <installedClamFolder>` scans with the set the store holds.
 *
 * What an import does with the files it is given: each replaces the file of
 * the same database in the current set (daily.cvd replaces daily.cld or
 * daily.cud; a plain file replaces the file of the same name), and the rest
 * of the current set carries over. A site's medium usually brings main,
 * daily and bytecode, sometimes only a new daily: both give a complete set.
 * The new set is still checked as a whole, by clamscan loading it.
 *
 * Atomic: every file is copied into a staging folder (fsynced) and checked
 * there (clam-file-check.ts), the staged set is loaded once by clamscan,
 * then the folder is renamed to `sets/<id>` and the records switch in one
 * IMMEDIATE transaction (current → previous → retired). Any failure before
 * the switch removes the staging folder; the current set, its folder and
 * its records are untouched and stay in use. A crash leaves only folders
 * the sweep at start removes (definitions-folders.ts).
 *
 * Unsigned files (.cud, plain signature files) are taken only when the
 * caller vouches for them (`trustedUnsigned`: they came in a head-office
 * bundle whose signature was verified) or the user accepts them with a
 * reason, which is recorded with the set and in the audit log.
 */

export interface ImportDefinitionsOptions {
  /** Files or folders on this machine. */
  paths: string[];
  /** Where the set came from; a file import records the paths given. */
  source?: DefinitionsSource;
  /** Set by the bundle importer, after the bundle's signature verified against a trusted head-office key. */
  trustedUnsigned?: boolean;
  /** The user's explicit acceptance of unsigned files, and why. */
  acceptUnsigned?: { reason: string };
  /** The ClamAV to check with; the clamav profile's program by default. */
  tools?: ClamTools;
  /** MpCmdRun.exe and the environment PowerShell is found in, for a Defender package (defender-import.ts). */
  defender?: DefenderTools;
}

export function installedClamFolder(core: Pick<Core, 'dataDir' | 'db'>): string | null {
  const current = core.db.prepare("SELECT id FROM definitions_sets WHERE scanner = 'clamav' AND state = 'current'").pluck().get() as string | undefined;
  if (!current) return null;
  const folder = setFolder(core.dataDir, current);
  return fs.existsSync(folder) ? folder : null;
}

/** The installation's current set, from the store's records. */
export function currentDefinitionsSet(core: Pick<Core, 'dataDir' | 'db'>, scanner: DefinitionsScanner = 'clamav'): DefinitionsSet | null {
  return setInState(core.db, scanner, 'current');
}

export function fileSource(paths: readonly string[]): DefinitionsSource {
  return { kind: 'file', path: paths.map((p) => path.resolve(p)).join('; ') };
}


const DISK_FULL = new Set(['ENOSPC', 'EFBIG', 'EDQUOT']);

/** A file system error while copying, as the user needs it: which file, and whether the disk is full. */
function copyError(err: unknown, name: string, source: string, dataDir: string): unknown {
  if (err instanceof HoanError) return err;
  const e = err as NodeJS.ErrnoException;
  if (e.code && DISK_FULL.has(e.code)) return new HoanError('io', 'definitions.errors.diskFull', { name, folder: clamRoot(dataDir) });
  if (e.path === source) return new HoanError('io', 'definitions.errors.unreadable', { name, reason: e.message });
  return new HoanError('io', 'definitions.errors.writeFailed', { name, reason: e.message });
}

/** A carried file comes from the current set: linked where the file system allows, checked against its record either way. */
async function carryOver(from: string, to: string, want: DefinitionsFile, dataDir: string): Promise<void> {
  if (!fs.existsSync(from)) throw new HoanError('validation', 'definitions.errors.storeDamaged', { name: want.name });
  try {
    fs.linkSync(from, to);
  } catch {
    try {
      await copyHashed(from, to);
    } catch (err) {
      throw copyError(err, want.name, from, dataDir);
    }
  }
  const got = await sha256OfFile(to);
  if (got.sha256 !== want.sha256 || got.size !== want.size) throw new HoanError('validation', 'definitions.errors.storeDamaged', { name: want.name });
}

export async function importDefinitions(core: Core, options: ImportDefinitionsOptions, userName: string): Promise<DefinitionsImportResult> {
  const source = options.source ?? fileSource(options.paths);
  // Head office's bundles carry ClamAV sets only: a Defender package is the user's own choice of file.
  if (!options.trustedUnsigned && isDefenderImport(options.paths)) {
    return importDefenderPackage(core, { path: options.paths[0]!, source, ...(options.defender ? { tools: options.defender } : {}) }, userName);
  }
  const tools = options.tools ?? clamTools();
  const chosen = chooseInputs(options.paths);
  const names = chosen.files.map((f) => f.name);
  const reason = options.acceptUnsigned?.reason.trim() || null;
  try {
    const unsigned = chosen.files.filter((f) => f.info.kind !== 'signed').map((f) => f.name);
    if (unsigned.length > 0 && !options.trustedUnsigned && !reason) {
      throw new HoanError('validation', 'definitions.errors.unsignedNotAccepted', { names: unsigned.join(', ') });
    }
    const engine = await engineInfo(tools);
    if (!engine.found || engine.functionalityLevel === null) {
      throw new HoanError('io', 'definitions.errors.scannerMissing', { program: engine.found ? tools.sigtool : tools.clamscan });
    }
    return await stageAndSwitch(core, { ...options, source, tools }, chosen, engine.functionalityLevel, userName, options.trustedUnsigned ? null : reason);
  } catch (err) {
    if (err instanceof HoanError && err.messageKey.startsWith('definitions.errors.')) {
      auditRefusal(core, err, [{ field: 'files', value: names.join(', ') }], source, userName);
    }
    throw err;
  }
}

async function stageAndSwitch(
  core: Core,
  options: ImportDefinitionsOptions & { source: DefinitionsSource; tools: ClamTools },
  chosen: ReturnType<typeof chooseInputs>,
  engineLevel: number,
  userName: string,
  acceptedReason: string | null,
): Promise<DefinitionsImportResult> {
  const base = setInState(core.db, 'clamav', 'current');
  const given = new Set(chosen.files.map((f) => f.info.database));
  const databaseOf = (name: string) => databaseName(name)?.database ?? name;
  const carried = (base?.files ?? []).filter((f) => !given.has(databaseOf(f.name)));
  const staging = newStagingFolder(core.dataDir);
  const probe = `${staging}.probe`;
  let installed: string | null = null;
  try {
    const files: DefinitionsFile[] = [];
    const ctx = { sigtool: options.tools.sigtool, engineLevel, now: core.now() };
    for (const f of chosen.files) {
      const staged = path.join(staging, f.name);
      let copied;
      try {
        copied = await copyHashed(f.path, staged);
      } catch (err) {
        throw copyError(err, f.name, f.path, core.dataDir);
      }
      files.push({ ...(await checkClamFile(staged, f.name, ctx)), ...copied });
    }
    for (const f of carried) {
      await carryOver(path.join(setFolder(core.dataDir, base!.id), f.name), path.join(staging, f.name), f, core.dataDir);
      files.push(f);
    }
    fs.mkdirSync(probe);
    const load = await loadSet(options.tools, staging, probe);
    if (!load.ok) throw new HoanError('validation', 'definitions.errors.engineRefused', { name: load.file ?? joinNames(files), detail: load.detail });
    for (const f of files) fs.chmodSync(path.join(staging, f.name), 0o444);
    syncFolder(staging);

    const id = randomUUID();
    const target = setFolder(core.dataDir, id);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.renameSync(staging, target);
    installed = target;
    syncFolder(path.dirname(target));
    files.sort((a, b) => a.name.localeCompare(b.name));
    const set: DefinitionsSet = {
      id,
      scanner: 'clamav',
      files,
      version: versionLabel(files),
      builtAt: newestBuild(files),
      source: options.source,
      importedAt: core.now().toISOString(),
      importedBy: userName,
      unsignedAcceptedReason: files.some((f) => f.kind !== 'signed') ? acceptedReason : null,
      state: 'current',
    };
    const retired = writeTransaction(core.db, () => {
      const now = setInState(core.db, 'clamav', 'current');
      // Another import (the app and the CLI at once) switched first: this set was built on what it replaced.
      if ((now?.id ?? null) !== (base?.id ?? null)) throw new HoanError('conflict', 'definitions.errors.changedMeanwhile');
      const old = rotateIn(core.db, set);
      recordAudit(core.db, {
        siteId: null,
        entity: 'definitions-set',
        entityId: id,
        action: 'import',
        changes: [
          { field: 'version', old: base?.version ?? null, new: set.version },
          { field: 'builtAt', old: base?.builtAt ?? null, new: set.builtAt },
          { field: 'files', old: base ? base.files.map((f) => f.name).join(', ') : null, new: files.map((f) => f.name).join(', ') },
          { field: 'source', old: null, new: describeSource(options.source) },
          { field: 'unsignedAcceptedReason', old: null, new: set.unsignedAcceptedReason },
          { field: 'trustedUnsigned', old: null, new: options.trustedUnsigned === true },
        ],
        userName,
        at: core.now(),
      });
      return old;
    });
    installed = null;
    if (retired) removeFolder(setFolder(core.dataDir, retired.id));
    const givenNames = new Set(chosen.files.map((f) => f.name));
    const before = new Set((base?.files ?? []).map((f) => databaseOf(f.name)));
    return {
      set,
      replaced: [...givenNames].filter((n) => before.has(databaseOf(n))),
      added: [...givenNames].filter((n) => !before.has(databaseOf(n))),
      carried: carried.map((f) => f.name),
      ignored: chosen.ignored,
    };
  } finally {
    // What is left here (a folder Windows still holds open) is swept at the next start.
    for (const folder of [staging, probe, installed]) {
      try {
        if (folder) removeFolder(folder);
      } catch {
        // See above.
      }
    }
  }
}

function joinNames(files: DefinitionsFile[]): string {
  return files.map((f) => f.name).join(', ');
}

/**
 * Puts the previous set back in use; the set it replaces becomes the
 * previous one, so a second rollback undoes the first. The previous set's
 * files are checked against their records before the switch.
 */
export async function rollbackDefinitions(core: Core, userName: string, scanner: DefinitionsScanner = 'clamav'): Promise<DefinitionsSet> {
  const previous = setInState(core.db, scanner, 'previous');
  if (!previous) throw new HoanError('conflict', 'definitions.errors.nothingToRollBack');
  const folder = setFolder(core.dataDir, previous.id);
  for (const f of previous.files) {
    const file = path.join(folder, f.name);
    const got = fs.existsSync(file) ? await sha256OfFile(file) : null;
    if (!got || got.sha256 !== f.sha256 || got.size !== f.size) throw new HoanError('validation', 'definitions.errors.previousDamaged', { name: f.name });
  }
  writeTransaction(core.db, () => {
    const current = setInState(core.db, scanner, 'current');
    const still = setInState(core.db, scanner, 'previous');
    if (!current || still?.id !== previous.id) throw new HoanError('conflict', 'definitions.errors.changedMeanwhile');
    // Current first: the index allows one current set, and SQLite checks it row by row.
    setState(core.db, current.id, 'previous');
    setState(core.db, previous.id, 'current');
    recordAudit(core.db, {
      siteId: null,
      entity: 'definitions-set',
      entityId: previous.id,
      action: 'rollback',
      changes: [
        { field: 'version', old: current.version, new: previous.version },
        { field: 'builtAt', old: current.builtAt, new: previous.builtAt },
        { field: 'set', old: current.id, new: previous.id },
      ],
      userName,
      at: core.now(),
    });
  });
  return { ...previous, state: 'current' };
}
