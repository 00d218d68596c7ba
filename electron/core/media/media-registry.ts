import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { auditHistory, diffFields, recordAudit } from '../audit/audit-log';
import { HoanError, notFound } from '../errors';
import { getSite } from '../sites/site-repository';
import type { MediumFields, MediumStatus, MediumType } from './media-schema';
import type { Medium, MediumDetail } from './media-types';
import { writeTransaction } from '../db/transactions';

interface MediumRow {
  id: string;
  site_id: string;
  control_no: string;
  type: string;
  description: string;
  owner_person: string;
  owner_company: string;
  serial: string;
  status: string;
  created_at: string;
  updated_at: string;
}

function toMedium(row: MediumRow): Medium {
  return {
    id: row.id,
    siteId: row.site_id,
    controlNo: row.control_no,
    type: row.type as MediumType,
    description: row.description,
    ownerPerson: row.owner_person,
    ownerCompany: row.owner_company,
    serial: row.serial,
    status: row.status as MediumStatus,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const AUDITED = ['controlNo', 'type', 'description', 'ownerPerson', 'ownerCompany', 'serial', 'status'] as const satisfies readonly (keyof Medium)[];

export function findMedium(db: Database.Database, id: string): Medium | undefined {
  const row = db.prepare('SELECT * FROM media WHERE id = ?').get(id) as MediumRow | undefined;
  return row ? toMedium(row) : undefined;
}

export function getMedium(db: Database.Database, id: string): Medium {
  const medium = findMedium(db, id);
  if (!medium) throw notFound('medium', id);
  return medium;
}

/** By 管理番号 within a site: how people name a medium at the checkpoint and on the CLI. */
export function findMediumByControlNo(db: Database.Database, siteId: string, controlNo: string): Medium | undefined {
  const row = db.prepare('SELECT * FROM media WHERE site_id = ? AND control_no = ?').get(siteId, controlNo) as MediumRow | undefined;
  return row ? toMedium(row) : undefined;
}

export function listMedia(db: Database.Database, siteId: string, options: { includeInactive?: boolean } = {}): Medium[] {
  getSite(db, siteId);
  const sql = options.includeInactive
    ? "SELECT * FROM media WHERE site_id = ? ORDER BY status != 'active', control_no COLLATE NOCASE"
    : "SELECT * FROM media WHERE site_id = ? AND status = 'active' ORDER BY control_no COLLATE NOCASE";
  return (db.prepare(sql).all(siteId) as MediumRow[]).map(toMedium);
}

function assertControlNoFree(db: Database.Database, siteId: string, controlNo: string, exceptId?: string): void {
  const other = findMediumByControlNo(db, siteId, controlNo);
  if (other && other.id !== exceptId) {
    throw new HoanError('conflict', 'media.errors.controlNoTaken', { controlNo }, [
      { path: 'controlNo', messageKey: 'media.errors.controlNoTaken', params: { controlNo } },
    ]);
  }
}

export function createMedium(db: Database.Database, siteId: string, fields: MediumFields, now: Date, userName = ''): Medium {
  return writeTransaction(db, () => {
    getSite(db, siteId);
    assertControlNoFree(db, siteId, fields.controlNo);
    const id = randomUUID();
    const stamp = now.toISOString();
    db.prepare(
      `INSERT INTO media (id, site_id, control_no, type, description, owner_person, owner_company, serial, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(id, siteId, fields.controlNo, fields.type, fields.description, fields.ownerPerson, fields.ownerCompany, fields.serial, fields.status, stamp, stamp);
    const medium = getMedium(db, id);
    recordAudit(db, { siteId, entity: 'medium', entityId: id, action: 'create', changes: diffFields(null, medium, AUDITED), userName, at: now });
    return medium;
  });
}

export function updateMedium(db: Database.Database, id: string, fields: MediumFields, now: Date, userName = ''): Medium {
  return writeTransaction(db, () => {
    const before = getMedium(db, id);
    assertControlNoFree(db, before.siteId, fields.controlNo, id);
    db.prepare(
      `UPDATE media SET control_no = ?, type = ?, description = ?, owner_person = ?, owner_company = ?, serial = ?, status = ?, updated_at = ?
       WHERE id = ?`,
    ).run(fields.controlNo, fields.type, fields.description, fields.ownerPerson, fields.ownerCompany, fields.serial, fields.status, now.toISOString(), id);
    const after = getMedium(db, id);
    const changes = diffFields(before, after, AUDITED);
    const action = before.status !== after.status ? `status:${after.status}` : 'update';
    if (changes.length > 0) recordAudit(db, { siteId: after.siteId, entity: 'medium', entityId: id, action, changes, userName, at: now });
    return after;
  });
}

export function mediumDetail(db: Database.Database, id: string): MediumDetail {
  return { medium: getMedium(db, id), history: auditHistory(db, 'medium', id) };
}
