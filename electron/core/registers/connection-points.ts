import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { diffFields, recordAudit } from '../audit/audit-log';
import type { AuditChange } from '../audit/audit-types';
import { writeTransaction } from '../db/transactions';
import { HoanError, notFound } from '../errors';
import { getSite } from '../sites/site-repository';
import { pointFieldErrors } from './point-rules';
import type { MovePoint, PointRef, SavedPoint } from './point-schema';
import { listConnectionPoints, registerFlags } from './register-read';
import type { PointFields } from './register-schema';
import type { ConnectionPoint, Defence } from './register-types';

/**
 * The 接続点台帳's writers (6-2-2, 6-2-3). A point is saved whole: its fields,
 * the devices on each side (replaced), and its defences, replaced BY ID — a
 * defence sent back with its id keeps its evidence, one without an id is new,
 * and one left out is removed with its evidence links (the stored files stay,
 * as other records may cite them). Every save is one IMMEDIATE transaction
 * with one audit entry (entity `connection-point`) naming every change,
 * evidence links dropped included. A copy of the site held at head office is
 * refused by migration 0019's triggers.
 */

export const POINT_AUDIT_ENTITY = 'connection-point';

const AUDITED = [
  'name',
  'kind',
  'insideZone',
  'outsideZone',
  'peer',
  'purpose',
  'medium',
  'mediumNote',
  'managedBy',
  'managedByParty',
  'needed',
  'necessityReason',
  'removalPlan',
  'removalDate',
  'noDefenceReason',
  'insideAssets',
  'outsideAssets',
] as const;

type Audited = Record<(typeof AUDITED)[number], string | boolean | null>;

function audited(p: Omit<PointFields, 'siteId' | 'id' | 'defences'>): Audited {
  return {
    name: p.name,
    kind: p.kind,
    insideZone: p.insideZone,
    outsideZone: p.outsideZone,
    peer: p.peer,
    purpose: p.purpose,
    medium: p.medium,
    mediumNote: p.mediumNote,
    managedBy: p.managedBy,
    managedByParty: p.managedByParty,
    needed: p.needed,
    necessityReason: p.necessityReason,
    removalPlan: p.removalPlan,
    removalDate: p.removalDate,
    noDefenceReason: p.noDefenceReason,
    insideAssets: p.insideAssets.join(', '),
    outsideAssets: p.outsideAssets.join(', '),
  };
}

function assetsOf(point: ConnectionPoint, side: 'inside' | 'outside'): string[] {
  return point.ends.filter((e) => e.side === side).map((e) => e.assetId);
}

const describeDefence = (position: number, d: { kind: string; note: string }) => `${position + 1}. ${d.kind}${d.note ? `: ${d.note}` : ''}`;
const describeEvidence = (e: { name: string; sha256: string }) => `${e.name} sha256:${e.sha256}`;

/** The point of this site, or not found (a point id of another site is not found either). */
export function findPoint(db: Database.Database, siteId: string, id: string): ConnectionPoint {
  getSite(db, siteId);
  const point = listConnectionPoints(db, siteId).find((p) => p.id === id);
  if (!point) throw notFound(POINT_AUDIT_ENTITY, id);
  return point;
}

function saved(db: Database.Database, siteId: string, id: string): SavedPoint {
  const point = findPoint(db, siteId, id);
  return { point, flags: registerFlags([point], [], []) };
}

const unique = (ids: readonly string[]) => [...new Set(ids)];

