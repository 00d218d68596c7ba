import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listBundles } from '../../../electron/core/bundle/bundle-history';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { importBundle } from '../../../electron/core/bundle/import-bundle';
import { getInstallation, loadSigningKey } from '../../../electron/core/bundle/installation';
import { verifyChain } from '../../../electron/core/media/log-chain';
import { updateSettings } from '../../../electron/core/settings/settings-repository';
import { tempDirs } from '../helpers/temp-dir';
import { installation, populatedSite, trust, type PopulatedSite, type World } from './bundle-world';
import { craftZip, entriesOf, nameOf, rebag } from './zip-craft';

const dirs = tempDirs('hoan-bundle-dates-');
/** 23:30 UTC on the 2nd: already 08:30 on the 3rd in Japan. */
const LATE = new Date('2026-12-02T23:30:00.000Z');
let site: World;
let office: World;
let seeded: PopulatedSite;

beforeEach(async () => {
  site = installation(dirs.make(), '北関東ソーラー発電所 PC', '山田');
  seeded = await populatedSite(site);
  site.clock.now = LATE;
  office = installation(dirs.make(), '本社', '本社 田中');
  trust(site.core, office.core);
});
afterEach(() => {
  site.core.close();
  office.core.close();
  dirs.cleanup();
});

async function exported() {
  const file = (await exportBundle(site.core, seeded.site.id, dirs.make())).path;
  const entries = await entriesOf(file);
  const bagInfo = entries.find((e) => nameOf(e) === 'bag-info.txt')!.data.toString('utf8');
  const label = (name: string) => new RegExp(`^${name}: (.*)$`, 'm').exec(bagInfo)![1];
  // The first local header's DOS time and date (APPNOTE 4.3.7), as unzip and Explorer show them.
  const head = fs.readFileSync(file).subarray(0, 14);
  const dos = { time: head.readUInt16LE(10), date: head.readUInt16LE(12) };
  const zipTime = `${(dos.date >> 9) + 1980}-${String((dos.date >> 5) & 15).padStart(2, '0')}-${String(dos.date & 31).padStart(2, '0')} ${String(dos.time >> 11).padStart(2, '0')}:${String((dos.time >> 5) & 63).padStart(2, '0')}`;
  return { file, entries, name: path.basename(file), baggingDate: label('Bagging-Date'), created: label('Hoan-Created'), zipTime };
}

describe('[#11.5] bundle file names and Bagging-Date carry the day at the site', () => {
  it('at 23:30 UTC the name, Bagging-Date, Hoan-Created and the zip times carry the Japanese day; head office reads the same instant', async () => {
    const b = await exported();
    expect(b.name).toMatch(/^hoan-site-20261203-0001-[0-9a-f]{8}\.zip$/);
    expect(b.baggingDate).toBe('2026-12-03');
    expect(b.created).toBe('2026-12-03T08:30:00.000+09:00');
    expect(b.zipTime).toBe('2026-12-03 08:30');

    const { report, imported } = await importBundle(office.core, b.file);
    expect(report.ok, JSON.stringify(report.failures)).toBe(true);
    expect(imported).not.toBeNull();
    // Stored as UTC at both ends, as every instant is.
    expect(listBundles(site.core.db).map((r) => r.baggedAt)).toEqual([LATE.toISOString()]);
    expect(listBundles(office.core.db).map((r) => r.baggedAt)).toEqual([LATE.toISOString()]);
  });

  it('a zone chosen in the settings changes them: the same instant is still the 2nd in Los Angeles', async () => {
    updateSettings(site.core.db, { timeZone: 'America/Los_Angeles' }, LATE);
    const b = await exported();
    expect(b.name).toMatch(/^hoan-site-20261202-0001-/);
    expect(b.baggingDate).toBe('2026-12-02');
    expect(b.created).toBe('2026-12-02T15:30:00.000-08:00');
    expect(b.zipTime).toBe('2026-12-02 15:30');
    expect((await importBundle(office.core, b.file)).report.ok).toBe(true);
    expect(listBundles(office.core.db).map((r) => r.baggedAt)).toEqual([LATE.toISOString()]);
  });

  it('a bundle from before the zones (UTC Bagging-Date, Hoan-Created in Z) still verifies and imports, at the same instant', async () => {
    const b = await exported();
    const signer = { privateKey: loadSigningKey(site.core.dataDir), publicBlob: getInstallation(site.core.db).publicBlob };
    // Exactly what the earlier Hoan wrote: toISOString() and its first ten characters.
    const old = rebag(b.entries, signer, {
      editBagInfo: (t) => t.replace(/^Bagging-Date: .*$/m, 'Bagging-Date: 2026-12-02').replace(/^Hoan-Created: .*$/m, `Hoan-Created: ${LATE.toISOString()}`),
    });
    const file = path.join(dirs.make(), 'hoan-site-20261202-0001-old.zip');
    fs.writeFileSync(file, craftZip(old));
    const { report } = await importBundle(office.core, file);
    expect(report.ok, JSON.stringify(report.failures)).toBe(true);
    expect(report.bag?.baggedAt).toBe(LATE.toISOString());
  });

  it('a zone change rewrites no record: the media log still verifies against the head the earlier bundle carried', async () => {
    await exported();
    updateSettings(site.core.db, { timeZone: 'Pacific/Honolulu', calendar: 'japanese' }, LATE);
    const v = verifyChain(site.core.db, seeded.site.id, () => LATE);
    expect(v.ok, JSON.stringify(v)).toBe(true);
    expect(v.anchors).toEqual({ checked: 1, mismatches: [] });
  });
});
