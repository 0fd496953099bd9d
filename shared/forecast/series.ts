import { fail, type Point, type Result } from './types';

/**
 * Checks and sorts a series. Years must be safe integers (they are calendar years), values
 * finite, and no year may appear twice: two values for one year is a data-entry mistake that
 * no method can settle on its own. Returns a sorted copy; the caller's array is not touched.
 * Checks run in this order: invalid input first, then too few points, so that a series with
 * one NaN reports the NaN rather than its length.
 */
export function sortedSeries(series: readonly Point[], minPoints = 2): Result<{ points: Point[] }> {
  if (!Array.isArray(series)) return fail('invalid_input');
  for (const p of series) {
    if (!isPoint(p)) return fail('invalid_input');
  }
  const points = series.map((p) => ({ year: p.year, value: p.value }));
  points.sort((a, b) => a.year - b.year);
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.year === points[i - 1]!.year) return fail('invalid_input');
  }
  if (points.length < minPoints) return fail('too_few_points');
  return { ok: true, points };
}

/** The years asked for must be calendar years too; an empty list is allowed (no forecasts). */
export function validYears(years: readonly number[]): boolean {
  return Array.isArray(years) && years.every((y) => Number.isSafeInteger(y));
}

/** True when every point's year follows the previous one by exactly one. */
export function consecutiveYears(points: readonly Point[]): boolean {
  for (let i = 1; i < points.length; i++) {
    if (points[i]!.year - points[i - 1]!.year !== 1) return false;
  }
  return true;
}

/** True when every forecast value is finite; used to turn an overflow into a reason. */
export function allFinite(values: readonly number[]): boolean {
  return values.every((v) => Number.isFinite(v));
}

function isPoint(p: unknown): p is Point {
  if (typeof p !== 'object' || p === null) return false;
  const { year, value } = p as Partial<Point>;
  return Number.isSafeInteger(year) && typeof value === 'number' && Number.isFinite(value);
}
