import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli';
import { updateDecision } from '../../../electron/core/checklist/item-repository';
import { createRisk } from '../../../electron/core/checklist/risk-repository';
import { riskFieldsSchema } from '../../../electron/core/checklist/risk-schema';
import type { Core } from '../../../electron/core/core';
import { storeEvidenceBytes } from '../../../electron/core/evidence/evidence-store';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { createMedium } from '../../../electron/core/media/media-registry';
import { checkInSchema, mediumFieldsSchema } from '../../../electron/core/media/media-schema';
import { saveProvision } from '../../../electron/core/regulation/provision-repository';
import { gatherReport } from '../../../electron/core/report/report-data';
import { reportHtml } from '../../../electron/core/report/report-html';
import { reportInputSchema } from '../../../electron/core/report/report-schema';
import { reportWorkbook } from '../../../electron/core/report/report-xlsx';
import { decision, openTestCore, siteWithRound } from '../checklist/checklist-fixture';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-report-');
const NOW = new Date('2025-06-30T03:00:00.000Z');
let dataDir: string;
let core: Core;

beforeEach(() => {
  dataDir = dirs.make();
  core = openTestCore(dataDir, () => NOW);
});
afterEach(() => {
  core.close();
  dirs.cleanup();
});


/** A 区分A site with decisions, a risk, two media check-ins (one an exception), two devices (one checked) and an adopted article. */
async function seed() {
  const { site, round } = siteWithRound(core, 'A', { name: '北関東<ソーラー>発電所', ownerName: '北関東エネルギー株式会社' });
  updateDecision(core.db, round!.id, '8-1-3', decision({ status: 'implemented' }), '山田', NOW);
  updateDecision(core.db, round!.id, '6-2-2', decision({ status: 'not_implemented', reason: 'VPN残存', remediationPlan: 'VPN廃止', remediationDate: '2025-12-31' }), '山田', NOW);
  createRisk(core.db, round!.id, riskFieldsSchema.parse({ assetType: 'media', assetName: '保守用USB', threat: 'malware_media', likelihood: 3, impact: 4 }), '山田', NOW);
  const medium = createMedium(core.db, site.id, mediumFieldsSchema.parse({ controlNo: 'USB-001', type: 'usb_stick' }), NOW, '山田');
  const cert = await storeEvidenceBytes(core, Buffer.from('scan certificate'), 'cert.pdf');
  recordCheckIn(core, checkInSchema.parse({ siteId: site.id, mediumId: medium.id, person: '佐藤', company: '保守会社A', purpose: 'ログ回収', targets: ['監視PC'], method: 'prior_evidence', prior: { sha256: cert.sha256, name: 'cert.pdf', scanDate: '2025-06-29', tool: 'ClamAV', signatureVersion: '27000', result: 'clean' } }), '山田');
  recordCheckIn(core, checkInSchema.parse({ siteId: site.id, mediumId: medium.id, person: '鈴木', company: '保守会社B', purpose: '設定変更', targets: ['制御盤'], method: 'none', exception: { reason: '緊急の復旧作業', approver: '電気主任技術者 山田' } }), '山田');
  saveProvision(core.db, { siteId: site.id, text: '第○条　…', responsible: '山田', adoptedOn: '2025-04-01' }, '山田', NOW);
  core.close();
  const csv = path.join(dirs.make(), 'devices.csv');
  fs.writeFileSync(csv, '管理番号,機器名,設置場所,ソフトウェアバージョン\nPC-01,監視PC,電気室,1.2\nPLC-01,制御盤,電気室,3.0\n');
  expect((await runCli(['inventory', 'import', csv, '--site', site.id, '--data-dir', dataDir])).code).toBe(0);
  core = openTestCore(dataDir, () => NOW);
  const pc = core.db.prepare("SELECT id FROM devices WHERE asset_id = 'PC-01'").get() as { id: string };
  const { recordCheck } = await import('../../../electron/core/inventory/device-checks');
  recordCheck(core.db, { siteId: site.id, deviceId: pc.id, status: 'confirmed', checkedOn: '2025-06-30', newLocation: '', note: '' }, '山田', NOW);
  return { site, round: round! };
}

const input = (siteId: string, language: 'ja' | 'en' = 'ja') => reportInputSchema.parse({ siteId, from: '2025-04-01', to: '2025-06-30', language });

