import fs from 'node:fs';
import type { RawRow } from './cell-text';

/** Enough of the file to tell UTF-8 from Shift_JIS: headers are Japanese and come first. */
const SNIFF_BYTES = 1024 * 1024;

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
 * quotes and line breaks. Row numbers count records, as Excel numbers the rows
 * when it opens the file.
 */
export async function* csvRows(
  file: string,
  encoding: string,
  onBytes: (bytesRead: number) => void = () => undefined,
): AsyncGenerator<RawRow> {
  const decoder = new TextDecoder(encoding);
  const stream = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  let delimiter: string | undefined;
  let field = '';
  let row: string[] = [];
  let quoted = false;
  /** A quote ended the last chunk inside a quoted field: closing, or the first of a doubled pair. */
  let pendingQuote = false;
  let pendingCR = false;
  let n = 0;
  let bytes = 0;
  const ready: RawRow[] = [];
  const endRow = () => {
    row.push(field);
    ready.push({ n: ++n, c: row });
    row = [];
    field = '';
  };

  const consume = (text: string) => {
    if (delimiter === undefined && text) delimiter = delimiterOf(text);
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
        row.push(field);
        field = '';
      } else if (ch === '\n' || ch === '\r') {
        endRow();
        pendingCR = ch === '\r';
      } else {
        field += ch;
      }
    }
  };

  for await (const chunk of stream as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    consume(decoder.decode(chunk, { stream: true }));
    onBytes(bytes);
    yield* ready.splice(0);
  }
  consume(decoder.decode());
  if (field !== '' || row.length > 0) endRow();
  yield* ready.splice(0);
}
