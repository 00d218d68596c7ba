import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { diffFields, recordAudit } from '../audit/audit-log';
import { notFound } from '../errors';
import type { RegionId } from '../reference/region-types';
import type { InstallationType, Site, SiteFields } from './site-schema';
import { writeTransaction } from '../db/transactions';

interface SiteRow {
  id: string;
  name: string;
  address: string;
  owner_name: string;
  contractor_name: string;
  region: string;
  receiving_voltage_v: number | null;
  generation_capacity_kw: number | null;
  grid_connected: number;
  reverse_power_flow: number;
  has_remote_monitoring: number;
  has_control_system: number;
  installation_type: string;
  last_system_change_date: string | null;
  created_at: string;
  updated_at: string;
  archived_at: string | null;
}

function toSite(row: SiteRow): Site {
  return {
    id: row.id,
    name: row.name,
    address: row.address,
    ownerName: row.owner_name,
    contractorName: row.contractor_name,
    region: row.region as RegionId,
    receivingVoltageV: row.receiving_voltage_v,
    generationCapacityKw: row.generation_capacity_kw,
    gridConnected: row.grid_connected === 1,
    reversePowerFlow: row.reverse_power_flow === 1,
    hasRemoteMonitoring: row.has_remote_monitoring === 1,
    hasControlSystem: row.has_control_system === 1,
    installationType: row.installation_type as InstallationType,
    lastSystemChangeDate: row.last_system_change_date,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}

function fieldParams(f: SiteFields) {
  return {
    name: f.name,
    address: f.address,
    owner_name: f.ownerName,
    contractor_name: f.contractorName,
    region: f.region,
    receiving_voltage_v: f.receivingVoltageV,
    generation_capacity_kw: f.generationCapacityKw,
    grid_connected: f.gridConnected ? 1 : 0,
    reverse_power_flow: f.reversePowerFlow ? 1 : 0,
    has_remote_monitoring: f.hasRemoteMonitoring ? 1 : 0,
    has_control_system: f.hasControlSystem ? 1 : 0,
    installation_type: f.installationType,
    last_system_change_date: f.lastSystemChangeDate,
  };
}

export function findSite(db: Database.Database, id: string): Site | undefined {
  const row = db.prepare('SELECT * FROM sites WHERE id = ?').get(id) as SiteRow | undefined;
  return row ? toSite(row) : undefined;
}

export function getSite(db: Database.Database, id: string): Site {
  const site = findSite(db, id);
  if (!site) throw notFound('site', id);
  return site;
}

export function listSites(db: Database.Database, options: { includeArchived?: boolean } = {}): Site[] {
  const sql = options.includeArchived
    ? 'SELECT * FROM sites ORDER BY archived_at IS NOT NULL, name COLLATE NOCASE, created_at'
    : 'SELECT * FROM sites WHERE archived_at IS NULL ORDER BY name COLLATE NOCASE, created_at';
  return (db.prepare(sql).all() as SiteRow[]).map(toSite);
}

/** The fields whose changes the audit log records. */
const AUDITED_FIELDS = [
  'name',
  'address',
  'ownerName',
  'contractorName',
  'region',
  'receivingVoltageV',
  'generationCapacityKw',
  'gridConnected',
  'reversePowerFlow',
  'hasRemoteMonitoring',
  'hasControlSystem',
  'installationType',
  'lastSystemChangeDate',
  'archivedAt',
] as const satisfies readonly (keyof Site)[];

function audit(db: Database.Database, before: Site | null, after: Site, action: string, now: Date, userName: string) {
  recordAudit(db, {
    siteId: after.id,
    entity: 'site',
    entityId: after.id,
    action,
    changes: diffFields(before, after, AUDITED_FIELDS),
    userName,
    at: now,
  });
}

export function createSite(db: Database.Database, fields: SiteFields, now: Date, userName = ''): Site {
  return writeTransaction(db, () => {
    const site = insertSite(db, fields, now);
    audit(db, null, site, 'create', now, userName);
    return site;
  });
}

function insertSite(db: Database.Database, fields: SiteFields, now: Date): Site {
  const id = randomUUID();
  const stamp = now.toISOString();
  db.prepare(
    `INSERT INTO sites (id, name, address, owner_name, contractor_name, region, receiving_voltage_v,
       generation_capacity_kw, grid_connected, reverse_power_flow, has_remote_monitoring,
       has_control_system, installation_type, last_system_change_date, created_at, updated_at)
     VALUES (@id, @name, @address, @owner_name, @contractor_name, @region, @receiving_voltage_v,
       @generation_capacity_kw, @grid_connected, @reverse_power_flow, @has_remote_monitoring,
       @has_control_system, @installation_type, @last_system_change_date, @stamp, @stamp)`,
  ).run({ id, stamp, ...fieldParams(fields) });
  return getSite(db, id);
}

export function updateSite(db: Database.Database, id: string, fields: SiteFields, now: Date, userName = ''): Site {
  return writeTransaction(db, () => {
    const before = getSite(db, id);
    const after = writeSiteFields(db, id, fields, now);
    audit(db, before, after, 'update', now, userName);
    return after;
  });
}

function writeSiteFields(db: Database.Database, id: string, fields: SiteFields, now: Date): Site {
  const info = db
    .prepare(
      `UPDATE sites SET name = @name, address = @address, owner_name = @owner_name,
         contractor_name = @contractor_name, region = @region, receiving_voltage_v = @receiving_voltage_v,
         generation_capacity_kw = @generation_capacity_kw, grid_connected = @grid_connected,
         reverse_power_flow = @reverse_power_flow, has_remote_monitoring = @has_remote_monitoring,
         has_control_system = @has_control_system, installation_type = @installation_type,
         last_system_change_date = @last_system_change_date, updated_at = @stamp
       WHERE id = @id`,
    )
    .run({ id, stamp: now.toISOString(), ...fieldParams(fields) });
  if (info.changes === 0) throw notFound('site', id);
  return getSite(db, id);
}

/** Archived sites are hidden from the default list but never deleted: their records are evidence. */
export function setSiteArchived(db: Database.Database, id: string, archived: boolean, now: Date, userName = ''): Site {
  return writeTransaction(db, () => {
    const before = getSite(db, id);
    const stamp = now.toISOString();
    db.prepare('UPDATE sites SET archived_at = ?, updated_at = ? WHERE id = ?').run(archived ? stamp : null, stamp, id);
    const after = getSite(db, id);
    audit(db, before, after, archived ? 'archive' : 'restore', now, userName);
    return after;
  });
}
