import type Database from 'better-sqlite3';
import { regionById } from '../reference/regions';
import { getSite } from '../sites/site-repository';
import { guessZone } from './network-zones';
import type {
  ConnectionPoint,
  ContactStep,
  Defence,
  InsideZone,
  Party,
  PointEnd,
  RegisterFlag,
  ResponsibilityId,
  SiteRegisters,
  ZonedDevice,
} from './register-types';

/**
 * The read model of a site's registers (issue 14): what the screens, the
 * checklist, the diagrams, the report and the bundles all read. Entries come
 * in the user's order (`position`); the flags say what an inspector would ask
 * about (a device named on a point that the inventory does not hold, a point
 * with no defence, no contact order).
 */

interface PartyRow {
  id: string;
  site_id: string;
  position: number;
  role: Party['role'];
  title: string;
  person_name: string;
  organisation: string;
  department: string;
  phone: string;
  phone_after_hours: string;
  email: string;
  responsibilities_json: string;
  responsibility_note: string;
  reports_to: string | null;
  updated_at: string;
  updated_by: string;
}

interface PointRow {
  id: string;
  site_id: string;
  position: number;
  name: string;
  kind: ConnectionPoint['kind'];
  inside_zone: ConnectionPoint['insideZone'];
  outside_zone: ConnectionPoint['outsideZone'];
  peer: string;
  purpose: string;
  medium: ConnectionPoint['medium'];
  medium_note: string;
  managed_by: string;
  managed_by_party: string | null;
  needed: number;
  necessity_reason: string;
  removal_plan: string;
  removal_date: string | null;
  no_defence_reason: string;
  updated_at: string;
  updated_by: string;
}

export function listParties(db: Database.Database, siteId: string): Party[] {
  const rows = db.prepare('SELECT * FROM register_parties WHERE site_id = ? ORDER BY position, id').all(siteId) as PartyRow[];
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    position: r.position,
    role: r.role,
    title: r.title,
    personName: r.person_name,
    organisation: r.organisation,
    department: r.department,
    phone: r.phone,
    phoneAfterHours: r.phone_after_hours,
    email: r.email,
    responsibilities: JSON.parse(r.responsibilities_json) as ResponsibilityId[],
    responsibilityNote: r.responsibility_note,
    reportsTo: r.reports_to,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }));
}

export function listContactSteps(db: Database.Database, siteId: string): ContactStep[] {
  return (
    db.prepare('SELECT position, party_id, note FROM register_contact_steps WHERE site_id = ? ORDER BY position').all(siteId) as {
      position: number;
      party_id: string;
      note: string;
    }[]
  ).map((r) => ({ position: r.position, partyId: r.party_id, note: r.note }));
}

export function listConnectionPoints(db: Database.Database, siteId: string): ConnectionPoint[] {
  const points = db.prepare('SELECT * FROM connection_points WHERE site_id = ? ORDER BY position, id').all(siteId) as PointRow[];
  if (points.length === 0) return [];
  const ends = db
    .prepare(
      `SELECT e.point_id, e.side, e.asset_id, d.id AS device_id, d.name AS device_name
       FROM connection_point_ends e JOIN connection_points p ON p.id = e.point_id
       LEFT JOIN devices d ON d.site_id = p.site_id AND d.asset_id = e.asset_id
       WHERE p.site_id = ? ORDER BY e.point_id, e.side, e.asset_id`,
    )
    .all(siteId) as { point_id: string; side: PointEnd['side']; asset_id: string; device_id: string | null; device_name: string | null }[];
  const defences = db
    .prepare(
      `SELECT d.id, d.point_id, d.position, d.kind, d.note FROM connection_point_defences d
       JOIN connection_points p ON p.id = d.point_id WHERE p.site_id = ? ORDER BY d.point_id, d.position`,
    )
    .all(siteId) as { id: string; point_id: string; position: number; kind: Defence['kind']; note: string }[];
  const evidence = db
    .prepare(
      `SELECT e.defence_id, e.sha256, e.file_name, f.size, e.attached_at, e.attached_by
       FROM connection_defence_evidence e
       JOIN connection_point_defences d ON d.id = e.defence_id
       JOIN connection_points p ON p.id = d.point_id
       JOIN evidence_files f ON f.sha256 = e.sha256
       WHERE p.site_id = ? ORDER BY e.attached_at, e.sha256`,
    )
    .all(siteId) as { defence_id: string; sha256: string; file_name: string; size: number; attached_at: string; attached_by: string }[];

  const byDefence = new Map<string, Defence>();
  for (const d of defences) byDefence.set(d.id, { id: d.id, position: d.position, kind: d.kind, note: d.note, evidence: [] });
  for (const e of evidence) {
    byDefence.get(e.defence_id)?.evidence.push({ sha256: e.sha256, name: e.file_name, size: e.size, attachedAt: e.attached_at, attachedBy: e.attached_by });
  }
  return points.map((p) => ({
    id: p.id,
    siteId: p.site_id,
    position: p.position,
    name: p.name,
    kind: p.kind,
    insideZone: p.inside_zone,
    outsideZone: p.outside_zone,
    peer: p.peer,
    purpose: p.purpose,
    medium: p.medium,
    mediumNote: p.medium_note,
    managedBy: p.managed_by,
    managedByParty: p.managed_by_party,
    needed: p.needed === 1,
    necessityReason: p.necessity_reason,
    removalPlan: p.removal_plan,
    removalDate: p.removal_date,
    noDefenceReason: p.no_defence_reason,
    ends: ends
      .filter((e) => e.point_id === p.id)
      .map((e) => ({ side: e.side, assetId: e.asset_id, deviceId: e.device_id, deviceName: e.device_name })),
    defences: defences.filter((d) => d.point_id === p.id).map((d) => byDefence.get(d.id)!),
    updatedAt: p.updated_at,
    updatedBy: p.updated_by,
  }));
}

