import fs from 'node:fs';
import path from 'node:path';

/**
 * The folder holding `resources/` (reference data, catalogues). Found by
 * walking up from this file, which works from the TypeScript sources, the
 * compiled `out/` tree and a packaged app (where electron-builder puts
 * `resources/` beside app.asar). HOAN_RESOURCES_DIR overrides it.
 */
export function locateResources(start = __dirname, env: NodeJS.ProcessEnv = process.env): string {
  if (env.HOAN_RESOURCES_DIR) return path.resolve(env.HOAN_RESOURCES_DIR);
  let dir = start;
  for (;;) {
    const candidate = path.join(dir, 'resources');
    if (fs.existsSync(path.join(candidate, 'catalogue'))) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`resources/catalogue not found above ${start}`);
    dir = parent;
  }
}
