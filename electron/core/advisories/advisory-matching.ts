import type { Core } from '../core';
import type { AdvisoryMatch } from './advisory-types';

// PLACEHOLDER (issue 13 contract): helper `matching` replaces the body, keeping the signature.

/** Every (device, current advisory revision) pair of the site whose maker and product match, affected or to review. */
export function matchSite(core: Core, siteId: string): AdvisoryMatch[] {
  void core;
  void siteId;
  throw new Error('matchSite: not implemented yet');
}
