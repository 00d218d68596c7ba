// Whether out/ was built from the sources as they are now, so `npm start`
// can skip a build that would change nothing.
//
// The inputs are hashed by content, not compared by mtime: tsc rewrites only
// the files whose output changed and vite empties out/ui on every build, so no
// output's mtime says "built after the last edit"; a checkout or `touch` that
// changes no byte should not cost a build either. After a build, start.mjs
// records the digest of the inputs as they were when the build began (a file
// edited during the build makes the next start build again).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Everything `npm run build` reads: sources, resources, its own scripts and configs, the installed packages' lock. */
export const BUILD_INPUTS = [
  'electron',
  'renderer',
  'resources',
  'bench',
  'build/scripts',
  'package.json',
  'package-lock.json',
  'tsconfig.base.json',
  'tsconfig.json',
  'tsconfig.node.json',
  'tsconfig.web.json',
  'vite.config.mts',
  // Rewritten by every `npm install` or `npm ci`: a changed dependency means a new build.
  'node_modules/.package-lock.json',
];

/** What a build leaves; if one is missing, whatever the digest says, build. */
export const BUILD_OUTPUTS = ['out/electron/main/main.js', 'out/electron/cli/main.js', 'out/electron/preload/preload.js', 'out/ui/index.html'];

export const STAMP = path.join('out', '.build-inputs.json');

const SKIPPED_DIRS = new Set(['node_modules', 'out', 'dist', 'test-results', '.git']);

function filesUnder(root, relative) {
  const full = path.join(root, relative);
  let stat;
  try {
    stat = fs.statSync(full);
  } catch {
    return [];
  }
  if (stat.isFile()) return [relative];
  if (!stat.isDirectory()) return [];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((e) => !(e.isDirectory() && SKIPPED_DIRS.has(e.name)))
    .flatMap((e) => filesUnder(root, path.join(relative, e.name)));
}

/** SHA-256 over every input's path (with '/') and bytes, in a fixed order. */
export function inputsDigest(root) {
  const hash = createHash('sha256');
  const files = BUILD_INPUTS.flatMap((input) => filesUnder(root, input))
    .map((f) => f.split(path.sep).join('/'))
    .sort();
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(root, file));
    hash.update(`${file}\0${bytes.length}\0`).update(bytes);
  }
  return hash.digest('hex');
}

function readStamp(root) {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, STAMP), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * `current` when the last build started from these very inputs, every output
 * is there, and nothing rebuilt out/ since (a manual `npm run build` from other
 * sources, reverted since). Otherwise `reason` says why a build is due.
 */
export function buildState(root) {
  const digest = inputsDigest(root);
  const stamp = readStamp(root);
  if (!stamp) return { current: false, digest, reason: 'no-record' };
  if (stamp.digest !== digest) return { current: false, digest, reason: 'sources-changed' };
  const stampTime = fs.statSync(path.join(root, STAMP)).mtimeMs;
  for (const output of BUILD_OUTPUTS) {
    let stat;
    try {
      stat = fs.statSync(path.join(root, output));
    } catch {
      return { current: false, digest, reason: 'output-missing' };
    }
    if (stat.mtimeMs > stampTime) return { current: false, digest, reason: 'built-elsewhere' };
  }
  return { current: true, digest, reason: 'up-to-date' };
}

export function recordBuild(root, digest) {
  fs.writeFileSync(path.join(root, STAMP), `${JSON.stringify({ digest, builtAt: new Date().toISOString() })}\n`);
}
