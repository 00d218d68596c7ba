import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordAudit } from '../../../electron/core/audit/audit-log';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { importBundle } from '../../../electron/core/bundle/import-bundle';
import { getInstallation, loadSigningKey } from '../../../electron/core/bundle/installation';
import type { Core } from '../../../electron/core/core';
import { evidenceFilePath } from '../../../electron/core/evidence/evidence-store';
import { siteRegisters } from '../../../electron/core/registers/register-read';
import { registersKit, type SeededRegisters } from '../helpers/registers';
import { installation, snapshot, storeBytes, trust, type World } from './bundle-world';
import { craftZip, editRecords, entriesOf, nameOf, rebag, type CraftEntry } from './zip-craft';

const kit = registersKit('hoan-bundle-registers-');
let site: { core: Core; siteId: string; seeded: SeededRegisters };
let office: World;
let evidence: string[];

const REGISTER_TABLES = {
  register_parties: 'SELECT * FROM register_parties WHERE site_id = ? ORDER BY id',
  register_contact_steps: 'SELECT * FROM register_contact_steps WHERE site_id = ? ORDER BY position',
  connection_points: 'SELECT * FROM connection_points WHERE site_id = ? ORDER BY id',
  connection_point_ends: 'SELECT e.* FROM connection_point_ends e JOIN connection_points p ON p.id = e.point_id WHERE p.site_id = ? ORDER BY 1, 2, 3',
  connection_point_defences: 'SELECT d.* FROM connection_point_defences d JOIN connection_points p ON p.id = d.point_id WHERE p.site_id = ? ORDER BY d.id',
  connection_defence_evidence: `SELECT e.* FROM connection_defence_evidence e JOIN connection_point_defences d ON d.id = e.defence_id
    JOIN connection_points p ON p.id = d.point_id WHERE p.site_id = ? ORDER BY 1, 2`,
  network_zones: 'SELECT * FROM network_zones WHERE site_id = ? ORDER BY network',
};

const tables = (core: Core) => Object.fromEntries(Object.entries(REGISTER_TABLES).map(([t, sql]) => [t, core.db.prepare(sql).all(site.siteId)]));
const readModel = (core: Core) => JSON.stringify(siteRegisters(core.db, core.resourcesDir, site.siteId, '2026-11-01'));

/** A defence's evidence file, stored and linked as the points writer does. */
async function attach(core: Core, defenceId: string, name: string, text: string): Promise<string> {
  const sha = await storeBytes(core, text, name);
  core.db
    .prepare('INSERT INTO connection_defence_evidence (defence_id, sha256, file_name, attached_at, attached_by) VALUES (?, ?, ?, ?, ?)')
    .run(defenceId, sha, name, core.now().toISOString(), 'テスト担当');
  return sha;
}

beforeEach(async () => {
  const opened = await kit.open();
  site = { core: opened.core, siteId: opened.siteId, seeded: opened.seeded! };
  const { defences, parties } = site.seeded;
  evidence = [
    await attach(site.core, defences.lteFirewall, 'fw-rules.pdf', '%PDF-1.7 ファイアウォール設定'),
    await attach(site.core, defences.vpnAuth, 'vpn-auth.png', 'PNG 証明書の設定画面'),
  ];
  site.core.db.prepare('INSERT INTO network_zones (site_id, network, zone) VALUES (?, ?, ?)').run(site.siteId, '事務所LAN', 'office');
  recordAudit(site.core.db, {
    siteId: site.siteId,
    entity: 'register-party',
    entityId: parties.security,
    action: 'update',
    changes: [{ field: 'phone', old: '043-111-0000', new: '043-111-2222' }],
    userName: 'テスト担当',
    at: site.core.now(),
  });
  office = installation(kit.dirs.make(), '本社 保安管理課', '本社 田中');
  trust(site.core, office.core);
});

afterEach(() => {
  office?.core.close();
  kit.cleanup();
});

async function carry(): Promise<Awaited<ReturnType<typeof importBundle>>> {
  const exported = await exportBundle(site.core, site.siteId, kit.dirs.make());
  return importBundle(office.core, exported.path);
}

