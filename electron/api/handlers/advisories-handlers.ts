import { addPublisherKey, listPublisherKeys, previewPublisherKey, removePublisherKey } from '../../core/advisories/advisory-keys';
import { listAdvisories } from '../../core/advisories/advisory-list';
import { importAdvisoryPaths } from '../../core/advisories/advisory-store';
import { actingUser } from '../../core/settings/acting-user';
import type { Handlers } from './handler-types';
import type { TriageChannel } from './triage-handlers';

/** Triage's channels have their own handlers (triage-handlers.ts). */
type AdvisoriesChannel = Exclude<Extract<keyof Handlers, `advisories:${string}`>, TriageChannel>;

export const advisoriesHandlers: Handlers<AdvisoriesChannel> = {
  'advisories:import': (core, { paths }) => {
    actingUser(core);
    return importAdvisoryPaths(core, paths);
  },
  'advisories:list': (core, query) => listAdvisories(core, query),
  'advisories:keysPreview': (core, { armored }) => previewPublisherKey(core, armored),
  'advisories:keysAdd': (core, { armored }) => addPublisherKey(core, armored, actingUser(core)),
  'advisories:keysList': (core) => listPublisherKeys(core),
  'advisories:keysRemove': (core, { fingerprint }) => removePublisherKey(core, fingerprint, actingUser(core)),
};
