import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/api/router';
import { DEFAULT_SCANNER_CONFIG, scannerConfigSchema, type ScannerConfigInput } from '../../../electron/core/media/media-schema';
import type { ScannerStatus } from '../../../electron/core/media/media-types';
import { setScannerConfig } from '../../../electron/core/media/scanner-config';
import { DEFAULT_MAX_DEFINITIONS_AGE_DAYS as STALE_AFTER_DAYS } from '../../../electron/core/definitions/definitions-types';
import { scannerStatus } from '../../../electron/core/media/scanner-status';
import { readCvdHeader } from '../../../electron/core/media/scanners/clamav-database';
import { tempDirs } from '../helpers/temp-dir';
import { buildClamContainer, mediaWorld, writeSignatureDb, type MediaWorld } from './media-fixture';

const dirs = tempDirs('hoan-scanner-status-');
let w: MediaWorld;

beforeEach(() => {
  w = mediaWorld(dirs.make());
});
afterEach(() => {
  w.core.close();
  dirs.cleanup();
});

function configure(config: Partial<ScannerConfigInput>) {
  setScannerConfig(w.core.db, w.site.id, scannerConfigSchema.parse({ ...DEFAULT_SCANNER_CONFIG, profile: 'clamav', ...config }), w.clock.now, 'テスト');
}

/** What setScannerConfig refuses (a program that is not there), written the way an older version or a hand edit could leave it. */
function forceConfig(config: Partial<ScannerConfigInput>) {
  w.core.db
    .prepare('INSERT OR REPLACE INTO media_scanner_configs (site_id, config_json, updated_at) VALUES (?, ?, ?)')
    .run(w.site.id, JSON.stringify({ ...DEFAULT_SCANNER_CONFIG, ...config }), w.clock.now.toISOString());
}

const DAY = 86_400_000;

