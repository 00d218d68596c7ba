import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { advisoryGlances } from '../../../electron/core/advisories/advisory-glance';
import { importAdvisoryTexts } from '../../../electron/core/advisories/advisory-store';
import { decideTriage } from '../../../electron/core/advisories/triage-decide';
import { triageDecisionSchema } from '../../../electron/core/advisories/triage-schema';
import { overview } from '../../../electron/core/checklist/dashboard';
import type { Core } from '../../../electron/core/core';
import { updateSettings } from '../../../electron/core/settings/settings-repository';
import { gatherReport } from '../../../electron/core/report/report-data';
import { printReportPdf } from '../../../electron/core/report/report-pdf';
import { reportInputSchema } from '../../../electron/core/report/report-schema';
import { reportWorkbook } from '../../../electron/core/report/report-xlsx';
import { importLedger } from '../advisories/matching-fixture';
import { openTestCore, siteWithRound } from '../checklist/checklist-fixture';
import { SAMPLE_ADVISORIES } from '../helpers/csaf';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-report-advisories-');
const NOW = new Date('2025-06-30T03:00:00.000Z');
/** Decisions are made a month before NOW: a review date then ahead has passed by NOW. */
const DECIDED = new Date('2025-05-20T03:00:00.000Z');
let clock = NOW;
const CHROMIUM = '/usr/bin/chromium';
let core: Core;

beforeEach(() => {
  clock = NOW;
  core = openTestCore(dirs.make(), () => clock);
  updateSettings(core.db, { userName: '山田' }, NOW);
});
afterEach(() => core.close());
afterAll(() => dirs.cleanup());

/** A site whose Japanese ledger meets three advisories: one pair 影響なし, one リスク受容 past its review date, one 対応中, the rest undecided. */
async function seed(name = '北関東ソーラー発電所') {
  const { site } = siteWithRound(core, 'A', { name });
  await importLedger(core, site.id, dirs.make(), [
    ['管理番号', '機器名', 'メーカー', '型番', 'OS/ファームウェア', 'バージョン'],
    ['PLC-001', '受電監視PLC', '三菱電機株式会社', 'R04ENCPU', '', 'Ver.1.050C'],
    ['PLC-010', '太陽光PCS制御', 'ｵﾑﾛﾝ', 'NX1P2-9024DT', '', '1.48'],
    ['NW-001', '制御LANルーター', 'Moxa', 'EDR-810', '', '9.70'],
    ['DCS-001', '分散制御', '横河電機株式会社', 'CENTUM VP', '', '4.0.11.0'],
  ]);
  const docs = [SAMPLE_ADVISORIES.melsec(), SAMPLE_ADVISORIES.omron(), SAMPLE_ADVISORIES.moxa(), SAMPLE_ADVISORIES.yokogawa()];
  const report = await importAdvisoryTexts(core, docs.map((d, i) => ({ file: `doc-${i}.json`, text: JSON.stringify(d) })));
  expect(report.counts.refused).toBe(0);
  const decide = (input: Record<string, unknown>) => decideTriage(core, triageDecisionSchema.parse({ siteId: site.id, ...input }), '山田');
  clock = DECIDED;
  decide({ assetId: 'PLC-001', advisoryId: 'ICSA-20-212-02', status: 'not_affected', reasonCode: 'function_not_used', note: 'Ethernet 機能は使っていない' });
  decide({ assetId: 'NW-001', advisoryId: 'ICSA-24-011-01', status: 'risk_accepted', compensatingControl: '制御LANを物理的に分離し、保守時のみ接続', dueOn: '2025-06-01' });
  decide({ assetId: 'DCS-001', advisoryId: 'ICSA-23-047-01', status: 'in_progress', dueOn: '2025-09-30' });
  clock = NOW;
  return site;
}

const input = (siteId: string, language: 'ja' | 'en') => reportInputSchema.parse({ siteId, from: '2025-04-01', to: '2025-06-30', language });

