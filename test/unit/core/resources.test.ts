import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { locateResources } from '../../../electron/core/resources';
import { staleBuild } from '../helpers/built-cli';
import { filesUnder, layOutPackagedApp, type PackagedApp } from '../helpers/packaged-app';
import { thrown } from '../helpers/thrown';
import { tempDirs } from '../helpers/temp-dir';

const ROOT = path.resolve(__dirname, '../../..');
const dirs = tempDirs('hoan-resources-');
afterAll(() => dirs.cleanup());

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).flatMap((e) => {
    const full = path.join(e.parentPath, e.name);
    return e.isFile() && /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [full] : [];
  });
}

interface ResourceRead {
  source: string;
  /** Forward-slash path under resources/. */
  resource: string;
}

/**
 * Where the code names a file under resources/: an import that climbs to the
 * top-level folder (the renderer's stylesheet), a path.join/resolve from a
 * resources folder with literal parts, and the registry in resources.ts.
 */
function resourceReads(): ResourceRead[] {
  const reads: ResourceRead[] = [];
  for (const file of [...sources(path.join(ROOT, 'electron')), ...sources(path.join(ROOT, 'renderer', 'src'))]) {
    const text = fs.readFileSync(file, 'utf8');
    const source = path.relative(ROOT, file).split(path.sep).join('/');
    for (const m of text.matchAll(/(?:from|import|require\()\s*['"]((?:\.\.\/)+resources\/[^'"]+)['"]/g)) {
      const resolved = path.resolve(path.dirname(file), m[1]!);
      if (resolved.startsWith(path.join(ROOT, 'resources') + path.sep)) {
        reads.push({ source, resource: path.relative(path.join(ROOT, 'resources'), resolved).split(path.sep).join('/') });
      }
    }
    for (const m of text.matchAll(/path\.(?:join|resolve)\(\s*[\w.]*resources(?:Dir|Path)?\s*,((?:\s*'[^']*'\s*,?)+)\)/gi)) {
      reads.push({ source, resource: [...m[1]!.matchAll(/'([^']*)'/g)].map((p) => p[1]).join('/') });
    }
    const registry = /export const RESOURCE_FILES = \{([\s\S]*?)\n\}/.exec(text);
    for (const m of registry ? registry[1]!.matchAll(/^\s+\w+: '([^']+)',$/gm) : []) reads.push({ source, resource: m[1]! });
  }
  return reads;
}

/** locateResources() of a built copy of the code, started where that copy's resources.js sits. */
function builtLookup(outDir: string): string {
  const built = path.join(outDir, 'electron', 'core', 'resources.js');
  const { locateResources: locate } = require(built) as typeof import('../../../electron/core/resources');
  return locate(path.dirname(built), {});
}

describe('resources: one set, found from the sources, the built output and the packaged app', () => {
  let packaged: PackagedApp;
  beforeAll(async () => {
    expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
    packaged = await layOutPackagedApp(path.join(dirs.make(), 'Hoan'));
  });

  it('[#11.1] every file the code reads under resources/ is found by the built output and in the electron-builder file set', () => {
    const reads = resourceReads();
    const named = [...new Set(reads.map((r) => r.resource))];
    // The scan sees the reads this test was written against; a new one joins them.
    expect(named).toEqual(expect.arrayContaining(['catalogue', 'reference/regions.json', 'report/report.css', 'advisories/maker-aliases.json']));
    const top = path.join(ROOT, 'resources');
    const fromOut = builtLookup(path.join(ROOT, 'out'));
    const fromPackage = builtLookup(path.join(packaged.appDir, 'out'));
    expect(fromOut).toBe(top);
    expect(fromPackage).toBe(path.join(packaged.resourcesPath, 'resources'));
    for (const { source, resource } of reads) {
      expect(fs.existsSync(path.join(fromOut, resource)), `${resource} (read by ${source}) from the built output`).toBe(true);
      expect(fs.existsSync(path.join(fromPackage, resource)), `${resource} (read by ${source}) in the packaged app`).toBe(true);
    }
    // One set: the packaged app carries exactly the top-level folder, nothing more or less.
    expect(filesUnder(fromPackage)).toEqual(filesUnder(top));
  });

  it('[#11.1] only electron/core/resources.ts builds paths under resources/; everything else goes through resourceFile()', () => {
    const elsewhere = resourceReads().filter((r) => r.source !== 'electron/core/resources.ts' && !r.source.startsWith('renderer/'));
    expect(elsewhere).toEqual([]);
  });

  it('takes the nearest resources folder and refuses it when incomplete, naming what is missing, rather than look further up', () => {
    const root = dirs.make();
    const install = path.join(root, 'Hoan', 'resources');
    const start = path.join(install, 'app.asar', 'out', 'electron', 'core');
    fs.mkdirSync(start, { recursive: true });
    fs.cpSync(path.join(ROOT, 'resources'), path.join(install, 'resources'), { recursive: true });
    expect(locateResources(start, {})).toBe(path.join(install, 'resources'));
    expect(locateResources(start, { HOAN_RESOURCES_DIR: path.join(root, 'elsewhere') })).toBe(path.join(root, 'elsewhere'));
    // A complete folder someone else could write, above a damaged installation, is never reached.
    fs.cpSync(path.join(ROOT, 'resources'), path.join(root, 'resources'), { recursive: true });
    fs.rmSync(path.join(install, 'resources', 'report'), { recursive: true });
    const refused = thrown(() => locateResources(start, {}));
    expect(refused.messageKey).toBe('errors.resources.missing');
    expect(refused.params).toEqual({ folder: path.join(install, 'resources'), files: 'report/report.css' });
  });
});
