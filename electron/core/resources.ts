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
 * One rule finds it in all three: walk up from this file to the first folder
 * named `resources` that holds every entry of RESOURCE_FILES. Requiring the
 * whole set passes over a partial folder, such as the out/resources/ that
 * builds before this rule left behind. Copying instead would need a copy step
 * per layout and a test that each copy is complete; not copying needs neither.
 */
export const RESOURCE_FILES = {
  /** Folder: every *.json in it is a built-in checklist catalogue. */
  catalogues: 'catalogue',
  regions: 'reference/regions.json',
  reportCss: 'report/report.css',
} as const;

export type ResourceName = keyof typeof RESOURCE_FILES;

/** The path of one registered resource. Code reads resources only through this. */
export function resourceFile(resourcesDir: string, name: ResourceName): string {
  return path.join(resourcesDir, ...RESOURCE_FILES[name].split('/'));
}

function isComplete(dir: string): boolean {
  return Object.keys(RESOURCE_FILES).every((name) => fs.existsSync(resourceFile(dir, name as ResourceName)));
}

/** The resources folder for this installation; HOAN_RESOURCES_DIR overrides the search. */
export function locateResources(start = __dirname, env: NodeJS.ProcessEnv = process.env): string {
  if (env.HOAN_RESOURCES_DIR) return path.resolve(env.HOAN_RESOURCES_DIR);
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'resources');
    if (isComplete(candidate)) return candidate;
    if (path.dirname(dir) === dir) {
      throw new HoanError('io', 'errors.resources.missing', { from: start, files: Object.values(RESOURCE_FILES).join(', ') });
    }
  }
}
