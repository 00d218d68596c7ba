import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { tailText, type ParsedScan, type ParsedVersion, type ScannerOutput, type ScannerProfile } from './scanner-profile';

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
  if (detections.length > 0 || output.exitCode === 1) {
    result = 'infected';
  } else if (output.exitCode === 0 && known !== 0) {
    result = 'clean';
  } else {
    result = 'error';
    errorText = tailText(errorLines || output.stderr) || (known === 0 ? 'no signatures loaded' : `exit code ${String(output.exitCode)}`);
  }
  return { result, filesScanned: count('Scanned files'), detections, engineVersion: summary.get('Engine version') ?? null, errorText };
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

/** The version line inside a .cvd/.cld header: `ClamAV-VDB:<built>:<version>:<signatures>:…`. */
function cvdVersion(file: string): string | null {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(512);
      fs.readSync(fd, head, 0, 512, 0);
      const parts = head.toString('latin1').split(':');
      return parts[0] === 'ClamAV-VDB' && parts[2] ? parts[2] : null;
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return null;
  }
}

/**
 * What the configured database is, for the 定義バージョン column: the versions
 * of official databases in a folder, or a custom signature file named with the
 * start of its sha256 (so two different files never look the same).
 */
export function describeClamDatabase(databasePath: string): string | null {
  if (!databasePath) return null;
  try {
    const stat = fs.statSync(databasePath);
    if (stat.isDirectory()) {
      const versions = ['daily', 'main', 'bytecode'].flatMap((name) => {
        for (const ext of ['.cld', '.cvd']) {
          const v = cvdVersion(path.join(databasePath, name + ext));
          if (v) return [`${name} ${v}`];
        }
        return [];
      });
      return versions.length > 0 ? versions.join(', ') : path.basename(databasePath);
    }
    const digest = createHash('sha256').update(fs.readFileSync(databasePath)).digest('hex');
    return `${path.basename(databasePath)} sha256:${digest.slice(0, 12)}`;
  } catch {
    return null;
  }
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
  versionCommand: { args: [{ ifSet: 'database', args: ['--database={database}'] }, '--version'] },
  usesDatabasePath: true,
  describeDatabase: describeClamDatabase,
  parseScan: parseClamscan,
  parseVersion: parseClamVersion,
  isFileLine: (line) => / (OK|FOUND|Empty file|Excluded|Symbolic link)$/.test(line) || /: Access denied\. ERROR$/.test(line),
};
