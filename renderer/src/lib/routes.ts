import { useEffect, useState } from 'react';

/** Screens addressed by the URL hash, so a reload keeps the user where they were. */
export type Route =
  | { name: 'sites' }
  | { name: 'site-new' }
  | { name: 'site'; id: string }
  | { name: 'site-edit'; id: string }
  | { name: 'site-classify'; id: string }
  | { name: 'settings' }
  | { name: 'not-found' };

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id, action] = parts;
  if (!head || (head === 'sites' && !id)) return { name: 'sites' };
  if (head === 'settings' && !id) return { name: 'settings' };
  if (head === 'sites' && id === 'new' && !action) return { name: 'site-new' };
  if (head === 'sites' && id && !action) return { name: 'site', id };
  if (head === 'sites' && id && action === 'edit') return { name: 'site-edit', id };
  if (head === 'sites' && id && action === 'classify') return { name: 'site-classify', id };
  return { name: 'not-found' };
}

export function hrefFor(route: Route): string {
  switch (route.name) {
    case 'sites':
      return '#/sites';
    case 'site-new':
      return '#/sites/new';
    case 'site':
      return `#/sites/${encodeURIComponent(route.id)}`;
    case 'site-edit':
      return `#/sites/${encodeURIComponent(route.id)}/edit`;
    case 'site-classify':
      return `#/sites/${encodeURIComponent(route.id)}/classify`;
    case 'settings':
      return '#/settings';
    case 'not-found':
      return '#/';
  }
}

export function navigate(route: Route): void {
  window.location.hash = hrefFor(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
