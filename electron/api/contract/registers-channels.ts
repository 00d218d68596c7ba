import { z } from 'zod';
import { attachDefenceEvidenceSchema, detachDefenceEvidenceSchema, movePointSchema, pointRefSchema, type SavedPoint } from '../../core/registers/point-schema';
import { networkZoneInputSchema, pointInputSchema } from '../../core/registers/register-schema';
import type { ConnectionPoint, Defence, SiteRegisters } from '../../core/registers/register-types';
import { entityId } from '../../core/validation';
import type { ChannelDef } from './contract';

function def<I extends z.ZodType>(input: I) {
  return { returns: <Result>(): ChannelDef<I, Result> => ({ input }) };
}

export const siteRegistersSchema = z.object({ siteId: entityId }).strict();

/**
 * The registers behind the 勧告 items (issue 14): 体制・役割, 連絡体制 and the
 * 接続点台帳. A part of the issue adds its channels here.
 */
export const registersContract = {
  'registers:get': def(siteRegistersSchema).returns<SiteRegisters>(),
  // 接続点台帳 (6-2-2, 6-2-3). Defence evidence is uploaded first (upload kind `evidence`), then attached by sha256.
  'registers:savePoint': def(pointInputSchema).returns<SavedPoint>(),
  'registers:removePoint': def(pointRefSchema).returns<ConnectionPoint[]>(),
  'registers:movePoint': def(movePointSchema).returns<ConnectionPoint[]>(),
  'registers:attachDefenceEvidence': def(attachDefenceEvidenceSchema).returns<Defence>(),
  'registers:detachDefenceEvidence': def(detachDefenceEvidenceSchema).returns<Defence>(),
  'registers:setNetworkZone': def(networkZoneInputSchema).returns<SiteRegisters>(),
};
