import { execFileSync } from 'node:child_process';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportBundle } from '../../../electron/core/bundle/export-bundle';
import { assessmentWorkbook } from '../../../electron/core/checklist/assessment-xlsx';
import { attachEvidence } from '../../../electron/core/checklist/item-repository';
import { getAssessment } from '../../../electron/core/checklist/round-repository';
import { translate } from '../../../electron/core/i18n/translate';
import { writeInventoryXlsx } from '../../../electron/core/inventory/inventory-export';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { exportLogXlsx } from '../../../electron/core/media/log-export';
import { checkInSchema } from '../../../electron/core/media/media-schema';
import { gatherReport } from '../../../electron/core/report/report-data';
import { reportInputSchema } from '../../../electron/core/report/report-schema';
import { reportWorkbook } from '../../../electron/core/report/report-xlsx';
import { installation, populatedSite, storeBytes, type PopulatedSite, type World } from '../bundle/bundle-world';
import { tempDirs } from '../helpers/temp-dir';

/** Excel's specifications and limits: characters in a cell, and in a page header. */
const EXCEL_CELL_MAX = 32_767;
const EXCEL_HEADER_MAX = 255;

const dirs = tempDirs('hoan-xlsx-limit-');
let w: World;
let seeded: PopulatedSite;
let mediumId: string;
/** What each workbook would hold in one cell without the limit. */
let evidenceText: string;
const longReason = 'x'.repeat(40_000);
const longDeviceName = '制御盤'.repeat(14_000);
const SITE_NAME = `A&B ${'北関東ソーラー'.repeat(28)}`;

const note = (locale: 'ja' | 'en') => translate(locale, 'app.workbook.cellCut', { max: '32,767' });

beforeAll(async () => {
  w = installation(dirs.make(), 'Site PC', '山田');
  seeded = await populatedSite(w, SITE_NAME);
  const { core } = w;
  // 130 evidence files with long names on one item: the checklist's evidence cell lists them all.
  for (let i = 0; i < 130; i++) {
    const name = `点検写真_${String(i).padStart(3, '0')}_${'受電設備キュービクル'.repeat(24)}.jpg`;
    attachEvidence(core.db, seeded.roundId, '2-1', { sha256: await storeBytes(core, `photo ${i}`, name), name }, '山田', core.now());
  }
  const item = getAssessment(core.db, seeded.roundId, core.now()).items.find((i) => i.id === '2-1')!;
  evidenceText = item.evidence.map((e) => `${e.name}\nsha256:${e.sha256}`).join('\n');
  mediumId = (core.db.prepare('SELECT id FROM media WHERE site_id = ?').get(seeded.site.id) as { id: string }).id;
  // 70 approved exceptions: the report's cover lists every one in a single cell.
  for (let i = 0; i < 70; i++) {
    recordCheckIn(core, checkInSchema.parse({ siteId: seeded.site.id, mediumId, person: '佐藤', purpose: '点検', method: 'none', exception: { reason: `緊急${i} ${'復旧'.repeat(240)}`, approver: '主任' } }), '山田');
  }
  // Text no schema admits today but an older database, or a CSV cell, can hold.
  recordCheckIn(core, { siteId: seeded.site.id, mediumId, person: '佐藤', company: '', purpose: '点検', targets: [], method: 'none', exception: { reason: longReason, approver: '主任' } }, '山田');
  core.db.prepare('UPDATE devices SET name = ? WHERE site_id = ?').run(longDeviceName, seeded.site.id);
});
afterAll(() => {
  w.core.close();
  dirs.cleanup();
});

async function load(source: Buffer | string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  if (typeof source === 'string') await wb.xlsx.readFile(source);
  else await wb.xlsx.load(source);
  return wb;
}

/** Every string cell of every sheet: none over the limit, and those that were cut end with the note. */
function cells(wb: ExcelJS.Workbook): string[] {
  const out: string[] = [];
  for (const sheet of wb.worksheets) sheet.eachRow((row) => row.eachCell((cell) => typeof cell.value === 'string' && out.push(cell.value)));
  return out;
}

