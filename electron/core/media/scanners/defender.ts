import fs from 'node:fs';
import path from 'node:path';
import type { ScanErrorReason } from '../media-schema';
import { commandLine, runProgram, type Spawned } from './run-program';
import { tailText, type Inspection, type InspectOptions, type ParsedScan, type ParsedVersion, type ScannerOutput, type ScannerProfile } from './scanner-profile';

/**
 * MpCmdRun.exe -Scan -ScanType 3 -File <folder> -DisableRemediation prints
 * "Scanning <folder> found no threats." or "… found N threats." followed by a
 * block per threat (Threat : name, then one `file : path` line per resource).
 * Exit code 0 is clean and 2 is threats found or a failure ("Failed with hr = …").
 */
export function parseMpCmdRun(output: ScannerOutput): ParsedScan {
  const text = `${output.stdout}\n${output.stderr}`;
  const detections: ParsedScan['detections'] = [];
  let threat: string | null = null;
  for (const raw of output.stdout.split(/\r?\n/)) {
    const line = raw.trim();
    const t = /^Threat\s*:\s*(.+)$/.exec(line);
    if (t) {
      threat = t[1]!.trim();
      continue;
    }
    const f = /^(?:file|containerfile)\s*:\s*(.+)$/i.exec(line);
    if (f && threat) detections.push({ file: f[1]!.trim(), name: threat });
    if (/Threat Info Ending/.test(line)) threat = null;
  }
  const found = /found (\d+) threats?/i.exec(text);
  const clean = /found no threats/i.test(text);
  const failed = /Failed with hr\s*=\s*(0x[0-9a-f]+)/i.exec(text);

  let result: ParsedScan['result'];
  let errorText = '';
  let errorReason: ScanErrorReason | null = null;
  if (detections.length > 0 || (found && Number(found[1]) > 0)) {
    result = 'infected';
  } else if (clean && !failed && output.exitCode === 0) {
    result = 'clean';
  } else {
    result = 'error';
    errorText = failed ? `MpCmdRun failed with hr = ${failed[1]}` : tailText(text) || `exit code ${String(output.exitCode)}`;
    errorReason = (failed && HRESULT_REASONS[failed[1]!.toLowerCase()]) || 'unknown';
  }
  return { result, filesScanned: null, detections, engineVersion: null, errorText, errorReason };
}

/**
 * The HRESULTs MpCmdRun prints on a failed -Scan that say what to do.
 * 0x80508023 (ERR_MP_THREAT_NOT_FOUND) is what a -File scan of a path that
 * is not there gives; 0x8050800C and 0x80508020 are the engine's bad input
 * data and configuration, for which Microsoft's advice is new definitions;
 * 0x800106BA and 0x80070422 are the Defender service not running or disabled.
 */
const HRESULT_REASONS: Record<string, ScanErrorReason> = {
  '0x80070002': 'file_not_found',
  '0x80070003': 'file_not_found',
  '0x80508023': 'file_not_found',
  '0x80070005': 'permission_denied',
  '0x8050800c': 'database_invalid',
  '0x80508020': 'database_invalid',
  '0x800106ba': 'not_installed',
  '0x80070422': 'not_installed',
};