describe('[#14.5] the registers in a site bundle', () => {
  it('[#14.5] carries every register row to head office, where the read model siteRegisters is byte-equal to the site', async () => {
    const { report, imported } = await carry();
    expect(report.failures).toEqual([]);
    expect(imported!.counts['registers.json']).toBe(6 + 4 + 3 + 4 + 5 + 2 + 1);
    expect(tables(office.core)).toEqual(tables(site.core));
    expect(readModel(office.core)).toBe(readModel(site.core));
    for (const sha of evidence) expect(fs.existsSync(evidenceFilePath(office.core.dataDir, sha))).toBe(true);
    // The registers' audit entries travel with the audit trail.
    expect(office.core.db.prepare(`SELECT entity, entity_id FROM audit_log WHERE site_id = ? AND entity = 'register-party'`).all(site.siteId)).toEqual([
      { entity: 'register-party', entity_id: site.seeded.parties.security },
    ]);
  });

  it('[#14.5] is read-only at head office: writing a register row of the copy throws, and the row stays as it arrived', async () => {
    expect((await carry()).report.ok).toBe(true);
    const before = tables(office.core);
    const { parties, points, defences } = site.seeded;
    const db = office.core.db;
    expect(() => db.prepare(`UPDATE register_parties SET phone = '03-0000-0000' WHERE id = ?`).run(parties.owner)).toThrow(/hoan:site-read-only/);
    expect(() => db.prepare('DELETE FROM connection_points WHERE id = ?').run(points.vpn)).toThrow(/hoan:site-read-only/);
    expect(() => db.prepare(`UPDATE connection_point_defences SET note = '' WHERE id = ?`).run(defences.outputClosed)).toThrow(/hoan:site-read-only/);
    expect(() => db.prepare('DELETE FROM connection_defence_evidence WHERE sha256 = ?').run(evidence[0])).toThrow(/hoan:site-read-only/);
    expect(() => db.prepare(`UPDATE network_zones SET zone = 'control' WHERE site_id = ?`).run(site.siteId)).toThrow(/hoan:site-read-only/);
    expect(() => db.prepare(`UPDATE register_contact_steps SET note = 'x' WHERE site_id = ?`).run(site.siteId)).toThrow(/hoan:site-read-only/);
    expect(tables(office.core)).toEqual(before);
  });

  it('[#14.5] a second bundle after changes at the site replaces the registers: removed rows go, moved rows move, a repeat writes nothing', async () => {
    expect((await carry()).report.ok).toBe(true);
    const { parties, points, defences } = site.seeded;
    const db = site.core.db;
    db.transaction(() => {
      db.prepare('DELETE FROM register_parties WHERE id = ?').run(parties.maker);
      db.prepare(`UPDATE register_parties SET phone = '043-999-0000', reports_to = ? WHERE id = ?`).run(parties.owner, parties.maintenance);
      // The first two calls swap places.
      db.prepare('DELETE FROM register_contact_steps WHERE site_id = ? AND position < 2').run(site.siteId);
      db.prepare(`INSERT INTO register_contact_steps (site_id, position, party_id, note, updated_at, updated_by) VALUES (?, 0, ?, '', 'x', ''), (?, 1, ?, '', 'x', '')`).run(
        site.siteId, parties.engineer, site.siteId, parties.security,
      );
      db.prepare('DELETE FROM connection_points WHERE id = ?').run(points.vpn);
      // The LTE line's two defences swap places.
      db.prepare('UPDATE connection_point_defences SET position = 9 WHERE id = ?').run(defences.lteFirewall);
      db.prepare('UPDATE connection_point_defences SET position = 0 WHERE id = ?').run(defences.lteAllowList);
      db.prepare('UPDATE connection_point_defences SET position = 1 WHERE id = ?').run(defences.lteFirewall);
      db.prepare(`INSERT INTO connection_point_ends (point_id, side, asset_id) VALUES (?, 'inside', 'PLC-01')`).run(points.output);
      db.prepare(`UPDATE network_zones SET zone = 'control' WHERE site_id = ?`).run(site.siteId);
    })();
    await attach(site.core, defences.outputClosed, 'closed-net.pdf', '%PDF-1.7 閉域網の契約書');

    const { report, imported } = await carry();
    expect(report.failures).toEqual([]);
    expect(imported!.counts['registers.json']).toBeGreaterThan(0);
    expect(tables(office.core)).toEqual(tables(site.core));
    expect(readModel(office.core)).toBe(readModel(site.core));
    expect(office.core.db.prepare('SELECT count(*) AS n FROM register_parties WHERE id = ?').get(parties.maker)).toEqual({ n: 0 });
    expect(office.core.db.prepare('SELECT count(*) AS n FROM connection_point_defences WHERE point_id = ?').get(points.vpn)).toEqual({ n: 0 });

    const again = await carry();
    expect(again.imported!.counts['registers.json']).toBe(0);
  });

  it('[#14.5] an older bundle arriving after a newer one is refused at verify, and the newer registers stay', async () => {
    const usb = kit.dirs.make();
    const older = await exportBundle(site.core, site.siteId, usb);
    site.core.db.prepare('DELETE FROM connection_points WHERE id = ?').run(site.seeded.points.vpn);
    const newer = await exportBundle(site.core, site.siteId, usb);
    expect((await importBundle(office.core, newer.path)).report.ok).toBe(true);
    const before = snapshot(office.core);
    const { report, imported } = await importBundle(office.core, older.path);
    expect(imported).toBeNull();
    expect(report.failures).toEqual([expect.objectContaining({ class: 'sequence_not_newer' })]);
    expect(snapshot(office.core)).toEqual(before);
    expect(tables(office.core)).toEqual(tables(site.core));
  });
});

