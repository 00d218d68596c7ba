import { hrefFor } from '../../lib/routes';

/** `#/sites/<id>/inventory/<page>`: import and the walkthrough stay under the site's inventory tab. */
export function inventoryHref(siteId: string, ...rest: string[]): string {
  return hrefFor({ name: 'site', id: siteId, section: 'inventory', rest });
}
