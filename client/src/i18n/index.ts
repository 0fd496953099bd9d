/**
 * vue-i18n setup: Vietnamese by default, English as the second language. The choice is kept
 * in localStorage and mirrored on <html lang> so screen readers and hyphenation follow it.
 */
import { watch } from 'vue';
import { createI18n } from 'vue-i18n';
import { loadPreference, savePreference } from '@client/lib/storage';
import en from './en';
import vi, { type MessageSchema } from './vi';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Number formats, the same names in both languages (the indicator table displays numbers
 * through these, so 1234,5 reads `1.234,5` in Vietnamese and `1,234.5` in English).
 *   value    a number as entered: up to 6 decimals, so nothing typed is hidden
 *   result   a computed value (forecast, range, level): 2 decimals
 *   percent  a percentage figure (completion, growth rate): 1 decimal
 *   ratio    a parameter (R², α, β, slope): up to 4 decimals
 */
const numberFormat = {
  value: { style: 'decimal', maximumFractionDigits: 6 },
  result: { style: 'decimal', maximumFractionDigits: 2 },
  percent: { style: 'decimal', minimumFractionDigits: 1, maximumFractionDigits: 1 },
  ratio: { style: 'decimal', maximumFractionDigits: 4 },
} as const;

const stored = loadPreference('lang');
const initial: Locale = isLocale(stored) ? stored : 'vi';

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initial,
  fallbackLocale: 'vi',
  messages: { vi, en },
  numberFormats: { vi: numberFormat, en: numberFormat },
  missingWarn: import.meta.env.DEV,
  fallbackWarn: false,
});

/** Sets <html lang> and the stored preference whenever the language changes. */
export function installLocaleSync(): void {
  const locale = i18n.global.locale;
  watch(
    locale,
    (value) => {
      document.documentElement.lang = value;
      document.title = i18n.global.t('app.name');
      savePreference('lang', value);
    },
    { immediate: true },
  );
}

/** Switches between the two languages. */
export function toggleLocale(): void {
  const locale = i18n.global.locale;
  locale.value = locale.value === 'vi' ? 'en' : 'vi';
}
