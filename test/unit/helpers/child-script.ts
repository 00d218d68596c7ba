import path from 'node:path';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '../../..');

/**
 * A test's child program (a .ts file beside the test) bundled to plain
 * JavaScript in `outDir`, so a fresh `node` process runs the real core code
 * without vitest; better-sqlite3 and exceljs stay the installed packages.
 * Free of vitest itself, so the e2e specs use it too.
 */
export async function buildChildScript(entry: string, outDir: string): Promise<string> {
  const outfile = path.join(outDir, `${path.basename(entry, '.ts')}.cjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    outfile,
    external: ['better-sqlite3', 'exceljs'],
    nodePaths: [path.join(ROOT, 'node_modules')],
    logLevel: 'silent',
  });
  return outfile;
}
