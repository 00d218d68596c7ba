// Builds better-sqlite3 for Electron's ABI into out/native/electron/, for
// `npm start` and for packaging (electron-builder copies it into resources).
// node_modules/better-sqlite3/build stays untouched, built for Node, so
// vitest and the CLI keep working: the package is copied to a temp folder
// and built there. First a prebuilt binary for Electron (prebuild-install),
// then a source build against Electron's headers (node-gyp). Both download,
// so this needs the network; on an offline machine it fails with a clear
// message and changes nothing.
//
// Options: --arch=<arch> (default: this machine's).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const outDir = path.join(root, 'out', 'native', 'electron');
const outFile = path.join(outDir, 'better_sqlite3.node');
/** Read by start.mjs to rebuild when electron or better-sqlite3 is upgraded. */
const stampFile = path.join(outDir, 'better_sqlite3.json');
const arch = process.argv.find((a) => a.startsWith('--arch='))?.slice('--arch='.length) || process.arch;

class BuildError extends Error {}

/** Thrown, not exit()ed, so the temp folder is still removed. */
function fail(ja, en) {
  throw new BuildError(`build-electron-native: ${ja}\nbuild-electron-native: ${en}`);
}

function packageDir(name) {
  try {
    return path.dirname(require.resolve(`${name}/package.json`));
  } catch {
    return undefined;
  }
}

function readJson(file) {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function run(label, args, cwd) {
  console.log(`build-electron-native: ${label}`);
  return spawnSync(process.execPath, args, { cwd, stdio: 'inherit' }).status === 0;
}

function nodeGypScript() {
  // npm points npm_config_node_gyp at its own bundled copy when it runs a script.
  const candidates = [process.env.npm_config_node_gyp];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // Not installed here; npm's copy above may still be set.
  }
  return candidates.find((file) => file && fs.existsSync(file));
}

/** Tries a prebuilt binary, then a source build; returns how it got one, or undefined. */
function buildIn(pkgCopy, electronVersion) {
  const prebuildInstall = packageDir('prebuild-install');
  if (
    prebuildInstall &&
    run(
      `prebuilt binary for Electron ${electronVersion} (${process.platform}-${arch})`,
      [path.join(prebuildInstall, 'bin.js'), '--runtime=electron', `--target=${electronVersion}`, `--arch=${arch}`, '--verbose'],
      pkgCopy,
    )
  ) {
    return 'prebuild-install';
  }
  const gyp = nodeGypScript();
  if (
    gyp &&
    run(
      `source build against Electron ${electronVersion} headers`,
      [
        gyp,
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        `--arch=${arch}`,
        '--dist-url=https://electronjs.org/headers',
        '--runtime=electron',
      ],
      pkgCopy,
    )
  ) {
    return 'node-gyp';
  }
  return undefined;
}

function main() {
  // The installed package's version (it is there even when its binary
  // download was skipped), so the ABI matches what `electron .` runs.
  const electronDir = packageDir('electron');
  if (!electronDir) {
    fail(
      'electron パッケージがインストールされていません（オフライン環境では取得できません）。ネットワークのある環境で `npm install` してください。',
      'the electron package is not installed (it cannot be fetched offline). Run `npm install` on a machine with network access.',
    );
  }
  const electronVersion = readJson(path.join(electronDir, 'package.json')).version;
  const pinned = readJson(path.join(root, 'package.json')).optionalDependencies?.electron;
  if (pinned && pinned !== electronVersion) {
    console.warn(`build-electron-native: installed electron ${electronVersion} differs from package.json's ${pinned}`);
  }

  const sqliteDir = packageDir('better-sqlite3');
  if (!sqliteDir) fail('better-sqlite3 がインストールされていません。', 'better-sqlite3 is not installed.');
  const sqliteVersion = readJson(path.join(sqliteDir, 'package.json')).version;

  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hoan-electron-native-'));
  try {
    const pkgCopy = path.join(work, 'better-sqlite3');
    fs.cpSync(sqliteDir, pkgCopy, {
      recursive: true,
      // Leave the Node build behind so it can be neither reused nor overwritten.
      filter: (src) => path.relative(sqliteDir, src).split(path.sep)[0] !== 'build',
    });
    const method = buildIn(pkgCopy, electronVersion);
    const built = path.join(pkgCopy, 'build', 'Release', 'better_sqlite3.node');
    if (!method || !fs.existsSync(built)) {
      fail(
        `Electron ${electronVersion} 用の better-sqlite3 を用意できませんでした。ビルド済みバイナリも Electron のヘッダーもダウンロードできません（オフライン環境？）。上のログを確認してください。`,
        `could not produce better-sqlite3 for Electron ${electronVersion}: neither a prebuilt binary nor Electron's headers could be downloaded (offline machine?). See the log above.`,
      );
    }
    fs.mkdirSync(outDir, { recursive: true });
    fs.copyFileSync(built, outFile);
    const stamp = { electron: electronVersion, betterSqlite3: sqliteVersion, platform: process.platform, arch, method };
    fs.writeFileSync(stampFile, `${JSON.stringify(stamp, null, 2)}\n`);
    console.log(`build-electron-native: ${path.relative(root, outFile)} (${method})`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  if (!(err instanceof BuildError)) throw err;
  console.error(err.message);
  process.exitCode = 1;
}
