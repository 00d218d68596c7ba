import { addPublisherKey, listPublisherKeys, previewPublisherKey, removePublisherKey } from '../../core/advisories/advisory-keys';
import { listAdvisories } from '../../core/advisories/advisory-list';
import { importAdvisoryPaths } from '../../core/advisories/advisory-store';
import { actingUser } from '../../core/settings/acting-user';
import type { advisoriesContract } from '../contract/advisories-channels';
import type { Handlers } from './handler-types';

// The channels of advisories-channels.ts; matching and triage add advisories:* channels with handlers of their own.
type AdvisoriesChannel = keyof typeof advisoriesContract;

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
