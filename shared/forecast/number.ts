/**
 * Reads a number typed or pasted in the interface's locale. Strict on purpose: the indicator
 * table keeps an unreadable entry as text and flags it, so a guess here would silently store
 * a different number than the one meant.
 *
 * - `'vi'`: `.` groups thousands and `,` is the decimal mark (`1.234,5`); `'en'`: the reverse
 *   (`1,234.5`).
 * - Whitespace anywhere is ignored, including the no-break and narrow no-break spaces that
 *   formatted numbers and spreadsheets use as group separators (`1 234,5`).
 * - One leading minus sign is allowed: `-` or the typographic `−` (U+2212). No plus sign.
 * - The integer part is either plain digits (`1234`, leading zeros allowed) or grouped: a
 *   first group of 1–3 digits not starting with 0, then groups of exactly 3 digits, each after
 *   a group separator (`1.234.567`). So, in `'vi'`, `12.34`, `1.2345` and `1234.567` are
 *   `null`, and so is `0.500`: each is more likely an English decimal than a grouped number.
 * - At most one decimal mark, with at least one digit on each side (`,5` and `5,` are
 *   `null`); the fraction has no group separators.
 * - ASCII digits only; no exponent, currency, percent or any other character.
 * - A result that is not finite (hundreds of digits) is `null`; `-0` reads as `0`.
 */
export function parseLocaleNumber(text: string, locale: 'vi' | 'en'): number | null {
  if (typeof text !== 'string') return null;
  if (locale !== 'vi' && locale !== 'en') return null;
  const compact = text.replace(/\s+/g, '');
  const pattern = locale === 'vi' ? VI : EN;
  const match = pattern.exec(compact);
  if (!match) return null;
  const [, sign, integer, fraction] = match;
  const digits = (integer ?? '').replace(/[.,]/g, '');
  const canonical = `${sign ? '-' : ''}${digits}${fraction ? `.${fraction}` : ''}`;
  const value = Number(canonical);
  if (!Number.isFinite(value)) return null;
  return value === 0 ? 0 : value;
}

// sign, integer part (plain or grouped), optional fraction.
const VI = /^([-\u2212])?(\d+|[1-9]\d{0,2}(?:\.\d{3})+)(?:,(\d+))?$/;
const EN = /^([-\u2212])?(\d+|[1-9]\d{0,2}(?:,\d{3})+)(?:\.(\d+))?$/;
