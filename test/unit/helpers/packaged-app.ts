import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../../..');

export interface PackagedApp {
  /** What app.asar holds (here unpacked): package.json "build.files". */
  appDir: string;
  /** process.resourcesPath of the installed app: app.asar's folder, where extraResources land. */
  resourcesPath: string;
}

/**
 * Lays out the files electron-builder would package, as an installed app has
 * them: <install>/resources/app (app.asar, unpacked) and the extraResources
 * beside it. The copy is made by electron-builder's own matcher and copier
 * (app-builder-lib's internal fileMatcher module; if an upgrade moves it,
 * point this at the new place), with package.json's "build" as the config,
 * so a file only the source tree has is missing here too. node_modules is
 * linked, not copied: electron-builder adds the production dependencies
 * itself, and they are not what these tests are about. Needs `npm run build`.
 */
export async function layOutPackagedApp(install: string): Promise<PackagedApp> {
  const require = createRequire(path.join(ROOT, 'package.json'));
  const { getFileMatchers, copyFiles, excludedExts, excludedNames } = require('app-builder-lib/out/fileMatcher') as {
    getFileMatchers(config: unknown, name: string, destination: string, options: unknown): { from: string; addPattern(p: string): void }[] | null;
    copyFiles(matchers: unknown[] | null, transformer: null, isUseHardLink: boolean): Promise<unknown>;
    excludedExts: string;
    excludedNames: string;
  };
  const config = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { build: { directories: { output: string } } }).build;
  const resourcesPath = path.join(install, 'resources');
  const appDir = path.join(resourcesPath, 'app');
  const options = { macroExpander: (s: string) => s, customBuildOptions: {}, globalOutDir: path.join(ROOT, config.directories.output), defaultSrc: ROOT };
  for (const [name, destination] of [['files', appDir], ['extraResources', resourcesPath]] as const) {
    // The Electron-ABI better_sqlite3.node exists only after rebuild:electron-native; the CLI does not load it.
    const matchers = (getFileMatchers(config, name, destination, options) ?? []).filter((m) => fs.existsSync(m.from));
    // What electron-builder leaves out of every app (getMainFileMatchers' defaults), e.g. *.d.ts.
    if (name === 'files') for (const p of [`!**/*.{${excludedExts},pdb}`, '!**/._*', `!**/{${excludedNames}}`]) matchers[0]!.addPattern(p);
    await copyFiles(matchers, null, false);
  }
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(appDir, 'node_modules'), 'junction');
  return { appDir, resourcesPath };
}

/** Every file under a folder, as forward-slash paths relative to it. */
export function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}
