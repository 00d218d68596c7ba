import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { diffFields, recordAudit } from '../audit/audit-log';
import type { AuditChange } from '../audit/audit-types';
import { assertEditable } from '../bundle/site-ownership';
import { writeTransaction } from '../db/transactions';
import { HoanError, notFound, type FieldError } from '../errors';
import { getSite } from '../sites/site-repository';
import { listContactSteps, listParties } from './register-read';
import type { z } from 'zod';
import type { contactStepsInputSchema, PartyFields } from './register-schema';
import type { ContactStep, Party } from './register-types';

/**
 * The writers of 体制・役割 (2-1, 2-2) and 連絡体制 (10-2, 10-3), issue 14.
 * Each write is one IMMEDIATE transaction with its audit entries (entity
 * `register-party`, field by field; `register-contacts`, the old and new
 * order as text), so a refused write leaves nothing half-done. The rules
 * that need the database live here: a reporting line that loops, a party
 * named twice in the contact order or belonging to another site, a party
 * still referenced. A copy of a site held at head office is refused first
 * with the read-only message (the triggers of migration 0019 refuse it too).
 */

const ERRORS = 'registers.errors.organisation';
const CONTACT_ERRORS = 'registers.errors.contacts';

const AUDITED = [
  'role',
  'title',
  'personName',
  'organisation',
  'department',
  'phone',
  'phoneAfterHours',
  'email',
  'responsibilities',
  'responsibilityNote',
  'reportsTo',
] as const;
type AuditedParty = Pick<Party, Exclude<(typeof AUDITED)[number], 'responsibilities'>> & { responsibilities: string };

function audited(p: Pick<Party, (typeof AUDITED)[number]>): AuditedParty {
  const out = {} as Record<string, unknown>;
  for (const f of AUDITED) out[f] = f === 'responsibilities' ? p.responsibilities.join(',') : p[f];
  return out as AuditedParty;
}

/** How a party is named in messages and in the audit's text: the person, else the organisation. */
export function partyLabel(p: Pick<Party, 'personName' | 'organisation'>): string {
  return p.personName || p.organisation;
}

function invalid(fields: FieldError[]): HoanError {
  return new HoanError('validation', 'errors.validation', undefined, fields);
}

function partyOf(db: Database.Database, siteId: string, id: string): Party {
  const party = listParties(db, siteId).find((p) => p.id === id);
  if (!party) throw notFound('register-party', id);
  return party;
}

/**
 * Where the chain of `reportsTo` from `start` leads when `id` reports to
 * `start`: the loop back to `id` (its labels, first and last the same), or
 * null when the chain ends at a root.
 */
function reportingLoop(parties: readonly Party[], id: string, start: string, label: string): string[] | null {
  const byId = new Map(parties.map((p) => [p.id, p]));
  const path = [label];
  const seen = new Set<string>();
  for (let at: string | null = start; at !== null; at = byId.get(at)?.reportsTo ?? null) {
    if (seen.has(at)) return null; // an older loop that does not pass through `id`: not this write's to name
    seen.add(at);
    const p = byId.get(at);
    if (!p) return null;
    path.push(partyLabel(p));
    if (at === id) return path;
  }
  return null;
}

function checkParty(parties: readonly Party[], id: string, fields: PartyFields): void {
  const errors: FieldError[] = [];
  if (!fields.personName && !fields.organisation) {
    errors.push({ path: 'personName', messageKey: `${ERRORS}.nameRequired` }, { path: 'organisation', messageKey: `${ERRORS}.nameRequired` });
  }
  if (fields.reportsTo !== null) {
    if (fields.reportsTo === id) errors.push({ path: 'reportsTo', messageKey: `${ERRORS}.reportsToSelf` });
    else if (!parties.some((p) => p.id === fields.reportsTo)) errors.push({ path: 'reportsTo', messageKey: `${ERRORS}.reportsToUnknown` });
    else {
      const loop = reportingLoop(parties, id, fields.reportsTo, partyLabel(fields));
      if (loop) errors.push({ path: 'reportsTo', messageKey: `${ERRORS}.reportsToLoop`, params: { loop: loop.join(' → ') } });
    }
  }
  if (errors.length > 0) throw invalid(errors);
}

