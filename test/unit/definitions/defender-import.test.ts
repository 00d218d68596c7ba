import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { auditHistory } from '../../../electron/core/audit/audit-log';
import { isDefenderImport, type DefenderTools } from '../../../electron/core/definitions/defender-import';
import { definitionsStatus } from '../../../electron/core/definitions/definitions-status';
import { currentDefinitionsSet, importDefinitions } from '../../../electron/core/definitions/definitions-store';
import { evidenceFilePath } from '../../../electron/core/evidence/evidence-store';
import { HoanError } from '../../../electron/core/errors';
import { buildDefinitions } from '../helpers/definitions';
import { TEST_USER } from '../helpers/set-up';
import { sha256OfFile, tempDirs } from '../helpers/temp-dir';
import { installStandIn, recorded, writePe, type Reply } from './defender-stand-ins';
import { BUILT, defsWorld } from './defs-world';

/**
 * `hoan definitions import` and the definitions screen given a Defender
 * package: Defender applies it (stand-ins replay recorded MpCmdRun and
 * PowerShell output), and the store records it as the installation's
 * Defender set, with the log kept as evidence.
 */

const dirs = tempDirs('hoan-defender-import-');
afterEach(() => dirs.cleanup());

function setUp() {
  const dir = dirs.make();
  const w = defsWorld(path.join(dir, 'data'));
  const usb = path.join(dir, 'usb');
  fs.mkdirSync(usb);
  const systemRoot = path.join(dir, 'Windows');
  const mp = path.join(dir, 'Program Files', 'Windows Defender', 'MpCmdRun.exe');
  const staging = path.join(dir, 'tmp');
  fs.mkdirSync(staging);
  const tools: DefenderTools = { mpCmdRun: mp, env: { SystemRoot: systemRoot, PROCESSOR_ARCHITECTURE: 'AMD64' }, stagingDir: staging };
  const powershell = (replies: Reply[]) => installStandIn(path.join(systemRoot, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe'), replies);
  const mpCmdRun = (replies: Reply[]) => installStandIn(mp, replies);
  return { dir, w, usb, tools, powershell, mpCmdRun };
}

describe('[#12.2] a Defender package through the definitions import', () => {
  it('[#12.2] is applied by Defender and recorded as the installation\'s Defender set: package sha256, the version Defender reports after, who, from where; the log kept as evidence', async () => {
    const { w, usb, tools, powershell, mpCmdRun } = setUp();
    const pkg = writePe(path.join(usb, 'mpam-fe.exe'), 0x8664);
    powershell([{ stdout: recorded('status-ps5-before.json') }, { stdout: recorded('status-ps5-after.json') }]);
    const mp = mpCmdRun([{ stdout: recorded('signature-update-ok.txt') }]);

    const result = await importDefinitions(w.core, { paths: [usb], defender: tools }, TEST_USER);

    expect(mp.calls()).toHaveLength(1);
    expect(result.set).toMatchObject({ scanner: 'defender', version: '1.429.201.0', builtAt: '2025-06-01T00:20:11.000Z', importedBy: TEST_USER, state: 'current' });
    expect(result.set.files).toEqual([
      { name: 'mpam-fe.exe', sha256: sha256OfFile(pkg), size: fs.statSync(pkg).size, kind: 'defender_package', version: '1.429.201.0', builtAt: '2025-06-01T00:20:11.000Z', signatures: null, functionalityLevel: null },
    ]);
    expect(currentDefinitionsSet(w.core, 'defender')?.id).toBe(result.set.id);
    // ClamAV's store is not touched by a Defender package.
    expect(currentDefinitionsSet(w.core, 'clamav')).toBeNull();

    const [entry] = auditHistory(w.core.db, 'definitions-set', result.set.id);
    const change = (field: string) => entry!.changes.find((c) => c.field === field);
    expect(change('version')).toMatchObject({ old: '1.427.112.0', new: '1.429.201.0' });
    const logSha = change('logSha256')!.new as string;
    expect(fs.readFileSync(evidenceFilePath(w.core.dataDir, logSha), 'utf8')).toContain('-SignatureUpdate');

    const status = await definitionsStatus(w.core);
    expect(status.defender).toMatchObject({ id: result.set.id, version: '1.429.201.0', ageDays: 9 });
    w.core.close();
  });

  it('[#12.2] a second package that fails ("Failed with hr = 0x80070005") changes nothing and is audited with its log', async () => {
    const { w, usb, tools, powershell, mpCmdRun } = setUp();
    writePe(path.join(usb, 'mpam-fe.exe'), 0x8664);
    powershell([{ stdout: recorded('status-ps5-before.json') }, { stdout: recorded('status-ps5-after.json') }]);
    mpCmdRun([{ stdout: recorded('signature-update-ok.txt') }]);
    const first = await importDefinitions(w.core, { paths: [path.join(usb, 'mpam-fe.exe')], defender: tools }, TEST_USER);

    powershell([{ stdout: recorded('status-ps5-after.json') }]);
    mpCmdRun([{ stdout: recorded('signature-update-hr-access-denied.txt'), exitCode: 2 }]);
    const err = await importDefinitions(w.core, { paths: [usb], defender: tools }, TEST_USER).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HoanError);
    expect((err as HoanError).messageKey).toBe('media.defenderUpdate.errors.failedAccessDenied');
    expect(currentDefinitionsSet(w.core, 'defender')?.id).toBe(first.set.id);
    const refused = auditHistory(w.core.db, 'definitions-set', 'refused');
    expect(refused).toHaveLength(1);
    expect(refused[0]!.changes.find((c) => c.field === 'scanner')?.new).toBe('defender');
    expect(refused[0]!.changes.find((c) => c.field === 'logSha256')?.new).toMatch(/^[0-9a-f]{64}$/);
    w.core.close();
  });

  it('[#12.2] which import a path goes to: a package file, or a folder with a package and no ClamAV database; a folder with ClamAV files stays ClamAV\'s', async () => {
    const { dir } = setUp();
    const defenderOnly = path.join(dir, 'd1');
    writePe(path.join(defenderOnly, 'x64', 'mpam-fe.exe'), 0x8664);
    const both = path.join(dir, 'd2');
    writePe(path.join(both, 'mpam-fe.exe'), 0x8664);
    await buildDefinitions(both, { name: 'daily', version: 5, builtAt: BUILT });
    expect(isDefenderImport([defenderOnly])).toBe(true);
    expect(isDefenderImport([path.join(defenderOnly, 'x64', 'mpam-fe.exe')])).toBe(true);
    expect(isDefenderImport([both])).toBe(false);
    expect(isDefenderImport([defenderOnly, both])).toBe(false);
  });
});
