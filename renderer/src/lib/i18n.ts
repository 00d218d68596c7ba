import i18next, { type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE } from '../../locales/default-locale';
import type { LocaleId } from '../../locales';

/**
 * Each language's catalogues are a chunk of their own (≈190 kB for Japanese):
 * the first screen loads only the language in use, and another is loaded
 * when the user switches to it. Importing `locales` from ../../locales here
 * would put both languages back into the first chunk.
 */
const CATALOGUES: Record<LocaleId, () => Promise<ResourceLanguage>> = {
  ja: () => import('../../locales/ja').then((m) => ({ translation: m.ja })),
  en: () => import('../../locales/en').then((m) => ({ translation: m.en })),
};

const loading = new Map<LocaleId, Promise<ResourceLanguage>>();

/** Starts fetching a language's catalogues (once); the boot asks for the default one while it waits for the settings. */
export function loadCatalogues(language: LocaleId): Promise<ResourceLanguage> {
  let pending = loading.get(language);
  if (!pending) {
    pending = CATALOGUES[language]();
    loading.set(language, pending);
  }
  return pending;
}

export async function initI18n(language: LocaleId): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { [language]: await loadCatalogues(language) },
    lng: language,
    fallbackLng: DEFAULT_LOCALE,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: LocaleId): Promise<void> {
  if (!i18next.hasResourceBundle(language, 'translation')) {
    const { translation } = await loadCatalogues(language);
    i18next.addResourceBundle(language, 'translation', translation!);
  }
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
