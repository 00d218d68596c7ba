import { spawn } from 'node:child_process';
import { expandArgs, type ParsedScan, type ScannerOutput, type ScannerProfile } from './scanner-profile';

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
  startedAt: string;
  endedAt: string;
  cancelled: boolean;
  /** Command lines, outputs and exit codes, kept as evidence. */
  rawLog: string;
}

/** Output kept per stream; a scanner printing more is cut, and the log says so. */
const MAX_OUTPUT = 32 * 1024 * 1024;
const KILL_GRACE_MS = 5_000;
const running = new Set<import('node:child_process').ChildProcess>();

// A scanner must not outlive Hoan: a later run would find it still holding the medium.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

interface Spawned extends ScannerOutput {
  spawnError: string | null;
  cancelled: boolean;
  timedOut: boolean;
}

/** Runs a program with arguments, never through a shell; output is collected, not echoed. */
function runProgram(
  executable: string,
  args: string[],
  options: { timeoutMs: number; signal?: AbortSignal; onLine?(line: string): void },
): Promise<Spawned> {
  return new Promise((resolve) => {
    const out = { stdout: '', stderr: '', cut: false };
    let partial = '';
    let cancelled = false;
    let timedOut = false;
    let settled = false;
    const child = spawn(executable, args, { shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const stop = () => {
      child.kill('SIGTERM');
      setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), KILL_GRACE_MS).unref();
    };
    const onAbort = () => {
      cancelled = true;
      stop();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) onAbort();
    const timer = setTimeout(() => {
      timedOut = true;
      stop();
    }, options.timeoutMs);
    const append = (key: 'stdout' | 'stderr', chunk: Buffer) => {
      const text = chunk.toString('utf8');
      if (out[key].length + text.length > MAX_OUTPUT) out.cut = true;
      else out[key] += text;
      if (key === 'stdout' && options.onLine) {
        const lines = (partial + text).split(/\r?\n/);
        partial = lines.pop() ?? '';
        for (const line of lines) options.onLine(line);
      }
    };
    child.stdout.on('data', (c: Buffer) => append('stdout', c));
    child.stderr.on('data', (c: Buffer) => append('stderr', c));
    const finish = (exitCode: number | null, spawnError: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      running.delete(child);
      options.signal?.removeEventListener('abort', onAbort);
      if (partial && options.onLine) options.onLine(partial);
      const note = out.cut ? '\n[hoan: output beyond 32 MB was not kept]\n' : '';
      resolve({ stdout: out.stdout + note, stderr: out.stderr, exitCode, spawnError, cancelled, timedOut });
    };
    child.once('error', (err) => finish(null, err.message));
    child.once('close', (code) => finish(code, null));
  });
}

function section(title: string, body: string): string {
  return `## ${title}\n${body.endsWith('\n') || body === '' ? body : `${body}\n`}`;
}

function commandLine(executable: string, args: string[]): string {
  return [executable, ...args].map((a) => (/[\s"]/.test(a) ? JSON.stringify(a) : a)).join(' ');
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
  if (o.profile.versionCommand) {
    const exe = o.profile.versionCommand.executable?.(platform, process.env) ?? o.executable;
    const args = expandArgs(o.profile.versionCommand.args, values);
    const v = await runProgram(exe, args, { timeoutMs: 60_000, ...(o.signal ? { signal: o.signal } : {}) });
    const parsed = o.profile.parseVersion(v.stdout);
    engineVersion = parsed.engineVersion;
    signatureVersion = parsed.signatureVersion;
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
  if (run.spawnError) parsed = { ...parsed, result: 'error', errorText: `${o.executable}: ${run.spawnError}` };
  else if (run.timedOut) parsed = { ...parsed, result: 'error', errorText: `timed out after ${Math.round(o.timeoutMs / 60000)} min` };
  else if (run.cancelled) parsed = { ...parsed, result: 'error', errorText: 'cancelled' };

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
    startedAt,
    endedAt,
    cancelled: run.cancelled,
    rawLog: log.join('\n'),
  };
}