describe("the inspector's report", () => {
  it('gathers the period: round, risks, check-ins with exceptions, devices, adopted article', async () => {
    const { site, round } = await seed();
    const data = gatherReport(core, input(site.id));
    expect(data.assessment!.round.id).toBe(round.id);
    expect([...data.media.checkIns.batches()].flat().map((c) => c.entry.person)).toEqual(['佐藤', '鈴木']);
    expect(data.media.checkIns.count).toBe(2);
    expect(data.media.exceptions.map((e) => e.exceptionReason)).toEqual(['緊急の復旧作業']);
    expect(data.media.verify.ok).toBe(true);
    expect(data.devices.map((d) => [d.assetId, d.lastCheck?.status ?? null])).toEqual([['PC-01', 'confirmed'], ['PLC-01', null]]);
    expect(data.provision?.adoptedOn).toBe('2025-04-01');
    // A period before anything happened shows no check-ins.
    expect(gatherReport(core, reportInputSchema.parse({ siteId: site.id, from: '2024-04-01', to: '2024-06-30' })).media.checkIns.count).toBe(0);
  });

  it('is one workbook: cover, checklist, risks, media (exceptions highlighted), inventory, bundles', async () => {
    const { site } = await seed();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await reportWorkbook(gatherReport(core, input(site.id))));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['表紙', 'チェックリスト', 'リスク評価', '外部記憶媒体', '機器台帳', '脆弱性', '体制', '連絡体制', '接続点', 'バンドル']);
    const cover = new Map<string, string>();
    wb.getWorksheet('表紙')!.eachRow((r) => cover.set(String(r.getCell(1).value), String(r.getCell(2).value ?? '')));
    expect(cover.get('事業場')).toBe('北関東<ソーラー>発電所');
    expect(cover.get('区分と理由')).toBe('区分A: 遠隔監視システムと制御システムがある、発電設備で余剰電力を系統へ逆潮流（売電）している');
    expect(cover.get('不適合')).toBe('1');
    expect(cover.get('未検討')).toBe('30');
    expect(cover.get('勧告的事項の適合')).toBe('1 / 5');
    expect(cover.get('例外として許可した外部記憶媒体（1 件）')).toContain('緊急の復旧作業');
    expect(cover.get('保安規程の条項')).toBe('2025年4月1日 採用');
    expect(wb.getWorksheet('チェックリスト')!.rowCount).toBe(33);
    expect(wb.getWorksheet('リスク評価')!.getRow(2).getCell(1).value).toBe('保守用USB（外部記憶媒体・可搬機器）');
    const media = wb.getWorksheet('外部記憶媒体')!;
    expect(media.rowCount).toBe(3);
    const exceptionRow = media.getRow(3);
    expect(exceptionRow.getCell(4).value).toBe('鈴木');
    expect((exceptionRow.getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF4E0');
    const inventory = wb.getWorksheet('機器台帳')!;
    expect([inventory.getRow(2).getCell(1).value, inventory.getRow(2).getCell(7).value, inventory.getRow(2).getCell(8).value]).toEqual(['PC-01', '確認済み', '2025年6月30日']);
    expect([inventory.getRow(3).getCell(1).value, inventory.getRow(3).getCell(7).value]).toEqual(['PLC-01', '未確認']);
    expect((inventory.getRow(3).getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFF4E0');
  });

  it('as HTML escapes user text and marks nonconforming items and exceptions, in either language', async () => {
    const { site } = await seed();
    const html = reportHtml(gatherReport(core, input(site.id)), 'ja');
    expect(html).toContain('<h1>北関東&lt;ソーラー&gt;発電所</h1>');
    expect(html).not.toContain('<ソーラー>');
    expect(html).toMatch(/<tr class="row-bad"><td[^>]*>6-2-2 接続点の最小化<\/td>/);
    expect(html).toMatch(/<tr class="row-warn"><td[^>]*>(<span class="word">[^<]+<\/span> ?)+<\/td><td[^>]*>USB-001<\/td><td>鈴木（保守会社B）<\/td>/);
    expect(html).not.toMatch(/<script|style=/);
    const en = reportHtml(gatherReport(core, input(site.id, 'en')), 'en');
    expect(en).toContain('Removable-media log (in the period)');
    expect(en).toContain('鈴木 (保守会社B)');
  });

  it('[#11.4] counts 一部実施 and 未実施 of 勧告 items by 実施状況, and 不適合 apart, in the HTML and the workbook', async () => {
    const { site, round } = await seed();
    // seed(): 8-1-3 実施済, 6-2-2 (勧告) 未実施. Add a 勧告 item 一部実施 and a 推奨 item 未実施.
    updateDecision(core.db, round.id, '2-2', decision({ status: 'partial', reason: '体制図が未更新', remediationPlan: '体制図を更新', remediationDate: '2025-09-30' }), '山田', NOW);
    updateDecision(core.db, round.id, '2-3', decision({ status: 'not_implemented', necessity: 'unnecessary', reason: '要員1名のため見送り' }), '山田', NOW);
    const data = gatherReport(core, input(site.id));
    const html = reportHtml(data, 'ja');
    const untag = (fragment: string) => fragment.replace(/<[^>]+>/g, '');
    /** A one-row table after its heading, as header → value. */
    const tableAfter = (heading: string) => {
      const part = html.slice(html.indexOf(`${heading}</h2>`));
      const cells = (tag: string) => [...part.slice(0, part.indexOf('</table>')).matchAll(new RegExp(`<${tag}[^>]*>(.*?)</${tag}>`, 'g'))].map((m) => untag(m[1]!));
      const head = cells('th');
      const body = cells('td');
      return Object.fromEntries(head.map((h, i) => [h, body[i]]));
    };
    // Found by the end of its heading, which was 状況の内訳 before the two were told apart.
    expect(tableAfter('状況の内訳')).toEqual({ 項目数: '32', 実施済: '1', 一部実施: '1', 未実施: '2', 該当なし: '0', 未検討: '28' });
    expect(tableAfter('適合判定（勧告的事項）')).toEqual({ 勧告的事項: '5', 適合: '1', 不適合: '2', 未判定: '2' });
    // The checklist: 実施状況 and 適合判定 side by side.
    const row = (id: string) => new RegExp(`<td[^>]*>${id} [^<]+</td><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td><td[^>]*>(.*?)</td>`).exec(html)!.slice(1).map((c) => untag(c!));
    expect(row('2-2')).toEqual(['勧告', '一部実施', '不適合']);
    expect(row('6-2-2')).toEqual(['勧告', '未実施', '不適合']);
    expect(row('8-1-3')).toEqual(['勧告', '実施済', '適合']);
    expect(row('2-3')).toEqual(['推奨', '未実施', '対象外']);
    expect(row('2-1')).toEqual(['勧告', '未検討', '未判定']);
    const en = reportHtml(data, 'en');
    expect(en).toContain('<h2>Items by status</h2>');
    expect(en).toContain('<h2>Conformity (mandatory items)</h2>');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await reportWorkbook(data));
    const cover = new Map<string, unknown>();
    wb.getWorksheet('表紙')!.eachRow((r) => cover.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(['項目数', '実施済', '一部実施', '未実施', '該当なし', '未検討', '勧告的事項の適合', '不適合', '未判定'].map((k) => cover.get(k))).toEqual([32, 1, 1, 2, 0, 28, '1 / 5', 2, 2]);
    const sheet = wb.getWorksheet('チェックリスト')!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    const find = (id: string) => {
      let found: unknown[] = [];
      sheet.eachRow((r) => {
        if (String(r.getCell(2).value).startsWith(`${id} `)) found = [r.getCell(headers.indexOf('実施状況') + 1).value, r.getCell(headers.indexOf('適合判定') + 1).value];
      });
      return found;
    };
    expect([find('2-2'), find('6-2-2'), find('2-3')]).toEqual([['一部実施', '不適合'], ['未実施', '不適合'], ['未実施', '対象外']]);
  });

  it('refuses a reversed period', () => {
    const parsed = reportInputSchema.safeParse({ siteId: '00000000-0000-4000-8000-000000000000', from: '2025-06-30', to: '2025-04-01' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.message)).toEqual(['errors.report.periodReversed']);
  });
});

describe('hoan report (CLI)', () => {
  it('writes the workbook and an A4 PDF with page numbers, printed by Chromium', async () => {
    const { site } = await seed();
    core.close();
    const out = dirs.make();
    const xlsx = path.join(out, 'report.xlsx');
    const pdf = path.join(out, 'report.pdf');
    const { code, stderr } = await runCli(['report', '--site', site.id, '--from', '2025-04-01', '--to', '2025-06-30', '--xlsx', xlsx, '--pdf', pdf, '--data-dir', dataDir]);
    core = openTestCore(dataDir, () => NOW);
    expect(code, stderr).toBe(0);
    expect(fs.readFileSync(xlsx).subarray(0, 2).toString()).toBe('PK');
    expect(fs.readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const { execFileSync } = await import('node:child_process');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThanOrEqual(5);
    // A4 is 595 × 842 points.
    expect(info).toMatch(/Page size:\s+[\d.]+ x [\d.]+ pts \(A4\)/);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('北関東<ソーラー>発電所');
    expect(text).toContain('緊急の復旧作業');
    expect(text).toMatch(/1\s*\/\s*\d+/);
    // Kept for a person to look at: out/screenshots/report-page-1.png.
    const shots = path.resolve(__dirname, '../../../out/screenshots');
    fs.mkdirSync(shots, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '3', pdf, path.join(shots, 'report-page')]);
  });

  it('[#11.3] prints status words, item numbers and dates whole: pdftotext -layout of the PDF shows 不適合, 未検討 and a date (2027年3月31日) unbroken', async () => {
    const { site, round } = await seed();
    // A year's worth of long reasons and plans, which squeezed the narrow columns to one character a line.
    const long = '保守会社のVPN経由で月1回リモート保守を受けており、接続の都度電気主任技術者が承認しているが、手順書が未整備のため来年度に整備する予定である';
    const plan = { reason: long, remediationPlan: 'VPNを1本に集約し、接続の都度の承認記録を残す。UTMを導入して通信を記録する', remediationDate: '2027-03-31' };
    updateDecision(core.db, round.id, '2-2', decision({ status: 'partial', ...plan }), '山田', NOW);
    updateDecision(core.db, round.id, '6-2-2', decision({ status: 'not_implemented', ...plan }), '山田', NOW);
    updateDecision(core.db, round.id, '2-3', decision({ status: 'not_implemented', necessity: 'unnecessary', reason: long, targetDate: '2027-03-31' }), '山田', NOW);
    updateDecision(core.db, round.id, '3-1', decision({ status: 'partial', reason: long, measures: long, targetDate: '2027-03-31' }), '山田', NOW);
    core.close();
    const out = dirs.make();
    const pdf = path.join(out, 'report.pdf');
    const { code, stderr } = await runCli(['report', '--site', site.id, '--from', '2025-04-01', '--to', '2025-06-30', '--xlsx', path.join(out, 'report.xlsx'), '--pdf', pdf, '--data-dir', dataDir]);
    core = openTestCore(dataDir, () => NOW);
    expect(code, stderr).toBe(0);
    const { execFileSync } = await import('node:child_process');
    const lines = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\n');
    // A checklist row's first line carries the first line of every cell: number, level, 実施状況, 適合判定 … 期限.
    // (The cover's list of 未検討 items, separated by ／, is not a row.)
    const row = (id: string) => lines.find((l) => l.trimStart().startsWith(`${id} `) && !l.includes('／')) ?? `(no line starts with ${id})`;
    expect(row('2-2')).toMatch(/\s勧告\s+一部実施\s+不適合\s.*\s2027年3月31日\s*$/);
    expect(row('6-2-2')).toMatch(/\s勧告\s+未実施\s+不適合\s.*\s2027年3月31日\s*$/);
    expect(row('2-3')).toMatch(/\s推奨\s+未実施\s+対象外\s.*\s2027年3月31日\s*$/);
    expect(row('3-1')).toMatch(/\s推奨\s+一部実施\s+対象外\s.*\s2027年3月31日\s*$/);
    expect(row('8-1-3')).toMatch(/\s勧告\s+実施済\s+適合(\s|$)/);
    const unconsidered = gatherReport(core, input(site.id)).assessment!.items.filter((i) => i.state === 'unconsidered');
    expect(unconsidered.length).toBe(27);
    for (const i of unconsidered) expect(row(i.id), i.id).toMatch(i.level === 'kankoku' ? /\s勧告\s+未検討\s+未判定(\s|$)/ : /\s推奨\s+未検討\s+対象外(\s|$)/);
    // Headers whole: 実施状況 and 適合判定 in the checklist, 発生可能性 and リスク値 in the risks.
    expect(lines.some((l) => /実施状況\s+適合判定/.test(l))).toBe(true);
    expect(lines.some((l) => /発生可能性\s.*リスク値\s+リスクレベル/.test(l))).toBe(true);
    // Kept for a person to look at: out/screenshots/report-layout-page-*.png.
    const shots = path.resolve(__dirname, '../../../out/screenshots');
    fs.mkdirSync(shots, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '60', pdf, path.join(shots, 'report-layout-page')]);
  });

  it('refuses a reversed period, naming the flag, and writes nothing', async () => {
    const { site } = await seed();
    core.close();
    const xlsx = path.join(dirs.make(), 'report.xlsx');
    const { code, stderr } = await runCli(['report', '--site', site.id, '--from', '2025-06-30', '--to', '2025-04-01', '--xlsx', xlsx, '--data-dir', dataDir]);
    core = openTestCore(dataDir, () => NOW);
    expect(code).toBe(3);
    expect(stderr).toContain('--to: 期間の終了は開始より後にしてください。');
    expect(fs.existsSync(xlsx)).toBe(false);
  });
});
