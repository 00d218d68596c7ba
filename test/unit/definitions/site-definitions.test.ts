import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRouter } from '../../../electron/api/router';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { importBundle } from '../../../electron/core/bundle/import-bundle';
import { createMedium } from '../../../electron/core/media/media-registry';
import type { OverviewRow, SiteDashboard } from '../../../electron/api/contract';
import type { Core } from '../../../electron/core/core';
import type { UsedDefinitions } from '../../../electron/core/definitions/definitions-types';
import { sitesDefinitions } from '../../../electron/core/definitions/site-definitions';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { appendEntry } from '../../../electron/core/media/checkpoint-log';
import { checkInSchema, DEFAULT_SCANNER_CONFIG, mediumFieldsSchema, scannerConfigSchema, type ScannerConfigInput } from '../../../electron/core/media/media-schema';
import type { CheckInBody, ScanRecord } from '../../../electron/core/media/media-types';
import { startScanJob, waitForScanJob } from '../../../electron/core/media/scan-jobs';
import { setScannerConfig } from '../../../electron/core/media/scanner-config';
import { createSite, setSiteArchived } from '../../../electron/core/sites/site-repository';
import { siteFieldsSchema } from '../../../electron/core/sites/site-schema';
import { siteInput } from '../helpers/site-input';
import { tempDirs } from '../helpers/temp-dir';
import { installation, trust } from '../bundle/bundle-world';
import { buildDefinitions, installTestDefinitions } from '../helpers/definitions';
import { mediaWorld, writeMedium, writeSignatureDb, type MediaWorld } from '../media/media-fixture';

const dirs = tempDirs('hoan-site-defs-');
let w: MediaWorld;
beforeEach(() => {
  w = mediaWorld(dirs.make());
});
afterEach(() => {
  w.core.close();
  dirs.cleanup();
});

const DAY = 86_400_000;
const configure = (over: Partial<ScannerConfigInput>, siteId = w.site.id) =>
  setScannerConfig(w.core.db, siteId, scannerConfigSchema.parse({ ...DEFAULT_SCANNER_CONFIG, ...over }), w.clock.now, 'テスト');

/** What a scan with ClamAV's daily 27500 (built 2025-05-20 03:00 UTC) records, as the check-in keeps it. */
function used(over: Partial<UsedDefinitions> = {}): UsedDefinitions {
  return {
    source: 'configured',
    setId: null,
    version: 'daily 27500',
    builtAt: '2025-05-20T03:00:00.000Z',
    ageDays: 11,
    maxAgeDays: 7,
    stale: true,
    files: [{ name: 'daily.cvd', version: '27500', builtAt: '2025-05-20T03:00:00.000Z' }],
    ...over,
  };
}

/** A check-in entry carrying a scan record, written through the log's own append (the scan itself is not the point here). */
function scanEntry(definitions: UsedDefinitions | undefined, where: { core?: Core; siteId?: string; mediumId?: string; now?: Date } = {}) {
  const { core = w.core, siteId = w.site.id, mediumId = w.medium.id, now = w.clock.now } = where;
  const scan: ScanRecord = {
    profile: 'clamav', scanner: 'ClamAV clamscan', engineVersion: '1.4.6', signatureVersion: 'daily 27500',
    startedAt: now.toISOString(), endedAt: now.toISOString(), filesScanned: 3, exitCode: 0, result: 'clean',
    detections: [], errorText: '', logSha256: 'a'.repeat(64), ...(definitions ? { definitions } : {}),
  };
  const body: CheckInBody = { targets: ['監視PC'], scan, prior: null, manifest: null };
  return appendEntry(
    core.db,
    { siteId, kind: 'check_in', mediumId, controlNo: 'USB-001', mediumType: 'usb_stick', person: '山田', company: '', purpose: '点検', method: 'scan_here', result: 'clean', decision: 'allowed', approver: '', exceptionReason: '', refersTo: null, body },
    now,
    '記録者',
  );
}

const glance = () => sitesDefinitions(w.core, w.core.now()).get(w.site.id);

