import { PassThrough, type Writable } from 'node:stream';
import type { LocaleId } from '../../../renderer/locales';
import { ITEM_STATES } from '../checklist/assessment-schema';
import { addChecklistSheet } from '../checklist/assessment-xlsx';
import { catalogueCoverText } from '../checklist/catalogue-provenance';
import { translate } from '../i18n/translate';
import { exceptionCoversOf } from '../media/judgement';
import { checkInRow, dateTimeWidth, DECISION_COLUMN, decisionWidth, EXPORT_COLUMNS } from '../media/log-export';
import { formatDate, formatDateTime, type DateStyle } from '../time/format-date';
import { fitRow } from '../xlsx/cell-limit';
import { widthFor } from '../xlsx/column-width';
import { addRegisterSheets } from './register-sheets';
import { addStyledRow, BAD, finishSheet, rowStyles, sheetWithHeader, type RowStyles } from './report-sheet';
import { countsText, detailLines, dueText, highestText, stateText } from './report-advisories';
import type { ReportData } from './report-data';
import { exceljs } from '../xlsx/exceljs-module';

/** Where the workbook goes: a file, or a stream (the app's download, read into memory). */
export type WorkbookTarget = { filename: string } | { stream: Writable };

/**
 * Yields between batches, so the zip and the file take what the sheet has
 * written (the deflater runs on libuv's threads) while the next batch is
 * read: exceljs's streaming writer has no back-pressure of its own.
 */
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The inspector's report as one workbook: a cover (site, 区分 and why, round
 * dates, counts, 勧告 compliance, 未検討 items, exceptions), then the
 * checklist, risk register, removable-media log for the period with
 * exceptions highlighted, inventory with its existence check, advisories,
 * the registers (体制, 連絡体制, 接続点) and bundles.
 *
 * Written with exceljs's streaming writer (issue 15: a year of 50,000
 * check-ins in bounded memory): each sheet is committed before the next
 * begins, and the check-ins are read from SQLite a batch at a time and
 * written out row by row, never all held. Shared strings are off (their
 * table would hold every distinct text of the period until the end), so
 * cells carry their text inline, as the media-log export does.
 */
