import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { updateDecision } from '../../../electron/core/checklist/item-repository';
import type { Core } from '../../../electron/core/core';
import { recordCheck } from '../../../electron/core/inventory/device-checks';
import { recordCheckIn } from '../../../electron/core/media/check-in';
import { createMedium } from '../../../electron/core/media/media-registry';
import { checkInSchema, mediumFieldsSchema } from '../../../electron/core/media/media-schema';
import { saveProvision } from '../../../electron/core/regulation/provision-repository';
import { gatherReport } from '../../../electron/core/report/report-data';
import { reportHtml } from '../../../electron/core/report/report-html';
import { reportInputSchema } from '../../../electron/core/report/report-schema';
import { reportWorkbook } from '../../../electron/core/report/report-xlsx';
import { updateSettings } from '../../../electron/core/settings/settings-repository';
import { decision, openTestCore, siteWithRound } from '../checklist/checklist-fixture';
import { tempDirs } from '../helpers/temp-dir';

const dirs = tempDirs('hoan-report-dates-');
/** 23:30 UTC on 2 December 2026: 08:30 on the 3rd in Japan, 令和8年. */
const LATE = new Date('2026-12-02T23:30:00.000Z');
let core: Core;
let siteId: string;

beforeEach(() => {
  core = openTestCore(dirs.make(), () => LATE);
  const { site, round } = siteWithRound(core, 'A');
  siteId = site.id;
  updateDecision(core.db, round!.id, '6-2-2', decision({ status: 'not_implemented', reason: 'VPN残存', remediationPlan: 'VPN廃止', remediationDate: '2026-12-31' }), '山田', LATE);
  const medium = createMedium(core.db, site.id, mediumFieldsSchema.parse({ controlNo: 'USB-001', type: 'usb_stick' }), LATE, '山田');
  recordCheckIn(core, checkInSchema.parse({ siteId, mediumId: medium.id, person: '鈴木', purpose: '設定変更', method: 'none', exception: { reason: '緊急', approver: '山田' } }), '山田');
  saveProvision(core.db, { siteId, text: '第○条', responsible: '山田', adoptedOn: '2019-05-01' }, '山田', LATE);
  const deviceId = randomUUID();
  core.db
    .prepare(`INSERT INTO devices (id, site_id, asset_id, name, created_at, updated_at) VALUES (?, ?, 'PC-01', '監視PC', ?, ?)`)
    .run(deviceId, siteId, LATE.toISOString(), LATE.toISOString());
  recordCheck(core.db, { siteId, deviceId, status: 'confirmed', checkedOn: '2026-12-03', newLocation: '', note: '' }, '山田', LATE);
});
afterEach(() => {
  core.close();
  dirs.cleanup();
});

const report = (language: 'ja' | 'en', to = '2026-12-03') => gatherReport(core, reportInputSchema.parse({ siteId, from: '2026-04-01', to, language }));

async function workbook(language: 'ja' | 'en') {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(await reportWorkbook(report(language), language));
  const cells = (sheet: number) => {
    const out: string[] = [];
    wb.worksheets[sheet]!.eachRow((r) => r.eachCell((c) => void out.push(String(c.value))));
    return out;
  };
  return { cover: cells(0), checklist: cells(1), media: cells(3), inventory: cells(4) };
}

/** A table cell holding a date (and time): each a word that never breaks inside. */
const when = (...words: string[]) => `<td class="when">${words.map((w) => `<span class="word">${w}</span>`).join(' ')}</td>`;

describe('[#11.5] the report in 和暦 when the setting is on', () => {
  beforeEach(() => updateSettings(core.db, { calendar: 'japanese' }, LATE));

  it('in Japanese: 令和8年12月3日 08:30, 元年 for year one, in the HTML and in every sheet of the workbook', async () => {
    const html = reportHtml(report('ja'), 'ja');
    for (const text of ['令和8年4月1日 〜 令和8年12月3日', '<dd>令和8年12月3日 08:30</dd>', `${when('令和8年12月3日', '08:30')}<td class="token">USB-001</td>`, when('令和8年12月31日'), '令和元年5月1日 採用', when('令和8年12月3日')]) expect(html).toContain(text);
    expect(html).not.toMatch(/20\d\d-\d\d-\d\d/);

    const wb = await workbook('ja');
    expect(wb.cover).toEqual(expect.arrayContaining(['令和8年4月1日 〜 令和8年12月3日', '令和8年12月3日 08:30', '令和元年5月1日 採用']));
    expect(wb.checklist).toContain('令和8年12月31日');
    expect(wb.media[wb.media.indexOf('USB-001') - 1]).toBe('令和8年12月3日 08:30');
    expect(wb.inventory).toContain('令和8年12月3日');
    for (const sheet of Object.values(wb)) expect(sheet.join('\n')).not.toMatch(/20\d\d-\d\d-\d\d/);
  });

  it('in English: "Reiwa 8 (2026)-12-03 08:30", never Intl’s "Dec 3, 8 Reiwa"', async () => {
    const html = reportHtml(report('en'), 'en');
    for (const text of ['Reiwa 8 (2026)-04-01 to Reiwa 8 (2026)-12-03', '<dd>Reiwa 8 (2026)-12-03 08:30</dd>', 'adopted Reiwa 1 (2019)-05-01', when('Reiwa 8 (2026)-12-31')]) expect(html).toContain(text);
    expect(html).not.toMatch(/\bDec\b|Reiwa 8,|8 Reiwa/);
    const wb = await workbook('en');
    expect(wb.cover).toEqual(expect.arrayContaining(['Reiwa 8 (2026)-12-03 08:30', 'adopted Reiwa 1 (2019)-05-01']));
    expect(wb.media[wb.media.indexOf('USB-001') - 1]).toBe('Reiwa 8 (2026)-12-03 08:30');
    // The checklist sheet is the inspector's Japanese sheet, whatever the report's language.
    expect(wb.checklist).toContain('令和8年12月31日');
  });
});

describe('[#11.5] the report’s period and times in the installation’s zone', () => {
  it('a check-in at 23:30 UTC on the 2nd belongs to the 3rd in Tokyo and to the 2nd in New York', async () => {
    expect(report('ja', '2026-12-02').media.checkIns.count).toBe(0);
    expect(report('ja', '2026-12-03').media.checkIns.count).toBe(1);
    updateSettings(core.db, { timeZone: 'America/New_York' }, LATE);
    expect(report('ja', '2026-12-02').media.checkIns.count).toBe(1);
    expect(reportHtml(report('ja', '2026-12-02'), 'ja')).toContain('<dd>2026年12月2日 18:30</dd>');
    expect((await workbook('en')).cover).toContain('2026-12-02 18:30');
  });
});
