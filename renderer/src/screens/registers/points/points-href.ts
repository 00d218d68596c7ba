import { hrefFor } from '../../../lib/routes';

/** `#/sites/<id>/registers/points/<…rest>` (the same address RegistersSection's registersHref makes, without importing the section). */
export function pointsHref(siteId: string, ...rest: string[]): string {
  return hrefFor({ name: 'site', id: siteId, section: 'registers', rest: ['points', ...rest] });
}
