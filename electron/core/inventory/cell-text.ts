import { cellDateToIso } from './japanese-date';

/**
 * A cell as the readers hand it over: text, a number, a boolean, a date cell,
 * or nothing. Formula cells arrive as their cached result, rich text as its
 * plain text (see xlsx-cells.ts).
 */
export type RawCell = string | number | boolean | Date | null;

/** Excel's limit for the text of one cell; no reader hands over a longer one. */
export const MAX_CELL_CHARS = 32_767;

/** A sheet row: its number as the spreadsheet shows it, and its cells from column A. */
export interface RawRow {
  n: number;
  c: RawCell[];
}

/** Excel shows at most 15 significant digits; binary noise beyond them is not data. */
function numberText(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(15)));
}

/** Printable ASCII without spaces needs no normalising: most IDs, addresses, model numbers. */
function isPlainAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code >= 0x7f) return false;
  }
  return true;
}

/**
 * A cell's text: NFKC (full-width digits and letters to ASCII, half-width
 * katakana to full-width), spaces of every width collapsed and trimmed. Line
 * breaks survive only where `multiline` (notes and extra attributes).
 */
export function cellText(value: RawCell | undefined, multiline = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return cellDateToIso(value) ?? '';
  if (isPlainAscii(value)) return value;
  const text = value.normalize('NFKC');
  if (!multiline) return text.replace(/\s+/g, ' ').trim();
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
    .join('\n')
    .trim();
}

export function isBlank(value: RawCell | undefined): boolean {
  return value === null || value === undefined || (typeof value === 'string' && value.trim() === '');
}

/** Column 0 is A, 26 is AA: as the spreadsheet labels it. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    out = String.fromCharCode(65 + rem) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
