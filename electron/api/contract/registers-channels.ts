import { z } from 'zod';
import type { SiteRegisters } from '../../core/registers/register-types';
import { LANGUAGES } from '../../core/settings/settings-schema';
import { entityId } from '../../core/validation';
import type { ChannelDef } from './contract';

function def<I extends z.ZodType>(input: I) {
  return { returns: <Result>(): ChannelDef<I, Result> => ({ input }) };
}

export const registersDiagramSchema = z.object({ siteId: entityId, language: z.enum(LANGUAGES).default('ja') }).strict();

export const siteRegistersSchema = z.object({ siteId: entityId }).strict();

/**
 * The registers behind the 勧告 items (issue 14): 体制・役割, 連絡体制 and the
 * 接続点台帳. A part of the issue adds its channels here.
 */
export const registersContract = {
  'registers:get': def(siteRegistersSchema).returns<SiteRegisters>(),
  /** The network diagram (6-2-2, 6-2-3) as a self-contained SVG, in the language asked for. */
  'registers:diagram': def(registersDiagramSchema).returns<{ svg: string }>(),
};
