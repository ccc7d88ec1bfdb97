import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Language } from '../lib/format';
import { en } from './en';
import { id } from './id';

const KEY = 'lindung.language';

/** Indonesian unless the person chose English (kept in this browser). */
export function initI18n(): typeof i18next {
  const saved = localStorage.getItem(KEY);
  void i18next.use(initReactI18next).init({
    resources: { id: { translation: id }, en: { translation: en } },
    lng: saved === 'en' ? 'en' : 'id',
    fallbackLng: 'id',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = i18next.language;
  return i18next;
}

export function setLanguage(language: Language): void {
  localStorage.setItem(KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

/** The translation function and the current language, for the formatters. */
export function useLang(): { t: ReturnType<typeof useTranslation>['t']; lang: Language } {
  const { t, i18n } = useTranslation();
  return { t, lang: i18n.language === 'en' ? 'en' : 'id' };
}
