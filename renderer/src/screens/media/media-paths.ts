import { hrefFor } from '../../lib/routes';

/** `#/sites/<id>/media/<…rest>`: every media screen lives under the site's media tab. */
export function mediaHref(siteId: string, ...rest: string[]): string {
  return hrefFor({ name: 'site', id: siteId, section: 'media', rest });
}
