import { SaxesParser, type SaxesTag } from 'saxes';
import type { RawCell, RawRow } from './cell-text';

/**
 * The cells of an xlsx, read with saxes (the XML parser exceljs itself uses)
 * straight from the parts' text, without exceljs's workbook reader.
 *
 * Why not exceljs: its streaming reader builds a Row, a Cell, a style and a
 * value object for every cell, and batches every SAX event in an object of
 * its own first; on the 100,000-row × 16-column ledger of the benchmark
 * (npm run bench:inventory) that reader alone took 5.0–6.4 s and 325–383 MB,
 * while saxes alone over the same parts, counting cells, took 2.5–2.8 s and
 * 136 MB (same process type, same load, alternating), and this reader, rows
 * and all, 2.5–3.1 s and 140 MB. The reader set the pace of the whole import
 * (the rows are normalised and staged while it reads), so the import could
 * not come near the exceljs read while reading with exceljs.
 *
 * The cells are exactly what Hoan's worker got from exceljs 4.4.0 with
 * `styles: 'cache'` (xlsx-rows.ts before issue 15; a test reads every xlsx
 * of the inventory tests with both and compares them row by row): shared
 * strings with their rich-text runs joined; inline strings; numbers as
 * `parseFloat` reads them; booleans; error codes (#N/A); a formula's cached
 * result, never recalculated and never a date; a number cell whose style's
 * number format is a date format (exceljs's built-in table and its test of a
 * format's letters) as a date, in the workbook's 1900 or 1904 system; a
 * row's own style (`<row s=…>`) applying to its cells that name none.
 * Empty cells leave holes (null); a row's cells end at its last cell with a
 * value; a cell's column comes from its `r`. Whatever exceljs threw on (a
 * cell without `r`, a column past XFD, a row number that is not one, a style
 * that does not exist where a cell names one) throws here too, and the
 * caller reports the file as unreadable.
 *
 * Where exceljs was wrong, this is not (tested on their own):
 * - the phonetic guide Japanese Excel keeps in a shared string
 *   (`<rPh><t>ヤマダ</t></rPh>`) is not the cell's text: exceljs took the
 *   reading in place of the text (山田 came back as ヤマダ);
 * - an inline string's rich-text runs are all kept (exceljs kept the last);
 * - entities are decoded once (exceljs decoded inline strings twice, so the
 *   text `&lt;` became `<`);
 * - a formula whose cached result is 0 or empty text is 0 or empty text
 *   (exceljs dropped falsy results: the cell came back empty);
 * - only the text of `<t>` and `<v>` counts, not line breaks and indents
 *   between the tags of a pretty-printed part.
 */

/** exceljs's table of built-in number formats (pinned 4.4.0): only these ids have a format code exceljs knows. */
const BUILT_IN_FORMATS = require('exceljs/lib/xlsx/defaultnumformats') as Record<string, { f?: string }>;

/** exceljs's test of a date format: a date or time letter outside quotes and brackets. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return /[ymdhMsb]+/.test(bare);
}

/** An Excel serial as a date, to the millisecond, as exceljs converts it. */
function excelToDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000));
}

/**
 * Feeds a part to saxes chunk by chunk and, after each chunk, yields what the
 * handlers collected meanwhile (`drain`). Malformed XML throws, as it did in
 * exceljs (whose wrapper, like this one, never closes the parser: a part
 * that ends with elements open is read as far as it goes).
 */
async function* parsed<T>(chunks: AsyncIterable<string>, parser: SaxesParser, drain: () => T[]): AsyncGenerator<T[]> {
  let failure: Error | undefined;
  parser.on('error', (err) => {
    failure ??= err;
  });
  for await (const chunk of chunks) {
    parser.write(chunk);
    if (failure) throw failure;
    const out = drain();
    if (out.length > 0) yield out;
  }
}

/** A whole part through saxes, for the parts read before any row (the handlers keep what they need). */
async function parseWhole(chunks: AsyncIterable<string>, parser: SaxesParser): Promise<void> {
  for await (const _ of parsed(chunks, parser, () => [])) void _;
}

/**
 * sharedStrings.xml as a list of texts. A string is the text of its `<t>`,
 * or its runs' texts joined; none at all (`<si><t/></si>`) is null, as
 * exceljs has it, so that a cell pointing there is empty.
 */
