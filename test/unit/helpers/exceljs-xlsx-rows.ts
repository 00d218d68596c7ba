import path from 'node:path';
import { Readable } from 'node:stream';
import type { RawCell, RawRow } from '../../../electron/core/inventory/cell-text';
import { InflateLimitError, PART_LIMITS, XlsxArchive } from '../../../electron/core/inventory/xlsx-archive';
import { readWorkbookOutline } from '../../../electron/core/inventory/xlsx-workbook';

/**
 * The oracle of the xlsx reader's tests: the xlsx reader Hoan's parse worker
 * used until issue 15 (electron/core/inventory/xlsx-rows.ts at that time,
 * unchanged but for this comment and its imports). Rows come from exceljs's
 * streaming reader (pinned at exactly 4.4.0): its `_parseSharedStrings` and
 * `_parseStyles` (internal methods of the pinned version) and its
 * `WorksheetReader`, over the parts read by yauzl with Hoan's bounds
 * (xlsx-archive.ts). The lean reader (xlsx-cells.ts) must hand over exactly
 * the rows this does, but where this is known to be wrong.
 */

/** The parts of exceljs's streaming reader used here (its typings cover neither the internals nor the row stream). */
interface StreamRow {
  number: number;
  values: unknown[] | Record<string, unknown>;
}
interface PartsReader {
  options: Record<string, string>;
  sharedStrings?: unknown[];
  properties?: { model: { date1904: boolean } };
  _parseSharedStrings(entry: Readable): AsyncIterable<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
}
type WorkbookReaderClass = new (input: null, options: Record<string, string>) => PartsReader;
type WorksheetReaderClass = new (args: { workbook: PartsReader; id: number; iterator: AsyncIterable<string>; options: Record<string, string> }) => AsyncIterable<StreamRow>;

/**
 * The streaming reader alone, and only for workbooks: all of exceljs costs a
 * worker a tenth of a second more. workbook-reader.js also loads unzipper at
 * its top, which Hoan never calls (the zip is read by yauzl) and which takes
 * longer to load than the rest of the reader together (bluebird, fstream…):
 * most of a small file's preview, in a worker that starts with nothing
 * loaded. So it is loaded with unzipper stood in by an empty module, which is
 * taken out again at once, so that anything else requiring unzipper gets it.
 */
function exceljsReaders(): { WorkbookReader: WorkbookReaderClass; WorksheetReader: WorksheetReaderClass } {
  const unzipper = require.resolve('unzipper', { paths: [path.dirname(require.resolve('exceljs/package.json'))] });
  const stood = !(unzipper in require.cache);
  if (stood) require.cache[unzipper] = { id: unzipper, filename: unzipper, loaded: true, exports: {} } as NodeJS.Module;
  try {
    return {
      WorkbookReader: require('exceljs/lib/stream/xlsx/workbook-reader') as WorkbookReaderClass,
      WorksheetReader: require('exceljs/lib/stream/xlsx/worksheet-reader') as WorksheetReaderClass,
    };
  } finally {
    if (stood) delete require.cache[unzipper];
  }
}

/**
 * A row's XML, from one row's start to the next: exceljs holds a row whole
 * until it ends. Sixteen columns of a ledger are about 600 characters; a row
 * of many full cells fits too, a gigabyte of cells in one row does not.
 */
const MAX_ROW_CHARS = 16 * 1024 * 1024;

const READER_OPTIONS = { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' };

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

async function* rowsOf(sheet: AsyncIterable<StreamRow>): AsyncGenerator<RawRow> {
  for await (const row of sheet) yield { n: row.number, c: rowCells(row.values) };
}

/** Stops a sheet whose row runs past MAX_ROW_CHARS (a row start split between chunks only makes the bound stricter). */
async function* rowBounded(chunks: AsyncIterable<string>, part: string): AsyncGenerator<string> {
  const rowStart = /<row[\s>/]/g;
  let since = 0;
  for await (const text of chunks) {
    let first = -1;
    let last = -1;
    rowStart.lastIndex = 0;
    for (let m = rowStart.exec(text); m; m = rowStart.exec(text)) {
      if (first < 0) first = m.index;
      last = m.index;
    }
    if ((first < 0 ? since + text.length : since + first) > MAX_ROW_CHARS) throw new InflateLimitError(`a row of ${part}`, MAX_ROW_CHARS, 'characters');
    since = first < 0 ? since + text.length : text.length - last;
    yield text;
  }
}

/** Reads a whole part into exceljs through its stream interface. */
function partStream(archive: XlsxArchive, part: string, limit: number): Readable {
  return Readable.from(archive.text(part, limit));
}

/**
 * Streams a workbook sheet by sheet. Styles are read so that date cells come
 * back as dates; merged cells are not reported in stream mode, which is fine:
 * a merged title holds its text in its first cell. A part that inflates past
 * its limit throws (InflateLimitError), which the caller reports as damage.
 */
export function openXlsx(file: string): XlsxBook {
  let archive: XlsxArchive | undefined;
  let names: string[] = [];
  return {
    sheets: (async function* () {
      archive = await XlsxArchive.open(file);
      const outline = await readWorkbookOutline(archive);
      names = outline.sheets.filter((s) => !s.hidden).map((s) => s.name);
      const { WorkbookReader, WorksheetReader } = exceljsReaders();
      const workbook = new WorkbookReader(null, READER_OPTIONS);
      workbook.properties = { model: { date1904: outline.date1904 } };
      workbook.sharedStrings = [];
      if (outline.sharedStrings) {
        for await (const _ of workbook._parseSharedStrings(partStream(archive, outline.sharedStrings, PART_LIMITS.sharedStrings)));
      }
      if (outline.styles) await workbook._parseStyles(partStream(archive, outline.styles, PART_LIMITS.styles));
      for (const [i, sheet] of outline.sheets.entries()) {
        const cells = new WorksheetReader({ workbook, id: i + 1, iterator: rowBounded(archive.text(sheet.part, PART_LIMITS.sheet), sheet.part), options: workbook.options });
        yield { name: sheet.name, rows: rowsOf(cells) };
      }
    })(),
    sheetNames: () => names,
    close: () => archive?.close(),
  };
}
