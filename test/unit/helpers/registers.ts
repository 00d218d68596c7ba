import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { openCore, type Core } from '../../../electron/core/core';
import { importFile } from '../../../electron/core/inventory/import-jobs';
import { siteWithRound } from '../checklist/checklist-fixture';
import { setUpNames } from './set-up';
import { tempDirs } from './temp-dir';

/**
 * A 区分A solar plant's registers (issue 14), for every part's tests: its
 * 機器台帳 with a ネットワーク column, and its 体制, contact order and
 * connection points — remote monitoring by LTE router, a maintenance VPN and
 * the power company's output-control line — written straight into the
 * migration-0019 tables, as the register writers store them. Tests of the
 * writers themselves go through the writers; this is the data the readers
 * (diagram, report, checklist, bundles) start from.
 */
export const SOLAR_LEDGER: readonly (readonly string[])[] = [
  ['管理番号', '機器名', '種別', 'メーカー', '型番', 'バージョン', 'ネットワーク', '設置場所'],
  ['RT-01', 'LTEルーター', 'ルーター', 'センチュリー・システムズ', 'FutureNet MA-E350', '3.2.1', '監視LAN', '電気室'],
  ['VPN-01', '保守用VPN装置', 'VPN装置', 'ヤマハ', 'RTX830', '15.02.29', '監視LAN', '電気室'],
  ['MON-01', '遠隔監視装置', '監視装置', '日立産業制御ソリューションズ', 'SOLAR-MON 2', '2.1', '監視LAN', '電気室'],
  ['PLC-01', '発電所制御PLC', 'PLC', '三菱電機株式会社', 'R04ENCPU', 'Ver.1.050C', '制御LAN', '電気室'],
  ['PCS-01', 'パワーコンディショナ1', 'PCS', '東芝三菱電機産業システム', 'SOLAR WARE 2750', '1.10', '制御LAN', 'PCS室'],
  ['PCS-02', 'パワーコンディショナ2', 'PCS', '東芝三菱電機産業システム', 'SOLAR WARE 2750', '1.10', '制御LAN', 'PCS室'],
  ['OCT-01', '出力制御ユニット', '出力制御装置', 'オムロン株式会社', 'KP-OCU', '1.4', '制御LAN', '電気室'],
  ['REL-01', '保護継電器', '継電器', '三菱電機株式会社', 'MELPRO-D', '2.0', '制御LAN', '受電室'],
  ['PC-01', '事務所PC', 'PC', '富士通', 'ESPRIMO', 'Windows 11', '事務所LAN', '管理棟'],
];

export async function importSolarLedger(core: Core, siteId: string, dir: string, rows: readonly (readonly string[])[] = SOLAR_LEDGER): Promise<void> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('機器一覧');
  for (const row of rows) sheet.addRow([...row]);
  const file = path.join(dir, '太陽光機器台帳.xlsx');
  await book.xlsx.writeFile(file);
  const { result } = await importFile(core, { siteId, file, dryRun: false });
  if (!result) throw new Error('the ledger was not imported');
}

export interface SeededRegisters {
  parties: Record<'owner' | 'security' | 'engineer' | 'maintenance' | 'monitoring' | 'maker', string>;
  points: Record<'lte' | 'vpn' | 'output', string>;
  defences: Record<'lteFirewall' | 'lteAllowList' | 'vpnAuth' | 'vpnDisconnect' | 'outputClosed', string>;
}

