import { allFinite, sortedSeries, validYears } from './series';
import { fail, type Point, type Result } from './types';

/**
 * Average growth rate (CAGR) between the first and the last point, extended forward:
 * rate = (last / first)^(1 / (lastYear − firstYear)) − 1, and the forecast for year Y is
 * last × (1 + rate)^(Y − lastYear). Points in between do not change the rate (that is what
 * planners mean by "average growth"), so they may be zero or negative; the first and the
 * last must be positive. Years before the last point are allowed and give the curve's value
 * there, which the chart uses to draw it.
 */
export function averageGrowth(
  series: Point[],
  years: number[],
): Result<{ rate: number; forecasts: Point[] }> {
  const sorted = sortedSeries(series);
  if (!sorted.ok) return sorted;
  if (!validYears(years)) return fail('invalid_input');
  const first = sorted.points[0]!;
  const last = sorted.points[sorted.points.length - 1]!;
  if (first.value <= 0 || last.value <= 0) return fail('non_positive_value');
  const span = last.year - first.year;
  const rate = (last.value / first.value) ** (1 / span) - 1;
  const forecasts = years.map((year) => ({
    year,
    value: last.value * (1 + rate) ** (year - last.year),
  }));
  if (!Number.isFinite(rate) || !allFinite(forecasts.map((f) => f.value))) {
    return fail('invalid_input');
  }
  return { ok: true, rate, forecasts };
}
