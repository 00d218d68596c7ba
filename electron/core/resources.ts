import fs from 'node:fs';
import path from 'node:path';
import { HoanError } from './errors';

/**
 * Resources are the files Hoan reads at run time that are data, not code:
 * the checklist catalogues, the reference tables, the report's stylesheet.
 * They are ONE set, the project's top-level `resources/` folder, and the
 * build copies none of them (nothing under out/ is a resource):
 *
 * - from the TypeScript sources (vitest): electron/core → <project>/resources
 * - from the built output (`hoan`, `hoan serve`, `npm start`):
 *   out/electron/core → <project>/resources
 * - in the packaged app: electron-builder's extraResources copies the folder
 *   beside app.asar, so <install>/resources/app.asar/out/electron/core →
 *   <install>/resources/resources
 *
 * One rule finds it in all three: walk up from this file to the nearest
 * folder named `resources`. That folder is the set and must hold every entry
 * of RESOURCE_FILES; an incomplete one is refused, naming what is missing,
 * rather than passed over for another further up (which, above a damaged
 * installation, could be any folder someone else can write, such as C:\resources).
 * Builds before this rule let tsc copy resources/**\/*.json into out/resources;
 * the build now removes that copy (build/scripts/remove-stale-resources.mjs).
 * Copying instead of finding would need a copy step per layout and a test that
 * each copy is complete; not copying needs neither.
 */
export const RESOURCE_FILES = {
  /** Folder: every *.json in it is a built-in checklist catalogue. */
  catalogues: 'catalogue',
  regions: 'reference/regions.json',
  reportCss: 'report/report.css',
  /** Maker names that are one maker, for matching advisories to the inventory (8-4). */
  makerAliases: 'advisories/maker-aliases.json',
} as const;

export type ResourceName = keyof typeof RESOURCE_FILES;

/** The path of one registered resource. Code reads resources only through this. */
export function resourceFile(resourcesDir: string, name: ResourceName): string {
  return path.join(resourcesDir, ...RESOURCE_FILES[name].split('/'));
}

/** The resources folder for this installation; HOAN_RESOURCES_DIR overrides the search. */
export function locateResources(start = __dirname, env: NodeJS.ProcessEnv = process.env): string {
  if (env.HOAN_RESOURCES_DIR) return path.resolve(env.HOAN_RESOURCES_DIR);
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'resources');
    if (fs.existsSync(candidate)) {
      const missing = (Object.keys(RESOURCE_FILES) as ResourceName[]).filter((name) => !fs.existsSync(resourceFile(candidate, name)));
      if (missing.length === 0) return candidate;
      throw new HoanError('io', 'errors.resources.missing', { folder: candidate, files: missing.map((name) => RESOURCE_FILES[name]).join(', ') });
    }
    if (path.dirname(dir) === dir) {
      throw new HoanError('io', 'errors.resources.notFound', { from: start });
    }
  }
}
