import { z } from 'zod';
import type { SiteRegisters } from '../../core/registers/register-types';
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
};
