import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import yauzl from 'yauzl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/core';
import { appendEntry, type EntryDraft } from '../../../electron/core/media/checkpoint-log';
import { createMedium } from '../../../electron/core/media/media-registry';
import { mediumFieldsSchema } from '../../../electron/core/media/media-schema';
import type { LogEntry } from '../../../electron/core/media/media-types';
import { gatherReport } from '../../../electron/core/report/report-data';
import { reportHtml } from '../../../electron/core/report/report-html';
import { BATCH } from '../../../electron/core/report/report-media';
import { reportInputSchema } from '../../../electron/core/report/report-schema';
import { ROWS_PER_TABLE } from '../../../electron/core/report/report-table';
import { HOAN_BIN, staleBuild } from '../helpers/built-cli';
import { TEST_USER } from '../helpers/set-up';
import { tempDirs } from '../helpers/temp-dir';
import { openTestCore, siteWithRound } from '../checklist/checklist-fixture';

/*
 * Issue 15, goal 5: a period longer than one batch of the report's reader
 * (report-media.ts) and than one table of its HTML (report-table.ts). The
 * workbook is written by exceljs's streaming writer from batches read as it
 * goes; the HTML's long list is a run of tables, each with its header.
 */

const dirs = tempDirs('hoan-report-big-');
const NOW = new Date('2026-04-10T03:00:00.000Z');
/** Two batches and a part: a row lost or repeated where one batch ends would show. */
const ENTRIES = 2 * BATCH + 317;
let dataDir: string;
let siteId: string;

/** The n-th check-in (1-based): every 7th an exception, else every 11th denied. */
const decisionOf = (n: number) => (n % 7 === 0 ? 'exception' : n % 11 === 0 ? 'denied' : 'allowed');
/** Every 5th, unless denied, is checked out. */
const checkedOut = (n: number) => n % 5 === 0 && decisionOf(n) !== 'denied';

function draft(site: string, m: { id: string; controlNo: string }, n: number): EntryDraft {
  const decision = decisionOf(n);
  return {
    siteId: site, kind: 'check_in', mediumId: m.id, controlNo: m.controlNo, mediumType: 'usb_stick', person: `作業員 ${n}`, company: '保守会社A',
    purpose: `点検 ${n}`, method: 'none', result: 'no_evidence', decision, approver: decision === 'exception' ? '電気主任技術者' : '', exceptionReason: decision === 'exception' ? `理由 ${n}` : '',
    refersTo: null, body: { targets: ['PLC-1'], scan: null, prior: null, manifest: null },
  };
}

function checkOut(of: LogEntry): EntryDraft {
  return { ...of, kind: 'check_out', method: null, result: null, decision: null, approver: '', exceptionReason: '', refersTo: of.id, body: { manifest: { sha256: 'a'.repeat(64), root: '/media/usb0', fileCount: 1, totalBytes: 1, hashedFiles: 1, truncated: false, limits: { maxFiles: 1, maxFileMb: 1, maxTotalMb: 1 } }, diff: null } };
}

beforeAll(() => {
  dataDir = dirs.make();
  // The round begins on the period's first day, so the report has its checklist.
  const core: Core = openTestCore(dataDir, () => new Date('2025-04-01T01:00:00Z'));
  try {
    const { site } = siteWithRound(core, 'A');
    siteId = site.id;
    const medium = createMedium(core.db, site.id, mediumFieldsSchema.parse({ controlNo: 'USB-001', type: 'usb_stick' }), core.now(), TEST_USER);
    // One before the period and one after it: neither is listed.
    const at = (i: number) => new Date(Date.parse('2025-03-31T15:00:00Z') + i * 3600_000);
    core.db.transaction(() => {
      appendEntry(core.db, { ...draft(site.id, medium, 0), person: '期間前' }, new Date('2025-03-31T14:00:00Z'), TEST_USER);
      for (let n = 1; n <= ENTRIES; n++) {
        const e = appendEntry(core.db, draft(site.id, medium, n), at(n), TEST_USER);
        if (checkedOut(n)) appendEntry(core.db, checkOut(e), at(n), TEST_USER);
      }
      appendEntry(core.db, { ...draft(site.id, medium, 0), person: '期間後' }, new Date('2026-03-31T15:00:00Z'), TEST_USER);
    })();
  } finally {
    core.close();
  }
});
afterAll(() => dirs.cleanup());

const input = () => reportInputSchema.parse({ siteId, from: '2025-04-01', to: '2026-03-31', language: 'ja' });

