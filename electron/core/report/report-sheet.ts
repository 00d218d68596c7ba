import type ExcelJS from 'exceljs';
import { headerText } from '../xlsx/cell-limit';

/** How the report's list sheets print: A4 landscape, one page wide, the header row on every page. */
const A4_LANDSCAPE: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
export const WARN = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF4E0' } } as const;
export const BAD = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDECEA' } } as const;

/** What the report's sheets need of a workbook: exceljs's in-memory one or its streaming writer. */
export type SheetHost = Pick<ExcelJS.Workbook, 'addWorksheet'>;

/** A list sheet of the report: its header row frozen and bold, the site and period in the page header. */
export function sheetWithHeader(wb: SheetHost, name: string, headers: string[], widths: number[], footer: string): ExcelJS.Worksheet {
  const header = `&L${headerText(footer, 180)}&R${headerText(name, 60)}`;
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: A4_LANDSCAPE, headerFooter: { oddHeader: header, oddFooter: '&C&P / &N' } });
  sheet.columns = headers.map((header, i) => ({ header, width: widths[i] ?? 16 }));
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
  row.alignment = { wrapText: true, vertical: 'middle' };
  return sheet;
}

/**
 * A sheet is done: the streaming writer writes out what is left of it and
 * closes its part, so the zip moves on to the next sheet (its parts are
 * zipped in order; rows of a later sheet would wait in memory). The
 * in-memory workbook has nothing to do.
 */
export function finishSheet(sheet: ExcelJS.Worksheet): void {
  if (typeof (sheet as { commit?: unknown }).commit === 'function') sheet.commit();
}

/**
 * The cell styles of a long sheet's rows, made once: exceljs finds a
 * cell's style by the style object's identity when it has seen it before,
 * and otherwise serialises it to look it up — for every cell of 50,000
 * rows, the larger part of writing them. Never changed after being made.
 */
export interface RowStyles {
  plain: Partial<ExcelJS.Style>;
  warn: Partial<ExcelJS.Style>;
  bad: Partial<ExcelJS.Style>;
}

export function rowStyles(alignment?: Partial<ExcelJS.Alignment>): RowStyles {
  const a = alignment ? { alignment } : {};
  return { plain: { ...a }, warn: { ...a, fill: WARN }, bad: { ...a, fill: BAD } };
}

/**
 * Adds a row whose every cell has `style` (one of a RowStyles), the cells
 * of `columns` (1-based) their own, and writes it out at once (a streaming
 * sheet keeps no row it has written; the in-memory one keeps all).
 */
export function addStyledRow(sheet: ExcelJS.Worksheet, values: unknown[], style: Partial<ExcelJS.Style>, columns?: ReadonlyMap<number, Partial<ExcelJS.Style>>): ExcelJS.Row {
  const row = sheet.addRow(values);
  row.eachCell({ includeEmpty: true }, (cell, column) => {
    cell.style = columns?.get(column) ?? style;
  });
  row.commit();
  return row;
}
