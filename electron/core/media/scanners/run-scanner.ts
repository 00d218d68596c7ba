import type { ScanErrorReason } from '../media-schema';
import type { DefinitionSet } from '../media-types';
import { commandLine, runProgram } from './run-program';
import { expandArgs, type ParsedScan, type ScannerProfile } from './scanner-profile';

export interface RunScannerOptions {
  profile: ScannerProfile;
  executable: string;
  /** The configured signature database, or ''. */
  database: string;
  target: string;
  timeoutMs: number;
  signal?: AbortSignal;
  /** Called with the number of files the scanner has reported so far. */
  onFile?(count: number): void;
  now?: () => Date;
}

export interface ScannerRun {
  parsed: ParsedScan;
  exitCode: number | null;
  engineVersion: string;
  signatureVersion: string;
  /** The definitions the version command named, where the scanner keeps its own (Defender); null otherwise. */
  scannerDefinitions: DefinitionSet[] | null;
  startedAt: string;
  endedAt: string;
  cancelled: boolean;
  /** Command lines, outputs and exit codes, kept as evidence. */
  rawLog: string;
}

function section(title: string, body: string): string {
  return `## ${title}\n${body.endsWith('\n') || body === '' ? body : `${body}\n`}`;
}

/** A scanner that could not be started: missing, or not allowed to run. */
function spawnReason(code: string | null): ScanErrorReason {
  if (code === 'EACCES' || code === 'EPERM') return 'permission_denied';
  return code === 'ENOENT' ? 'not_installed' : 'unknown';
}

/**
 * Asks the scanner for its versions, then scans the medium. The scan is a
 * child process: the event loop stays free, progress comes from its output
 * lines, and cancelling kills it.
 */
export async function runScanner(o: RunScannerOptions): Promise<ScannerRun> {
  const now = o.now ?? (() => new Date());
  const platform = process.platform;
  const values = { target: o.target, database: o.database };
  const log: string[] = [`# Hoan scan log\n# scanner: ${o.profile.name}\n# target: ${o.target}\n`];

  let engineVersion: string | null = null;
  let signatureVersion: string | null = null;
  let scannerDefinitions: DefinitionSet[] | null = null;
  if (o.profile.versionCommand) {
    const exe = o.profile.versionCommand.executable?.(platform, process.env) ?? o.executable;
    const args = expandArgs(o.profile.versionCommand.args, values);
    const v = await runProgram(exe, args, { timeoutMs: 60_000, ...(o.signal ? { signal: o.signal } : {}) });
    const parsed = o.profile.parseVersion(v.stdout);
    engineVersion = parsed.engineVersion;
    signatureVersion = parsed.signatureVersion;
    scannerDefinitions = parsed.definitions ?? null;
    log.push(section(`version: ${commandLine(exe, args)} (exit ${String(v.exitCode)})`, v.stdout + v.stderr + (v.spawnError ?? '')));
  }
  if (!signatureVersion && o.database) signatureVersion = o.profile.describeDatabase?.(o.database) ?? null;

  const args = expandArgs(o.profile.scanArgs, values);
  const startedAt = now().toISOString();
  let files = 0;
  const run = await runProgram(o.executable, args, {
    timeoutMs: o.timeoutMs,
    ...(o.signal ? { signal: o.signal } : {}),
    onLine: (line) => {
      if (o.profile.isFileLine(line)) o.onFile?.(++files);
    },
  });
  const endedAt = now().toISOString();

  let parsed = o.profile.parseScan(run);
  if (run.spawnError) parsed = { ...parsed, result: 'error', errorText: `${o.executable}: ${run.spawnError}`, errorReason: spawnReason(run.spawnCode) };
  else if (run.timedOut) parsed = { ...parsed, result: 'error', errorText: `timed out after ${Math.round(o.timeoutMs / 60000)} min`, errorReason: 'timeout' };
  else if (run.cancelled) parsed = { ...parsed, result: 'error', errorText: 'cancelled', errorReason: 'unknown' };

  log.push(
    section(`scan: ${commandLine(o.executable, args)}`, `# started: ${startedAt}\n# ended: ${endedAt}\n# exit code: ${String(run.exitCode)}`),
    section('stdout', run.stdout),
    section('stderr', run.stderr + (run.spawnError ? `${run.spawnError}\n` : '')),
  );
  return {
    parsed,
    exitCode: run.exitCode,
    engineVersion: engineVersion ?? parsed.engineVersion ?? '',
    signatureVersion: signatureVersion ?? '',
    scannerDefinitions,
    startedAt,
    endedAt,
    cancelled: run.cancelled,
    rawLog: log.join('\n'),
  };
}
