import i18next from 'i18next';
import { initReactI18next, useTranslation } from 'react-i18next';
import type { Locale } from '../../electron/shared/contract';
import { en } from './en';
import { enEnums, zhEnums, type EnumLabels, type EnumName } from './enums';
import { zhCN } from './zh-CN';

void i18next.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
  lng: 'zh-CN',
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
});

export const setLocale = (locale: Locale) => {
  void i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
  document.title = i18next.getFixedT(locale)('app.name');
};

export const enumLabels = (locale: string): EnumLabels => (locale === 'en' ? enEnums : zhEnums);

/** `t` for messages, `label` for a stored domain term in the current language. */
export const useI18n = () => {
  const { t, i18n } = useTranslation();
  const labels = enumLabels(i18n.language);
  const label = <N extends EnumName>(name: N, value: string): string =>
    (labels[name] as Record<string, string>)[value] ?? value;
  return { t, label, locale: i18n.language };
};
