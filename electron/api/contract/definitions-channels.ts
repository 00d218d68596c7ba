import { z } from 'zod';
import type { DefinitionsImportResult, DefinitionsStatus } from '../../core/definitions/definitions-store-types';
import { definitionsImportSchema } from '../../core/definitions/definitions-schema';
import type { DefinitionsSet } from '../../core/definitions/definitions-types';
import type { ChannelDef } from './contract';

function def<I extends z.ZodType>(input: I) {
  return { returns: <Result>(): ChannelDef<I, Result> => ({ input }) };
}

const none = z.object({}).strict();

/** Scanner definitions kept for the whole installation (issue 12): what is installed, bringing a set in, going back one. */
export const definitionsContract = {
  'definitions:status': def(none).returns<DefinitionsStatus>(),
  'definitions:import': def(definitionsImportSchema).returns<DefinitionsImportResult>(),
  'definitions:rollback': def(none).returns<DefinitionsSet>(),
};
