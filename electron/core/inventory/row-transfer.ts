import type { RawCell, RawRow } from './cell-text';

type PackedCell = string | number | boolean | null | { d: number };

/**
 * Rows cross from the worker thread as one JSON string per batch: cloning a
 * string is a copy, while structured-cloning 16,000 small values costs the
 * worker more than parsing the cells did. Date cells travel as `{ d: ms }`.
 */
export function packRows(rows: readonly RawRow[]): string {
  const packed: PackedCell[][] = new Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const { n, c } = rows[r]!;
    const out: PackedCell[] = new Array(c.length + 1);
    out[0] = n;
    for (let i = 0; i < c.length; i++) {
      const cell = c[i];
      out[i + 1] = cell instanceof Date ? { d: cell.getTime() } : (cell ?? null);
    }
    packed[r] = out;
  }
  return JSON.stringify(packed);
}

export function unpackRows(text: string): RawRow[] {
  const packed = JSON.parse(text) as PackedCell[][];
  const rows: RawRow[] = new Array(packed.length);
  for (let r = 0; r < packed.length; r++) {
    const p = packed[r]!;
    const cells: RawCell[] = new Array(p.length - 1);
    for (let i = 1; i < p.length; i++) {
      const cell = p[i]!;
      cells[i - 1] = typeof cell === 'object' && cell !== null ? new Date(cell.d) : cell;
    }
    rows[r] = { n: p[0] as number, c: cells };
  }
  return rows;
}
