import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '..', '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const build = pkg.build;

describe('electron-builder configuration (package.json "build")', () => {
  // Checked against Electron's fuse guide for the pinned major (every fuse it
  // lists has a decision here; a new fuse gets one when Electron is upgraded).
  it('flips the fuses that close Node entry points into the packaged app', () => {
    expect(build.electronFuses).toEqual({
      // Hoan never runs Electron as plain Node (no child_process.fork; workers are worker_threads).
      runAsNode: false,
      // Nothing is kept in cookies (the app:// origin sets none), but a cookie store at rest is encrypted.
      enableCookieEncryption: true,
      // NODE_OPTIONS (and NODE_EXTRA_CA_CERTS) would let anyone who can set the environment inject code.
      enableNodeOptionsEnvironmentVariable: false,
      // No --inspect and no SIGUSR1 debugger into the main process, which holds the signing key.
      enableNodeCliInspectArguments: false,
      // app.asar is hash-checked at load (Windows and macOS), and nothing outside it is loaded.
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      // Set explicitly to its default: Hoan ships no custom V8 snapshot, and turning this on
      // without browser_v8_context_snapshot.bin would stop the app from starting.
      loadBrowserProcessSpecificV8Snapshot: false,
      // Hoan serves its pages from app://, never file://.
      grantFileProtocolExtraPrivileges: false,
      // Not set: wasmTrapHandlers (newer than the @electron/fuses that electron-builder 26 bundles).
      // Its default (on) is V8's guard-page bounds checking, a performance choice the guide does
      // not ask apps to change, and the CSP gives the page no WebAssembly anyway.
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

  it('[#10.8] pins an Electron major that still gets security fixes', () => {
    // Electron supports the latest three stable majors. Raise this floor when a new
    // major ships (README: supported Electron versions), then upgrade the pin.
    const OLDEST_SUPPORTED_MAJOR = 43;
    const major = Number(/^(\d+)\.\d+\.\d+$/.exec(pkg.optionalDependencies.electron)?.[1]);
    expect(major).toBeGreaterThanOrEqual(OLDEST_SUPPORTED_MAJOR);
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
