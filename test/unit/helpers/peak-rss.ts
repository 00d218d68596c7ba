import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TEST_USER } from './set-up';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface MeasuredRun {
  code: number | null;
  stdout: string;
  /** Without the peak-RSS line. */
  stderr: string;
  /** The child's peak resident set, MB (1,000,000 bytes): its own report, or the watchdog's when killed. */
  peakMb: number;
  /** Killed by the watchdog for passing `killAboveMb`: what the code under test failed to keep under. */
  killed: boolean;
}

function highWaterMarkKb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/**
 * Runs the built `hoan` command (out/, npm run build:node) in a child
 * process and reports its peak RSS. A watchdog reads the child's high-water
 * mark every 20 ms (Linux) and kills it past `killAboveMb`, so a reader that
 * does not bound its memory fails the test instead of taking the machine's.
 */
export function hoanWithPeakRss(args: string[], options: { killAboveMb: number; timeoutMs?: number }): Promise<MeasuredRun> {
  const child = spawn(process.execPath, ['-r', path.join(__dirname, 'peak-rss-on-exit.cjs'), path.join(ROOT, 'electron', 'cli', 'bin.cjs'), ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOAN_USER: TEST_USER },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let watchedKb = 0;
  let killed = false;
  const watchdog = setInterval(() => {
    watchedKb = Math.max(watchedKb, highWaterMarkKb(child.pid!));
    if (watchedKb * 1024 > options.killAboveMb * 1e6 && !killed) {
      killed = true;
      child.kill('SIGKILL');
    }
  }, 20);
  const timeout = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(watchdog);
      clearTimeout(timeout);
      const reported = /\nPEAK_RSS_KB=(\d+)\n/.exec(stderr);
      const peakKb = Math.max(watchedKb, reported ? Number(reported[1]) : 0);
      resolve({ code, stdout, stderr: stderr.replace(/\nPEAK_RSS_KB=\d+\n/, ''), peakMb: Math.round((peakKb * 1024) / 1e6), killed });
    });
  });
}