describe('[#14.5] a bundle whose registers were tampered with', () => {
  let good: CraftEntry[];
  const REGISTERS = 'data/records/registers.json';
  const save = (entries: CraftEntry[]) => {
    const file = path.join(kit.dirs.make(), 'bad.zip');
    fs.writeFileSync(file, craftZip(entries));
    return file;
  };
  const resign = (entries: CraftEntry[]) =>
    rebag(entries, { privateKey: loadSigningKey(site.core.dataDir), publicBlob: getInstallation(site.core.db).publicBlob });

  async function refused(file: string, failure: Record<string, unknown>) {
    const before = snapshot(office.core);
    const { report, imported } = await importBundle(office.core, file);
    expect(imported).toBeNull();
    expect(report.failures).toEqual([expect.objectContaining(failure)]);
    expect(report.passed).not.toContain('records');
    expect(snapshot(office.core)).toEqual(before);
  }

  beforeEach(async () => {
    good = await entriesOf((await exportBundle(site.core, site.siteId, kit.dirs.make())).path);
  });

  it('control: the untouched bundle, taken apart and put back together, imports', async () => {
    expect((await importBundle(office.core, save(resign(good)))).report.failures).toEqual([]);
  });

  it('[#14.5] a registers.json changed after signing is refused at verify with nothing written', async () => {
    const edited = editRecords(good, 'registers.json', (d) => {
      (d.parties![0] as { phone: string }).phone = '090-0000-0000';
    });
    await refused(save(edited), { class: 'manifest_mismatch', entry: REGISTERS });
  });

  it('[#14.5] a registers.json whose references do not resolve inside the file is refused, even signed by the site', async () => {
    const { parties, points } = site.seeded;
    await refused(
      save(resign(editRecords(good, 'registers.json', (d) => void (d.parties = (d.parties as { id: string }[]).filter((p) => p.id !== parties.monitoring))))),
      { class: 'records_invalid', entry: REGISTERS, reason: 'registerReference', params: { table: 'register_contact_steps', id: parties.monitoring } },
    );
    await refused(
      save(resign(editRecords(good, 'registers.json', (d) => void (d.points = (d.points as { id: string }[]).filter((p) => p.id !== points.lte))))),
      { class: 'records_invalid', entry: REGISTERS, reason: 'registerReference', params: { table: 'connection_point_ends', id: points.lte } },
    );
    await refused(
      save(resign(editRecords(good, 'registers.json', (d) => void (d.defences = [])))),
      { class: 'records_invalid', entry: REGISTERS, reason: 'registerReference', params: expect.objectContaining({ table: 'connection_defence_evidence' }) },
    );
    await refused(
      save(resign(editRecords(good, 'registers.json', (d) => {
        const rows = d.parties as { id: string; reports_to: string | null }[];
        rows.find((p) => p.id === parties.owner)!.reports_to = parties.engineer;
      }))),
      { class: 'records_invalid', entry: REGISTERS, reason: 'reportingLoop' },
    );
    await refused(
      save(resign(editRecords(good, 'registers.json', (d) => void ((d.points![0] as { site_id: string }).site_id = '00000000-0000-4000-8000-000000000000')))),
      { class: 'records_invalid', entry: REGISTERS, reason: 'otherSite' },
    );
    await refused(
      save(resign(editRecords(good, 'registers.json', (d) => void ((d.points![0] as { kind: string }).kind = 'wormhole')))),
      { class: 'records_invalid', entry: REGISTERS, reason: 'schema' },
    );
  });

  it('[#14.5] a bundle missing a defence evidence file is refused at verify with nothing written', async () => {
    const drop = `data/evidence/${evidence[1]}`;
    expect(good.some((e) => nameOf(e) === drop)).toBe(true);
    await refused(save(resign(good.filter((e) => nameOf(e) !== drop))), { class: 'records_invalid', entry: drop, reason: 'evidenceMissing' });
  });
});
