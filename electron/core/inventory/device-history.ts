import type Database from 'better-sqlite3';
import type { AuditChange } from '../audit/audit-types';
import { getDevice } from './device-repository';
import { PATCH_ACTION, PATCH_ADVISORY_FIELD } from './device-version';
import { toCheck, type CheckRow } from './device-rows';
import type { DeviceDetail, DeviceEvent, DeviceEventKind, FieldChange } from './inventory-types';

/** The device's audit entries an import or its undo wrote, and what each is called here. */
const KINDS: Readonly<Record<string, DeviceEventKind>> = {
  'import-update': 'updated',
  'import-absent': 'absent',
  'undo-import': 'undone',
  [PATCH_ACTION]: 'patched',
};

interface EntryRow {
  seq: number;
  action: string;
  changes_json: string;
  user_name: string;
  at: string;
  batch_id: string | null;
  file_name: string | null;
  sheet: string | null;
}

/**
 * An import and its undo write each device's entry, then the batch's own
 * (`inventory-import`), in one write transaction (import-commit.ts): the
 * batch of a device's entry is the first batch entry after it in the site's
 * log. A patch (device-version.ts) belongs to no batch.
 */
const ENTRIES = `
  SELECT a.seq, a.action, a.changes_json, a.user_name, a.at, b.id AS batch_id, b.file_name, b.sheet
  FROM audit_log a
  LEFT JOIN inventory_import_batches b ON a.action <> '${PATCH_ACTION}' AND b.id = (
    SELECT n.entity_id FROM audit_log n WHERE n.site_id = a.site_id AND n.seq > a.seq AND n.entity = 'inventory-import'
    ORDER BY n.seq LIMIT 1)
  WHERE a.entity = 'device' AND a.entity_id = ? AND a.action IN ('import-update', 'import-absent', 'undo-import', '${PATCH_ACTION}')
  ORDER BY a.seq`;

function asText(value: AuditChange['old']): string | null {
  return value === null ? null : String(value);
}

/**
 * One device with every field, its extra columns, and what happened to it:
 * the import that added it, each import that changed it or found it missing
 * from the file, each undo, each check on site. Newest first.
 */
export function deviceDetail(db: Database.Database, siteId: string, deviceId: string): DeviceDetail {
  const device = getDevice(db, siteId, deviceId);
  const events: DeviceEvent[] = [];
  const created = db
    .prepare('SELECT id, file_name, sheet, imported_by FROM inventory_import_batches WHERE id = (SELECT created_batch_id FROM devices WHERE id = ?)')
    .get(device.id) as { id: string; file_name: string; sheet: string; imported_by: string } | undefined;
  // A device that came with a bundle has no batch here: its creation is known by its time only.
  events.push({
    kind: 'created',
    at: device.createdAt,
    userName: created?.imported_by ?? '',
    batch: created ? { id: created.id, fileName: created.file_name, sheet: created.sheet } : null,
    changes: [],
    check: null,
  });
  for (const row of db.prepare(ENTRIES).all(device.id) as EntryRow[]) {
    const recorded = JSON.parse(row.changes_json) as AuditChange[];
    const advisory = recorded.find((c) => c.field === PATCH_ADVISORY_FIELD);
    const changes: FieldChange[] = recorded.filter((c) => c !== advisory).map((c) => ({
      field: c.field as FieldChange['field'],
      old: asText(c.old),
      new: asText(c.new),
    }));
    events.push({
      kind: KINDS[row.action]!,
      at: row.at,
      userName: row.user_name,
      batch: row.batch_id ? { id: row.batch_id, fileName: row.file_name!, sheet: row.sheet! } : null,
      changes,
      check: null,
      ...(advisory ? { advisory: String(advisory.new) } : {}),
    });
  }
  const checks = db.prepare('SELECT * FROM device_checks WHERE device_id = ? ORDER BY seq').all(device.id) as CheckRow[];
  for (const check of checks.map(toCheck)) {
    const changes: FieldChange[] =
      check.status === 'moved' && check.newLocation !== check.fromLocation
        ? [{ field: 'location', old: check.fromLocation, new: check.newLocation }]
        : [];
    events.push({ kind: 'checked', at: check.recordedAt, userName: check.checkedBy, batch: null, changes, check });
  }
  // Entries and checks are each in the order they were written; merged by time (a stable sort keeps ties in that order).
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { device, history: events.reverse() };
}
