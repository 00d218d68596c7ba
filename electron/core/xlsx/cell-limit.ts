import type { LocaleId } from '../../../renderer/locales';
import { translate } from '../i18n/translate';

/**
 * Excel's limits on what Hoan writes (Microsoft's "Excel specifications and
 * limits"). Every workbook Hoan writes passes each row through `fitRow`
 * and each header or footer through `headerText`: exceljs writes longer text
 * as it is, and Excel then "repairs" the file by dropping it.
 */

/** Characters (UTF-16 units) one cell holds. */
export const EXCEL_CELL_MAX = 32_767;
/** Characters in a page header or footer, its `&` codes included. */
export const EXCEL_HEADER_MAX = 255;

/** Cut at `max` UTF-16 units without splitting a surrogate pair. */
function cutAt(text: string, max: number): string {
  const cut = text.slice(0, max);
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * A cell's value within Excel's limit. Longer text is cut and ends with a
 * note in the workbook's language saying so and where the whole text is.
 */
export function fitCell<T>(value: T, locale: LocaleId): T | string {
  if (typeof value !== 'string' || value.length <= EXCEL_CELL_MAX) return value;
  const note = translate(locale, 'app.workbook.cellCut', { max: EXCEL_CELL_MAX.toLocaleString('en-US') });
  return `${cutAt(value, EXCEL_CELL_MAX - note.length)}${note}`;
}

/** A row's values, each within Excel's limit (see fitCell). */
export function fitRow<T>(values: readonly T[], locale: LocaleId): (T | string)[] {
  return values.map((v) => fitCell(v, locale));
}

/**
 * One section of a page header or footer (after `&L`, `&C` or `&R`): `&` is
 * doubled so a name like "A&B" is not read as a code, line breaks become
 * spaces, and the text is cut to `room` characters (escapes counted) so the
 * whole header stays within EXCEL_HEADER_MAX.
 */
export function headerText(text: string, room: number): string {
  const plain = text.replace(/[\r\n\u2028\u2029]+/g, ' ');
  let out = '';
  for (const ch of plain) {
    const piece = ch === '&' ? '&&' : ch;
    if (out.length + piece.length > room) break;
    out += piece;
  }
  return out;
}