export async function readSharedStrings(chunks: AsyncIterable<string>): Promise<(string | null)[]> {
  const strings: (string | null)[] = [];
  const parser = new SaxesParser();
  let text: string | null = null;
  let runs: string[] = [];
  let inT = false;
  let phonetic = 0;
  parser.on('opentag', (tag: SaxesTag) => {
    switch (tag.name) {
      case 'si':
        text = null;
        runs = [];
        break;
      case 't':
        if (phonetic === 0) {
          inT = true;
          text = null;
        }
        break;
      case 'rPh':
        phonetic++;
        break;
    }
  });
  parser.on('text', (value) => {
    if (inT) text = text === null ? value : text + value;
  });
  parser.on('closetag', (tag: SaxesTag) => {
    switch (tag.name) {
      case 't':
        inT = false;
        break;
      case 'rPh':
        phonetic = Math.max(0, phonetic - 1);
        break;
      case 'r':
        if (phonetic === 0) {
          runs.push(text ?? '');
          text = null;
        }
        break;
      case 'si':
        strings.push(runs.length > 0 ? runs.join('') : text);
        text = null;
        runs = [];
        phonetic = 0;
        break;
    }
  });
  await parseWhole(chunks, parser);
  return strings;
}

/**
 * The number format of each cell style (`s="n"`) in styles.xml, looked up
 * as exceljs's style manager does; a lookup throws where exceljs's did.
 */
export class CellFormats {
  private readonly cache = new Map<number, { numFmt: string | undefined } | null>();

  private constructor(
    /** numFmtId of each `<xf>` of `<cellXfs>`; undefined when exceljs had no style list to look in. */
    private readonly styles: number[] | undefined,
    private readonly custom: Map<number, string>,
    /** No styles.xml: exceljs's default style manager, whose style 0 cannot be looked up. */
    private readonly absent = false,
  ) {}

  static none(): CellFormats {
    return new CellFormats([0], new Map(), true);
  }

  /** null: no such style (the cell keeps its row's); throws where exceljs's lookup did. */
  style(id: number): { numFmt: string | undefined } | null {
    const known = this.cache.get(id);
    if (known !== undefined) return known;
    if (!this.styles) throw new Error('styles.xml has no cell styles to look up');
    const numFmtId = this.styles[id];
    if (numFmtId === undefined) return null;
    if (this.absent) throw new Error('no styles.xml to look up a style in');
    const style = { numFmt: numFmtId ? this.custom.get(numFmtId) || BUILT_IN_FORMATS[numFmtId]?.f || undefined : undefined };
    this.cache.set(id, style);
    return style;
  }

