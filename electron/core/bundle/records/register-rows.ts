import { z } from 'zod';
import { DEFENCE_KINDS, INSIDE_ZONES, PARTY_ROLES, POINT_KINDS, POINT_MEDIA, RESPONSIBILITY_IDS, ZONES } from '../../registers/register-types';
import { col } from './rows';

/**
 * The rows of the registers' tables (migration 0019) as registers.json
 * carries them: each table's own columns, no more, with the enums the
 * tables' CHECKs hold, so a row the database would refuse is refused at
 * verify, before anything is written.
 */

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const line = z.string().max(1000);
const long = z.string().max(10_000);
const responsibilities = z.string().refine((text) => {
  try {
    const ids = JSON.parse(text) as unknown;
    return Array.isArray(ids) && ids.every((id) => (RESPONSIBILITY_IDS as readonly unknown[]).includes(id));
  } catch {
    return false;
  }
}, 'a JSON array of responsibility ids');

export const partyRow = z
  .object({
    id: col.uuid,
    site_id: col.uuid,
    position: col.int.min(0),
    role: z.enum(PARTY_ROLES),
    title: line,
    person_name: line,
    organisation: line,
    department: line,
    phone: line,
    phone_after_hours: line,
    email: line,
    responsibilities_json: responsibilities,
    responsibility_note: long,
    reports_to: col.uuid.nullable(),
    created_at: col.text,
    updated_at: col.text,
    updated_by: col.text,
  })
  .strict();

export const contactStepRow = z
  .object({ site_id: col.uuid, position: col.int.min(0), party_id: col.uuid, note: line, updated_at: col.text, updated_by: col.text })
  .strict();

export const pointRow = z
  .object({
    id: col.uuid,
    site_id: col.uuid,
    position: col.int.min(0),
    name: z.string().min(1).max(1000),
    kind: z.enum(POINT_KINDS),
    inside_zone: z.enum(INSIDE_ZONES),
    outside_zone: z.enum(ZONES),
    peer: line,
    purpose: long,
    medium: z.enum(POINT_MEDIA),
    medium_note: line,
    managed_by: line,
    managed_by_party: col.uuid.nullable(),
    needed: col.flag,
    necessity_reason: long,
    removal_plan: long,
    removal_date: day.nullable(),
    no_defence_reason: long,
    created_at: col.text,
    updated_at: col.text,
    updated_by: col.text,
  })
  .strict();

export const pointEndRow = z
  .object({ point_id: col.uuid, side: z.enum(['inside', 'outside']), asset_id: z.string().min(1).max(1000) })
  .strict();

export const defenceRow = z
  .object({ id: col.uuid, point_id: col.uuid, position: col.int.min(0), kind: z.enum(DEFENCE_KINDS), note: long })
  .strict();

export const defenceEvidenceRow = z
  .object({ defence_id: col.uuid, sha256: col.sha256, file_name: z.string().min(1).max(1000), attached_at: col.text, attached_by: col.text })
  .strict();

export const networkZoneRow = z
  .object({ site_id: col.uuid, network: z.string().min(1).max(1000), zone: z.enum(ZONES) })
  .strict();
