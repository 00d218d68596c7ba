import { spawn, type ChildProcess } from 'node:child_process';
import type { ScannerOutput } from './scanner-profile';

/** Output kept per stream; a scanner printing more is cut, and the log says so. */
const MAX_OUTPUT = 32 * 1024 * 1024;
const KILL_GRACE_MS = 5_000;
const running = new Set<ChildProcess>();

// A scanner must not outlive Hoan: a later run would find it still holding the medium.
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface Spawned extends ScannerOutput {
  spawnError: string | null;
  /** The error's code when the program could not be started (ENOENT: not there, EACCES: not runnable). */
  spawnCode: string | null;
  cancelled: boolean;
  timedOut: boolean;
}

/** Runs a program with arguments, never through a shell; output is collected, not echoed. */
export function runProgram(
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
    const finish = (exitCode: number | null, spawnError: NodeJS.ErrnoException | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      running.delete(child);
      options.signal?.removeEventListener('abort', onAbort);
      if (partial && options.onLine) options.onLine(partial);
      const note = out.cut ? '\n[hoan: output beyond 32 MB was not kept]\n' : '';
      resolve({
        stdout: out.stdout + note,
        stderr: out.stderr,
        exitCode,
        spawnError: spawnError?.message ?? null,
        spawnCode: spawnError?.code ?? null,
        cancelled,
        timedOut,
      });
    };
    child.once('error', (err) => finish(null, err));
    child.once('close', (code) => finish(code, null));
  });
}

function quote(arg: string): string {
  return /[\s"]/.test(arg) ? JSON.stringify(arg) : arg;
}

/** A command line as the evidence log shows it (never run through a shell). */
export function commandLine(executable: string, args: string[]): string {
  return [executable, ...args].map(quote).join(' ');
}
