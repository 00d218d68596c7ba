import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LOCALE, locales, type LocaleId } from '../../locales';

export async function initI18n(language: LocaleId): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: {
      ja: { translation: locales.ja },
      en: { translation: locales.en },
    },
    lng: language,
    fallbackLng: DEFAULT_LOCALE,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  document.documentElement.lang = language;
  return i18next;
}

export async function changeLanguage(language: LocaleId): Promise<void> {
  await i18next.changeLanguage(language);
  document.documentElement.lang = language;
}
