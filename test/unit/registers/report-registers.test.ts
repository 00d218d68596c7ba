import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { storeEvidenceBytes } from '../../../electron/core/evidence/evidence-store';
import { gatherReport } from '../../../electron/core/report/report-data';
import { reportHtml } from '../../../electron/core/report/report-html';
import { printReportPdf } from '../../../electron/core/report/report-pdf';
import { registerFigures } from '../../../electron/core/report/register-section';
import { reportInputSchema } from '../../../electron/core/report/report-schema';
import { reportWorkbook } from '../../../electron/core/report/report-xlsx';
import { registersKit, type SeededRegisters } from '../helpers/registers';

/** Issue 14, part 6: the registers in the inspector's report (xlsx sheets, HTML/PDF sections with both drawings). */

const kit = registersKit('hoan-registers-report-');
afterEach(() => kit.cleanup());
const CHROMIUM = '/usr/bin/chromium';

const input = (siteId: string, language: 'ja' | 'en') => reportInputSchema.parse({ siteId, from: '2026-04-01', to: '2026-11-30', language });

/** The firewall's settings sheet as the LTE point's evidence, stored as every evidence file is. */
async function withEvidence(core: Core, seeded: SeededRegisters) {
  const stored = await storeEvidenceBytes(core, Buffer.from('RT-01 filter: allow 203.0.113.10 only\n'), 'ルーター設定.txt');
  core.db
    .prepare("INSERT INTO connection_defence_evidence (defence_id, sha256, file_name, attached_at, attached_by) VALUES (?, ?, 'ルーター設定.txt', '2026-11-01T00:00:00.000Z', 'テスト担当')")
    .run(seeded.defences.lteFirewall, stored.sha256);
  return stored.sha256;
}

async function sheets(core: Core, siteId: string, language: 'ja' | 'en') {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await reportWorkbook(gatherReport(core, input(siteId, language)), language));
  const rows = (name: string) => {
    const sheet = wb.getWorksheet(name);
    if (!sheet) throw new Error(`no sheet ${name}: ${wb.worksheets.map((w) => w.name).join(', ')}`);
    const out: string[][] = [];
    sheet.eachRow((r) => void out.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    return out;
  };
  return { names: wb.worksheets.map((w) => w.name), rows, wb };
}

