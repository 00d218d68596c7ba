import { cellText, isBlank, type RawCell } from './cell-text';
import type { AfterTableEnd, TableEndReason } from './inventory-types';

/**
 * Where a ledger's table ends. Below the devices, ledgers carry notes
 * ("※ 本台帳は年1回見直す"), a signature line, a total; the reader skips
 * blank rows, so without a rule each became a device or a skipped row.
 *
 * After a blank row (or several), the first row that has text ends the table
 * when
 *   - its first cell with text begins as a note does: ※, *, 注1), 注:, 注記,
 *     注意, 備考, 以上 (reason `note`);
 *   - it has text in one cell only (`oneCell`): a note across merged cells
 *     keeps its text in the first of them;
 *   - it leaves both the 管理番号 and the 機器名 column empty (`noIdOrName`).
 * Without a blank row before it, only a row whose one cell begins with ※
 * ends the table: a 管理番号 never does.
 *
 * A row after a blank row that has a 管理番号 or a 機器名 and more than one
 * cell of text is a device, and the table goes on: an accidental blank row
 * drops nothing. Rows after the end are not imported, never silently: each
 * is listed in the preview by row number, and those that look like a device
 * are counted apart. A blank row between the header and the first device
 * ends nothing.
 *
 * Cheap per row: a row that follows the last without a gap costs a look at
 * the first character of its first cell with text.
 */

/** First characters of a note, after NFKC: ※, *, 注, 備, 以. */
const NOTE_STARTS = new Set([0x203b, 0x2a, 0x6ce8, 0x5099, 0x4ee5]);
const NOTE = /^(?:※|\*|注(?:記|意|\d*\s*[:).、])|備考|以上$)/u;
/** Rows after the end kept for display, with a little of their text; all are counted. */
const MAX_LISTED = 200;
const TEXT_MAX = 60;

function firstFilled(cells: readonly RawCell[]): number {
  for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i])) return i;
  return -1;
}

function onlyFilled(cells: readonly RawCell[], first: number): boolean {
  for (let i = first + 1; i < cells.length; i++) if (!isBlank(cells[i])) return false;
  return true;
}

function isNote(cell: RawCell | undefined): boolean {
  if (typeof cell !== 'string') return false;
  const code = cell.charCodeAt(0);
  // Most first cells are a 管理番号 or a number: one comparison, no normalising.
  if (code > 0x20 && code !== 0x3000 && code !== 0xff0a && !NOTE_STARTS.has(code)) return false;
  return NOTE.test(cellText(cell));
}

/** The columns the rule looks at: -1 for a column the plan does not have. */
export interface KeyColumns {
  assetId: number;
  name: number;
}

/** Why `cells` is the first row after the table, or null if it is a row of the table. */
export function tableEndReason(cells: readonly RawCell[], columns: KeyColumns, afterBlank: boolean): TableEndReason | null {
  const first = firstFilled(cells);
  if (first < 0) return null;
  const note = isNote(cells[first]);
  if (!afterBlank) return note && cellText(cells[first]).startsWith('※') && onlyFilled(cells, first) ? 'note' : null;
  if (note) return 'note';
  if (onlyFilled(cells, first)) return 'oneCell';
  const blank = (index: number) => index < 0 || isBlank(cells[index]);
  return blank(columns.assetId) && blank(columns.name) ? 'noIdOrName' : null;
}

/** Collects the rows after the table's end, as the preview lists them. */
export class TableEndTracker {
  end: AfterTableEnd | null = null;

  constructor(readonly columns: KeyColumns) {}

  /** Starts the rows after the end at `row`. */
  start(row: number, reason: TableEndReason, cells: readonly RawCell[]): void {
    this.end = { row, reason, count: 0, deviceLike: 0, rows: [] };
    this.add(row, cells);
  }

  add(row: number, cells: readonly RawCell[]): void {
    const end = this.end!;
    end.count++;
    const first = firstFilled(cells);
    const deviceLike = first >= 0 && !isNote(cells[first]) && !isBlank(cells[this.columns.assetId]) && !onlyFilled(cells, first);
    if (deviceLike) end.deviceLike++;
    if (end.rows.length < MAX_LISTED) end.rows.push({ row, text: rowText(cells), deviceLike });
  }
}

function rowText(cells: readonly RawCell[]): string {
  const parts: string[] = [];
  let length = 0;
  for (const cell of cells) {
    if (isBlank(cell)) continue;
    const text = cellText(cell);
    parts.push(text);
    length += text.length + 1;
    if (length > TEXT_MAX) break;
  }
  const joined = parts.join(' ');
  return joined.length > TEXT_MAX ? `${joined.slice(0, TEXT_MAX)}…` : joined;
}
