import path from 'node:path';
import { tailText, type ParsedScan, type ParsedVersion, type ScannerOutput, type ScannerProfile } from './scanner-profile';

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
  if (detections.length > 0 || (found && Number(found[1]) > 0)) {
    result = 'infected';
  } else if (clean && !failed && output.exitCode === 0) {
    result = 'clean';
  } else {
    result = 'error';
    errorText = failed ? `MpCmdRun failed with hr = ${failed[1]}` : tailText(text) || `exit code ${String(output.exitCode)}`;
  }
  return { result, filesScanned: null, detections, engineVersion: null, errorText };
}

/** `Get-MpComputerStatus | Select-Object … | ConvertTo-Json` output. */
export function parseDefenderStatus(stdout: string): ParsedVersion {
  try {
    const status = JSON.parse(stdout.trim().replace(/^\uFEFF/, '')) as Record<string, unknown>;
    const s = (key: string) => (typeof status[key] === 'string' && status[key] ? (status[key] as string) : null);
    const updated = /\/Date\((\d+)\)\//.exec(String(status.AntivirusSignatureLastUpdated ?? ''));
    const sig = s('AntivirusSignatureVersion');
    return {
      engineVersion: s('AMEngineVersion'),
      signatureVersion: sig && updated ? `${sig} (${new Date(Number(updated[1])).toISOString().slice(0, 10)})` : sig,
    };
  } catch {
    return { engineVersion: null, signatureVersion: null };
  }
}

const STATUS_SCRIPT =
  'Get-MpComputerStatus | Select-Object AMEngineVersion,AntivirusSignatureVersion,AntivirusSignatureLastUpdated | ConvertTo-Json';

export const defenderProfile: ScannerProfile = {
  id: 'defender',
  name: 'Microsoft Defender MpCmdRun',
  executableNames: ['mpcmdrun.exe'],
  defaultExecutable: (_platform, env) =>
    path.win32.join(env.ProgramFiles ?? 'C:\\Program Files', 'Windows Defender', 'MpCmdRun.exe'),
  // -DisableRemediation: the medium is the bringer's; Hoan reports, it does not quarantine their files.
  scanArgs: ['-Scan', '-ScanType', '3', '-File', '{target}', '-DisableRemediation'],
  versionCommand: {
    executable: (_platform, env) =>
      path.win32.join(env.SystemRoot ?? 'C:\\Windows', 'System32', 'WindowsPowerShell', 'v1.0', 'powershell.exe'),
    args: ['-NoProfile', '-NonInteractive', '-Command', STATUS_SCRIPT],
  },
  usesDatabasePath: false,
  parseScan: parseMpCmdRun,
  parseVersion: parseDefenderStatus,
  isFileLine: () => false,
};
