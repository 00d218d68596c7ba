import { matchSite } from '../../core/advisories/advisory-matching';
import type { advisoryMatchingContract } from '../contract/advisory-matching-channels';
import type { Handlers } from './handler-types';

export const advisoryMatchingHandlers: Handlers<keyof typeof advisoryMatchingContract> = {
  'advisories:matches': (core, { siteId }) => matchSite(core, siteId),
};
