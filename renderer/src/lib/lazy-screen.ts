import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

/**
 * A screen in a chunk of its own, fetched the first time it is shown: the
 * sites list, the first screen, starts from a small first chunk instead of
 * every screen's code (issue 15). `name` is the screen's named export.
 * Shown inside App's <Suspense>, which says the screen is loading.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- props are checked where the screen is used
export function lazyScreen<M extends Record<K, ComponentType<any>>, K extends keyof M & string>(load: () => Promise<M>, name: K): LazyExoticComponent<M[K]> {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
