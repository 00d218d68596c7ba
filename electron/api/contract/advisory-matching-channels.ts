import { z } from 'zod';
import type { AdvisoryMatch } from '../../core/advisories/advisory-types';
import { entityId } from '../../core/validation';
import type { ChannelDef } from './contract';

function def<I extends z.ZodType>(input: I) {
  return { returns: <Result>(): ChannelDef<I, Result> => ({ input }) };
}

/** A site's devices matched to the current advisories (issue 13, 8-4-1): raw matches, before any triage decision. */
export const advisoryMatchingContract = {
  'advisories:matches': def(z.object({ siteId: entityId }).strict()).returns<AdvisoryMatch[]>(),
};
