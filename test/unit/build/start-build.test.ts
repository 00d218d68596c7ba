import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirs } from '../helpers/temp-dir';

// build/scripts/build-state.mjs, as start.mjs uses it.
const ROOT = path.resolve(__dirname, '..', '..', '..');
type BuildState = { current: boolean; digest: string; reason: string };
const load = () =>
  import(path.join(ROOT, 'build', 'scripts', 'build-state.mjs')) as Promise<{
    BUILD_INPUTS: string[];
    BUILD_OUTPUTS: string[];
    buildState(root: string): BuildState;
    recordBuild(root: string, digest: string): void;
  }>;

const dirs = tempDirs('hoan-start-');
afterEach(() => dirs.cleanup());

function write(root: string, file: string, text: string): void {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
}

/** The project as a user has it: every build input copied, node_modules linked, no out/. */
function cloneProject(): string {
  const clone = dirs.make();
  const skip = new Set(['node_modules', 'out', 'dist', 'test-results']);
  for (const input of ['electron', 'renderer', 'resources', 'bench', 'build', 'package.json', 'package-lock.json', 'tsconfig.base.json', 'tsconfig.json', 'tsconfig.node.json', 'tsconfig.web.json', 'vite.config.mts']) {
    fs.cpSync(path.join(ROOT, input), path.join(clone, input), { recursive: true, filter: (src) => !skip.has(path.basename(src)) });
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(clone, 'node_modules'), 'dir');
  return clone;
}

/** `npm start -- --version` as a user runs it; with no Electron runtime it is the web host's `hoan serve --version`. */
function npmStart(cwd: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['start', '--', '--version'], {
      cwd,
      env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: path.join(cwd, 'no-electron-here') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, output }));
  });
}

describe('[#11.9] npm start builds only what changed', () => {
  it('[#11.9] the build state follows the inputs\' content: an edit calls for a build, a touch does not, a missing output does', async () => {
    const { BUILD_OUTPUTS, buildState, recordBuild } = await load();
    const root = dirs.make();
    write(root, 'package.json', '{"name":"x"}');
    write(root, 'electron/core/a.ts', 'export const a = 1;\n');
    write(root, 'renderer/src/App.tsx', 'export {};\n');
    expect(buildState(root)).toMatchObject({ current: false, reason: 'no-record' });

    const before = buildState(root);
    for (const output of BUILD_OUTPUTS) write(root, output, 'built');
    recordBuild(root, before.digest);
    expect(buildState(root)).toMatchObject({ current: true, reason: 'up-to-date' });

    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(path.join(root, 'electron/core/a.ts'), later, later);
    expect(buildState(root).current).toBe(true);

    write(root, 'electron/core/a.ts', 'export const a = 2;\n');
    expect(buildState(root)).toMatchObject({ current: false, reason: 'sources-changed' });
    write(root, 'electron/core/a.ts', 'export const a = 1;\n');
    expect(buildState(root).current).toBe(true);
    write(root, 'resources/report/report.css', 'body {}\n');
    expect(buildState(root)).toMatchObject({ current: false, reason: 'sources-changed' });
    fs.rmSync(path.join(root, 'resources'), { recursive: true });

    fs.rmSync(path.join(root, 'out/ui/index.html'));
    expect(buildState(root)).toMatchObject({ current: false, reason: 'output-missing' });
  });

  it('[#11.9] run twice in a fresh copy of the project, npm start builds the first time and not the second', async () => {
    const clone = cloneProject();
    const version = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

    const first = await npmStart(clone);
    expect(first.code, first.output).toBe(0);
    // bundle-preload.mjs prints this line in every build.
    expect(first.output).toContain('bundle-preload: out/electron/preload/preload.js');
    expect(first.output).toContain(`${version}\n`);
    const index = path.join(clone, 'out', 'ui', 'index.html');
    const builtAt = fs.statSync(index).mtimeMs;

    const second = await npmStart(clone);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain('build is up to date');
    expect(second.output).not.toContain('bundle-preload:');
    expect(second.output).toContain(`${version}\n`);
    expect(fs.statSync(index).mtimeMs).toBe(builtAt);
  }, 240_000);
});
