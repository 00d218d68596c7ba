import { hrefFor } from '../../lib/routes';

/** `#/sites/<id>/inventory/<page>`: import and the walkthrough stay under the site's inventory tab. */
export function inventoryHref(siteId: string, ...rest: string[]): string {
  return hrefFor({ name: 'site', id: siteId, section: 'inventory', rest });
}

/** Today in Japan, YYYY-MM-DD: the default day of a walkthrough, whatever the laptop's zone. */
export function todayInJapan(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
