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

const stored = loadPreference('lang');
const initial: Locale = isLocale(stored) ? stored : 'vi';

/** Date formats used with `d(ms, 'name')`: the record's times and the timeline. */
const dateTimes = {
  time: { hour: '2-digit', minute: '2-digit' },
  precise: { hour: '2-digit', minute: '2-digit', second: '2-digit' },
  dateTime: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  },
} as const;

export const i18n = createI18n<[MessageSchema], Locale, false>({
  legacy: false,
  locale: initial,
  fallbackLocale: 'vi',
  messages: { vi, en },
  datetimeFormats: { vi: dateTimes, en: dateTimes },
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
