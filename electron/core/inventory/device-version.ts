import type Database from 'better-sqlite3';
import { recordAudit } from '../audit/audit-log';
import { writeTransaction } from '../db/transactions';
import { getDevice } from './device-repository';

/** The audit action of a version changed by a patch; device-history.ts shows it as 'patched'. */
export const PATCH_ACTION = 'patch';
/** Recorded with the version's change so the history can say which advisory the patch answered. */
export const PATCH_ADVISORY_FIELD = 'advisory';

/**
 * A patch applied on site (8-4-3, 対応済): the device's software version
 * becomes the one after the patch, audited like an import's change so the
 * device's history shows it beside imports and checks. Returns the version
 * before, or null when it already was the new one (nothing written then).
 */
export function applyPatchVersion(
  db: Database.Database,
  input: { siteId: string; deviceId: string; version: string; advisoryId: string },
  userName: string,
  now: Date,
): string | null {
  return writeTransaction(db, () => {
    const device = getDevice(db, input.siteId, input.deviceId);
    const before = device.softwareVersion ?? '';
    if (before === input.version) return null;
    db.prepare('UPDATE devices SET software_version = ?, updated_at = ? WHERE id = ?').run(input.version, now.toISOString(), device.id);
    recordAudit(db, {
      siteId: input.siteId,
      entity: 'device',
      entityId: device.id,
      action: PATCH_ACTION,
      changes: [
        { field: 'softwareVersion', old: before, new: input.version },
        { field: PATCH_ADVISORY_FIELD, old: null, new: input.advisoryId },
      ],
      userName,
      at: now,
    });
    return before;
  });
}
