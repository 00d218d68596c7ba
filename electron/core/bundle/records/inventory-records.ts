import type Database from 'better-sqlite3';
import { z } from 'zod';
import { fillSortKeys } from '../../inventory/natural-sort-key';
import { insertMissing, upsertRows, type Row } from './rows';
import { defineDomain } from './record-domain';

// The inventory's tables are still settling, so its rows travel column by
// column as they are: a column this installation lacks is refused, one the
// bundle lacks takes the table's default.
const row = z.record(z.string().regex(/^[a-z][a-z0-9_]{0,62}$/), z.union([z.string().max(1_000_000), z.number(), z.null()]));
const schema = z.object({ devices: z.array(row), checks: z.array(row) }).strict();
type InventoryRecords = z.output<typeof schema>;

/**
 * Local workflow, not record: import batches stay where the spreadsheet was imported.
 * The 管理番号 sort key is derived, and derived again where the devices arrive.
 */
const LOCAL_ONLY = new Set(['seq', 'created_batch_id', 'asset_sort_key']);

function rowsOf(db: Database.Database, sql: string, siteId: string): Row[] {
  return (db.prepare(sql).all(siteId) as Row[]).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !LOCAL_ONLY.has(k))));
}

function tableColumns(db: Database.Database, table: string): Set<string> {
  return new Set((db.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name));
}

function unknownColumn(db: Database.Database, table: string, rows: Row[]): string | undefined {
  const known = tableColumns(db, table);
  for (const r of rows) for (const k of Object.keys(r)) if (!known.has(k) || LOCAL_ONLY.has(k)) return k;
  return undefined;
}

/**
 * Rows grouped by the columns they carry, in the order they came: every row of
 * one export has the same columns, so this is one group, but a row may lack a
 * column (it then takes the table's default) and is applied with its own.
 */
function byColumns(rows: readonly Row[]): [string[], Row[]][] {
  const groups = new Map<string, [string[], Row[]]>();
  for (const r of rows) {
    const columns = Object.keys(r);
    const key = columns.join(',');
    const group = groups.get(key);
    if (group) group[1].push(r);
    else groups.set(key, [columns, [r]]);
  }
  return [...groups.values()];
}

/** 8-2-1: the device inventory and the existence checks made on walkthroughs. */
export const inventoryRecords = defineDomain<InventoryRecords>({
  file: 'inventory.json',
  kinds: ['site'],
  schema,
  collect: ({ db, siteId }) => ({
    devices: rowsOf(db, 'SELECT * FROM devices WHERE site_id = ? ORDER BY id', siteId),
    checks: rowsOf(db, 'SELECT * FROM device_checks WHERE site_id = ? ORDER BY seq', siteId),
  }),
  check: (data, siteId, file) =>
    [...data.devices, ...data.checks].some((r) => r.site_id !== siteId || typeof r.id !== 'string')
      ? { class: 'records_invalid', entry: file, reason: 'otherSite' }
      : null,
  checkAgainst: (db, data, _siteId, file) => {
    const bad = unknownColumn(db, 'devices', data.devices) ?? unknownColumn(db, 'device_checks', data.checks);
    return bad ? { class: 'records_invalid', entry: file, reason: 'unknownColumn', params: { column: bad } } : null;
  },
  apply: ({ db, siteId }, data) => {
    let n = 0;
    // One statement per set of columns, not per row: preparing the upsert costs more than running it.
    for (const [columns, rows] of byColumns(data.devices)) n += upsertRows(db, 'devices', columns, ['id'], rows);
    fillSortKeys(db, siteId);
    for (const [columns, rows] of byColumns(data.checks)) n += insertMissing(db, 'device_checks', columns, ['id'], rows);
    return n;
  },
});