describe('[#11.8] the scanner is checked before a scan: installed, definitions present, their version and age', () => {
  it('[#11.8] an empty definitions folder is "no definitions", naming the folder; engine version from clamscan --version', async () => {
    const empty = dirs.make();
    configure({ databasePath: empty });
    const status = await scannerStatus(w.core, w.site.id);
    expect(status).toMatchObject({
      profile: 'clamav',
      state: 'no_definitions',
      definitionsPath: empty,
      definitionsPathIsDefault: false,
      definitions: [],
      newestAt: null,
      ageDays: null,
      invalidFile: null,
      staleAfterDays: STALE_AFTER_DAYS,
    });
    expect(status.engineVersion).toMatch(/^\d+\.\d+/);
    expect(status.detail).toContain('--version');
    expect(status.detail).toContain('no signature files');
  });

  it('[#11.8] with nothing configured, the scanner\'s own default folder is the one looked in and shown', async () => {
    const status = await scannerStatus(w.core, w.site.id);
    expect(status).toMatchObject({ definitionsPath: '/var/lib/clamav', definitionsPathIsDefault: true });
    const present = fs.readdirSync('/var/lib/clamav').some((f) => /\.(cvd|cld|cud|hdb|ndb|ldb)$/.test(f));
    expect(status.state).toBe(present ? expect.stringMatching(/ready|stale|definitions_invalid/) : 'no_definitions');
  });

  it('[#11.8] a container built by sigtool: its version, signatures and build time from the header, verified; age counted from the build time', async () => {
    const folder = dirs.make();
    const file = buildClamContainer(folder, { version: 27501 });
    const built = readCvdHeader(file)!.builtAt!;
    configure({ databasePath: folder });

    w.clock.now = new Date(Date.parse(built) + 3 * DAY + 3600_000);
    const fresh = await scannerStatus(w.core, w.site.id);
    expect(fresh).toMatchObject({
      state: 'ready',
      definitions: [{ name: 'daily.cud', version: '27501', signatures: 1, updatedAt: built, verified: true }],
      newestAt: built,
      ageDays: 3,
      checkedAt: w.clock.now.toISOString(),
    });
    expect(fresh.detail).toContain('--info=');

    w.clock.now = new Date(Date.parse(built) + (STALE_AFTER_DAYS + 1) * DAY);
    expect(await scannerStatus(w.core, w.site.id)).toMatchObject({ state: 'stale', ageDays: STALE_AFTER_DAYS + 1 });

    // A laptop clock behind the build time does not make the definitions younger than new.
    w.clock.now = new Date(Date.parse(built) - DAY);
    expect(await scannerStatus(w.core, w.site.id)).toMatchObject({ state: 'ready', ageDays: 0 });
  });

  it('[#11.8] a container that does not verify (an unsigned file named .cvd) is named before the scan', async () => {
    const folder = dirs.make();
    buildClamContainer(folder, { fileName: 'daily.cvd' });
    configure({ databasePath: folder });
    const status = await scannerStatus(w.core, w.site.id);
    expect(status).toMatchObject({ state: 'definitions_invalid', invalidFile: 'daily.cvd', definitions: [{ name: 'daily.cvd', verified: false }] });
    expect(status.detail).toMatch(/Verification/);
  });

  it('[#11.8] a plain signature file is definitions too; its modification time is its age', async () => {
    const file = writeSignatureDb(dirs.make());
    const changed = new Date('2025-05-20T03:00:00.000Z');
    fs.utimesSync(file, changed, changed);
    configure({ databasePath: file });
    expect(await scannerStatus(w.core, w.site.id)).toMatchObject({
      state: 'stale',
      definitions: [{ name: 'hoan-test.hdb', version: null, updatedAt: changed.toISOString(), verified: null }],
      ageDays: 11,
    });
  });

  it('[#11.8] files that hold no signatures (allow lists, engine settings) are not definitions', async () => {
    const folder = dirs.make();
    fs.writeFileSync(path.join(folder, 'local.ign2'), 'Some.Signature\n');
    fs.writeFileSync(path.join(folder, 'freshclam.dat'), 'x');
    configure({ databasePath: folder });
    expect(await scannerStatus(w.core, w.site.id)).toMatchObject({ state: 'no_definitions', definitions: [] });
  });

  it('[#11.8] a clamscan that is not there is "not installed"', async () => {
    const missing = path.join(dirs.make(), 'clamscan');
    forceConfig({ profile: 'clamav', executablePath: missing, databasePath: dirs.make() });
    expect(await scannerStatus(w.core, w.site.id)).toMatchObject({ state: 'not_installed', executable: missing, engineVersion: null, definitions: [] });
  });

  it('[#11.8] without sigtool beside clamscan, the header is still read and nothing is claimed verified', async () => {
    const bin = dirs.make();
    fs.symlinkSync(fs.realpathSync('/usr/bin/clamscan'), path.join(bin, 'clamscan'));
    const folder = dirs.make();
    buildClamContainer(folder);
    configure({ executablePath: path.join(bin, 'clamscan'), databasePath: folder });
    const status = await scannerStatus(w.core, w.site.id);
    expect(status).toMatchObject({ state: expect.stringMatching(/ready|stale/), definitions: [{ name: 'daily.cud', version: '27500', verified: null }] });
  });

  it('[#11.8] Defender where MpCmdRun.exe is not (this Linux machine) is "not installed"', async () => {
    forceConfig({ profile: 'defender' });
    expect(await scannerStatus(w.core, w.site.id)).toMatchObject({ profile: 'defender', state: 'not_installed', definitionsPath: null });
  });

  it('[#11.8] media:scannerStatus answers through the router with the same status', async () => {
    const folder = dirs.make();
    configure({ databasePath: folder });
    const router = createRouter(w.core, { log: (err) => { throw err; } });
    const envelope = await router.handle('media:scannerStatus', { siteId: w.site.id });
    expect(envelope).toMatchObject({ ok: true, data: { state: 'no_definitions', definitionsPath: folder } });
    expect(await router.handle('media:scannerStatus', { siteId: w.site.id, extra: 1 })).toMatchObject({ ok: false, error: { code: 'validation' } });
    const status = (envelope as { data: ScannerStatus }).data;
    expect(status.checkedAt).toBe(w.clock.now.toISOString());
  });
});