describe('advisories in the report and on the dashboards', () => {
  it('[#13.4] the report has a section on 8-4: decisions by state, the highest CVSS open, the open items past their date, and every match with its decision — in the workbook (ja and en)', async () => {
    const site = await seed();
    const data = gatherReport(core, input(site.id, 'ja'));
    expect(data.advisories.overdue.map((m) => [m.assetId, m.triage])).toEqual([['NW-001', 'risk_accepted']]);
    expect(data.advisories.glance.counts).toMatchObject({ not_affected: 1, risk_accepted: 1, in_progress: 1 });

    for (const [language, sheetName, words] of [
      ['ja', '脆弱性', ['影響なし', 'リスク受容（期限超過）', '補償策: 制御LANを物理的に分離し、保守時のみ接続', '理由: 該当機能を使用していない', '見直し日']],
      ['en', 'Vulnerabilities', ['Not affected', 'Risk accepted (past its date)', 'Compensating control: 制御LANを物理的に分離し、保守時のみ接続', 'Review ']],
    ] as const) {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(await reportWorkbook(gatherReport(core, input(site.id, language)), language));
      const sheet = wb.getWorksheet(sheetName)!;
      const rows: string[][] = [];
      sheet.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
      expect(rows.length - 1).toBe(data.advisories.matches.length);
      const text = rows.flat().join('\n');
      for (const w of words) expect(text, `${language}: ${w}`).toContain(w);
      // The overdue row is red, so it stands out on screen as the PDF's row-bad does.
      const overdue = rows.findIndex((r) => r[0] === 'NW-001') + 1;
      expect((sheet.getRow(overdue).getCell(1).fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFDECEA');
    }
  });

  it.skipIf(!fs.existsSync(CHROMIUM))('[#13.4] the PDF prints the section in ja and en, the overdue リスク受容 among the open items past their date', async () => {
    const site = await seed();
    const shots = path.resolve(__dirname, '../../../out/screenshots');
    fs.mkdirSync(shots, { recursive: true });
    for (const language of ['ja', 'en'] as const) {
      const pdf = path.join(dirs.make(), `report-${language}.pdf`);
      await printReportPdf(gatherReport(core, input(site.id, language)), language, core.resourcesDir, CHROMIUM, pdf);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      if (language === 'ja') {
        expect(text).toContain('脆弱性情報への対応（8-4）');
        expect(text).toMatch(/期限を過ぎた未完了の項目（1 件）/);
        expect(text).toMatch(/NW-001.*ICSA-24-011-01/);
        expect(text).toContain('リスク受容（期限超過）');
      } else {
        expect(text).toContain('Vulnerability handling (8-4)');
        expect(text).toContain('Open items past their date (1)');
      }
      // The pages with the section, kept for a person to look at: out/screenshots/report-advisories-<lang>-<n>.png.
      const pages = text.split('\f');
      const first = pages.findIndex((p) => p.includes(language === 'ja' ? '脆弱性情報への対応' : 'Vulnerability handling')) + 1;
      execFileSync('pdftoppm', ['-png', '-r', '60', '-f', String(first), '-l', String(first + 1), pdf, path.join(shots, `report-advisories-${language}`)]);
    }
  });

  it('[#13.4] the all-sites dashboard counts each site\'s matches by state with the highest CVSS open in one query over all sites, and makes a site\'s summary again only when its decisions or devices change', async () => {
    const a = await seed('北関東ソーラー発電所');
    const b = await seed('南関東変電所');
    const first = advisoryGlances(core);
    // Open: the undecided OMRON pair (CVSS 9.8), 対応中 (5.3), and the リスク受容 past its review date (7.5).
    expect(first.get(a.id)).toEqual({ counts: { open: 1, affected: 0, not_affected: 1, in_progress: 1, resolved: 0, risk_accepted: 1 }, open: 3, highestOpenCvss: 9.8 });

    // Read again: the stored summaries, a fixed few statements whatever the number of sites (no matching, no per-site query).
    const prepare = vi.spyOn(core.db, 'prepare');
    const rows = overview(core.db, NOW, new Map(), advisoryGlances(core));
    const statements = prepare.mock.calls.length;
    prepare.mockRestore();
    expect(rows.map((r) => r.advisories)).toEqual([first.get(a.id), first.get(b.id)]);
    // (overview itself reads rounds per site as before; count only the glance's own reads.)
    const glanceOnly = vi.spyOn(core.db, 'prepare');
    advisoryGlances(core);
    // The shared stamp (with the time zone for today's date) and one select over all sites.
    expect(glanceOnly.mock.calls.map((c) => String(c[0]).replace(/\s+/g, ' ').slice(0, 40))).toHaveLength(3);
    glanceOnly.mockRestore();
    expect(statements).toBeGreaterThan(2);

    // A decision at one site makes that site's summary stale, and only that one.
    decideTriage(core, triageDecisionSchema.parse({ siteId: b.id, assetId: 'PLC-010', advisoryId: 'ICSA-22-179-02', status: 'affected' }), '山田');
    const after = advisoryGlances(core);
    expect(after.get(a.id)).toEqual(first.get(a.id));
    expect(after.get(b.id)).toEqual({ counts: { open: 0, affected: 1, not_affected: 1, in_progress: 1, resolved: 0, risk_accepted: 1 }, open: 3, highestOpenCvss: 9.8 });
  });
});
