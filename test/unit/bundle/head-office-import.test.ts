import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { importBundle } from '../../../electron/core/bundle/import-bundle';
import { countPrepared } from '../helpers/prepared-statements';
import { tempDirs } from '../helpers/temp-dir';
import { installation, populatedSite, trust, type World } from './bundle-world';

const dirs = tempDirs('hoan-office-import-');
const open: World[] = [];
afterEach(() => {
  for (const w of open.splice(0)) w.core.close();
  dirs.cleanup();
});


/** A populated site with `devices` more devices (one in three without a location), exported once and imported at a fresh head office. */
async function importedWithDevices(devices: number) {
  const site = installation(dirs.make(), '北関東ソーラー発電所 PC', '山田');
  const office = installation(dirs.make(), '本社 保安管理課', '本社 田中');
  open.push(site, office);
  const seeded = await populatedSite(site);
  const insert = site.core.db.prepare(`INSERT INTO devices (id, site_id, asset_id, name, kind, location, ip_address, created_at, updated_at) VALUES (?, ?, ?, ?, 'PLC', ?, ?, ?, ?)`);
  for (let i = 0; i < devices; i++) {
    const at = site.core.now().toISOString();
    insert.run(randomUUID(), seeded.site.id, `DEV-${i}`, `機器 ${i}`, i % 3 ? `第${i}電気室` : '', `10.0.0.${i + 1}`, at, at);
  }
  trust(site.core, office.core);
  const { path: file } = await exportBundle(site.core, seeded.site.id, dirs.make());
  const counted = await countPrepared(office.core.db, () => importBundle(office.core, file));
  expect(counted.result.imported).not.toBeNull();
  const held = office.core.db.prepare('SELECT count(*) FROM devices WHERE site_id = ?').pluck().get(seeded.site.id) as number;
  const located = office.core.db.prepare(`SELECT count(*) FROM devices WHERE site_id = ? AND location <> ''`).pluck().get(seeded.site.id) as number;
  return { statements: counted.statements, held, located };
}

describe('importing site bundles at head office', () => {
  it('[#15.3] a bundle\'s devices are written with the same statements whether it carries 3 devices or 60 (a statement prepared per device cost most of an import of 500)', async () => {
    const few = await importedWithDevices(2);
    const many = await importedWithDevices(59);
    expect(few.held).toBe(3);
    expect(many.held).toBe(60);
    expect(many.located).toBe(1 + 39);
    expect(many.statements).toBe(few.statements);
  });
});