  /**
   * styles.xml: the custom formats of `<numFmts>` and the `<xf>` list of
   * `<cellXfs>`, found where exceljs's parser finds them (outside any other
   * list it knows). Nothing else of the styles matters to a cell's value.
   */
  static async read(chunks: AsyncIterable<string>): Promise<CellFormats> {
    const parser = new SaxesParser();
    const LISTS = new Set(['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'dxfs', 'numFmt', 'font', 'fill', 'border', 'style', 'cellStyles', 'tableStyles', 'extLst']);
    const custom = new Map<number, string>();
    let xfs: number[] = [];
    let formats: { id: number; code: string }[] = [];
    /** The list being read and how deep inside it. */
    let list: string | null = null;
    let depth = 0;
    let done = false;
    let model: { xfs: number[]; formats: { id: number; code: string }[] } | undefined;
    parser.on('opentag', (tag: SaxesTag) => {
      if (done) return;
      const a = tag.attributes as Record<string, string>;
      if (list === null) {
        if (tag.name === 'styleSheet') {
          xfs = [];
          formats = [];
        } else if (LISTS.has(tag.name)) {
          list = tag.name;
          depth = 0;
          if (list === 'cellXfs') xfs = [];
          if (list === 'numFmts') formats = [];
        }
        return;
      }
      depth++;
      if (depth !== 1) return;
      if (list === 'numFmts' && tag.name === 'numFmt') {
        if (a.formatCode === undefined) throw new Error('a number format without its code');
        formats.push({ id: parseInt(a.numFmtId!, 10), code: a.formatCode.replace(/[\\](.)/g, '$1') });
      }
      if (list === 'cellXfs' && tag.name === 'xf') xfs.push(parseInt(a.numFmtId!, 10));
    });
    parser.on('closetag', (tag: SaxesTag) => {
      if (done) return;
      if (list !== null) {
        if (depth === 0) list = null;
        else depth--;
        return;
      }
      if (tag.name === 'styleSheet') {
        model = { xfs, formats };
        done = true;
      }
    });
    await parseWhole(chunks, parser);
    if (!model) return new CellFormats(undefined, custom);
    for (const f of model.formats) custom.set(f.id, f.code);
    return new CellFormats(model.xfs.length > 0 ? model.xfs : undefined, custom);
  }
}

/** The column of a cell reference (`B12`, `$B$12`) as exceljs decodes it; throws for none or one past XFD. */
function columnOf(ref: string | undefined): number {
  if (ref === undefined) throw new Error('a cell without a reference');
  let col = 0;
  let hasCol = false;
  let hasRow = false;
  for (let i = 0; i < ref.length; i++) {
    const ch = ref.charCodeAt(i);
    if (!hasRow && ch >= 65 && ch <= 90) {
      hasCol = true;
      col = col * 26 + ch - 64;
    } else if (ch >= 48 && ch <= 57) hasRow = true;
    else if (hasRow && hasCol && ch !== 36) break;
  }
  if (!hasCol || col > 16384) throw new Error(`cell reference ${ref}`);
  return col;
}

/** A row number exceljs could make an address of. */
function checkRowNumber(n: number): void {
  if (!/^\d+$/.test(String(n))) throw new Error(`row number ${n}`);
}

export interface SheetContext {
  sharedStrings: readonly (string | null)[];
  formats: CellFormats;
  date1904: boolean;
}

/**
 * A worksheet's rows as they end, from the part's text. Rows come as the
 * sheet has them (`n` from `<row r>`); a row with no cell of any value has no
 * cells.
 */
export async function* readSheetRows(chunks: AsyncIterable<string>, context: SheetContext): AsyncGenerator<RawRow> {
  const { sharedStrings, formats, date1904 } = context;
  const parser = new SaxesParser();
  let done: RawRow[] = [];
  let inRows = false;
  let row: (RawRow & { numFmt: string | undefined }) | null = null;
  /** The cell being read: its reference, style, type, formula and value text. */
  let inCell = false;
  let ref: string | undefined;
  let style = '';
  let type: string | undefined;
  let formula = false;
  let value: string | null = null;
  /** Text goes to the value: inside `<v>`, or a `<t>` of `<is>` outside its phonetic guide. */
  let inV = false;
  let inIs = false;
  let inT = false;
  let phonetic = 0;

  /** Whether the open row's number has been checked (once, at its first cell, as exceljs did). */
  let rowChecked = false;
  const put = (col: number, cell: RawCell) => {
    const cells = row!.c;
    if (col - 1 === cells.length) {
      cells.push(cell);
      return;
    }
    while (cells.length < col - 1) cells.push(null);
    cells[col - 1] = cell;
  };

  parser.on('opentag', (tag: SaxesTag) => {
    const a = tag.attributes as Record<string, string>;
    switch (tag.name) {
      case 'sheetData':
        inRows = true;
        break;
      case 'row':
        if (inRows) {
          const n = parseInt(a.r!, 10);
          let numFmt: string | undefined;
          if (a.s) numFmt = formats.style(parseInt(a.s, 10))?.numFmt;
          row = { n, c: [], numFmt };
          rowChecked = false;
        }
        break;
      case 'c':
        if (row) {
          inCell = true;
          ref = a.r;
          style = a.s ?? '';
          type = a.t;
          formula = false;
          value = null;
        }
        break;
      case 'f':
        if (inCell) formula = true;
        break;
      case 'v':
        if (inCell) {
          inV = true;
          value = '';
        }
        break;
      case 'is':
        if (inCell) {
          inIs = true;
          value = '';
        }
        break;
      case 't':
        if (inIs && phonetic === 0) inT = true;
        break;
      case 'rPh':
        if (inIs) phonetic++;
        break;
    }
  });
  parser.on('text', (text) => {
    if (inV || inT) value += text;
  });
  parser.on('closetag', (tag: SaxesTag) => {
    switch (tag.name) {
      case 'sheetData':
        inRows = false;
        break;
      case 'v':
        inV = false;
        break;
      case 't':
        inT = false;
        break;
      case 'rPh':
        if (phonetic > 0) phonetic--;
        break;
      case 'is':
        inIs = false;
        phonetic = 0;
        break;
      case 'row':
        if (!row) throw new Error('a row closed that was not opened');
        done.push({ n: row.n, c: row.c });
        row = null;
        break;
      case 'c': {
        if (!row || !inCell) break;
        inCell = false;
        inV = inIs = inT = false;
        const col = columnOf(ref);
        if (!rowChecked) {
          checkRowNumber(row.n);
          rowChecked = true;
        }
        let numFmt = row.numFmt;
        if (style !== '') {
          const s = parseInt(style, 10);
          const own = s ? formats.style(s) : null;
          if (own) numFmt = own.numFmt;
        }
        if (formula) {
          put(col, value === null ? null : type === 'str' ? value : numberOrNull(parseFloat(value)));
        } else if (value !== null) {
          switch (type) {
            case 's': {
              const text = sharedStrings[parseInt(value, 10)];
              if (text !== null && text !== undefined) put(col, text);
              break;
            }
            case 'inlineStr':
            case 'str':
              put(col, value);
              break;
            case 'e':
              put(col, value);
              break;
            case 'b':
              put(col, parseInt(value, 10) !== 0);
              break;
            default:
              put(col, isDateFormat(numFmt) ? excelToDate(parseFloat(value), date1904) : numberOrNull(parseFloat(value)));
          }
        }
        break;
      }
    }
  });
  for await (const rows of parsed(chunks, parser, () => {
    const out = done;
    done = [];
    return out;
  })) {
    yield* rows;
  }
}

function numberOrNull(n: number): number | null {
  return Number.isNaN(n) ? null : n;
}