export async function writeReportWorkbook(data: ReportData, locale: LocaleId, target: WorkbookTarget): Promise<void> {
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const { site, assessment: a } = data;
  const dates: DateStyle = { ...data.dateStyle, language: locale };
  const day = (value: string | null | undefined) => (value ? formatDate(value, dates) : '');
  const time = (iso: string) => formatDateTime(iso, dates);
  const period = t('report.periodValue', { from: day(data.input.from), to: day(data.input.to) });
  const wb = new (exceljs().stream.xlsx.WorkbookWriter)({ ...target, useStyles: true, useSharedStrings: false });
  wb.creator = 'Hoan';
  wb.created = new Date(data.generatedAt);
  const footer = `${site.name} ${period}`;

  const cover = wb.addWorksheet(t('report.sheets.cover'), { pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  cover.columns = [{ width: 28 }, { width: 80 }];
  const c = data.classification;
  const s = a?.round.summary;
  const lines: [string, string | number][] = [
    [t('report.kind'), ''],
    [t('report.site'), site.name],
    [t('report.period'), period],
    [t('sites.form.fields.address'), site.address],
    [t('sites.form.fields.ownerName'), site.ownerName],
    [t('report.classification'), c ? `${t(`classification.result.${c.result}`)}: ${c.reasons.map((r) => t(r.key)).join(t('classification.reasonSeparator'))}` : t('report.notClassified')],
    [t('report.round'), a ? t('report.roundValue', { title: a.round.title, started: day(a.round.startedAt), state: a.round.completedAt ? t('report.completedOn', { date: day(a.round.completedAt) }) : t('report.notCompleted') }) : t('report.noRound')],
    // By 実施状況, then the 適合 judgement of the 勧告 items: two counts, never one.
    ...(s ? [[t('report.count'), s.total] as [string, number], ...ITEM_STATES.map((k): [string, number] => [t(`checklist.state.${k}`), s.byState[k]])] : []),
    [t('report.kankoku'), s ? `${s.kankoku.compliant} / ${s.kankoku.total}` : ''],
    ...(s
      ? ([
          [t('checklist.conformity.nonconforming'), s.kankoku.nonconforming],
          [t('checklist.conformity.undetermined'), s.kankoku.undetermined],
        ] as [string, number][])
      : []),
    [t('report.unconsideredHeading', { count: a ? a.items.filter((i) => i.state === 'unconsidered').length : 0 }), a ? a.items.filter((i) => i.state === 'unconsidered').map((i) => i.id).join(', ') : ''],
    [t('report.exceptionsHeading', { count: data.media.exceptions.length }), data.media.exceptions.map((e) => `${time(e.at)} ${e.controlNo} ${t(`media.exceptionCovers.${exceptionCoversOf(e)!}`)} ${e.exceptionReason}`).join('\n')],
    ...(a ? [[t('report.catalogue'), catalogueCoverText(a.round.catalogue, locale)] as [string, string]] : []),
    [t('advisories.report.heading'), `${countsText(data.advisories.glance, t)}\n${highestText(data.advisories.glance, t)}`],
    [t('advisories.report.overdueHeading', { count: data.advisories.overdue.length }), data.advisories.overdue.map((m) => `${m.assetId} ${m.advisoryId} ${stateText(m, t)} ${dueText(m, t, day)}`).join('\n')],
    [t('report.provision'), data.provision ? t('report.provisionAdopted', { date: day(data.provision.adoptedOn) }) : t('report.noProvision')],
    [t('report.generatedAt'), time(data.generatedAt)],
  ];
  for (const [k, v] of lines) {
    const row = cover.addRow(fitRow([k, v], locale));
    row.getCell(1).font = { bold: true };
    row.alignment = { wrapText: true, vertical: 'top' };
  }
  cover.getRow(1).font = { bold: true, size: 14 };
  finishSheet(cover);

  if (a) finishSheet(addChecklistSheet(wb, a, site.name, { ...dates, language: 'ja' }));

  const risks = sheetWithHeader(wb, t('report.sheets.risks'), ['asset', 'threat', 'likelihood', 'impact', 'score', 'level', 'items', 'measures'].map((k) => t(`checklist.risks.columns.${k}`)), [24, 24, 10, 12, 10, 10, 16, 40], footer);
  for (const r of data.risks) {
    const row = risks.addRow(fitRow([t('report.personCompany', { person: r.assetName, company: t(`checklist.risks.assetTypes.${r.assetType}`) }), t(`checklist.risks.threats.${r.threat}`), r.likelihood, r.weightedImpact, r.score, t(`checklist.risks.levels.${r.level}`), r.linkedItems.join(', '), r.plannedMeasures], locale));
    if (r.level === 'high') row.fill = BAD;
  }
  finishSheet(risks);

  const media = sheetWithHeader(wb, t('report.sheets.media'), EXPORT_COLUMNS.map((col) => t(`media.export.columns.${col}`)), [dateTimeWidth(dates), 14, 14, 14, 18, 24, 24, 16, 24, 26, 18, decisionWidth(t), 12, 28, 8, 16], footer);
  // The whole row filled as its decision says; the 判定 cell wraps.
  const fill = rowStyles();
  const decisionCell = rowStyles({ wrapText: true, vertical: 'top' });
  const mediaStyle = (k: keyof RowStyles) => [fill[k], new Map([[DECISION_COLUMN, decisionCell[k]]])] as const;
  const mediaStyles = { plain: mediaStyle('plain'), warn: mediaStyle('warn'), bad: mediaStyle('bad') };
  for (const batch of data.media.checkIns.batches()) {
    for (const { entry: e, related } of batch) {
      const [style, columns] = mediaStyles[e.decision === 'exception' ? 'warn' : e.decision === 'denied' ? 'bad' : 'plain'];
      addStyledRow(media, fitRow(checkInRow(dates, e, related), locale), style, columns);
    }
    await breathe();
  }
  finishSheet(media);

  const inventory = sheetWithHeader(wb, t('report.sheets.inventory'), [...['assetId', 'name', 'kind', 'location', 'softwareVersion', 'ipAddress'].map((f) => t(`inventory.fields.${f}`)), t('report.inventory.check'), t('report.inventory.checkedOn')], [14, 22, 14, 20, 16, 16, 12, widthFor(formatDate('2026-12-31', dates), 12)], footer);
  let written = 0;
  for (const d of data.devices) {
    const style = d.lastCheck?.status === 'not_found' ? fill.bad : !d.lastCheck ? fill.warn : fill.plain;
    addStyledRow(inventory, fitRow([d.assetId, d.name ?? '', d.kind ?? '', d.location ?? '', d.softwareVersion ?? '', d.ipAddress ?? '', t(`inventory.check.status.${d.lastCheck?.status ?? 'unchecked'}`), day(d.lastCheck?.checkedOn)], locale), style);
    if (++written % 1000 === 0) await breathe();
  }
  finishSheet(inventory);

  // 8-4: every match with its decision; an open item past its date in red, one still to decide in amber.
  const advisories = sheetWithHeader(wb, t('advisories.report.sheet'), ['assetId', 'deviceName', 'advisory', 'cves', 'cvss', 'triage', 'detail', 'due'].map((k) => t(`advisories.report.xlsx.${k}`)), [14, 22, 18, 18, 8, 16, 48, widthFor(t('advisories.report.reviewOn', { date: formatDate('2026-12-31', dates) }), 14)], footer);
  const wrapped = rowStyles({ wrapText: true, vertical: 'top' });
  for (const m of data.advisories.matches) {
    const style = m.overdue ? wrapped.bad : m.triage === 'open' || m.triage === 'affected' ? wrapped.warn : wrapped.plain;
    addStyledRow(advisories, fitRow([m.assetId, m.deviceName ?? '', m.advisoryId, m.cves.join('\n'), m.cvss ?? '', stateText(m, t), detailLines(m, t, time).join('\n'), dueText(m, t, day)], locale), style);
  }
  finishSheet(advisories);

  addRegisterSheets(wb, data.registers.registers, footer, { t, locale, day });

  const bundles = sheetWithHeader(wb, t('report.sheets.bundles'), ['when', 'direction', 'signer', 'sequence', 'file'].map((k) => t(`report.bundles.${k}`)), [dateTimeWidth(dates), 10, 60, 8, 40], footer);
  for (const b of data.bundles) bundles.addRow(fitRow([time(b.recordedAt), t(`report.bundles.${b.direction}`), `${b.signerName} ${b.signerFingerprint}`, b.sequence, b.fileName], locale));
  finishSheet(bundles);

  await wb.commit();
}

/** The workbook as bytes (the app's download): the same writer into memory. */
export async function reportWorkbook(data: ReportData, locale: LocaleId = 'ja'): Promise<Buffer> {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeReportWorkbook(data, locale, { stream: sink });
  return Buffer.concat(chunks);
}
