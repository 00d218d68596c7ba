import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { recordAudit } from '../audit/audit-log';
import { getDevice } from './device-repository';
import { toCheck, type CheckRow } from './device-rows';
import type { CheckInput } from './inventory-schema';
import type { DeviceCheck } from './inventory-types';
import { writeTransaction } from '../db/transactions';

/**
 * Records one device's 存在確認 on a walkthrough. "Moved" also moves the
 * device to where it was found, with the old place kept in the check and in
 * the audit log.
 */
export function recordCheck(db: Database.Database, input: CheckInput, userName: string, now: Date): DeviceCheck {
  return writeTransaction(db, () => {
    const device = getDevice(db, input.siteId, input.deviceId);
    const id = randomUUID();
    const at = now.toISOString();
    const moved = input.status === 'moved';
    db.prepare(
      `INSERT INTO device_checks (id, site_id, device_id, status, checked_on, from_location, new_location, note, checked_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, input.siteId, device.id, input.status, input.checkedOn, device.location, moved ? input.newLocation : '', input.note, userName, at);
    const changes = [
      { field: 'status', old: device.lastCheck?.status ?? null, new: input.status },
      { field: 'checkedOn', old: device.lastCheck?.checkedOn ?? null, new: input.checkedOn },
    ];
    if (moved && input.newLocation !== device.location) {
      db.prepare('UPDATE devices SET location = ?, updated_at = ? WHERE id = ?').run(input.newLocation, at, device.id);
      changes.push({ field: 'location', old: device.location, new: input.newLocation });
    }
    recordAudit(db, { siteId: input.siteId, entity: 'device', entityId: device.id, action: 'check', changes, userName, at: now });
    return toCheck(db.prepare('SELECT * FROM device_checks WHERE id = ?').get(id) as CheckRow);
  });
}

/** Oldest first: every check of one device. */
export function deviceCheckHistory(db: Database.Database, deviceId: string): DeviceCheck[] {
  return (db.prepare('SELECT * FROM device_checks WHERE device_id = ? ORDER BY seq').all(deviceId) as CheckRow[]).map(toCheck);
}
