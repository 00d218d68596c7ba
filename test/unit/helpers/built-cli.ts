import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TEST_USER } from './set-up';

const ROOT = path.resolve(__dirname, '../../..');
/** The `hoan` command as installed: the launcher and the compiled output under out/. */
export const HOAN_BIN = path.join(ROOT, 'electron', 'cli', 'bin.cjs');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'types' ? [] : sources(full);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

const mtime = (file: string) => (fs.existsSync(file) ? fs.statSync(file).mtimeMs : -Infinity);

/**
 * Sources whose compiled file under out/ is missing, or that changed after
 * the last build: a test of the built command would otherwise test
 * yesterday's code. Empty when fresh. tsc builds incrementally and does not
 * rewrite a file whose source was only touched (a checkout, a merge), so a
 * source newer than its output is stale only if it is newer than the last
 * build's record (out/tsconfig.node.tsbuildinfo) too.
 */
export function staleBuild(folders: readonly string[] = ['electron']): string[] {
  const lastBuild = mtime(path.join(ROOT, 'out', 'tsconfig.node.tsbuildinfo'));
  return folders.flatMap((f) => sources(path.join(ROOT, f))).filter((file) => {
    const built = path.join(ROOT, 'out', path.relative(ROOT, file).replace(/\.ts$/, '.js'));
    if (!fs.existsSync(built)) return true;
    const changed = mtime(file);
    return mtime(built) < changed && lastBuild < changed;
  });
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface Running {
  child: ChildProcess;
  /** Resolves when the process has ended. */
  done: Promise<Finished>;
  /** Resolves with the first stdout line that matches. */
  line(match: RegExp): Promise<string>;
}

/** `node electron/cli/bin.cjs …` in a process of its own, as a user (or a script with HOAN_USER) runs it from a shell. */
export function startHoan(args: string[], env: NodeJS.ProcessEnv = {}): Running {
  const child = spawn(process.execPath, [HOAN_BIN, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, HOAN_LANG: '', HOAN_USER: TEST_USER, ...env },
  });
  let stdout = '';
  let stderr = '';
  const waiting: { match: RegExp; resolve(line: string): void }[] = [];
  child.stdout!.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    for (const w of [...waiting]) {
      const found = stdout.split('\n').find((l) => w.match.test(l));
      if (found !== undefined) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(found);
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<Finished>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
  return {
    child,
    done,
    line: (match) =>
      new Promise((resolve, reject) => {
        const found = stdout.split('\n').find((l) => match.test(l));
        if (found !== undefined) return resolve(found);
        waiting.push({ match, resolve });
        void done.then((end) => reject(new Error(`hoan ended (${String(end.code)}) before printing ${match}: ${end.stderr}`)));
      }),
  };
}

export function runHoan(args: string[], env?: NodeJS.ProcessEnv): Promise<Finished> {
  return startHoan(args, env).done;
}
