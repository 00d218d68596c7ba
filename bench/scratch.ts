import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * A temporary folder for a benchmark's data that is removed however the
 * benchmark ends — normally, by an exception, stopped with Ctrl+C or
 * SIGTERM, or killed outright: the media-log benchmark writes 2.9 GB, and a
 * run stopped half-way must not leave that behind. A signal handler cannot
 * do it (the benchmarks spend minutes in synchronous SQLite work, where a
 * handler only runs once that work ends, and SIGKILL runs none), so a small
 * detached process watches the benchmark and removes the folder once it is
 * gone. An ordinary end removes it at once.
 */
const REAPER = `
const [pid, dir] = process.argv.slice(1);
const alive = () => { try { process.kill(Number(pid), 0); return true; } catch { return false; } };
const timer = setInterval(() => {
  if (alive()) return;
  clearInterval(timer);
  require('node:fs').rmSync(dir, { recursive: true, force: true });
}, 250);
`;

export function scratchDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  spawn(process.execPath, ['-e', REAPER, String(process.pid), dir], { detached: true, stdio: 'ignore' }).unref();
  process.on('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}
