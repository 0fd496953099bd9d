import { fitted, leastSquares, predictionHalfWidth, type Fit } from './regression';
import { allFinite, sortedSeries, validYears } from './series';
import { fail, type Point, type Result } from './types';

/** A forecast with its range: `low` ≤ `value` ≤ `high`. */
export interface RangePoint extends Point {
  low: number;
  high: number;
}

/**
 * Linear trend by ordinary least squares of value on the calendar year:
 * value = intercept + slope × year, so `intercept` is the line's value at year 0 (a large
 * number; it is what a spreadsheet's INTERCEPT returns on the same data). `r2` is the
 * coefficient of determination; a constant series has r2 = 1. Needs 2 or more points.
 */
export function linearTrend(
  series: Point[],
  years: number[],
): Result<{ slope: number; intercept: number; r2: number; forecasts: Point[] }> {
  const prepared = prepareLinear(series, years, 2);
  if (!prepared.ok) return prepared;
  const { fit } = prepared;
  const forecasts = years.map((year) => ({ year, value: fitted(fit, year) }));
  const intercept = fit.yMean - fit.slope * fit.xMean;
  if (!allFinite([fit.slope, intercept, ...forecasts.map((f) => f.value)])) {
    return fail('invalid_input');
  }
  return { ok: true, slope: fit.slope, intercept, r2: fit.r2, forecasts };
}

/**
 * The simple range for the linear trend: the 95 % prediction interval of simple regression,
 * value ± t(0.975, n − 2) · s · √(1 + 1/n + (year − ȳear)²/Sxx), where s is the residual
 * standard error √(SSE / (n − 2)). It says where a new year's value would fall if the past
 * scatter around the line goes on; it widens away from the middle of the data. It does not
 * cover a change of trend. Needs 3 or more points (with 2 the line fits exactly and the
 * scatter is unknown), so 2 points give `too_few_points`.
 */
export function linearTrendRange(
  series: Point[],
  years: number[],
): Result<{ forecasts: RangePoint[] }> {
  const prepared = prepareLinear(series, years, 3);
  if (!prepared.ok) return prepared;
  const { fit } = prepared;
  const forecasts = years.map((year) => {
    const value = fitted(fit, year);
    const half = predictionHalfWidth(fit, year);
    return { year, value, low: value - half, high: value + half };
  });
  if (!allFinite(forecasts.flatMap((f) => [f.value, f.low, f.high]))) return fail('invalid_input');
  return { ok: true, forecasts };
}

/**
 * Exponential trend: least squares of ln(value) on the year, so value = A × (1 + rate)^year
 * with 1 + rate = e^slope. `r2` is computed on ln(value), as spreadsheet exponential
 * trendlines (and LOGEST) report it. Needs 2 or more points, all positive.
 */
export function exponentialTrend(
  series: Point[],
  years: number[],
): Result<{ rate: number; r2: number; forecasts: Point[] }> {
  const prepared = prepareExponential(series, years, 2);
  if (!prepared.ok) return prepared;
  const { fit } = prepared;
  // Evaluated around the mean year, not as A × (1 + rate)^year: A alone is e^(−slope·2000)
  // or so, which underflows to 0 for fast growth.
  const forecasts = years.map((year) => ({ year, value: Math.exp(fitted(fit, year)) }));
  const rate = Math.expm1(fit.slope);
  if (!allFinite([rate, ...forecasts.map((f) => f.value)])) return fail('invalid_input');
  return { ok: true, rate, r2: fit.r2, forecasts };
}

/**
 * The simple range for the exponential trend: the 95 % prediction interval computed on
 * ln(value) as for the linear trend, then taken back with exp. So it is a ratio band,
 * wider above the forecast than below. Needs 3 or more points, all positive.
 */
export function exponentialTrendRange(
  series: Point[],
  years: number[],
): Result<{ forecasts: RangePoint[] }> {
  const prepared = prepareExponential(series, years, 3);
  if (!prepared.ok) return prepared;
  const { fit } = prepared;
  const forecasts = years.map((year) => {
    const center = fitted(fit, year);
    const half = predictionHalfWidth(fit, year);
    return {
      year,
      value: Math.exp(center),
      low: Math.exp(center - half),
      high: Math.exp(center + half),
    };
  });
  if (!allFinite(forecasts.flatMap((f) => [f.value, f.low, f.high]))) return fail('invalid_input');
  return { ok: true, forecasts };
}

function prepareLinear(series: Point[], years: number[], minPoints: number): Result<{ fit: Fit }> {
  const sorted = sortedSeries(series, minPoints);
  if (!sorted.ok) return sorted;
  if (!validYears(years)) return fail('invalid_input');
  const fit = leastSquares(
    sorted.points.map((p) => p.year),
    sorted.points.map((p) => p.value),
  );
  // Values near ±1e308 overflow in the sums; that is not a series anyone types.
  if (!allFinite([fit.slope, fit.yMean, fit.sse, fit.r2])) return fail('invalid_input');
  return { ok: true, fit };
}

function prepareExponential(
  series: Point[],
  years: number[],
  minPoints: number,
): Result<{ fit: Fit }> {
  const sorted = sortedSeries(series, minPoints);
  if (!sorted.ok) return sorted;
  if (!validYears(years)) return fail('invalid_input');
  if (sorted.points.some((p) => p.value <= 0)) return fail('non_positive_value');
  const fit = leastSquares(
    sorted.points.map((p) => p.year),
    sorted.points.map((p) => Math.log(p.value)),
  );
  if (!allFinite([fit.slope, fit.yMean, fit.sse, fit.r2])) return fail('invalid_input');
  return { ok: true, fit };
}
