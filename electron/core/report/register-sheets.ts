import type { SiteRegisters } from '../registers/register-types';
import { fitRow } from '../xlsx/cell-limit';
import { contactsTable, organisationTable, pointsTable, type RegisterTable, type RegisterTableOptions } from './register-tables';
import { finishSheet, sheetWithHeader, WARN, type SheetHost } from './report-sheet';

/**
 * The sheets 体制, 連絡体制 and 接続点 (English names in an English
 * workbook): written into the inspector's report and, alone, by
 * `hoan registers export`. Cells wrap; a row the register flags (a point
 * with neither a defence nor a reason, a device the inventory lacks) is amber.
 */

const WIDTHS: Record<'organisation' | 'contacts' | 'points', number[]> = {
  organisation: [20, 24, 28, 16, 16, 28, 44, 24],
  contacts: [8, 20, 34, 16, 16, 36],
  points: [26, 16, 30, 30, 18, 24, 30, 40, 48],
};

function addSheet(wb: SheetHost, name: string, table: RegisterTable, widths: number[], footer: string, o: RegisterTableOptions): void {
  const sheet = sheetWithHeader(wb, name, table.columns.map((c) => o.t(`registers.report.columns.${c}`)), widths, footer);
  for (const r of table.rows) {
    const row = sheet.addRow(fitRow(r.cells, o.locale));
    row.alignment = { wrapText: true, vertical: 'top' };
    if (r.warn) row.fill = WARN;
  }
  finishSheet(sheet);
}

export function addRegisterSheets(wb: SheetHost, registers: SiteRegisters, footer: string, o: RegisterTableOptions): void {
  addSheet(wb, o.t('registers.report.sheets.organisation'), organisationTable(registers, o), WIDTHS.organisation, footer, o);
  addSheet(wb, o.t('registers.report.sheets.contacts'), contactsTable(registers, o), WIDTHS.contacts, footer, o);
  addSheet(wb, o.t('registers.report.sheets.points'), pointsTable(registers, o), WIDTHS.points, footer, o);
}
