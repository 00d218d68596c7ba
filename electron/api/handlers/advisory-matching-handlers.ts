import { matchSite } from '../../core/advisories/advisory-matching';
import type { Handlers } from './handler-types';

export const advisoryMatchingHandlers: Handlers<'advisories:matches'> = {
  'advisories:matches': (core, { siteId }) => matchSite(core, siteId),
};
