import { cellText, columnLetter, type RawCell, type RawRow } from './cell-text';
import type { ColumnPlan } from './column-plan';
import type { DeviceField, DeviceRecord, PreviewSample, SampleValue } from './inventory-types';

/** The first rows the import will store, shown whole. */
const FIRST_ROWS = 3;
/** With the rows that show a conversion, at most this many. */
const MAX_SAMPLES = 6;
/** A sheet may have thousands of columns; the preview shows values for the first ones. */
const MAX_SAMPLE_COLUMNS = 200;

/** Fields whose stored value Hoan reads out of what was written: a 和暦 date, an address written another way. */
const CONVERTED: ReadonlySet<DeviceField> = new Set(['installedOn', 'ipAddress', 'macAddress']);

/**
 * Rows for the preview to show with the value Hoan will store in each mapped
 * column: the first rows it imports, and for each column whose value is
 * converted (dates, IP and MAC addresses) the first row where what the file
 * says differs from what is stored, so "R6.4.1 → 2024-04-01" is there to
 * check before anything is written. Once every such column has its example,
 * a row costs one comparison.
 */
export class PreviewSampler {
  readonly samples: PreviewSample[] = [];
  /** Converted columns still without an example. */
  private open: { index: number; field: DeviceField }[];

  constructor(private readonly plan: ColumnPlan) {
    this.open = plan.columns.filter((c) => CONVERTED.has(c.target as DeviceField)).map((c) => ({ index: c.index, field: c.target as DeviceField }));
  }

  offer(raw: RawRow, record: DeviceRecord): void {
    if (this.samples.length >= MAX_SAMPLES || (this.open.length === 0 && this.samples.length >= FIRST_ROWS)) return;
    let take = this.samples.length < FIRST_ROWS;
    for (let i = 0; i < this.open.length; i++) {
      const { index, field } = this.open[i]!;
      if (written(raw.c[index], stored(record, field)) === undefined) continue;
      this.open.splice(i--, 1);
      take = true;
    }
    if (take) this.samples.push(this.sample(raw, record));
  }

  private sample(raw: RawRow, record: DeviceRecord): PreviewSample {
    const values: SampleValue[] = [];
    for (const column of this.plan.columns.slice(0, MAX_SAMPLE_COLUMNS)) {
      const { target, index } = column;
      if (target === 'ignore') continue;
      const value = target === 'extra' ? (record.extra[this.plan.extraKeys.get(index) ?? column.letter] ?? '') : stored(record, target);
      const before = CONVERTED.has(target as DeviceField) ? written(raw.c[index], value) : undefined;
      if (value || before) values.push({ index, stored: value, ...(before !== undefined ? { written: before } : {}) });
    }
    // Beyond the header: kept under the column's letter (row-normaliser.ts).
    for (let index = this.plan.columns.length; index < Math.min(raw.c.length, MAX_SAMPLE_COLUMNS); index++) {
      const value = record.extra[columnLetter(index)];
      if (value) values.push({ index, stored: value });
    }
    return { row: raw.n, values };
  }
}

function stored(record: DeviceRecord, field: DeviceField): string {
  return record[field] ?? '';
}

/** What the file says, where it differs from what is stored; date cells are dates already. */
function written(cell: RawCell | undefined, value: string): string | undefined {
  // Most cells are written as they are stored: one comparison, no normalising.
  if (cell === value || (typeof cell !== 'string' && typeof cell !== 'number')) return undefined;
  const text = cellText(cell);
  return text !== value ? text : undefined;
}
