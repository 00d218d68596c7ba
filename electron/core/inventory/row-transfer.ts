import { DEVICE_FIELDS, type DeviceRecord } from './inventory-types';
import type { ParsedRecord } from './row-collector';

type PackedRecord = [row: number, ...fields: (string | null)[], extra: Record<string, string>];

/**
 * Normalised devices cross from the worker thread as one JSON string per
 * batch: cloning a string is a copy, while structured-cloning thousands of
 * small objects costs the worker more than normalising them did. A record
 * travels as an array in DEVICE_FIELDS order: its row, each field, its extra
 * attributes.
 */
export function packRecords(records: readonly ParsedRecord[]): string {
  const packed: unknown[][] = new Array(records.length);
  for (let r = 0; r < records.length; r++) {
    const { row, record } = records[r]!;
    const out: unknown[] = new Array(DEVICE_FIELDS.length + 2);
    out[0] = row;
    for (let i = 0; i < DEVICE_FIELDS.length; i++) out[i + 1] = record[DEVICE_FIELDS[i]!];
    out[DEVICE_FIELDS.length + 1] = record.extra;
    packed[r] = out;
  }
  return JSON.stringify(packed);
}

export function unpackRecords(text: string): ParsedRecord[] {
  const packed = JSON.parse(text) as PackedRecord[];
  const records: ParsedRecord[] = new Array(packed.length);
  for (let r = 0; r < packed.length; r++) {
    const p = packed[r]!;
    const record = {} as Record<string, unknown>;
    for (let i = 0; i < DEVICE_FIELDS.length; i++) record[DEVICE_FIELDS[i]!] = p[i + 1];
    record.extra = p[DEVICE_FIELDS.length + 1];
    records[r] = { row: p[0], record: record as unknown as DeviceRecord };
  }
  return records;
}