/** A PowerShell 5 `/Date(ms)/` or a PowerShell 7 ISO time, as ISO; null otherwise. */
function psDate(value: unknown): string | null {
  const ms = /\/Date\((\d+)\)\//.exec(String(value ?? ''));
  const t = ms ? Number(ms[1]) : typeof value === 'string' ? Date.parse(value) : NaN;
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

export interface DefenderStatus extends ParsedVersion {
  signaturesUpdatedAt: string | null;
  /** The bare version (AntivirusSignatureVersion); `0.0.0.0` when Defender has none. */
  signatures: string | null;
}

/** `Get-MpComputerStatus | Select-Object … | ConvertTo-Json` output. */
export function parseDefenderStatus(stdout: string): DefenderStatus {
  try {
    const status = JSON.parse(stdout.trim().replace(/^\uFEFF/, '')) as Record<string, unknown>;
    const s = (key: string) => (typeof status[key] === 'string' && status[key] ? (status[key] as string) : null);
    const updated = psDate(status.AntivirusSignatureLastUpdated);
    const sig = s('AntivirusSignatureVersion');
    // A Defender that never received definitions reports version 0.0.0.0.
    const none = !sig || /^0(?:\.0)*$/.test(sig);
    return {
      engineVersion: s('AMEngineVersion'),
      signatureVersion: sig && updated ? `${sig} (${updated.slice(0, 10)})` : sig,
      signatures: sig,
      signaturesUpdatedAt: updated,
      definitions: none ? [] : [{ name: 'Microsoft Defender Antivirus', version: sig, updatedAt: updated, signatures: null, verified: null }],
    };
  } catch {
    return { engineVersion: null, signatureVersion: null, signatures: null, signaturesUpdatedAt: null, definitions: [] };
  }
}

const STATUS_SCRIPT =
  'Get-MpComputerStatus | Select-Object AMEngineVersion,AntivirusSignatureVersion,AntivirusSignatureLastUpdated | ConvertTo-Json';

/**
 * Windows PowerShell 5.1, under %SystemRoot% on every Windows 10/11. Joined
 * with the host's separator, so that on another system (the tests) a
 * stand-in placed under SystemRoot is the program that runs.
 */
export function powershellPath(env: NodeJS.ProcessEnv): string {
  const root = env.SystemRoot ?? 'C:\\Windows';
  return (process.platform === 'win32' ? path.win32 : path).join(root, 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe');
}
const STATUS_ARGS = ['-NoProfile', '-NonInteractive', '-Command', STATUS_SCRIPT];

export interface DefenderStatusRead {
  status: DefenderStatus;
  run: Spawned;
  /** The command and what it printed, as the evidence log shows it. */
  log: string;
}

/** Get-MpComputerStatus through PowerShell, with arguments as an array (never a shell string). */
export async function readDefenderStatus(env: NodeJS.ProcessEnv, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<DefenderStatusRead> {
  const exe = powershellPath(env);
  const run = await runProgram(exe, STATUS_ARGS, { timeoutMs: options.timeoutMs ?? 60_000, ...(options.signal ? { signal: options.signal } : {}) });
  const log = `## ${commandLine(exe, STATUS_ARGS)} (exit ${String(run.exitCode)})\n${run.stdout}${run.stderr}${run.spawnError ?? ''}`;
  return { status: parseDefenderStatus(run.stdout), run, log };
}

/** MpCmdRun.exe must be there; Get-MpComputerStatus says which definitions Defender has and when they were updated. */
async function inspectDefender(o: InspectOptions): Promise<Inspection> {
  const base = { engineVersion: null, definitionsPath: null, definitionsPathIsDefault: false, invalidFile: null };
  if (!fs.statSync(o.executable, { throwIfNoEntry: false })?.isFile()) {
    return { ...base, installed: false, definitions: [], unreadable: false, detail: [`## ${o.executable}: not found`] };
  }
  const { status, run: v, log } = await readDefenderStatus(o.env);
  const detail = [log];
  if (v.spawnError || v.exitCode !== 0 || (!status.engineVersion && !status.signatures)) {
    return { ...base, installed: true, definitions: [], unreadable: true, detail };
  }
  return { ...base, engineVersion: status.engineVersion, installed: true, unreadable: false, definitions: status.definitions ?? [], detail };
}

export const defenderProfile: ScannerProfile = {
  id: 'defender',
  name: 'Microsoft Defender MpCmdRun',
  executableNames: ['mpcmdrun.exe'],
  defaultExecutable: (_platform, env) =>
    path.win32.join(env.ProgramFiles ?? 'C:\\Program Files', 'Windows Defender', 'MpCmdRun.exe'),
  // -DisableRemediation: the medium is the bringer's; Hoan reports, it does not quarantine their files.
  scanArgs: ['-Scan', '-ScanType', '3', '-File', '{target}', '-DisableRemediation'],
  versionCommand: { executable: (_platform, env) => powershellPath(env), args: STATUS_ARGS },
  usesDatabasePath: false,
  parseScan: parseMpCmdRun,
  parseVersion: parseDefenderStatus,
  isFileLine: () => false,
  inspect: inspectDefender,
};
