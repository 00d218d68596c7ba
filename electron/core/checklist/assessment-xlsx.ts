import type ExcelJS from 'exceljs';
import type Database from 'better-sqlite3';
import { translate } from '../i18n/translate';
import { documentDates } from '../settings/settings-repository';
import { getSite } from '../sites/site-repository';
import { formatDate, type DateStyle } from '../time/format-date';
import { fitRow, headerText } from '../xlsx/cell-limit';
import { widthFor } from '../xlsx/column-width';
import { ITEM_STATES, type AssessmentDetail, type AssessmentItemView } from './assessment-schema';
import { getAssessment } from './round-repository';
import { exceljs } from '../xlsx/exceljs-module';

const ja = (key: string, params?: Record<string, string | number>) => translate('ja', key, params);

/** Column widths (characters) chosen so the sheet prints on A4 landscape at fit-to-width. */
const COLUMNS: { header: string; width: number }[] = [
  { header: '条項', width: 7 },
  { header: '項目', width: 24 },
  { header: '区分', width: 6 },
  { header: '勧告/推奨', width: 9 },
  { header: '実施状況', width: 10 },
  { header: '適合判定', width: 9 },
  { header: '要否判断', width: 10 },
  { header: '理由', width: 34 },
  { header: '対策', width: 34 },
  { header: '証跡ファイル名とsha256', width: 40 },
  { header: '担当', width: 10 },
  { header: '期限', width: 11 },
  { header: '確認者', width: 10 },
  { header: '確認日', width: 11 },
];

export const CHECKLIST_HEADERS = COLUMNS.map((c) => c.header);
/** 1-based: 実施状況, with 適合判定 beside it. */
const STATE_COLUMN = CHECKLIST_HEADERS.indexOf('実施状況') + 1;

function row(item: AssessmentItemView, classification: string, dates: DateStyle): string[] {
  const d = item.decision;
  const day = (value: string | null) => (value ? formatDate(value, dates) : '');
  const measures = [
    ...item.exampleMeasures.filter((m) => d.exampleMeasureIds.includes(m.id)).map((m) => `・${m.text.ja}`),
    d.measures,
  ].filter(Boolean);
  const plan = item.conformity === 'nonconforming' && d.remediationPlan ? [`${ja('checklist.fields.remediationPlan')}: ${d.remediationPlan}`] : [];
  return [
    item.article,
    `${item.id} ${item.title.ja}`,
    classification,
    ja(`checklist.level.${item.level}`),
    ja(`checklist.state.${item.state}`),
    ja(`checklist.conformity.${item.conformity}`),
    d.necessity ? ja(`checklist.necessity.${d.necessity}`) : '',
    d.reason,
    [...measures, ...plan].join('\n'),
    item.evidence.map((e) => `${e.name}\nsha256:${e.sha256}`).join('\n'),
    d.responsible,
    day(d.remediationDate ?? d.targetDate),
    d.reviewer,
    day(d.reviewDate),
  ];
}

/**
 * The checklist sheet as an inspector reads it: one row per item, Japanese
 * headers, the header row frozen and repeated on every printed page, A4
 * landscape. Shared by the checklist export and the inspector's report.
 * Dates follow the settings (zone, 西暦/和暦); the sheet itself is Japanese.
 */
export function addChecklistSheet(wb: ExcelJS.Workbook, detail: AssessmentDetail, siteName: string, dates: DateStyle): ExcelJS.Worksheet {
  const { round, items } = detail;
  const sheet = wb.addWorksheet('チェックリスト', {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      printTitlesRow: '1:1',
    },
    headerFooter: { oddHeader: `&L${headerText(siteName, 120)}&R${headerText(round.title, 120)}`, oddFooter: '&C&P / &N' },
  });
  const dateWidth = widthFor(formatDate('2026-12-31', dates), 11);
  sheet.columns = COLUMNS.map((c) => ({ header: c.header, width: c.header === '期限' || c.header === '確認日' ? dateWidth : c.width }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
  for (const item of items) {
    const added = sheet.addRow(fitRow(row(item, round.classification, dates), 'ja'));
    added.alignment = { vertical: 'top', wrapText: true };
    if (item.state === 'unconsidered') added.getCell(STATE_COLUMN).font = { color: { argb: 'FF7A4B00' } };
    if (item.conformity === 'nonconforming') added.getCell(STATE_COLUMN + 1).font = { bold: true, color: { argb: 'FFB3261E' } };
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: COLUMNS.length } };
  return sheet;
}

/** The checklist export: the sheet above and a summary sheet. */
export async function assessmentWorkbook(db: Database.Database, roundId: string, now: Date): Promise<Buffer> {
  const detail = getAssessment(db, roundId, now);
  const { round } = detail;
  const site = getSite(db, round.siteId);
  const dates = documentDates(db, 'ja');
  const wb = new (exceljs().Workbook)();
  wb.creator = 'Hoan';
  wb.created = now;
  addChecklistSheet(wb, detail, site.name, dates);

  const cover = wb.addWorksheet('概要', { pageSetup: { paperSize: 9, orientation: 'landscape' } });
  cover.columns = [{ width: 24 }, { width: 60 }];
  const s = round.summary;
  const facts: [string, string | number][] = [
    ['事業場', site.name],
    ['区分', ja(`classification.result.${round.classification}`)],
    ['評価', round.title],
    ['カタログ', `${round.catalogue.shortName.ja} ${round.catalogue.version}`],
    ['開始日', formatDate(round.startedAt, dates)],
    ['完了日', round.completedAt ? formatDate(round.completedAt, dates) : '（未完了）'],
    ['項目数', s.total],
    ['検討済み', s.considered],
    ...ITEM_STATES.map((k): [string, number] => [ja(`checklist.state.${k}`), s.byState[k]]),
    ['勧告項目の適合', `${s.kankoku.compliant} / ${s.kankoku.total}`],
    [ja('checklist.conformity.nonconforming'), s.kankoku.nonconforming],
    [ja('checklist.conformity.undetermined'), s.kankoku.undetermined],
    ['期限超過', s.overdue],
    ['出力日', formatDate(now.toISOString(), dates)],
  ];
  for (const [k, v] of facts) cover.addRow(fitRow([k, v], 'ja')).getCell(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