describe('[#12.5] a site\'s definitions on the dashboard', () => {
  it('[#12.5] no scan yet: shown as no definitions known', () => {
    configure({ profile: 'defender' });
    expect(glance()).toEqual({ source: 'none', scanner: 'defender', version: null, builtAt: null, ageDays: null, maxAgeDays: 7, state: 'none', scannedAt: null });
  });

  it('[#12.5] a site with its own database or Defender: the latest scan\'s definitions, aged at core.now() against the site\'s limit', () => {
    configure({ profile: 'clamav', databasePath: writeSignatureDb(dirs.make()) });
    scanEntry(used({ version: 'daily 27400', builtAt: '2025-05-01T00:00:00.000Z' }));
    w.clock.now = new Date(w.clock.now.getTime() + 60_000);
    const latest = scanEntry(used());
    // An entry without a scan after it does not hide the scan.
    recordCheckIn(w.core, checkInSchema.parse({ siteId: w.site.id, mediumId: w.medium.id, person: '鈴木', purpose: '点検', method: 'none' }), '記録者');

    // Built 2025-05-20 03:00; T0 is 2025-06-01 00:30: 11 whole days, past 7.
    expect(glance()).toEqual({
      source: 'last_scan', scanner: 'clamav', version: 'daily 27500', builtAt: '2025-05-20T03:00:00.000Z', ageDays: 11, maxAgeDays: 7, state: 'stale',
      scannedAt: (latest.body as CheckInBody).scan!.startedAt,
    });
    // The site's limit now, not the one recorded with the scan.
    configure({ profile: 'clamav', databasePath: writeSignatureDb(dirs.make()), maxDefinitionsAgeDays: 14 });
    expect(glance()).toMatchObject({ ageDays: 11, maxAgeDays: 14, state: 'fresh' });
    // Exactly at the limit is not past it; one day more is.
    configure({ profile: 'clamav', databasePath: writeSignatureDb(dirs.make()), maxDefinitionsAgeDays: 11 });
    expect(glance()).toMatchObject({ ageDays: 11, state: 'fresh' });
    w.clock.now = new Date(Date.parse('2025-05-20T03:00:00.000Z') + 12 * DAY - 1);
    expect(glance()).toMatchObject({ ageDays: 11, state: 'fresh' });
    w.clock.now = new Date(Date.parse('2025-05-20T03:00:00.000Z') + 12 * DAY);
    expect(glance()).toMatchObject({ ageDays: 12, state: 'stale' });
  });

  it('[#12.5] an entry from before definitions were kept is "not recorded"; a version without a build time is of unknown age; a scan that had none shows none', () => {
    configure({ profile: 'defender' });
    scanEntry(undefined);
    expect(glance()).toMatchObject({ source: 'last_scan', version: null, state: 'not_recorded' });
    scanEntry(used({ source: 'defender', version: '1.429.201.0', builtAt: null, ageDays: null, files: [] }));
    expect(glance()).toMatchObject({ version: '1.429.201.0', ageDays: null, state: 'unknown_age' });
    scanEntry(used({ version: null, builtAt: null, ageDays: null, files: [] }));
    expect(glance()).toMatchObject({ source: 'last_scan', version: null, state: 'none' });
  });

  it('[#12.5] a real ClamAV check-in: the dashboard shows what its entry recorded', async () => {
    configure({ profile: 'clamav', databasePath: writeSignatureDb(dirs.make()) });
    const medium = writeMedium(dirs.make(), { 'README.txt': '手順書\n' });
    const scanned = async () => {
      const job = await waitForScanJob(w.core, (await startScanJob(w.core, { siteId: w.site.id, path: medium, scan: true })).id);
      return recordCheckIn(w.core, checkInSchema.parse({ siteId: w.site.id, mediumId: w.medium.id, person: '山田', purpose: '点検', method: 'scan_here', jobId: job.id }), '記録者');
    };
    await scanned();
    w.clock.now = new Date(w.clock.now.getTime() + DAY);
    const second = (await scanned()).body as CheckInBody;
    const recorded = second.scan!.definitions;
    expect(glance()).toMatchObject({
      source: 'last_scan',
      scanner: 'clamav',
      scannedAt: second.scan!.startedAt,
      ...(recorded ? { version: recorded.version, builtAt: recorded.builtAt } : { version: null, state: 'not_recorded' }),
    });
  });

  it('[#12.5] the dashboard channels carry it: the all-sites overview and the site overview', async () => {
    configure({ profile: 'defender' });
    scanEntry(used());
    const other = createSite(w.core.db, siteFieldsSchema.parse(siteInput({ name: '南ソーラー' })), w.clock.now, 'テスト');
    const router = createRouter(w.core, { log: () => undefined });
    const rows = (await router.handle('dashboard:overview', {})) as { ok: true; data: OverviewRow[] };
    const byName = Object.fromEntries(rows.data.map((r) => [r.name, r.definitions]));
    expect(byName[w.site.name]).toMatchObject({ version: 'daily 27500', ageDays: 11, state: 'stale' });
    expect(byName['南ソーラー']).toMatchObject({ state: 'none' });
    const site = (await router.handle('dashboard:site', { siteId: other.id })) as { ok: true; data: SiteDashboard };
    expect(site.data.definitions).toMatchObject({ source: 'none', state: 'none' });
  });

  it('[#12.5] every site in one query of the log, however many sites; archived sites are answered too', () => {
    for (let i = 0; i < 30; i += 1) {
      const s = createSite(w.core.db, siteFieldsSchema.parse(siteInput({ name: `サイト${String(i)}` })), w.clock.now, 'テスト');
      if (i % 3 === 0) setSiteArchived(w.core.db, s.id, true, w.clock.now, 'テスト');
    }
    scanEntry(used());
    const db = w.core.db;
    const prepare = db.prepare.bind(db);
    const logQueries: string[] = [];
    db.prepare = ((sql: string) => {
      if (/media_log/.test(sql)) logQueries.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    try {
      const all = sitesDefinitions(w.core, w.core.now());
      expect(all.size).toBe(31);
      expect(all.get(w.site.id)).toMatchObject({ state: 'stale' });
    } finally {
      db.prepare = prepare;
    }
    expect(logQueries).toHaveLength(1);
    // The latest scan is found by walking the (site_id, n) index, not by reading the whole log.
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${logQueries[0]!}`).all() as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toMatch(/SEARCH l USING INDEX sqlite_autoindex_media_log_\d \(site_id=\?\)/);
    expect(plan).not.toMatch(/SCAN l\b/);
  });

  it('[#12.5] head office sees an imported site with its last scan\'s definitions, judged by the limit its home recorded', async () => {
    const home = installation(dirs.make(), '北関東ソーラー発電所 PC', '山田');
    const office = installation(dirs.make(), '本社 保安管理課', '本社 田中');
    try {
      const site = createSite(home.core.db, siteFieldsSchema.parse(siteInput({ name: '北関東ソーラー発電所' })), home.clock.now, '山田');
      const medium = createMedium(home.core.db, site.id, mediumFieldsSchema.parse({ controlNo: 'USB-001', type: 'usb_stick' }), home.clock.now, '山田');
      setScannerConfig(home.core.db, site.id, scannerConfigSchema.parse({ ...DEFAULT_SCANNER_CONFIG, profile: 'defender', maxDefinitionsAgeDays: 14 }), home.clock.now, '山田');
      scanEntry(used({ source: 'defender', version: '1.427.112.0', maxAgeDays: 14, stale: false }), { core: home.core, siteId: site.id, mediumId: medium.id, now: home.clock.now });
      trust(home.core, office.core);
      const exported = await exportBundle(home.core, site.id, dirs.make());
      expect((await importBundle(office.core, exported.path)).report.failures).toEqual([]);

      // Four days later at head office: 15 whole days since the build, past the home's 14 (head office's own default is 7).
      office.clock.now = new Date(office.clock.now.getTime() + 4 * DAY);
      expect(sitesDefinitions(office.core, office.core.now()).get(site.id)).toEqual({
        source: 'last_scan', scanner: 'clamav', version: '1.427.112.0', builtAt: '2025-05-20T03:00:00.000Z', ageDays: 15, maxAgeDays: 14, state: 'stale',
        scannedAt: home.clock.now.toISOString(),
      });
      const router = createRouter(office.core, { log: () => undefined });
      const rows = (await router.handle('dashboard:overview', {})) as { ok: true; data: OverviewRow[] };
      expect(rows.data.find((r) => r.siteId === site.id)!.definitions).toMatchObject({ state: 'stale', ageDays: 15 });
    } finally {
      home.core.close();
      office.core.close();
    }
  });

  it('[#12.5] a ClamAV site with no database of its own shows the installation\'s store set, what its next scan uses; a site with its own database and a copy at head office do not', async () => {
    configure({ profile: 'clamav' });
    scanEntry(used({ version: 'daily 27400', builtAt: '2025-05-01T00:00:00.000Z' }));
    const folder = dirs.make();
    await installTestDefinitions(w.core, [buildDefinitions(folder, { version: 27502, builtAt: new Date('2025-05-29T12:00:00.000Z') })]);

    expect(glance()).toEqual({ source: 'store', scanner: 'clamav', version: 'daily 27502', builtAt: '2025-05-29T12:00:00.000Z', ageDays: 2, maxAgeDays: 7, state: 'fresh', scannedAt: null });
    w.clock.now = new Date(Date.parse('2025-05-29T12:00:00.000Z') + 8 * DAY);
    expect(glance()).toMatchObject({ source: 'store', ageDays: 8, state: 'stale' });
    // Its own database path: the store is not what it scans with.
    configure({ profile: 'clamav', databasePath: writeSignatureDb(dirs.make()) });
    expect(glance()).toMatchObject({ source: 'last_scan', version: 'daily 27400' });

    // Head office has a store too; the copy of a site from elsewhere still shows its own last scan.
    const home = installation(dirs.make(), '北関東ソーラー発電所 PC', '山田');
    try {
      const site = createSite(home.core.db, siteFieldsSchema.parse(siteInput({ name: '北関東ソーラー発電所' })), home.clock.now, '山田');
      setScannerConfig(home.core.db, site.id, scannerConfigSchema.parse({ ...DEFAULT_SCANNER_CONFIG, profile: 'clamav' }), home.clock.now, '山田');
      const medium = createMedium(home.core.db, site.id, mediumFieldsSchema.parse({ controlNo: 'USB-001', type: 'usb_stick' }), home.clock.now, '山田');
      scanEntry(used({ version: 'daily 27300', builtAt: '2025-05-30T00:00:00.000Z' }), { core: home.core, siteId: site.id, mediumId: medium.id, now: home.clock.now });
      trust(home.core, w.core);
      const exported = await exportBundle(home.core, site.id, dirs.make());
      expect((await importBundle(w.core, exported.path)).report.failures).toEqual([]);
      expect(sitesDefinitions(w.core, w.core.now()).get(site.id)).toMatchObject({ source: 'last_scan', version: 'daily 27300' });
    } finally {
      home.core.close();
    }
  });
});
