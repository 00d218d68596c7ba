import type { Core } from '../core';
import type { TriagedMatch } from './advisory-types';

// PLACEHOLDER (issue 13 contract): helper `triage` replaces the body, keeping the signature,
// and adds decideTriage and the rest.

/** The site's matches, each with the decision in force (or 'open', reopened when the advisory or the device's version changed). */
export function listTriagedMatches(core: Core, siteId: string): TriagedMatch[] {
  void core;
  void siteId;
  throw new Error('listTriagedMatches: not implemented yet');
}
