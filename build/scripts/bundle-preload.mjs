// Bundles the preload into one file. A sandboxed preload cannot require the
// project's modules (or most of Node's), only 'electron', so the contract's
// channel list is inlined here; tsc's per-file output of the same path is
// overwritten.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outfile = path.join(root, 'out', 'electron', 'preload', 'preload.js');

const result = await build({
  absWorkingDir: root,
  entryPoints: ['electron/preload/preload.ts'],
  outfile,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  // Electron 45's Chromium and Node 24 run ES2023 as is: no down-levelling needed.
  target: 'es2023',
  external: ['electron'],
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});

// platform 'node' leaves Node built-ins external too; the sandbox would fail
// on them only at run time, so refuse them now.
const externals = Object.values(result.metafile.outputs)
  .flatMap((output) => output.imports)
  .filter((imp) => imp.external && imp.path !== 'electron')
  .map((imp) => imp.path);
if (externals.length > 0) {
  console.error(`bundle-preload: the sandboxed preload may require only 'electron', found: ${[...new Set(externals)].join(', ')}`);
  process.exit(1);
}
console.log(`bundle-preload: ${path.relative(root, outfile)}`);
