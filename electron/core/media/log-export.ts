import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type ExcelJS from 'exceljs';
import type { Core } from '../core';
import { HoanError } from '../errors';
import { translate } from '../i18n/translate';
import { documentDates } from '../settings/settings-repository';
import { getSite } from '../sites/site-repository';
import { formatDateTime, type DateStyle } from '../time/format-date';
import { fileStamp } from '../time/time-zone';
import { fitRow } from '../xlsx/cell-limit';
import { widthFor } from '../xlsx/column-width';
import type { LocaleId } from '../../../renderer/locales';
import { LOG_COLUMNS, toLogEntry, type LogRowRaw } from './checkpoint-log';
import { applyCorrections } from './check-in';
import { decisionText, staleText } from './entry-words';
import { verifyChain } from './log-chain';
import { iterateLog } from './log-query';
import { verifyLines } from './verify-text';
import type { LogFilter } from './media-schema';
import type { CheckInBody, ExportResult, LogEntry } from './media-types';
import { exceljs } from '../xlsx/exceljs-module';

/** The inspector's columns, in their order; two of Hoan's own follow. */
export const EXPORT_COLUMNS = [
  'at', 'controlNo', 'mediumType', 'person', 'company', 'purpose', 'targets', 'method', 'tool', 'signatureVersion',
  'result', 'decision', 'approver', 'exceptionReason', 'n', 'notes',
] as const;

const CHAIN_COLUMNS = ['n', 'at', 'kind', 'id', 'refersTo', 'prevHash', 'hash'] as const;

/**
 * The 判定 column: as wide as an exception for old definitions; the longer
 * "result and old definitions" wraps within it.
 */
export function decisionWidth(t: (key: string, params?: Record<string, string | number>) => string): number {
  return widthFor(t('media.decisions.exceptionFor', { covers: t('media.exceptionCovers.stale_definitions') }), 10);
}
export const DECISION_COLUMN = EXPORT_COLUMNS.indexOf('decision') + 1;

/** The 日時 columns: as wide as the longest date and time they will hold, so it never wraps. */
export const dateTimeWidth = (dates: DateStyle) => widthFor(formatDateTime('2026-12-31T14:59:00Z', dates), 17);

/** One check-in as the inspector's columns, in the document's language (`dates.language`). */
export function checkInRow(dates: DateStyle, e: LogEntry, related: LogEntry[]): string[] {
  const locale = dates.language;
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const body = e.body as CheckInBody;
  const eff = applyCorrections(e, related);
  const detections = body.scan?.detections.map((d) => d.name) ?? [];
  const result = e.result ? t(`media.results.${e.result}`) : '';
  const notes = [
    staleText(t, e),
    related.some((r) => r.kind === 'correction') ? t('media.export.notes.corrected') : '',
    related.some((r) => r.kind === 'check_out') ? t('media.export.notes.checkedOut') : '',
  ].filter(Boolean);
  return [
    formatDateTime(e.at, dates),
    e.controlNo,
    e.mediumType ? t(`media.types.${e.mediumType}`) : '',
    eff.person,
    eff.company,
    eff.purpose,
    eff.targets.join(t('media.export.listSeparator')),
    e.method ? t(`media.methods.${e.method}`) : '',
    body.scan ? `${body.scan.scanner} ${body.scan.engineVersion}`.trim() : (body.prior?.tool ?? ''),
    body.scan?.signatureVersion ?? body.prior?.signatureVersion ?? '',
    detections.length > 0 ? `${result} (${[...new Set(detections)].join(', ')})` : result,
    decisionText(t, e),
    e.approver,
    e.exceptionReason,
    String(e.n),
    notes.join(t('media.export.listSeparator')),
  ];
}

/** Check-outs and corrections, by the entry they refer to: few compared with check-ins. */
export function relatedByTarget(core: Core, siteId: string): Map<string, LogEntry[]> {
  const map = new Map<string, LogEntry[]>();
  const rows = core.db
    .prepare(`SELECT ${LOG_COLUMNS} FROM media_log WHERE site_id = ? AND refers_to IS NOT NULL ORDER BY seq`)
    .all(siteId) as LogRowRaw[];
  for (const r of rows.map(toLogEntry)) map.set(r.refersTo!, [...(map.get(r.refersTo!) ?? []), r]);
  return map;
}

