import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { recordAudit } from '../audit/audit-log';
import type { Core } from '../core';
import { writeTransaction } from '../db/transactions';
import { storeEvidenceBytes } from '../evidence/evidence-store';
import { defenderProfile } from '../media/scanners/defender';
import { databaseName } from './clam-file-check';
import { auditRefusal } from './definitions-audit';
import { applyDefenderPackage, candidates, DefenderUpdateError, PACKAGE_NAME, type DefenderUpdateOptions } from './defender-update';
import { describeSource, rotateIn } from './definitions-records';
import type { DefinitionsImportResult } from './definitions-store-types';
import type { DefinitionsSet, DefinitionsSource } from './definitions-types';

/**
 * A Microsoft Defender offline package brought in through the same import
 * as ClamAV's files (`hoan definitions import`, the definitions screen).
 * Defender keeps its definitions itself: Hoan has it apply the package
 * (defender-update.ts) and records what it did — the package's name, sha256
 * and size, the definitions version and update time Defender reports
 * afterwards, who, from where, when — as the installation's current
 * Defender set, with the commands' log in the evidence store. There is no
 * folder and no rollback: Defender's own (`MpCmdRun -RemoveDefinitions`)
 * is outside Hoan.
 *
 * Which import a path goes to: a file named like a Defender package
 * (mpam-fe.exe, mpam-fex64.exe, mpam-fex86.exe), or a folder holding one
 * (directly or under x64\ or x86\) and no ClamAV database file at its top.
 * A folder with ClamAV files goes to ClamAV, whatever else it holds.
 */

/** The one path given is Defender's package, or a folder of it: see above. */
export function isDefenderImport(paths: readonly string[]): boolean {
  if (paths.length !== 1) return false;
  const given = paths[0]!;
  const stat = fs.statSync(given, { throwIfNoEntry: false });
  if (stat?.isFile()) return PACKAGE_NAME.test(path.basename(given));
  if (!stat?.isDirectory()) return false;
  const clam = fs.readdirSync(given, { withFileTypes: true }).some((e) => e.isFile() && databaseName(e.name) !== null);
  return !clam && candidates(given).length > 0;
}

export type DefenderTools = Pick<DefenderUpdateOptions, 'mpCmdRun' | 'env'> & Partial<Pick<DefenderUpdateOptions, 'arch' | 'stagingDir' | 'timeoutMs'>>;

export function defenderTools(env: NodeJS.ProcessEnv = process.env): DefenderTools {
  return { mpCmdRun: defenderProfile.defaultExecutable(process.platform, env), env };
}

async function keepLog(core: Core, log: string, stamp: string): Promise<string | null> {
  if (!log) return null;
  try {
    return (await storeEvidenceBytes(core, Buffer.from(log, 'utf8'), `defender-update-${stamp}.log`)).sha256;
  } catch {
    // The update itself is what counts; a log that cannot be kept is not a reason to hide it.
    return null;
  }
}

export async function importDefenderPackage(
  core: Core,
  options: { path: string; source: DefinitionsSource; tools?: DefenderTools },
  userName: string,
): Promise<DefinitionsImportResult> {
  const tools = options.tools ?? defenderTools();
  const stamp = core.now().toISOString().replace(/[-:.]/g, '');
  let result;
  try {
    result = await applyDefenderPackage({ ...tools, packageFolder: options.path });
  } catch (err) {
    if (err instanceof DefenderUpdateError) {
      const logSha = await keepLog(core, err.log, stamp);
      auditRefusal(core, err, [{ field: 'scanner', value: 'defender' }, { field: 'logSha256', value: logSha }], options.source, userName);
    }
    throw err;
  }
  const pkg = result.package!;
  const logSha = await keepLog(core, result.log, stamp);
  const set: DefinitionsSet = {
    id: randomUUID(),
    scanner: 'defender',
    files: [
      {
        name: path.basename(pkg.path),
        sha256: pkg.sha256,
        size: pkg.size,
        kind: 'defender_package',
        version: result.after.signatures,
        builtAt: result.after.signaturesUpdatedAt,
        signatures: null,
        functionalityLevel: null,
      },
    ],
    version: result.after.signatures,
    builtAt: result.after.signaturesUpdatedAt,
    source: options.source,
    importedAt: core.now().toISOString(),
    importedBy: userName,
    unsignedAcceptedReason: null,
    state: 'current',
  };
  writeTransaction(core.db, () => {
    rotateIn(core.db, set);
    recordAudit(core.db, {
      siteId: null,
      entity: 'definitions-set',
      entityId: set.id,
      action: 'import',
      changes: [
        { field: 'scanner', old: null, new: 'defender' },
        { field: 'version', old: result.before.signatures, new: result.after.signatures },
        { field: 'engineVersion', old: result.before.engineVersion, new: result.after.engineVersion },
        { field: 'builtAt', old: result.before.signaturesUpdatedAt, new: result.after.signaturesUpdatedAt },
        { field: 'files', old: null, new: `${set.files[0]!.name} (${pkg.arch}, sha256 ${pkg.sha256})` },
        { field: 'source', old: null, new: describeSource(options.source) },
        { field: 'logSha256', old: null, new: logSha },
      ],
      userName,
      at: core.now(),
    });
  });
  return { set, replaced: [], added: [set.files[0]!.name], carried: [], ignored: [] };
}