function expectCut(wb: ExcelJS.Workbook, locale: 'ja' | 'en', startsWith: string): void {
  const all = cells(wb);
  expect(Math.max(...all.map((c) => c.length))).toBeLessThanOrEqual(EXCEL_CELL_MAX);
  const cut = all.filter((c) => c.endsWith(note(locale)));
  expect(cut.length).toBeGreaterThan(0);
  expect(cut.some((c) => c.startsWith(startsWith))).toBe(true);
  for (const c of cut) expect(c.length).toBe(EXCEL_CELL_MAX);
}

describe('[#10.7 xlsx cell limit] text over 32,767 characters in every workbook Hoan writes', () => {
  it('[#10.7 xlsx cell limit] the checklist export cuts 130 long evidence names with a note in Japanese; its header stays within 255 with & escaped', async () => {
    expect(evidenceText.length).toBeGreaterThan(EXCEL_CELL_MAX);
    const wb = await load(await assessmentWorkbook(w.core.db, seeded.roundId, w.core.now()));
    expectCut(wb, 'ja', evidenceText.slice(0, 100));
    const header = wb.getWorksheet('チェックリスト')!.headerFooter.oddHeader!;
    expect(header.length).toBeLessThanOrEqual(EXCEL_HEADER_MAX);
    expect(header).toMatch(/^&LA&&B 北関東/);
    expect(note('ja')).toContain('data/records/');
  });

  it("[#10.7 xlsx cell limit] the inspector's report cuts the cover's list of exceptions and the checklist cell, noted in the workbook's language", async () => {
    const data = gatherReport(w.core, reportInputSchema.parse({ siteId: seeded.site.id, from: '2025-01-01', to: '2025-12-31', language: 'en' }));
    expect(data.media.exceptions.map((e) => e.exceptionReason).join('\n').length).toBeGreaterThan(EXCEL_CELL_MAX);
    const wb = await load(await reportWorkbook(data, 'en'));
    expectCut(wb, 'en', '2025-');
    expect(cells(wb).some((c) => c.startsWith(evidenceText.slice(0, 100)) && c.endsWith(note('ja')))).toBe(true);
    for (const sheet of wb.worksheets) expect((sheet.headerFooter?.oddHeader ?? '').length).toBeLessThanOrEqual(EXCEL_HEADER_MAX);
  });

  it('[#10.7 xlsx cell limit] the media log export cuts an over-long exception reason', async () => {
    const file = path.join(dirs.make(), 'media-log.xlsx');
    await exportLogXlsx(w.core, seeded.site.id, {}, file, 'en');
    expectCut(await load(file), 'en', longReason.slice(0, 100));
  });

  it('[#10.7 xlsx cell limit] the inventory export cuts an over-long device field', async () => {
    expect(longDeviceName.length).toBeGreaterThan(EXCEL_CELL_MAX);
    const file = path.join(dirs.make(), 'inventory.xlsx');
    await writeInventoryXlsx(w.core.db, seeded.site.id, file, 'ja');
    expectCut(await load(file), 'ja', longDeviceName.slice(0, 100));
  });

  it("[#10.7 xlsx cell limit] the workbooks inside a bundle (data/report) are cut the same way, and the bundle's records keep the whole text", async () => {
    const exported = await exportBundle(w.core, seeded.site.id, dirs.make());
    const list = execFileSync('unzip', ['-Z1', exported.path]).toString().split('\n');
    const reports = list.filter((n) => n.startsWith('data/report/'));
    expect(reports.sort()).toEqual([expect.stringMatching(/^data\/report\/checklist-01-/), 'data/report/inventory.xlsx', 'data/report/media-log.xlsx']);
    for (const name of reports) {
      const wb = await load(execFileSync('unzip', ['-p', exported.path, name], { maxBuffer: 64 * 1024 * 1024 }));
      expect(Math.max(...cells(wb).map((c) => c.length)), name).toBeLessThanOrEqual(EXCEL_CELL_MAX);
      expect(cells(wb).some((c) => c.endsWith(note('ja'))), name).toBe(true);
    }
    const records = JSON.parse(execFileSync('unzip', ['-p', exported.path, 'data/records/media.json'], { maxBuffer: 64 * 1024 * 1024 }).toString()) as { data: { log: { exception_reason: string }[] } };
    expect(records.data.log.some((e) => e.exception_reason === longReason)).toBe(true);
  });
});