describe('[#14.4] the registers in the report workbook', () => {
  it('[#14.4] holds the sheets 体制, 連絡体制 (ending with the 産業保安監督部 and its phone) and 接続点 (one row per point with devices, line, manager, necessity, defences and their evidence with SHA-256)', async () => {
    const { core, siteId, seeded } = await kit.open();
    const sha = await withEvidence(core, seeded!);
    const { names, rows } = await sheets(core, siteId, 'ja');
    expect(names).toEqual(['表紙', 'チェックリスト', 'リスク評価', '外部記憶媒体', '機器台帳', '脆弱性', '体制', '連絡体制', '接続点', 'バンドル']);

    const org = rows('体制');
    expect(org[0]).toEqual(['役割', '氏名・役職', '組織・部署', '電話', '時間外の電話', 'メール', '担当', '報告先']);
    expect(org.slice(1).map((r) => r[0])).toEqual(['設置者', 'セキュリティ責任者', '外部委託先（電気管理技術者）', '保守会社', '監視サービス事業者', 'メーカー窓口']);
    expect(org[2]).toEqual([
      'セキュリティ責任者',
      '佐藤 花子（発電所長）',
      '株式会社テスト 発電事業部',
      '043-111-2222',
      '090-1111-2222',
      'hanako.sato@example.co.jp',
      '役割の割当て（2-2） ／ 文書管理・実施状況の報告（3-1, 3-2） ／ 事故対応体制（10-2） ／ 事故の報告と情報共有（10-1, 10-3）\n年1回の点検計画を承認する',
      '山田 太郎（代表取締役）',
    ]);

    const contacts = rows('連絡体制');
    expect(contacts.slice(1).map((r) => [r[0], r[1], r[2]!.split('\n')[0]])).toEqual([
      ['1', 'セキュリティ責任者', '佐藤 花子（発電所長）'],
      ['2', '外部委託先（電気管理技術者）', '鈴木 一郎（電気管理技術者）'],
      ['3', '監視サービス事業者', 'ソーラー監視センター株式会社'],
      ['4', '設置者', '山田 太郎（代表取締役）'],
      ['5', '所轄の産業保安監督部', '関東東北産業保安監督部 電力安全課'],
    ]);
    expect(contacts.at(-1)![3]).toMatch(/^0\d{1,4}-\d{1,4}-\d{3,4}$/);
    expect(contacts[3]![5]).toBe('夜間・休日');

    const points = rows('接続点');
    expect(points.length).toBe(4);
    const [lte, vpn, output] = points.slice(1) as [string[], string[], string[]];
    expect(lte[0]).toBe('遠隔監視回線（LTE）\n遠隔監視回線');
    expect(lte[1]).toBe('監視 ↔ 外部');
    expect(lte[3]).toBe('構内: MON-01 遠隔監視装置 ／ RT-01 LTEルーター');
    expect(lte[4]).toBe('LTE（モバイルルーター）\n閉域SIM');
    expect(lte[5]).toContain('ソーラー監視センター株式会社');
    expect(lte[6]).toBe('必要\n発電停止の即時検知に必要');
    expect(lte[7]).toBe('ファイアウォール: ルーター内蔵FWで監視センター以外を遮断\n接続先の限定: 閉域SIMの接続先を監視センターに限定');
    expect(lte[8]).toBe(`ファイアウォール: ルーター設定.txt sha256:${sha}`);
    expect(vpn[4]).toContain('インターネットVPN');
    expect(vpn[7]).toContain('不使用時の物理切断: 作業日以外はLANケーブルを抜く');
    expect(output[7]).toBe('閉域網: 電力会社の閉域網');
  });

  it('[#14.4] marks a point with no defence and no reason, a device the inventory lacks, and a point to be removed with its plan', async () => {
    const { core, siteId, seeded } = await kit.open();
    core.db.prepare('DELETE FROM connection_point_defences WHERE point_id = ?').run(seeded!.points.vpn);
    core.db.prepare("INSERT INTO connection_point_ends (point_id, side, asset_id) VALUES (?, 'outside', 'GW-99')").run(seeded!.points.output);
    core.db.prepare("UPDATE connection_points SET needed = 0, removal_plan = '監視回線に統合', removal_date = '2027-03-31' WHERE id = ?").run(seeded!.points.output);
    const { rows, wb } = await sheets(core, siteId, 'ja');
    const points = rows('接続点');
    expect(points[2]![7]).toBe('防御策なし（理由の記録なし）');
    expect(points[3]![3]).toBe('構内: OCT-01 出力制御ユニット\n外部: GW-99（機器台帳にない）');
    expect(points[3]![6]).toBe('不要（撤去予定）\n系統連系の要件\n撤去計画: 監視回線に統合\n撤去予定日: 2027年3月31日');
    const fill = (row: number) => (wb.getWorksheet('接続点')!.getRow(row).getCell(1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
    expect([fill(2), fill(3), fill(4)]).toEqual([undefined, 'FFFFF4E0', 'FFFFF4E0']);
  });

  it('[#14.4] names its sheets and writes its words in English in an English report', async () => {
    const { core, siteId } = await kit.open();
    const { names, rows } = await sheets(core, siteId, 'en');
    expect(names.slice(6, 9)).toEqual(['Organisation', 'Contacts', 'Connection points']);
    expect(rows('Contacts').at(-1)!.slice(1, 3)).toEqual(['Competent regional safety inspection department', expect.stringContaining('Kanto')]);
    expect(rows('Connection points')[1]![6]).toBe('Needed\n発電停止の即時検知に必要');
  });
});

describe('[#14.4] the registers in the report HTML and PDF', () => {
  it('[#14.4] holds the three tables with the 体制図 and the network diagram inline, and a hostile name stays text', async () => {
    const { core, siteId, seeded } = await kit.open();
    core.db.prepare("UPDATE register_parties SET person_name = '<script>alert(1)</script>' WHERE id = ?").run(seeded!.parties.maintenance);
    core.db.prepare("UPDATE connection_points SET name = '\"><img src=x onerror=alert(1)>' WHERE id = ?").run(seeded!.points.vpn);
    const data = gatherReport(core, input(siteId, 'ja'));
    const html = reportHtml(data, 'ja', await registerFigures(data.registers, 'ja'));
    for (const heading of ['体制・役割（2-1, 2-2）', '事故時の連絡体制（10-2, 10-3）', '外部との接続点と防御策（6-2-2, 6-2-3）']) expect(html).toContain(heading);
    // Each drawing is an image of its SVG: it can run no script and style nothing around it.
    const drawing = (name: string) => {
      const m = new RegExp(`<figure class="report-figure ${name}"><img src="data:image/svg\\+xml;charset=utf-8,([^"]+)" alt="([^"]+)"><figcaption>`).exec(html);
      expect(m, name).not.toBeNull();
      return { svg: decodeURIComponent(m![1]!), alt: m![2] };
    };
    const org = drawing('report-org-chart');
    expect(org.alt).toBe('体制図');
    expect(org.svg).toMatch(/^<svg[\s\S]*佐藤 花子[\s\S]*<\/svg>$/);
    expect(org.svg).toContain('&lt;script&gt;');
    const diagram = drawing('report-network-diagram');
    expect(diagram.alt).toBe('ネットワーク構成図');
    expect(diagram.svg).toContain('保守用VPN装置');
    expect(diagram.svg).not.toMatch(/<script|<img/);
    expect(html).toContain('関東東北産業保安監督部');
    expect(html).toContain('保守用VPN装置');
    expect(html).not.toMatch(/<script|<img src=x/);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it.skipIf(!fs.existsSync(CHROMIUM))('[#14.4] the PDF prints the sections with both drawings, in ja and en', async () => {
    const { core, siteId, seeded } = await kit.open();
    await withEvidence(core, seeded!);
    const shots = path.resolve(__dirname, '../../../out/screenshots');
    fs.mkdirSync(shots, { recursive: true });
    for (const language of ['ja', 'en'] as const) {
      const pdf = path.join(kit.dirs.make(), `report-${language}.pdf`);
      await printReportPdf(gatherReport(core, input(siteId, language)), language, core.resourcesDir, CHROMIUM, pdf);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      const pages = text.split('\f');
      const first = pages.findIndex((p) => p.includes(language === 'ja' ? '体制・役割（2-1, 2-2）' : 'Organisation and roles (2-1, 2-2)')) + 1;
      const diagram = pages.findIndex((p) => p.includes(language === 'ja' ? 'ネットワーク構成図' : 'Network diagram')) + 1;
      expect(first).toBeGreaterThan(0);
      expect(diagram).toBeGreaterThanOrEqual(first);
      expect(text).toContain(language === 'ja' ? '関東東北産業保安監督部' : 'Kanto');
      expect(text).toContain('遠隔監視回線（LTE）');
      // The pages of the sections, for a person to look at: out/screenshots/report-registers-<lang>-<n>.png.
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(first), '-l', String(diagram + 1), pdf, path.join(shots, `report-registers-${language}`)]);
    }
  });
});
