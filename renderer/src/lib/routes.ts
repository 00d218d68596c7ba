import { useMemo } from 'react';
import { goToHash, useShownHash } from './unsaved-changes';

/** Screens addressed by the URL hash, so a reload keeps the user where they were. */
export type Route =
  | { name: 'sites' }
  | { name: 'site-new' }
  /** A site's screen: `section` picks one of SITE_SECTIONS; `rest` is the section's own path. */
  | { name: 'site'; id: string; section?: string; rest?: string[] }
  | { name: 'settings' }
  /** The installation's scanner definitions, reached from the settings. */
  | { name: 'definitions' }
  /** Bundles at head office (receive, trust, keys): `page` is '' , 'trust' or 'keys'. */
  | { name: 'bundles'; page: string }
  /** CSAF advisories held by the installation (issue 13). */
  | { name: 'advisories' }
  | { name: 'not-found' };

export function parseRoute(hash: string): Route {
  let parts: string[];
  try {
    parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  } catch {
    return { name: 'not-found' };
  }
  const [head, id, section, ...rest] = parts;
  if (!head || (head === 'sites' && !id)) return { name: 'sites' };
  if (head === 'settings' && !id) return { name: 'settings' };
  if (head === 'settings' && id === 'definitions' && !section) return { name: 'definitions' };
  if (head === 'bundles' && !section) return { name: 'bundles', page: id ?? '' };
  if (head === 'advisories' && !id) return { name: 'advisories' };
  if (head === 'sites' && id === 'new' && !section) return { name: 'site-new' };
  if (head === 'sites' && id) return { name: 'site', id, section: section ?? 'overview', rest };
  return { name: 'not-found' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'sites':
      return '#/sites';
    case 'site-new':
      return '#/sites/new';
    case 'site': {
      const section = route.section && route.section !== 'overview' ? [route.section, ...(route.rest ?? [])] : [];
      return ['#', 'sites', route.id, ...section].map((p, i) => (i === 0 ? p : encodeURIComponent(p))).join('/');
    }
    case 'settings':
      return '#/settings';
    case 'definitions':
      return '#/settings/definitions';
    case 'bundles':
      return route.page ? `#/bundles/${encodeURIComponent(route.page)}` : '#/bundles';
    case 'advisories':
      return '#/advisories';
    case 'not-found':
      return '#/';
  }
}

/**
 * Moves to another screen, asking first when a form holds unsaved changes
 * (unsaved-changes.ts). `afterSave` skips the question: the caller has just
 * saved what the screen held.
 */
export function navigate(route: Route, options: { afterSave?: boolean } = {}): void {
  goToHash(hrefFor(route), !options.afterSave);
}

export function useRoute(): Route {
  const hash = useShownHash();
  return useMemo(() => parseRoute(hash), [hash]);
}
