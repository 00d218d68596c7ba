import { z } from 'zod';
import { multiLine, singleLine } from '../text-schema';
import { entityId, isoDate } from '../validation';
import { emailAddress, phoneNumber } from './contact-schema';
import { DEFENCE_KINDS, INSIDE_ZONES, POINT_MEDIA, PARTY_ROLES, POINT_KINDS, RESPONSIBILITY_IDS, ZONES } from './register-types';

/**
 * What the registers accept from the user (issue 14), checked at the
 * boundary. Rules that need the database (a party named twice in the contact
 * order, a reporting line that loops, a defence's evidence file) are checked
 * by the writers, inside their transactions.
 */

const name = singleLine(200);
const longText = multiLine(4000);
/** A 管理番号 as the inventory holds it. */
const assetId = singleLine(200, 1);

export const partyInputSchema = z
  .object({
    siteId: entityId,
    /** Absent: a new party. */
    id: entityId.optional(),
    role: z.enum(PARTY_ROLES),
    title: name.default(''),
    personName: name.default(''),
    organisation: name.default(''),
    department: name.default(''),
    phone: phoneNumber.default(''),
    phoneAfterHours: phoneNumber.default(''),
    email: emailAddress.default(''),
    responsibilities: z.array(z.enum(RESPONSIBILITY_IDS)).max(RESPONSIBILITY_IDS.length).default([]),
    responsibilityNote: longText.default(''),
    reportsTo: entityId.nullable().default(null),
  })
  .strict();
export type PartyInput = z.input<typeof partyInputSchema>;
export type PartyFields = z.output<typeof partyInputSchema>;

export const contactStepsInputSchema = z
  .object({
    siteId: entityId,
    /** The whole order, first call first; the 産業保安監督部 follows the last. */
    steps: z.array(z.object({ partyId: entityId, note: singleLine(200).default('') }).strict()).max(50),
  })
  .strict();
export type ContactStepsInput = z.input<typeof contactStepsInputSchema>;

export const defenceInputSchema = z
  .object({
    /** Absent: a new defence. Its evidence stays with its id. */
    id: entityId.optional(),
    kind: z.enum(DEFENCE_KINDS),
    note: longText.default(''),
  })
  .strict();

export const pointInputSchema = z
  .object({
    siteId: entityId,
    id: entityId.optional(),
    name: singleLine(200, 1),
    kind: z.enum(POINT_KINDS),
    insideZone: z.enum(INSIDE_ZONES),
    outsideZone: z.enum(ZONES).default('external'),
    peer: name.default(''),
    purpose: longText.default(''),
    medium: z.enum(POINT_MEDIA),
    mediumNote: name.default(''),
    managedBy: name.default(''),
    managedByParty: entityId.nullable().default(null),
    needed: z.boolean().default(true),
    necessityReason: longText.default(''),
    removalPlan: longText.default(''),
    removalDate: isoDate.nullable().default(null),
    noDefenceReason: longText.default(''),
    insideAssets: z.array(assetId).max(500).default([]),
    outsideAssets: z.array(assetId).max(500).default([]),
    defences: z.array(defenceInputSchema).max(20).default([]),
  })
  .strict();
export type PointInput = z.input<typeof pointInputSchema>;
export type PointFields = z.output<typeof pointInputSchema>;

export const networkZoneInputSchema = z
  .object({
    siteId: entityId,
    network: singleLine(200, 1),
    /** null: back to the guess from the network's words. */
    zone: z.enum(ZONES).nullable(),
  })
  .strict();
