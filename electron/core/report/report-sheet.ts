import type ExcelJS from 'exceljs';
import { headerText } from '../xlsx/cell-limit';

/** How the report's list sheets print: A4 landscape, one page wide, the header row on every page. */
const A4_LANDSCAPE: Partial<ExcelJS.PageSetup> = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' };
export const WARN = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF4E0' } } as const;
export const BAD = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDECEA' } } as const;

/** A list sheet of the report: its header row frozen and bold, the site and period in the page header. */
export function sheetWithHeader(wb: ExcelJS.Workbook, name: string, headers: string[], widths: number[], footer: string): ExcelJS.Worksheet {
  const header = `&L${headerText(footer, 180)}&R${headerText(name, 60)}`;
  const sheet = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: A4_LANDSCAPE, headerFooter: { oddHeader: header, oddFooter: '&C&P / &N' } });
  sheet.columns = headers.map((header, i) => ({ header, width: widths[i] ?? 16 }));
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
  row.alignment = { wrapText: true, vertical: 'middle' };
  return sheet;
}