function header(sheet: ExcelJS.Worksheet, labels: string[], widths: number[]): void {
  sheet.columns = labels.map((label, i) => ({ header: label, width: widths[i] ?? 16 }));
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF5' } };
  row.commit();
}

/**
 * The log as an xlsx in the inspector's layout: check-ins with their
 * corrections applied, then the chain itself with every hash, then the
 * verification result at the time of export. Japanese by default: the
 * inspector's document. Written beside the target and renamed when complete,
 * so a failed export leaves no half-written file.
 */
export async function exportLogXlsx(core: Core, siteId: string, filter: LogFilter, file: string, locale: LocaleId = 'ja'): Promise<ExportResult> {
  const site = getSite(core.db, siteId);
  const target = path.resolve(file);
  if (fs.existsSync(target)) throw new HoanError('conflict', 'media.errors.exportExists', { path: target });
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomUUID()}.partial`);
  const t = (key: string, params?: Record<string, string | number>) => translate(locale, key, params);
  const related = relatedByTarget(core, siteId);
  const dates = documentDates(core.db, locale);
  const time = (iso: string) => formatDateTime(iso, dates);
  let rows = 0;
  try {
    const wb = new (exceljs().stream.xlsx.WorkbookWriter)({ filename: temp, useStyles: true, useSharedStrings: false });
    wb.creator = 'Hoan';
    wb.created = core.now();

    const log = wb.addWorksheet(t('media.export.sheets.log'), { views: [{ state: 'frozen', ySplit: 1 }] });
    header(log, EXPORT_COLUMNS.map((c) => t(`media.export.columns.${c}`)), [dateTimeWidth(dates), 14, 14, 14, 18, 24, 24, 16, 24, 26, 18, decisionWidth(t), 12, 28, 8, 16]);
    for (const e of iterateLog(core.db, siteId, { ...filter, kind: 'check_in' })) {
      const row = log.addRow(fitRow(checkInRow(dates, e, related.get(e.id) ?? []), locale));
      row.getCell(DECISION_COLUMN).alignment = { wrapText: true, vertical: 'top' };
      if (e.decision === 'exception') row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF4E0' } };
      else if (e.decision === 'denied') row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDECEA' } };
      row.commit();
      rows++;
    }
    log.commit();

    const chain = wb.addWorksheet(t('media.export.sheets.chain'), { views: [{ state: 'frozen', ySplit: 1 }] });
    header(chain, CHAIN_COLUMNS.map((c) => t(`media.export.chainColumns.${c}`)), [8, dateTimeWidth(dates), 14, 38, 38, 66, 66]);
    for (const e of iterateLog(core.db, siteId, {})) {
      chain.addRow(fitRow([e.n, time(e.at), t(`media.kinds.${e.kind}`), e.id, e.refersTo ?? '', e.prevHash, e.hash], locale)).commit();
    }
    chain.commit();

    const verified = verifyChain(core.db, siteId, core.now);
    const summary = wb.addWorksheet(t('media.export.sheets.verification'));
    summary.columns = [{ width: 24 }, { width: 72 }];
    const lines: [string, string | number][] = [
      [t('media.export.verification.site'), site.name],
      [t('media.export.verification.exportedAt'), time(core.now().toISOString())],
      [t('media.export.verification.entries'), verified.entries],
      [t('media.export.verification.head'), verified.headHash ?? ''],
      ...verifyLines(verified, t, time).map((line, i): [string, string] => [i === 0 ? t('media.export.verification.result') : '', line.trim()]),
      [t('media.export.verification.encoding'), t('media.export.verification.encodingText')],
    ];
    for (const line of lines) summary.addRow(fitRow(line, locale)).commit();
    summary.commit();

    await wb.commit();
    const fd = fs.openSync(temp, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (fs.existsSync(target)) throw new HoanError('conflict', 'media.errors.exportExists', { path: target });
    fs.renameSync(temp, target);
  } catch (err) {
    fs.rmSync(temp, { force: true });
    if (err instanceof HoanError) throw err;
    throw new HoanError('io', 'media.errors.exportFailed', { path: target, reason: (err as Error).message });
  }
  return { path: target, rows };
}

/** Where the app (not the CLI) writes exports: the data folder, like backups. Stamped in the installation's zone. */
export function exportFileName(siteName: string, now: Date, zone: string): string {
  const safe = siteName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').slice(0, 60);
  return `media-log-${safe}-${fileStamp(now, zone).replace('-', '')}.xlsx`;
}
