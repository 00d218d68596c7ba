import type Database from 'better-sqlite3';
import { notFound } from '../errors';
import { getSite } from '../sites/site-repository';
import { recordOf, toCheck, type CheckRow, type DeviceRow } from './device-rows';
import { lastImportBatch } from './import-batches';
import type { ListInput } from './inventory-schema';
import { undoSummary } from './undo-staging';
import type { Device, InventoryCounts, InventoryList, LocationSummary } from './inventory-types';

/** The latest check of each device, as columns prefixed `c_`. */
const WITH_LAST_CHECK = `
  SELECT d.*, c.id AS c_id, c.site_id AS c_site_id, c.device_id AS c_device_id, c.status AS c_status,
         c.checked_on AS c_checked_on, c.from_location AS c_from_location, c.new_location AS c_new_location,
         c.note AS c_note, c.checked_by AS c_checked_by, c.recorded_at AS c_recorded_at
  FROM devices d
  LEFT JOIN device_checks c ON c.seq = (SELECT max(seq) FROM device_checks WHERE device_id = d.id)`;

type JoinedRow = DeviceRow & { [K in keyof CheckRow as `c_${K}`]: CheckRow[K] | null };

function toDevice(row: JoinedRow): Device {
  const lastCheck =
    row.c_id === null
      ? null
      : toCheck(
          Object.fromEntries(
            Object.entries(row)
              .filter(([k]) => k.startsWith('c_'))
              .map(([k, v]) => [k.slice(2), v]),
          ) as unknown as CheckRow,
        );
  return {
    id: row.id,
    siteId: row.site_id,
    ...recordOf(row),
    inLatestImport: row.in_latest_import === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastCheck,
  };
}

/** LIKE with the user's text taken literally. */
function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A page of the site's devices, by 管理番号 in natural order (natural-sort-key.ts) read from its index. */
export function listDevices(db: Database.Database, input: ListInput): InventoryList {
  getSite(db, input.siteId);
  const where = ['d.site_id = @siteId'];
  const params: Record<string, unknown> = { siteId: input.siteId, limit: input.limit, offset: input.offset };
  if (input.location !== undefined) {
    where.push('d.location = @location');
    params.location = input.location;
  }
  if (input.search) {
    where.push(
      `(d.asset_id LIKE @q ESCAPE '\\' OR d.name LIKE @q ESCAPE '\\' OR d.location LIKE @q ESCAPE '\\'
        OR d.ip_address LIKE @q ESCAPE '\\' OR d.model LIKE @q ESCAPE '\\')`,
    );
    params.q = likePattern(input.search.normalize('NFKC'));
  }
  const filter = where.join(' AND ');
  const total = (db.prepare(`SELECT count(*) AS n FROM devices d WHERE ${filter}`).get(params) as { n: number }).n;
  const rows = db
    .prepare(`${WITH_LAST_CHECK} WHERE ${filter} ORDER BY d.asset_sort_key, d.asset_id LIMIT @limit OFFSET @offset`)
    .all(params) as JoinedRow[];
  return {
    total,
    devices: rows.map(toDevice),
    counts: inventoryCounts(db, input.siteId),
    lastBatch: lastImportBatch(db, input.siteId),
    undo: undoSummary(db, input.siteId),
  };
}

export function inventoryCounts(db: Database.Database, siteId: string): InventoryCounts {
  const row = db
    .prepare(
      `SELECT count(*) AS devices,
              coalesce(sum(in_latest_import = 0), 0) AS notInLatestImport,
              coalesce(sum(status = 'confirmed'), 0) AS confirmed,
              coalesce(sum(status = 'not_found'), 0) AS notFound,
              coalesce(sum(status = 'moved'), 0) AS moved,
              coalesce(sum(status IS NULL), 0) AS unchecked
       FROM (SELECT d.in_latest_import,
                    (SELECT status FROM device_checks WHERE device_id = d.id ORDER BY seq DESC LIMIT 1) AS status
             FROM devices d WHERE d.site_id = ?)`,
    )
    .get(siteId) as InventoryCounts;
  return row;
}

/** The walkthrough's stops: each 設置箇所 with its devices and how many are checked. */
export function listLocations(db: Database.Database, siteId: string): LocationSummary[] {
  getSite(db, siteId);
  return db
    .prepare(
      `SELECT d.location AS location, count(*) AS devices,
              sum(EXISTS (SELECT 1 FROM device_checks c WHERE c.device_id = d.id)) AS checked
       FROM devices d WHERE d.site_id = ? GROUP BY d.location ORDER BY d.location`,
    )
    .all(siteId) as LocationSummary[];
}

export function getDevice(db: Database.Database, siteId: string, deviceId: string): Device {
  const row = db.prepare(`${WITH_LAST_CHECK} WHERE d.id = ? AND d.site_id = ?`).get(deviceId, siteId) as JoinedRow | undefined;
  if (!row) throw notFound('device', deviceId);
  return toDevice(row);
}

/** Every device of a site by 管理番号: what an import is compared with. */
export function siteDevicesByAssetId(db: Database.Database, siteId: string): Map<string, DeviceRow> {
  const map = new Map<string, DeviceRow>();
  for (const row of db.prepare('SELECT * FROM devices WHERE site_id = ?').iterate(siteId) as IterableIterator<DeviceRow>) {
    map.set(row.asset_id, row);
  }
  return map;
}

/** All devices of a site in export order, one at a time. */
export function iterateDevices(db: Database.Database, siteId: string): IterableIterator<Device> {
  const rows = db
    .prepare(`${WITH_LAST_CHECK} WHERE d.site_id = ? ORDER BY d.location, d.asset_sort_key, d.asset_id`)
    .iterate(siteId) as IterableIterator<JoinedRow>;
  return (function* () {
    for (const row of rows) yield toDevice(row);
  })();
}
