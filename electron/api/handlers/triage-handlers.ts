import { triageOverview } from '../../core/advisories/triage';
import { decideTriage, triageHistory } from '../../core/advisories/triage-decide';
import { actingUser } from '../../core/settings/acting-user';
import type { Handlers } from './handler-types';

export type TriageChannel = 'advisories:triage' | 'advisories:decide' | 'advisories:history';

export const triageHandlers: Handlers<TriageChannel> = {
  'advisories:triage': (core, { siteId, status }) => triageOverview(core, siteId, status),
  'advisories:decide': (core, input) => decideTriage(core, input, actingUser(core)),
  'advisories:history': (core, input) => triageHistory(core, input),
};