export function seedSolarRegisters(db: Database.Database, siteId: string, now = new Date('2026-11-01T00:00:00Z'), by = 'テスト担当'): SeededRegisters {
  const at = now.toISOString();
  const id = () => randomUUID();
  const parties = { owner: id(), security: id(), engineer: id(), maintenance: id(), monitoring: id(), maker: id() };
  const party = db.prepare(
    `INSERT INTO register_parties (id, site_id, position, role, title, person_name, organisation, department, phone, phone_after_hours, email,
       responsibilities_json, responsibility_note, reports_to, created_at, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const rows: [string, string, string, string, string, string, string, string, string[], string, string | null][] = [
    [parties.owner, 'owner', '代表取締役', '山田 太郎', '株式会社テスト', '', '03-1234-5678', '', ['overall'], '', null],
    [parties.security, 'security_manager', '発電所長', '佐藤 花子', '株式会社テスト', '発電事業部', '043-111-2222', '090-1111-2222', ['roles', 'documents', 'incident_response', 'incident_reporting'], '年1回の点検計画を承認する', parties.owner],
    [parties.engineer, 'outsourced_engineer', '電気管理技術者', '鈴木 一郎', '電気保安法人テスト', '', '043-333-4444', '080-3333-4444', ['network_management', 'media_control', 'device_management'], '', parties.security],
    [parties.maintenance, 'maintenance', '', '高橋 次郎', '太陽光メンテ株式会社', '保守課', '0120-123-456', '', ['maintenance_work'], 'VPN 接続は作業日のみ', parties.security],
    [parties.monitoring, 'monitoring', '', '', 'ソーラー監視センター株式会社', '監視センター', '050-5555-6666', '050-5555-6667', ['monitoring_service'], '', parties.security],
    [parties.maker, 'maker', 'サポート窓口', '', '東芝三菱電機産業システム株式会社', '', '03-9999-0000', '', ['vendor_support'], '', parties.engineer],
  ];
  rows.forEach(([pid, role, title, person, org, dept, phone, after, resp, note, reportsTo], i) =>
    party.run(pid, siteId, i, role, title, person, org, dept, phone, after, i === 1 ? 'hanako.sato@example.co.jp' : '', JSON.stringify(resp), note, reportsTo, at, at, by),
  );
  const step = db.prepare('INSERT INTO register_contact_steps (site_id, position, party_id, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)');
  [parties.security, parties.engineer, parties.monitoring, parties.owner].forEach((p, i) => step.run(siteId, i, p, i === 2 ? '夜間・休日' : '', at, by));

  const points = { lte: id(), vpn: id(), output: id() };
  const point = db.prepare(
    `INSERT INTO connection_points (id, site_id, position, name, kind, inside_zone, outside_zone, peer, purpose, medium, medium_note, managed_by,
       managed_by_party, needed, necessity_reason, removal_plan, removal_date, no_defence_reason, created_at, updated_at, updated_by)
     VALUES (?, ?, ?, ?, ?, ?, 'external', ?, ?, ?, ?, ?, ?, 1, ?, '', NULL, '', ?, ?, ?)`,
  );
  point.run(points.lte, siteId, 0, '遠隔監視回線（LTE）', 'remote_monitoring', 'monitoring', 'ソーラー監視センター', '発電量・警報の遠隔監視', 'lte', '閉域SIM', 'ソーラー監視センター株式会社', parties.monitoring, '発電停止の即時検知に必要', at, at, by);
  point.run(points.vpn, siteId, 1, '保守用リモートアクセス（VPN）', 'maintenance_access', 'monitoring', '太陽光メンテ株式会社', 'PCS 設定変更・ログ回収', 'internet_vpn', '', '太陽光メンテ株式会社', parties.maintenance, '遠隔保守のため', at, at, by);
  point.run(points.output, siteId, 2, '出力制御回線', 'power_company', 'control', '電力会社 出力制御サーバ', '出力制御スケジュールの受信', 'closed_carrier', '電力会社指定の閉域網', '電力会社', null, '系統連系の要件', at, at, by);
  const end = db.prepare('INSERT INTO connection_point_ends (point_id, side, asset_id) VALUES (?, ?, ?)');
  end.run(points.lte, 'inside', 'RT-01');
  end.run(points.lte, 'inside', 'MON-01');
  end.run(points.vpn, 'inside', 'VPN-01');
  end.run(points.output, 'inside', 'OCT-01');

  const defences = { lteFirewall: id(), lteAllowList: id(), vpnAuth: id(), vpnDisconnect: id(), outputClosed: id() };
  const defence = db.prepare('INSERT INTO connection_point_defences (id, point_id, position, kind, note) VALUES (?, ?, ?, ?, ?)');
  defence.run(defences.lteFirewall, points.lte, 0, 'firewall', 'ルーター内蔵FWで監視センター以外を遮断');
  defence.run(defences.lteAllowList, points.lte, 1, 'allow_list', '閉域SIMの接続先を監視センターに限定');
  defence.run(defences.vpnAuth, points.vpn, 0, 'authentication', '証明書＋ワンタイムパスワード');
  defence.run(defences.vpnDisconnect, points.vpn, 1, 'disconnected_when_unused', '作業日以外はLANケーブルを抜く');
  defence.run(defences.outputClosed, points.output, 0, 'closed_network', '電力会社の閉域網');
  return { parties, points, defences };
}

/**
 * A real data folder per test: a 区分A solar plant (grid-connected, selling
 * surplus, remotely monitored) with an open checklist round, its ledger
 * imported from an xlsx, and — unless `seed: false` — the registers above.
 */
export function registersKit(prefix: string) {
  const dirs = tempDirs(prefix);
  const opened: Core[] = [];
  const start = new Date('2026-11-01T00:00:00.000Z');
  let clock = start;
  return {
    dirs,
    setClock(date: Date) {
      clock = date;
    },
    async open(options: { seed?: boolean; ledger?: readonly (readonly string[])[] } = {}) {
      const core = openCore({ dataDir: dirs.make(), now: () => clock });
      setUpNames(core);
      opened.push(core);
      const { site, round } = siteWithRound(core, 'A', { name: '第一太陽光発電所' });
      if (!round) throw new Error('a 区分A site has a round');
      await importSolarLedger(core, site.id, dirs.make(), options.ledger);
      const seeded = options.seed === false ? null : seedSolarRegisters(core.db, site.id, clock);
      return { core, siteId: site.id, roundId: round.id, seeded };
    },
    cleanup() {
      for (const core of opened.splice(0)) if (core.db.open) core.close();
      dirs.cleanup();
      clock = start;
    },
  };
}

/**
 * One party in the 体制 register, for tests that record 2-1 or 2-2 as 実施済
 * on a site that has no other register entry: an item backed by a register
 * is not 実施済 while the register is empty (issue 14).
 */
export function recordOwner(db: Database.Database, siteId: string, now = new Date('2025-04-01T00:00:00Z'), by = 'テスト担当'): string {
  const id = randomUUID();
  db.prepare(
    `INSERT INTO register_parties (id, site_id, position, role, title, person_name, organisation, department, phone, phone_after_hours, email,
       responsibilities_json, responsibility_note, reports_to, created_at, updated_at, updated_by)
     VALUES (?, ?, 0, 'owner', '', '', '株式会社テスト', '', '', '', '', '["overall","roles"]', '', NULL, ?, ?, ?)`,
  ).run(id, siteId, now.toISOString(), now.toISOString(), by);
  return id;
}
