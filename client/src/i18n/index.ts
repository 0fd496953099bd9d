/**
 * vue-i18n setup: Vietnamese by default, English as the second language. The choice is kept
 * in localStorage and mirrored on <html lang> so screen readers and hyphenation follow it.
 * English is its own chunk, fetched only when someone picks it (10 KB gzipped that a
 * Vietnamese phone on the hall's weak link would otherwise download before it can type).
 */
import { watch } from 'vue';
import { createI18n } from 'vue-i18n';
import { loadPreference, savePreference } from '@client/lib/storage';
import { datetimeFormats, numberFormats, type DateTimeSchema, type NumberSchema } from './formats';
import vi, { type MessageSchema } from './vi';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

const stored = loadPreference('lang');
/** The language stored last time (English is loaded by `loadInitialLocale` before mounting). */
const initial: Locale = isLocale(stored) ? stored : 'vi';

export const i18n = createI18n<
  { message: MessageSchema; datetime: DateTimeSchema; number: NumberSchema },
  Locale,
  false
>({
  legacy: false,
  // Starts in Vietnamese; loadInitialLocale switches once the stored language has arrived.
  locale: 'vi',
  fallbackLocale: 'vi',
  messages: { vi } as Record<Locale, MessageSchema>,
  numberFormats,
  datetimeFormats,
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

let english: Promise<void> | null = null;

/** Fetches the English messages once (the same promise for every caller). */
function loadEnglish(): Promise<void> {
  english ??= import('./en').then((m) => {
    i18n.global.setLocaleMessage('en', m.default);
  });
  return english;
}

let later: Promise<void> | null = null;

/** Fetches the Vietnamese messages kept off the first page (later-sections.ts), once. */
function loadLaterMessages(): Promise<void> {
  later ??= import('./vi-later').then(
    (m) => i18n.global.mergeLocaleMessage('vi', m.default as MessageSchema),
    (err: unknown) => {
      later = null;
      throw err;
    },
  );
  return later;
}

/**
 * A lazy screen's loader that also fetches the messages it needs (in parallel, so no extra
 * round trip): for the home page, the projector and the board kinds other than SWOT.
 */
export function withLaterMessages<T>(load: () => Promise<T>): () => Promise<T> {
  return () => Promise.all([load(), loadLaterMessages()]).then(([module]) => module);
}

/** Switches to `locale`, fetching its messages first when they are not here yet. */
export async function setLocale(locale: Locale): Promise<void> {
  if (locale === 'en') await loadEnglish();
  i18n.global.locale.value = locale;
}

/**
 * Applies the stored language before the app mounts, so an English reader never sees a flash
 * of Vietnamese. Resolves at once for Vietnamese; if English cannot be fetched (offline with
 * an old cache) the page stays in Vietnamese rather than not starting.
 */
export function loadInitialLocale(): Promise<void> {
  return initial === 'vi' ? Promise.resolve() : setLocale(initial).catch(() => undefined);
}

/** Switches between the two languages. */
export function toggleLocale(): Promise<void> {
  return setLocale(i18n.global.locale.value === 'vi' ? 'en' : 'vi');
}
