import { recordOf, type DeviceRow } from './device-rows';
import type { ParsedRecord } from './row-collector';
import {
  DEVICE_FIELDS,
  type ChangedItem,
  type DeviceField,
  type DeviceRecord,
  type DiffItem,
  type FieldChange,
  type InventoryDiff,
  type PreviewColumn,
} from './inventory-types';

/** Lists in a preview are capped; the counts are exact. */
export const DIFF_LIST_LIMIT = 200;

/** What the file says about: the fields it has columns for, and its extra columns by key. */
export interface FileCoverage {
  fields: Set<DeviceField>;
  extraKeys: Set<string>;
}

export function coverageOf(columns: readonly PreviewColumn[], extraKeys: ReadonlyMap<number, string>): FileCoverage {
  const fields = new Set<DeviceField>();
  for (const c of columns) if (c.target !== 'extra' && c.target !== 'ignore') fields.add(c.target);
  return { fields, extraKeys: new Set(extraKeys.values()) };
}

/**
 * A device after the file: the file's value for each field it has a column
 * for, the old value for the rest. A sheet from the network team with only
 * 管理番号 and IPアドレス updates addresses and erases nothing else.
 */
export function mergeRecord(before: DeviceRecord, file: DeviceRecord, coverage: FileCoverage): DeviceRecord {
  const after: DeviceRecord = { ...before, extra: { ...before.extra } };
  for (const field of coverage.fields) (after as unknown as Record<string, unknown>)[field] = file[field];
  for (const key of coverage.extraKeys) {
    if (file.extra[key]) after.extra[key] = file.extra[key];
    else delete after.extra[key];
  }
  // Columns beyond the header are keyed by letter and not in the coverage: kept as they come.
  for (const [key, value] of Object.entries(file.extra)) after.extra[key] = value;
  return after;
}

export function changesBetween(before: DeviceRecord, after: DeviceRecord): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of DEVICE_FIELDS) {
    const a = before[field] ?? null;
    const b = after[field] ?? null;
    if ((a ?? '') !== (b ?? '')) changes.push({ field, old: a, new: b });
  }
  const keys = new Set([...Object.keys(before.extra), ...Object.keys(after.extra)]);
  for (const key of [...keys].sort()) {
    const a = before.extra[key] ?? null;
    const b = after.extra[key] ?? null;
    if (a !== b) changes.push({ field: `extra.${key}`, old: a, new: b });
  }
  return changes;
}

export type PlannedUpdate = { row: number; existing: DeviceRow; after: DeviceRecord; changes: FieldChange[] };

export interface DiffPlan {
  creates: ParsedRecord[];
  updates: PlannedUpdate[];
  unchanged: number;
  /** Every device of the site the file does not list. */
  absent: DeviceRow[];
}

/**
 * The file against the site's devices, by 管理番号, one device at a time as
 * the file is read. A device that a previous import had marked absent and
 * that is listed again counts as changed.
 */
export class DiffPlanner {
  private readonly listed = new Set<string>();

  constructor(
    private readonly existing: ReadonlyMap<string, DeviceRow>,
    private readonly coverage: FileCoverage,
  ) {}

  /** A new device (null), a change to an existing one, or 'unchanged'. */
  plan(parsed: ParsedRecord): PlannedUpdate | null | 'unchanged' {
    this.listed.add(parsed.record.assetId);
    const row = this.existing.get(parsed.record.assetId);
    if (!row) return null;
    const before = recordOf(row);
    const after = mergeRecord(before, parsed.record, this.coverage);
    const changes = changesBetween(before, after);
    if (row.in_latest_import === 0) changes.push({ field: 'inLatestImport', old: 'false', new: 'true' });
    return changes.length === 0 ? 'unchanged' : { row: parsed.row, existing: row, after, changes };
  }

  /** Once the file is read: the site's devices it does not list, those of skipped rows aside. */
  absent(skippedAssetIds: ReadonlySet<string>): DeviceRow[] {
    const absent: DeviceRow[] = [];
    for (const [assetId, row] of this.existing) if (!this.listed.has(assetId) && !skippedAssetIds.has(assetId)) absent.push(row);
    return absent;
  }
}

export function planDiff(
  existing: ReadonlyMap<string, DeviceRow>,
  records: readonly ParsedRecord[],
  skippedAssetIds: ReadonlySet<string>,
  coverage: FileCoverage,
): DiffPlan {
  const planner = new DiffPlanner(existing, coverage);
  const plan: DiffPlan = { creates: [], updates: [], unchanged: 0, absent: [] };
  for (const parsed of records) {
    const planned = planner.plan(parsed);
    if (planned === null) plan.creates.push(parsed);
    else if (planned === 'unchanged') plan.unchanged++;
    else plan.updates.push(planned);
  }
  plan.absent = planner.absent(skippedAssetIds);
  return plan;
}

function item(assetId: string, name: string, row: number | null): DiffItem {
  return { assetId, name, row };
}

export function summariseDiff(plan: DiffPlan, limit = DIFF_LIST_LIMIT): InventoryDiff {
  const changed: ChangedItem[] = plan.updates
    .slice(0, limit)
    .map((u) => ({ ...item(u.after.assetId, u.after.name, u.row), changes: u.changes }));
  return {
    counts: { new: plan.creates.length, changed: plan.updates.length, unchanged: plan.unchanged, absent: plan.absent.length },
    new: plan.creates.slice(0, limit).map((c) => item(c.record.assetId, c.record.name, c.row)),
    changed,
    absent: plan.absent.slice(0, limit).map((r) => item(r.asset_id, String(r.name ?? ''), null)),
  };
}
