import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildChildScript } from '../helpers/child-script';

/**
 * Builds and runs export-crash-child.ts: an export in a fresh process that
 * kills itself at a chosen point. Free of vitest, so the e2e specs use it too.
 */

const ROOT = path.resolve(__dirname, '../../..');

/** The child runs the real core code, bundled to plain JavaScript (better-sqlite3 stays native). */
export function buildCrashChild(dir: string): Promise<string> {
  return buildChildScript(path.join(__dirname, 'export-crash-child.ts'), dir);
}

export interface ChildRun {
  killed: boolean;
  code: number | null;
  lines: string[];
  /** From "started" to the end, in ms. */
  ms: number;
}

/** One export in a fresh process; killed at `point` by itself, or by us `killAfterMs` after it started. */
export function runChild(script: string, dataDir: string, siteId: string, usb: string, point = '', killAfterMs?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dataDir, siteId, usb, point], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules'), HOAN_RESOURCES_DIR: path.join(ROOT, 'resources') },
    });
    let out = '';
    let err = '';
    let started = 0;
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (!started && out.includes('started\n')) {
        started = Date.now();
        if (killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', reject);
    child.once('close', (code, signal) => {
      const lines = out.split('\n').filter(Boolean);
      if (signal !== 'SIGKILL' && code !== 0) return reject(new Error(`child failed (${String(code)}): ${out}${err}`));
      resolve({ killed: signal === 'SIGKILL', code, lines, ms: started ? Date.now() - started : 0 });
    });
  });
}