/** The site's current devices (those the latest import listed) with the zone each is drawn in. */
export function zonedDevices(db: Database.Database, siteId: string): ZonedDevice[] {
  const set = new Map(
    (db.prepare('SELECT network, zone FROM network_zones WHERE site_id = ?').all(siteId) as { network: string; zone: InsideZone | 'external' }[]).map(
      (r) => [r.network, r.zone],
    ),
  );
  const rows = db
    .prepare(
      `SELECT id, asset_id, name, kind, network FROM devices WHERE site_id = ? AND in_latest_import = 1
       ORDER BY asset_sort_key, asset_id`,
    )
    .all(siteId) as { id: string; asset_id: string; name: string; kind: string; network: string }[];
  return rows.map((r) => {
    const network = r.network.trim();
    const chosen = set.get(network);
    const zone: InsideZone = chosen && chosen !== 'external' ? chosen : guessZone(network);
    return { id: r.id, assetId: r.asset_id, name: r.name, kind: r.kind, network, zone, zoneSet: chosen !== undefined };
  });
}

export function registerFlags(points: readonly ConnectionPoint[], parties: readonly Party[], steps: readonly ContactStep[], today?: string): RegisterFlag[] {
  const flags: RegisterFlag[] = [];
  if (parties.length > 0 && !parties.some((p) => p.role === 'security_manager')) flags.push({ kind: 'noSecurityManager', entryId: null, params: {} });
  if (parties.length > 0 && steps.length === 0) flags.push({ kind: 'noContactSteps', entryId: null, params: {} });
  for (const p of points) {
    for (const e of p.ends) {
      if (!e.deviceId) flags.push({ kind: 'deviceNotInInventory', entryId: p.id, params: { point: p.name, assetId: e.assetId } });
    }
    if (p.defences.length === 0) {
      flags.push({ kind: p.noDefenceReason ? 'pointUndefendedWithReason' : 'pointUndefended', entryId: p.id, params: { point: p.name } });
    }
    if (!p.needed && today && p.removalDate && p.removalDate < today) {
      flags.push({ kind: 'removalOverdue', entryId: p.id, params: { point: p.name, date: p.removalDate } });
    }
  }
  return flags;
}

/** Everything the registers hold for a site. `today` (YYYY-MM-DD in the installation's zone) adds overdue removals. */
export function siteRegisters(db: Database.Database, resourcesDir: string, siteId: string, today?: string): SiteRegisters {
  const site = getSite(db, siteId);
  const region = regionById(resourcesDir, site.region);
  const parties = listParties(db, siteId);
  const contactSteps = listContactSteps(db, siteId);
  const points = listConnectionPoints(db, siteId);
  const networks = new Map<string, SiteRegisters['networks'][number]>();
  for (const d of zonedDevices(db, siteId)) {
    if (!d.network) continue;
    const n = networks.get(d.network) ?? { network: d.network, zone: d.zone, set: d.zoneSet, devices: 0 };
    n.devices += 1;
    networks.set(d.network, n);
  }
  return {
    siteId,
    parties,
    contactSteps,
    office: { regionId: region.id, officeJa: region.officeJa, officeEn: region.officeEn, phone: region.phone },
    points,
    networks: [...networks.values()].sort((a, b) => a.network.localeCompare(b.network, 'ja')),
    flags: registerFlags(points, parties, contactSteps, today),
  };
}
