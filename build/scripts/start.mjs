// `npm start`: builds what changed since the last build (nothing, when the
// sources are as they were), then the Electron app where its runtime is
// installed, otherwise the same renderer and core through the loopback web
// host. Arguments (e.g. --data-dir) are passed through to either.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildState, recordBuild } from './build-state.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const args = process.argv.slice(2);
const nativeDir = path.join(root, 'out', 'native', 'electron');

/**
 * The Electron executable and version, or undefined. Since Electron 42 the
 * package has no postinstall: `npx install-electron --no` downloads the
 * runtime (it needs GitHub, so it fails offline), and path.txt and dist/
 * exist only after that. Never `require('electron')` here: from Node it
 * tries the download itself and throws when it fails.
 */
function electronRuntime() {
  let pkgDir;
  try {
    pkgDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return undefined;
  }
  let relative;
  try {
    relative = fs.readFileSync(path.join(pkgDir, 'path.txt'), 'utf8').trim();
  } catch {
    return undefined;
  }
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkgDir, 'dist');
  const executable = path.join(dist, relative);
  if (!fs.existsSync(executable)) return undefined;
  const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
  return { executable, version };
}

/** Built by build-electron-native.mjs for this very Electron version. */
function nativeModuleMatches(electronVersion) {
  try {
    const stamp = JSON.parse(fs.readFileSync(path.join(nativeDir, 'better_sqlite3.json'), 'utf8'));
    return stamp.electron === electronVersion && fs.existsSync(path.join(nativeDir, 'better_sqlite3.node'));
  } catch {
    return false;
  }
}

/** Runs a child with our stdio, passes stop signals on, and exits with its code. */
function runAndExit(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  // A supervisor (a test runner's webServer, systemd) may signal only this process.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('error', (err) => {
    console.error(`start: could not run ${command}: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

/** `npm run build` through the npm that runs this script (npm_execpath), else the one on PATH. */
function runBuild() {
  const npm = process.env.npm_execpath;
  const built = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

const state = buildState(root);
if (state.current) {
  console.log('start: ビルドは最新です（前回のビルドからソースに変更なし）。ビルドを省略します / build is up to date (no source changed since the last build): not rebuilding');
} else {
  console.log(`start: ビルドします / building (${state.reason})`);
  runBuild();
  recordBuild(root, state.digest);
}

const electron = electronRuntime();
if (electron) {
  if (!nativeModuleMatches(electron.version)) {
    const built = spawnSync(process.execPath, [path.join(root, 'build', 'scripts', 'build-electron-native.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
    if (built.status !== 0) process.exit(built.status ?? 1);
  }
  // Set in the environment, it would make Electron run as plain Node.
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE;
  runAndExit(electron.executable, ['.', ...args], env);
} else {
  console.log(
    'Electronランタイムがインストールされていないため（オフライン環境）、ローカルWebホストで起動します / ' +
      'Electron runtime not installed (offline machine): starting the loopback web host instead',
  );
  runAndExit(process.execPath, [path.join(root, 'electron', 'cli', 'bin.cjs'), 'serve', ...args]);
}
