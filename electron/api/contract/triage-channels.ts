import type { z } from 'zod';
import { triageDecisionSchema, triageHistorySchema, triageListSchema } from '../../core/advisories/triage-schema';
import type { TriageDecision } from '../../core/advisories/advisory-types';
import type { TriageOverview } from '../../core/advisories/triage-types';
import type { ChannelDef } from './contract';

function def<I extends z.ZodType>(input: I) {
  return { returns: <Result>(): ChannelDef<I, Result> => ({ input }) };
}

/** Triage of a site's advisory matches (8-4-2, 8-4-3; issue 13): the matches with their decisions, a decision, one pair's history. */
export const triageContract = {
  'advisories:triage': def(triageListSchema).returns<TriageOverview>(),
  'advisories:decide': def(triageDecisionSchema).returns<TriageDecision>(),
  'advisories:history': def(triageHistorySchema).returns<TriageDecision[]>(),
};