/** Creates the party (no id: appended last) or updates it. */
export function saveParty(db: Database.Database, fields: PartyFields, userName: string, now: Date): Party {
  return writeTransaction(db, () => {
    getSite(db, fields.siteId);
    assertEditable(db, fields.siteId);
    const parties = listParties(db, fields.siteId);
    const before = fields.id === undefined ? null : partyOf(db, fields.siteId, fields.id);
    const id = fields.id ?? randomUUID();
    checkParty(parties, id, fields);
    const at = now.toISOString();
    const values = [
      fields.role,
      fields.title,
      fields.personName,
      fields.organisation,
      fields.department,
      fields.phone,
      fields.phoneAfterHours,
      fields.email,
      JSON.stringify(orderedResponsibilities(fields.responsibilities)),
      fields.responsibilityNote,
      fields.reportsTo,
    ];
    if (before) {
      db.prepare(
        `UPDATE register_parties SET role = ?, title = ?, person_name = ?, organisation = ?, department = ?, phone = ?, phone_after_hours = ?,
           email = ?, responsibilities_json = ?, responsibility_note = ?, reports_to = ?, updated_at = ?, updated_by = ? WHERE id = ?`,
      ).run(...values, at, userName, id);
    } else {
      const position = parties.length === 0 ? 0 : Math.max(...parties.map((p) => p.position)) + 1;
      db.prepare(
        `INSERT INTO register_parties (role, title, person_name, organisation, department, phone, phone_after_hours, email,
           responsibilities_json, responsibility_note, reports_to, id, site_id, position, created_at, updated_at, updated_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(...values, id, fields.siteId, position, at, at, userName);
    }
    const after = partyOf(db, fields.siteId, id);
    recordAudit(db, {
      siteId: fields.siteId,
      entity: 'register-party',
      entityId: id,
      action: before ? 'update' : 'create',
      changes: diffFields(before && audited(before), audited(after), AUDITED),
      userName,
      at: now,
    });
    return after;
  });
}

function orderedResponsibilities(ids: PartyFields['responsibilities']): PartyFields['responsibilities'] {
  return [...new Set(ids)];
}

/**
 * Removes a party no other entry names: refused while it is in the contact
 * order, someone reports to it, or a connection point is managed by it (the
 * message says where, so the user can change that first).
 */
export function removeParty(db: Database.Database, siteId: string, id: string, userName: string, now: Date): void {
  writeTransaction(db, () => {
    assertEditable(db, siteId);
    const party = partyOf(db, siteId, id);
    const label = partyLabel(party);
    const step = listContactSteps(db, siteId).find((s) => s.partyId === id);
    if (step) throw new HoanError('conflict', `${ERRORS}.removeInContacts`, { party: label, position: step.position + 1 });
    const reports = listParties(db, siteId).filter((p) => p.reportsTo === id);
    if (reports.length > 0) throw new HoanError('conflict', `${ERRORS}.removeHasReports`, { party: label, reports: reports.map(partyLabel).join('、') });
    const points = db.prepare('SELECT name FROM connection_points WHERE managed_by_party = ? ORDER BY position').all(id) as { name: string }[];
    if (points.length > 0) throw new HoanError('conflict', `${ERRORS}.removeManagesPoint`, { party: label, points: points.map((p) => p.name).join('、') });
    db.prepare('DELETE FROM register_parties WHERE id = ?').run(id);
    renumber(db, siteId, listParties(db, siteId).map((p) => p.id));
    const old = audited(party);
    const changes: AuditChange[] = AUDITED.filter((f) => old[f] !== '' && old[f] !== null).map((f) => ({ field: f, old: old[f], new: null }));
    recordAudit(db, { siteId, entity: 'register-party', entityId: id, action: 'remove', changes, userName, at: now });
  });
}

function renumber(db: Database.Database, siteId: string, ids: readonly string[]): void {
  const set = db.prepare('UPDATE register_parties SET position = ? WHERE id = ? AND site_id = ?');
  ids.forEach((pid, i) => set.run(i, pid, siteId));
}

/** Moves a party to `to` (0 = first) in the user's order; the others keep theirs around it. */
export function moveParty(db: Database.Database, siteId: string, id: string, to: number, userName: string, now: Date): Party[] {
  return writeTransaction(db, () => {
    assertEditable(db, siteId);
    const party = partyOf(db, siteId, id);
    const ids = listParties(db, siteId).map((p) => p.id);
    const from = ids.indexOf(id);
    const target = Math.min(Math.max(to, 0), ids.length - 1);
    if (from !== target) {
      ids.splice(from, 1);
      ids.splice(target, 0, id);
      renumber(db, siteId, ids);
      recordAudit(db, {
        siteId,
        entity: 'register-party',
        entityId: id,
        action: 'move',
        changes: [{ field: 'position', old: party.position, new: target }],
        userName,
        at: now,
      });
    }
    return listParties(db, siteId);
  });
}

/** The contact order as one line per call, for the audit log: "1. 佐藤 花子（夜間・休日）". */
function orderText(steps: readonly ContactStep[], labels: ReadonlyMap<string, string>): string {
  return steps.map((s, i) => `${i + 1}. ${labels.get(s.partyId) ?? s.partyId}${s.note ? `（${s.note}）` : ''}`).join('\n');
}

/**
 * Replaces the whole contact order. Refused: a party called twice (the order
 * would come back to someone already called: the message names the party
 * and both positions), a party the register does not hold, one of another site.
 */
export function saveContactSteps(db: Database.Database, input: z.output<typeof contactStepsInputSchema>, userName: string, now: Date): ContactStep[] {
  const { siteId, steps } = input;
  return writeTransaction(db, () => {
    getSite(db, siteId);
    assertEditable(db, siteId);
    const parties = listParties(db, siteId);
    const labels = new Map(parties.map((p) => [p.id, partyLabel(p)]));
    const siteOf = db.prepare('SELECT site_id FROM register_parties WHERE id = ?');
    const errors: FieldError[] = [];
    const firstAt = new Map<string, number>();
    steps.forEach((s, i) => {
      const path = `steps.${i}.partyId`;
      if (!labels.has(s.partyId)) {
        const other = siteOf.get(s.partyId) as { site_id: string } | undefined;
        errors.push({ path, messageKey: other ? `${CONTACT_ERRORS}.partyOtherSite` : `${CONTACT_ERRORS}.partyUnknown` });
        return;
      }
      const first = firstAt.get(s.partyId);
      if (first !== undefined) {
        errors.push({ path, messageKey: `${CONTACT_ERRORS}.repeated`, params: { party: labels.get(s.partyId)!, first: first + 1, again: i + 1 } });
      } else firstAt.set(s.partyId, i);
    });
    if (errors.length > 0) throw invalid(errors);
    const before = listContactSteps(db, siteId);
    db.prepare('DELETE FROM register_contact_steps WHERE site_id = ?').run(siteId);
    const insert = db.prepare('INSERT INTO register_contact_steps (site_id, position, party_id, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?)');
    const at = now.toISOString();
    steps.forEach((s, i) => insert.run(siteId, i, s.partyId, s.note, at, userName));
    const after = listContactSteps(db, siteId);
    const [oldText, newText] = [orderText(before, labels), orderText(after, labels)];
    if (oldText !== newText) {
      recordAudit(db, {
        siteId,
        entity: 'register-contacts',
        entityId: siteId,
        action: 'update',
        changes: [{ field: 'order', old: oldText, new: newText }],
        userName,
        at: now,
      });
    }
    return after;
  });
}