export function savePoint(db: Database.Database, input: PointFields, userName: string, now: Date): SavedPoint {
  return writeTransaction(db, () => {
    getSite(db, input.siteId);
    const before = input.id ? findPoint(db, input.siteId, input.id) : null;
    const fields: PointFields = {
      ...input,
      insideAssets: unique(input.insideAssets),
      outsideAssets: unique(input.outsideAssets),
      // A reason for having no defence means nothing once there is one; kept, it would come back when the last defence goes.
      noDefenceReason: input.defences.length > 0 ? '' : input.noDefenceReason,
    };
    const errors = pointFieldErrors(db, fields);
    const kept = new Map((before?.defences ?? []).map((d) => [d.id, d]));
    fields.defences.forEach((d, i) => {
      if (d.id && !kept.has(d.id)) errors.push({ path: `defences.${i}.id`, messageKey: 'registers.errors.points.defenceNotOfPoint' });
    });
    if (errors.length > 0) throw new HoanError('validation', 'errors.validation', undefined, errors);

    const id = before?.id ?? randomUUID();
    const at = now.toISOString();
    const beforeAudited = before ? audited({ ...before, insideAssets: assetsOf(before, 'inside'), outsideAssets: assetsOf(before, 'outside') }) : null;
    const changes: AuditChange[] = diffFields(beforeAudited, audited(fields), AUDITED);

    const stay = new Set(fields.defences.map((d) => d.id).filter(Boolean));
    const dropped: Defence[] = (before?.defences ?? []).filter((d) => !stay.has(d.id));
    for (const d of dropped) {
      changes.push({ field: `defences.${d.id}`, old: describeDefence(d.position, d), new: null });
      for (const e of d.evidence) changes.push({ field: `defences.${d.id}.evidence`, old: describeEvidence(e), new: null });
    }
    const next = fields.defences.map((d, position) => ({ id: d.id ?? randomUUID(), isNew: !d.id, kind: d.kind, note: d.note, position }));
    for (const d of next) {
      const old = kept.get(d.id);
      const was = old ? describeDefence(old.position, old) : null;
      const is = describeDefence(d.position, d);
      if (was !== is) changes.push({ field: `defences.${d.id}`, old: was, new: is });
    }
    if (before && changes.length === 0) return saved(db, input.siteId, id);

    if (before) {
      db.prepare(
        `UPDATE connection_points SET name = ?, kind = ?, inside_zone = ?, outside_zone = ?, peer = ?, purpose = ?, medium = ?, medium_note = ?,
           managed_by = ?, managed_by_party = ?, needed = ?, necessity_reason = ?, removal_plan = ?, removal_date = ?, no_defence_reason = ?,
           updated_at = ?, updated_by = ?
         WHERE id = ?`,
      ).run(...pointValues(fields), at, userName, id);
    } else {
      const position = (db.prepare('SELECT COALESCE(MAX(position) + 1, 0) AS p FROM connection_points WHERE site_id = ?').get(input.siteId) as { p: number }).p;
      db.prepare(
        `INSERT INTO connection_points (name, kind, inside_zone, outside_zone, peer, purpose, medium, medium_note, managed_by, managed_by_party,
           needed, necessity_reason, removal_plan, removal_date, no_defence_reason, id, site_id, position, created_at, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...pointValues(fields), id, input.siteId, position, at, at, userName);
    }

    db.prepare('DELETE FROM connection_point_ends WHERE point_id = ?').run(id);
    const end = db.prepare('INSERT INTO connection_point_ends (point_id, side, asset_id) VALUES (?, ?, ?)');
    for (const a of fields.insideAssets) end.run(id, 'inside', a);
    for (const a of fields.outsideAssets) end.run(id, 'outside', a);

    for (const d of dropped) {
      db.prepare('DELETE FROM connection_defence_evidence WHERE defence_id = ?').run(d.id);
      db.prepare('DELETE FROM connection_point_defences WHERE id = ?').run(d.id);
    }
    // Out of the way first: (point_id, position) is unique, and kept defences may trade places.
    if (kept.size > dropped.length) db.prepare('UPDATE connection_point_defences SET position = position + 100000 WHERE point_id = ?').run(id);
    const update = db.prepare('UPDATE connection_point_defences SET position = ?, kind = ?, note = ? WHERE id = ?');
    const insert = db.prepare('INSERT INTO connection_point_defences (id, point_id, position, kind, note) VALUES (?, ?, ?, ?, ?)');
    for (const d of next) {
      if (d.isNew) insert.run(d.id, id, d.position, d.kind, d.note);
      else update.run(d.position, d.kind, d.note, d.id);
    }

    recordAudit(db, { siteId: input.siteId, entity: POINT_AUDIT_ENTITY, entityId: id, action: before ? 'update' : 'create', changes, userName, at: now });
    return saved(db, input.siteId, id);
  });
}

function pointValues(f: PointFields) {
  return [
    f.name,
    f.kind,
    f.insideZone,
    f.outsideZone,
    f.peer,
    f.purpose,
    f.medium,
    f.mediumNote,
    f.managedBy,
    f.managedByParty,
    f.needed ? 1 : 0,
    f.necessityReason,
    f.removalPlan,
    f.removalDate,
    f.noDefenceReason,
  ] as const;
}

/** Removes a point with its devices, defences and evidence links (the stored files stay); the audit entry lists what went. */
export function removePoint(db: Database.Database, { siteId, id }: PointRef, userName: string, now: Date): ConnectionPoint[] {
  return writeTransaction(db, () => {
    const point = findPoint(db, siteId, id);
    const changes: AuditChange[] = [
      { field: 'name', old: point.name, new: null },
      { field: 'kind', old: point.kind, new: null },
      { field: 'insideAssets', old: assetsOf(point, 'inside').join(', '), new: null },
      { field: 'outsideAssets', old: assetsOf(point, 'outside').join(', '), new: null },
    ];
    for (const d of point.defences) {
      changes.push({ field: `defences.${d.id}`, old: describeDefence(d.position, d), new: null });
      for (const e of d.evidence) changes.push({ field: `defences.${d.id}.evidence`, old: describeEvidence(e), new: null });
    }
    db.prepare('DELETE FROM connection_points WHERE id = ?').run(id);
    recordAudit(db, { siteId, entity: POINT_AUDIT_ENTITY, entityId: id, action: 'remove', changes, userName, at: now });
    return listConnectionPoints(db, siteId);
  });
}

/** Moves a point to `position` in the list (past the end: last); the others keep their order. */
export function movePoint(db: Database.Database, { siteId, id, position }: MovePoint, userName: string, now: Date): ConnectionPoint[] {
  return writeTransaction(db, () => {
    findPoint(db, siteId, id);
    const order = (db.prepare('SELECT id FROM connection_points WHERE site_id = ? ORDER BY position, id').all(siteId) as { id: string }[]).map((r) => r.id);
    const from = order.indexOf(id);
    const to = Math.min(position, order.length - 1);
    if (from === to) return listConnectionPoints(db, siteId);
    order.splice(from, 1);
    order.splice(to, 0, id);
    const set = db.prepare('UPDATE connection_points SET position = ? WHERE id = ?');
    order.forEach((pid, i) => set.run(i, pid));
    recordAudit(db, {
      siteId,
      entity: POINT_AUDIT_ENTITY,
      entityId: id,
      action: 'move',
      changes: [{ field: 'position', old: from + 1, new: to + 1 }],
      userName,
      at: now,
    });
    return listConnectionPoints(db, siteId);
  });
}
