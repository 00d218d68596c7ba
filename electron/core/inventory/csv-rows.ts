import fs from 'node:fs';
import path from 'node:path';
import { HoanError } from '../errors';
import { MAX_CELL_CHARS, type RawRow } from './cell-text';

/** Enough of the file to tell UTF-8 from Shift_JIS: headers are Japanese and come first. */
const SNIFF_BYTES = 1024 * 1024;
/** A record's characters, all fields together: dozens of full cells, and far below what would strain memory. */
const MAX_RECORD_CHARS = 1024 * 1024;
/** Excel's number of columns. */
const MAX_FIELDS = 16_384;

/**
 * Excel writes CSV as Shift_JIS ("CSV (コンマ区切り)"), UTF-8 with a BOM
 * ("CSV UTF-8"), or UTF-16LE with tabs ("Unicode テキスト"). Bytes that are
 * not valid UTF-8 are Shift_JIS: the other encodings announce themselves.
 */
export function detectEncoding(sample: Buffer): string {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return 'utf-8';
  } catch {
    return 'shift_jis';
  }
}

export function sniffEncoding(file: string): string {
  const fd = fs.openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(SNIFF_BYTES);
    return detectEncoding(buffer.subarray(0, fs.readSync(fd, buffer, 0, SNIFF_BYTES, 0)));
  } finally {
    fs.closeSync(fd);
  }
}

/** More tabs than commas in the first lines (a title line may have neither): a tab-separated file. */
function delimiterOf(firstText: string): string {
  const head = firstText.split(/\r\n|\n|\r/, 20).join('\n');
  const tabs = head.split('\t').length - 1;
  const commas = head.split(',').length - 1;
  return tabs > commas ? '\t' : ',';
}

/**
 * RFC 4180 records, streamed: quoted fields may hold delimiters, doubled
 * quotes and line breaks; a quote inside an unquoted field is kept as it is;
 * CRLF, LF and CR (Excel for Mac's CSV) each end a record. Row numbers count
 * records, as Excel numbers the rows when it opens the file.
 *
 * Refused while reading, naming the row, so nothing is stored:
 * - a field longer than a cell may hold, or a record of more than
 *   MAX_RECORD_CHARS or MAX_FIELDS: a quote that is never closed turns the
 *   rest of the file into one field, which is stopped within one read chunk
 *   past the limit instead of filling memory;
 * - a quote still open at the end of the file: the rows after it would
 *   otherwise vanish into one cell, and their devices be reported absent;
 * - a NUL character, which no text CSV holds: the file is binary, UTF-16
 *   without its byte-order mark, or damaged, and stripping the character
 *   would store something other than what the file says.
 *
 * Written by hand, not with csv-parse: on a 100,000-row, 16-column ledger
 * (17 MB) csv-parse 7.0.3 took 3.5 s of CPU against 0.45 s here, and the
 * import would spend most of its time in it. papaparse is as fast but bounds
 * no record (an unclosed quote makes it hold and re-scan the rest of the
 * file); csv-parser bounds a row in bytes but knows one line ending only.
 */
export async function* csvRows(
  file: string,
  encoding: string,
  onBytes: (bytesRead: number) => void = () => undefined,
  displayName: string = path.basename(file),
): AsyncGenerator<RawRow> {
  const decoder = new TextDecoder(encoding);
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  let delimiter: string | undefined;
  let field = '';
  let row: string[] = [];
  /** Characters of the finished fields of the record being read. */
  let rowChars = 0;
  let quoted = false;
  /** A quote ended the last chunk inside a quoted field: closing, or the first of a doubled pair. */
  let pendingQuote = false;
  let pendingCR = false;
  /** Fields are searched for NUL only once a chunk has held one. */
  let nulSeen = false;
  let n = 0;
  let bytes = 0;
  const ready: RawRow[] = [];
  const refuse = (messageKey: string) => {
    const params = { file: displayName, row: n + 1, ...(messageKey.endsWith('TooLong') ? { max: MAX_CELL_CHARS } : {}) };
    return new HoanError('io', messageKey, params);
  };
  const checkLength = () => {
    if (field.length > MAX_CELL_CHARS || rowChars + field.length > MAX_RECORD_CHARS) throw refuse('errors.inventory.cellTooLong');
  };
  const endField = () => {
    checkLength();
    if (nulSeen && field.includes('\0')) throw refuse('errors.inventory.nulCharacter');
    if (row.length === MAX_FIELDS) throw refuse('errors.inventory.cellTooLong');
    row.push(field);
    rowChars += field.length;
    field = '';
  };
  const endRow = () => {
    endField();
    ready.push({ n: ++n, c: row });
    row = [];
    rowChars = 0;
  };

  const consume = (text: string) => {
    if (delimiter === undefined && text) delimiter = delimiterOf(text);
    nulSeen ||= text.includes('\0');
    let i = 0;
    if (pendingQuote && text.length > 0) {
      pendingQuote = false;
      if (text[0] === '"') {
        field += '"';
        i = 1;
      } else {
        quoted = false;
      }
    }
    for (; i < text.length; i++) {
      const ch = text[i]!;
      if (pendingCR) {
        pendingCR = false;
        if (ch === '\n') continue;
      }
      if (quoted) {
        if (ch !== '"') field += ch;
        else if (i + 1 === text.length) pendingQuote = true;
        else if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else if (ch === '"' && field === '') {
        quoted = true;
      } else if (ch === delimiter) {
        endField();
      } else if (ch === '\n' || ch === '\r') {
        endRow();
        pendingCR = ch === '\r';
      } else {
        field += ch;
      }
    }
    // A field grows by at most one chunk between checks.
    checkLength();
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    consume(decoder.decode(chunk, { stream: true }));
    onBytes(bytes);
    yield* ready.splice(0);
  }
  consume(decoder.decode());
  if (quoted && !pendingQuote) throw refuse('errors.inventory.unclosedQuote');
  if (field !== '' || row.length > 0) endRow();
  yield* ready.splice(0);
}
