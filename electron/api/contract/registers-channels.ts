import { z } from 'zod';
import { attachDefenceEvidenceSchema, detachDefenceEvidenceSchema, movePointSchema, pointRefSchema, type SavedPoint } from '../../core/registers/point-schema';
import { contactStepsInputSchema, networkZoneInputSchema, partyInputSchema, pointInputSchema } from '../../core/registers/register-schema';
import type { ConnectionPoint, ContactStep, Defence, Party, SiteRegisters } from '../../core/registers/register-types';
import { LANGUAGES } from '../../core/settings/settings-schema';
import { entityId } from '../../core/validation';
import type { Done } from './results';
import type { ChannelDef } from './contract';

function def<I extends z.ZodType>(input: I) {
  return { returns: <Result>(): ChannelDef<I, Result> => ({ input }) };
}

export const registersDiagramSchema = z.object({ siteId: entityId, language: z.enum(LANGUAGES).default('ja') }).strict();

export const siteRegistersSchema = z.object({ siteId: entityId }).strict();

// 体制・役割 and 連絡体制 (issue 14, part 1 and 2).
export const partyRefSchema = z.object({ siteId: entityId, id: entityId }).strict();
export const movePartySchema = z.object({ siteId: entityId, id: entityId, position: z.number().int().min(0).max(10_000) }).strict();
/** The 体制図 in the language it is drawn in (the screen's, or the report's). */
export const orgChartSchema = z.object({ siteId: entityId, language: z.enum(LANGUAGES).default('ja') }).strict();

/**
 * The registers behind the 勧告 items (issue 14): 体制・役割, 連絡体制 and the
 * 接続点台帳. A part of the issue adds its channels here.
 */
export const registersContract = {
  'registers:get': def(siteRegistersSchema).returns<SiteRegisters>(),
  'registers:saveParty': def(partyInputSchema).returns<Party>(),
  'registers:removeParty': def(partyRefSchema).returns<Done>(),
  'registers:moveParty': def(movePartySchema).returns<Party[]>(),
  'registers:saveContacts': def(contactStepsInputSchema).returns<ContactStep[]>(),
  'registers:orgChart': def(orgChartSchema).returns<{ svg: string }>(),
  // 接続点台帳 (6-2-2, 6-2-3). Defence evidence is uploaded first (upload kind `evidence`), then attached by sha256.
  'registers:savePoint': def(pointInputSchema).returns<SavedPoint>(),
  'registers:removePoint': def(pointRefSchema).returns<ConnectionPoint[]>(),
  'registers:movePoint': def(movePointSchema).returns<ConnectionPoint[]>(),
  'registers:attachDefenceEvidence': def(attachDefenceEvidenceSchema).returns<Defence>(),
  'registers:detachDefenceEvidence': def(detachDefenceEvidenceSchema).returns<Defence>(),
  'registers:setNetworkZone': def(networkZoneInputSchema).returns<SiteRegisters>(),
  /** The network diagram (6-2-2, 6-2-3) as a self-contained SVG, in the language asked for. */
  'registers:diagram': def(registersDiagramSchema).returns<{ svg: string }>(),
};
