import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const build = pkg.build;

describe('electron-builder configuration (package.json "build")', () => {
  it('flips the fuses that close Node entry points into the packaged app', () => {
    expect(build.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds the Windows and Linux targets', () => {
    expect(build.win.target).toEqual(['nsis', 'portable']);
    expect(build.linux.target).toEqual(['AppImage', 'deb']);
    expect(build.linux.category).toBe('Utility');
    expect(build.linux.maintainer).toMatch(/<[^@\s]+@[^>\s]+>/);
  });

  it('ships the Electron-ABI better-sqlite3 outside the asar, and never rebuilds node_modules', () => {
    expect(build.asarUnpack).toContain('**/*.node');
    expect(build.extraResources).toContainEqual({
      from: 'out/native/electron/better_sqlite3.node',
      to: 'native/better_sqlite3.node',
    });
    expect(build.files).toContain('!out/native/**');
    expect(build.npmRebuild).toBe(false);
    expect(build.nodeGypRebuild).toBe(false);
  });

  it('publishes nowhere', () => {
    expect(build.publish).toBeNull();
  });

  it('pins one Electron version everywhere: dependency, packager and vendored types', () => {
    expect(build.electronVersion).toBe(pkg.optionalDependencies.electron);
    const types = fs.readFileSync(path.join(root, 'electron', 'main', 'types', 'electron.d.ts'), 'utf8');
    expect(types).toContain(`// Type definitions for Electron ${build.electronVersion}\n`);
  });

  it('does not rebuild native modules for Electron on install (tests run on Node\'s ABI)', () => {
    expect(pkg.scripts.postinstall ?? '').not.toContain('install-app-deps');
    expect(JSON.stringify(pkg.scripts)).not.toContain('install-app-deps');
  });

  it("passes electron-builder's own schema", async () => {
    // Internal module of electron-builder's app-builder-lib: if an upgrade moves
    // it, point this at the new place rather than dropping the check.
    const require = createRequire(path.join(root, 'package.json'));
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
    const { DebugLogger } = require('builder-util');
    await expect(validateConfiguration(build, new DebugLogger(false))).resolves.toBeUndefined();
  });
});
