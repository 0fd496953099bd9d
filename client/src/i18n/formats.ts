/**
 * Number and date formats of each interface language, given to vue-i18n so every screen
 * formats through `n()` and `d()` rather than by hand. Vietnamese groups thousands with "."
 * and writes the decimal mark as ","; money is VND, which has no minor unit.
 */

const numberFormat = {
  /** A plain quantity: 1.234,5 (vi) / 1,234.5 (en). */
  decimal: { style: 'decimal', maximumFractionDigits: 2 },
  /** A whole count of people or items. */
  integer: { style: 'decimal', maximumFractionDigits: 0 },
  /** A number as entered in the indicator table: up to 6 decimals, so nothing typed is hidden. */
  value: { style: 'decimal', maximumFractionDigits: 6 },
  /** A computed value (forecast, range, level): 2 decimals. */
  result: { style: 'decimal', maximumFractionDigits: 2 },
  /** A percentage figure (completion 97,6; a growth rate), shown before a "%" sign: 1 decimal. */
  percent: { style: 'decimal', minimumFractionDigits: 1, maximumFractionDigits: 1 },
  /** A parameter (R², α, β, slope): up to 4 decimals. */
  ratio: { style: 'decimal', maximumFractionDigits: 4 },
  /** Money in đồng: 1.500.000.000 ₫. */
  vnd: { style: 'currency', currency: 'VND', currencyDisplay: 'symbol', maximumFractionDigits: 0 },
  /** Large amounts of money, shortened for tight spaces (1,5 tỷ ₫). */
  vndCompact: {
    style: 'currency',
    currency: 'VND',
    notation: 'compact',
    maximumFractionDigits: 1,
  },
} as const;

/** The number formats' schema, for the typed `n()`. */
export type NumberSchema = typeof numberFormat;

export const numberFormats = {
  vi: numberFormat,
  en: numberFormat,
} satisfies Record<string, NumberSchema>;

const dateTimeFormat = {
  /**
   * A calendar date with no time (a meeting's date, stored as "2026-09-13"). Parsed as UTC
   * midnight, so it is shown in UTC: any other zone could show the day before.
   */
  day: { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' },
  /** The same, short: 13/09/2026. */
  dayShort: { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' },
  /** A moment of the meeting: 14:05. */
  time: { hour: '2-digit', minute: '2-digit' },
  /** A moment with its date, for the record: 13/09/2026 14:05. */
  moment: {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  },
} as const;

/** The date formats' schema, for the typed `d()`. */
export type DateTimeSchema = typeof dateTimeFormat;

export const datetimeFormats = {
  vi: dateTimeFormat,
  en: dateTimeFormat,
} satisfies Record<string, DateTimeSchema>;
