import type { LocaleId } from '../../../renderer/locales';
import { translate } from '../i18n/translate';
import type { CatalogueRef } from './catalogue-schema';

/**
 * Where a catalogue's items come from, in the reader's language: its
 * provenance note, or, for a catalogue written without one, the publisher's
 * source note as it stands. The report's cover says this next to the
 * catalogue's name; the catalogue settings screen says the same.
 */
export function provenanceText(ref: Pick<CatalogueRef, 'provenance' | 'sourceNote'>, locale: LocaleId): string {
  return ref.provenance ? ref.provenance.note[locale] : translate(locale, 'checklist.catalogue.sourceNote', { note: ref.sourceNote });
}

/** The catalogue's short name and version, then its provenance, as one cover entry. */
export function catalogueCoverText(ref: CatalogueRef, locale: LocaleId): string {
  return `${translate(locale, 'report.catalogueValue', { name: ref.shortName[locale], version: ref.version })}\n${provenanceText(ref, locale)}`;
}