function zipEntries(file: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(file, { lazyEntries: true }, (err, zip) => {
      if (err) return reject(err);
      const names: string[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        names.push(e.fileName.replace(/^\//, ''));
        zip.readEntry();
      });
      zip.on('end', () => resolve(names));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

describe('[#15.5] the report of a long period', () => {
  it('[#15.5] hoan report --xlsx (the built command) writes every check-in once, in order, with the sheets, header, widths and fills of before, each cell its own text (no shared-strings table holding the period)', async () => {
    expect(staleBuild(), 'the built output is older than these sources: run npm run build').toEqual([]);
    const out = dirs.make();
    const xlsx = path.join(out, 'report.xlsx');
    execFileSync(process.execPath, [HOAN_BIN, 'report', '--site', siteId, '--from', '2025-04-01', '--to', '2026-03-31', '--xlsx', xlsx, '--data-dir', dataDir], {
      env: { ...process.env, HOAN_USER: TEST_USER, HOAN_LANG: 'ja' },
      stdio: 'pipe',
    });
    expect(fs.readdirSync(out)).toEqual(['report.xlsx']);
    // The streaming writer's cells carry their text: a shared-strings table would hold every distinct text of the period in memory until the end.
    const parts = await zipEntries(xlsx);
    expect(parts).toContain('xl/worksheets/sheet4.xml');
    expect(parts).not.toContain('xl/sharedStrings.xml');

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['表紙', 'チェックリスト', 'リスク評価', '外部記憶媒体', '機器台帳', '脆弱性', '体制', '連絡体制', '接続点', 'バンドル']);
    const media = wb.getWorksheet('外部記憶媒体')!;
    expect(media.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(media.getColumn(6).width).toBe(24);
    expect(media.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(media.rowCount).toBe(ENTRIES + 1);
    const persons: string[] = [];
    media.eachRow((row, i) => {
      if (i === 1) return;
      const n = i - 1;
      persons.push(String(row.getCell(4).value));
      const fill = (row.getCell(1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb;
      expect(fill ?? null, `row ${i}`).toBe({ exception: 'FFFFF4E0', denied: 'FFFDECEA', allowed: null }[decisionOf(n)]);
      expect(row.getCell(12).alignment?.wrapText, `row ${i}`).toBe(true);
      expect(String(row.getCell(16).value ?? '').includes('持出確認済'), `row ${i}`).toBe(checkedOut(n));
    });
    expect(persons).toEqual(Array.from({ length: ENTRIES }, (_, i) => `作業員 ${i + 1}`));
    expect(media.pageSetup.printTitlesRow).toBe('1:1');

    // LibreOffice reads it too: the media sheet as CSV holds every check-in.
    const csvDir = dirs.make();
    execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${path.join(csvDir, '.lo-profile')}`, '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,4', '--outdir', csvDir, xlsx], { stdio: 'pipe', timeout: 120_000 });
    const csv = fs.readdirSync(csvDir).find((f) => f.endsWith('.csv'))!;
    const lines = fs.readFileSync(path.join(csvDir, csv), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(ENTRIES + 1);
    expect(lines[ENTRIES]).toContain(`作業員 ${ENTRIES}`);
  }, 180_000);

  it('[#15.5] the HTML (and so the PDF) lists the period as tables of at most ROWS_PER_TABLE rows, each with its header, every check-in once', () => {
    const core = openTestCore(dataDir, () => NOW);
    try {
      const html = reportHtml(gatherReport(core, input()), 'ja');
      const start = html.indexOf('<h2>外部記憶媒体の持込記録');
      const section = html.slice(start, html.indexOf('</section>', start));
      const tables = section.split('<table').slice(1);
      expect(tables).toHaveLength(Math.ceil(ENTRIES / ROWS_PER_TABLE));
      tables.forEach((t, i) => {
        expect(t.startsWith(i === 0 ? '>' : ' class="report-table-continued">'), `table ${i + 1}`).toBe(true);
        expect(t).toContain('<thead><tr><th scope="col">日時</th>');
        expect(t.match(/<tr[ >]/g)!.length - 1, `table ${i + 1}`).toBe(i < tables.length - 1 ? ROWS_PER_TABLE : ENTRIES % ROWS_PER_TABLE);
      });
      const persons = [...section.matchAll(/<td>(作業員 \d+)（保守会社A）<\/td>/g)].map((m) => m[1]);
      expect(persons).toEqual(Array.from({ length: ENTRIES }, (_, i) => `作業員 ${i + 1}`));
      expect(section).not.toContain('期間前');
      expect(section).not.toContain('期間後');
    } finally {
      core.close();
    }
  });
});
