import path from 'node:path';
import type { ScanErrorReason } from '../media-schema';
import { defaultClamDatabase, describeClamDatabase, inspectClamDatabase, sigtoolBeside } from './clamav-database';
import { commandLine, runProgram } from './run-program';
import { expandArgs, tailText, type ArgTemplate, type Inspection, type InspectOptions, type ParsedScan, type ParsedVersion, type ScannerOutput, type ScannerProfile } from './scanner-profile';

const FOUND = /^(.*): (.+) FOUND$/;
const SUMMARY = /^([A-Za-z ]+): (.*)$/;

/**
 * clamscan: exit 0 nothing found, 1 something found, 2 an error. A scan with
 * no signatures loaded proves nothing, so it counts as an error too.
 */
export function parseClamscan(output: ScannerOutput): ParsedScan {
  const detections: ParsedScan['detections'] = [];
  const summary = new Map<string, string>();
  let inSummary = false;
  for (const line of output.stdout.split(/\r?\n/)) {
    if (line.startsWith('----------- SCAN SUMMARY')) {
      inSummary = true;
      continue;
    }
    if (inSummary) {
      const m = SUMMARY.exec(line);
      if (m) summary.set(m[1]!.trim(), m[2]!.trim());
      continue;
    }
    const found = FOUND.exec(line);
    if (found) detections.push({ file: found[1]!, name: found[2]! });
  }
  const count = (key: string) => {
    const v = summary.get(key);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : null;
  };
  const known = count('Known viruses');
  const errorLines = output.stderr
    .split(/\r?\n/)
    .filter((l) => /error|warning/i.test(l))
    .join('\n');
  let result: ParsedScan['result'];
  let errorText = '';
  let errorReason: ScanErrorReason | null = null;
  if (detections.length > 0 || output.exitCode === 1) {
    result = 'infected';
  } else if (output.exitCode === 0 && known !== 0) {
    result = 'clean';
  } else {
    result = 'error';
    errorText = tailText(errorLines || output.stderr) || (known === 0 ? 'no signatures loaded' : `exit code ${String(output.exitCode)}`);
    const fileErrors = output.stdout.split(/\r?\n/).filter((l) => / ERROR$/.test(l));
    errorReason = clamErrorReason([output.stderr, ...fileErrors].join('\n'), known);
  }
  return { result, filesScanned: count('Scanned files'), detections, engineVersion: summary.get('Engine version') ?? null, errorText, errorReason };
}

/**
 * What went wrong, from libclamav's and clamscan's messages (stderr, and the
 * per-file `… ERROR` lines on stdout). The database is loaded before any file
 * is opened, so database messages come first and win.
 */
export function clamErrorReason(text: string, known: number | null): ScanErrorReason {
  if (/No supported database files found|cl_load\(\): No such file or directory/i.test(text)) return 'no_database';
  if (/Malformed database|Can't verify database integrity|error loading database|Problem parsing database|Not a CVD file|database.*(?:corrupt|incomplete)/i.test(text)) {
    return 'database_invalid';
  }
  if (/Permission denied|Access denied/i.test(text)) return 'permission_denied';
  if (/No such file or directory|Can't access file/i.test(text)) return 'file_not_found';
  // Exit 0 with nothing loaded: the folder held files, none of them signatures.
  if (known === 0) return 'no_database';
  return 'unknown';
}

/** `ClamAV 1.4.6/27500/Tue Jan  7 09:29:48 2025`, or just `ClamAV 1.4.6` when no official database is installed. */
export function parseClamVersion(stdout: string): ParsedVersion {
  const m = /ClamAV ([^/\s]+)(?:\/(\d+)\/(.+))?/.exec(stdout);
  if (!m) return { engineVersion: null, signatureVersion: null };
  return {
    engineVersion: m[1]!,
    signatureVersion: m[2] ? `daily ${m[2]} (${m[3]!.trim().replace(/\s+/g, ' ')})` : null,
  };
}

const VERSION_ARGS: ArgTemplate[] = [{ ifSet: 'database', args: ['--database={database}'] }, '--version'];

/** clamscan --version says whether it runs; the database folder says what it would load. */
async function inspectClamav(o: InspectOptions): Promise<Inspection> {
  const args = expandArgs(VERSION_ARGS, { target: '', database: o.database });
  const v = await runProgram(o.executable, args, { timeoutMs: 60_000 });
  const detail = [`## ${commandLine(o.executable, args)} (exit ${String(v.exitCode)})\n${v.stdout}${v.stderr}${v.spawnError ?? ''}`];
  const definitionsPath = o.database || defaultClamDatabase(o.platform, o.executable);
  const base = { engineVersion: parseClamVersion(v.stdout).engineVersion, definitionsPath, definitionsPathIsDefault: !o.database, unreadable: false };
  if (v.spawnError || v.exitCode !== 0) return { ...base, installed: false, definitions: [], invalidFile: null, detail };
  const db = await inspectClamDatabase(definitionsPath, sigtoolBeside(o.executable, o.platform));
  return { ...base, installed: true, definitions: db.definitions, invalidFile: db.invalidFile, detail: [...detail, ...db.detail] };
}

export const clamavProfile: ScannerProfile = {
  id: 'clamav',
  name: 'ClamAV clamscan',
  executableNames: ['clamscan', 'clamscan.exe'],
  defaultExecutable: (platform, env) =>
    platform === 'win32' ? path.win32.join(env.ProgramFiles ?? 'C:\\Program Files', 'ClamAV', 'clamscan.exe') : 'clamscan',
  scanArgs: [
    '--recursive=yes',
    // Links on the medium are not followed off it: the manifest does not follow them either.
    '--follow-dir-symlinks=0',
    '--follow-file-symlinks=0',
    { ifSet: 'database', args: ['--database={database}'] },
    '{target}',
  ],
  versionCommand: { args: VERSION_ARGS },
  usesDatabasePath: true,
  describeDatabase: describeClamDatabase,
  parseScan: parseClamscan,
  parseVersion: parseClamVersion,
  isFileLine: (line) => / (OK|FOUND|Empty file|Excluded|Symbolic link)$/.test(line) || /: Access denied\. ERROR$/.test(line),
  inspect: inspectClamav,
};
