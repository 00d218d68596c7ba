import type { Party } from '../../../../electron/api/contract';

/** How a party is named on screen: the person, else the organisation (core's partyLabel, for the same messages). */
export function partyName(p: Pick<Party, 'personName' | 'organisation'>): string {
  return p.personName || p.organisation;
}

/** The 体制図 as an image source: the SVG is shown as an image, never put into the page's DOM. */
export function svgImageSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
