import fs from 'node:fs';
import type { RawCell, RawRow } from './cell-text';
import { workbookOutline } from './xlsx-directory';

/** The parts of exceljs's streaming reader used here (its typings omit a sheet's name). */
interface StreamRow {
  number: number;
  values: unknown[] | Record<string, unknown>;
}
interface StreamSheet extends AsyncIterable<StreamRow> {
  id: number | string;
  name?: string;
}
interface StreamWorkbook extends AsyncIterable<StreamSheet> {
  model?: { sheets?: { name: string; state?: string }[] };
  properties?: { model?: { date1904?: boolean } };
}
type WorkbookReaderClass = new (input: fs.ReadStream, options: Record<string, string>) => StreamWorkbook;

/** The streaming reader alone, and only for workbooks: all of exceljs costs a worker a tenth of a second more. */
function workbookReader(): WorkbookReaderClass {
  return require('exceljs/lib/stream/xlsx/workbook-reader') as WorkbookReaderClass;
}

/**
 * One exceljs cell value as a plain RawCell. A formula is its cached result
 * (what Excel last showed; Hoan never recalculates), rich text its text, a
 * hyperlink its label, an error value (#N/A) its code.
 */
export function rawCell(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((r) => r.text ?? '').join('');
    if ('formula' in v || 'sharedFormula' in v) return rawCell(v.result);
    if ('error' in v) return String(v.error);
    if ('text' in v) return rawCell(v.text);
  }
  return String(value);
}

function rowCells(values: StreamRow['values']): RawCell[] {
  const list = Array.isArray(values) ? values : [];
  const cells: RawCell[] = new Array(Math.max(0, list.length - 1));
  // exceljs numbers cells from 1; index 0 is always empty.
  for (let i = 1; i < list.length; i++) cells[i - 1] = rawCell(list[i]);
  return cells;
}

export interface XlsxSheet {
  name: string;
  rows: AsyncIterable<RawRow>;
}

export interface XlsxBook {
  sheets: AsyncIterable<XlsxSheet>;
  /** Every sheet's name in tab order, once the workbook part has been read. */
  sheetNames(): string[];
  close(): void;
}

async function* rowsOf(sheet: StreamSheet): AsyncGenerator<RawRow> {
  for await (const row of sheet) yield { n: row.number, c: rowCells(row.values) };
}

/**
 * Streams a workbook sheet by sheet. Styles are read so that date cells come
 * back as dates; merged cells are not reported in stream mode, which is fine:
 * a merged title holds its text in its first cell.
 */
export function openXlsx(file: string): XlsxBook {
  const outline = workbookOutline(file);
  const listed = outline.sheets;
  const byPart = new Map(listed.map((s) => [s.part, s.name]));
  const input = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  const WorkbookReader = workbookReader();
  const reader = new WorkbookReader(input, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  // exceljs looks up sheet names and the date system as each sheet arrives, and throws if
  // workbook.xml has not been read yet: both come from the directory instead (xlsx-directory.ts).
  reader.model ??= { sheets: [] };
  reader.properties ??= { model: { date1904: outline.date1904 } };
  const seen: string[] = [];
  return {
    sheets: (async function* () {
      for await (const sheet of reader) {
        const name = byPart.get(`xl/worksheets/sheet${sheet.id}.xml`) ?? sheet.name ?? `Sheet${sheet.id}`;
        seen.push(name);
        yield { name, rows: rowsOf(sheet) };
      }
    })(),
    sheetNames: () => (listed.length > 0 ? listed.filter((s) => !s.hidden).map((s) => s.name) : seen),
    close: () => input.destroy(),
  };
}
