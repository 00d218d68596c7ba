import type { RawRow } from './cell-text';
import { InflateLimitError, PART_LIMITS, XlsxArchive } from './xlsx-archive';
import { CellFormats, readSharedStrings, readSheetRows } from './xlsx-cells';
import { readWorkbookOutline } from './xlsx-workbook';

/**
 * An xlsx, sheet by sheet and row by row. The zip is read with yauzl
 * (xlsx-archive.ts), every part through a bounded inflate, in the order the
 * reader needs: the workbook and its relationships (xlsx-workbook.ts),
 * shared strings, styles, then the sheets in tab order; so nothing is
 * spilled to a temporary file whatever order the parts were zipped in. The
 * cells are read with saxes (xlsx-cells.ts, which says why not exceljs).
 */

/**
 * A row's XML, from one row's start to the next: a row is held whole until
 * it ends. Sixteen columns of a ledger are about 600 characters; a row of
 * many full cells fits too, a gigabyte of cells in one row does not.
 */
const MAX_ROW_CHARS = 16 * 1024 * 1024;

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

/**
 * Streams a workbook sheet by sheet. Styles are read so that date cells come
 * back as dates; merged cells are not reported, which is fine: a merged
 * title holds its text in its first cell. A part that inflates past its
 * limit throws (InflateLimitError), which the caller reports as damage.
 */
export function openXlsx(file: string): XlsxBook {
  let archive: XlsxArchive | undefined;
  let names: string[] = [];
  return {
    sheets: (async function* () {
      archive = await XlsxArchive.open(file);
      const outline = await readWorkbookOutline(archive);
      names = outline.sheets.filter((s) => !s.hidden).map((s) => s.name);
      const sharedStrings = outline.sharedStrings ? await readSharedStrings(archive.text(outline.sharedStrings, PART_LIMITS.sharedStrings)) : [];
      const formats = outline.styles ? await CellFormats.read(archive.text(outline.styles, PART_LIMITS.styles)) : CellFormats.none();
      for (const sheet of outline.sheets) {
        const rows = readSheetRows(rowBounded(archive.text(sheet.part, PART_LIMITS.sheet), sheet.part), { sharedStrings, formats, date1904: outline.date1904 });
        yield { name: sheet.name, rows };
      }
    })(),
    sheetNames: () => names,
    close: () => archive?.close(),
  };
}
