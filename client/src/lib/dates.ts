/** Dates as the API sends them, turned into values vue-i18n's `d()` can format. */

/**
 * A calendar date ("2026-09-13") as a Date at UTC midnight, or null when the text is not
 * such a date (the formats in i18n/formats.ts show these in UTC, so the day never shifts).
 */
export function parseIsoDate(text: string | null | undefined): Date | null {
  if (!text) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  // Reject 2026-02-31 and the like, which Date would roll over into March.
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? date : null;
}
