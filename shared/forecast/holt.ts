import { allFinite, consecutiveYears, sortedSeries, validYears } from './series';
import { fail, type Point, type Result } from './types';

/** Smoothing parameters for Holt's method; both lie in (0, 1]. */
export interface HoltParams {
  alpha: number;
  beta: number;
}

/**
 * Holt's linear exponential smoothing. level₁ = y₁ and trend₁ = y₂ − y₁; for t ≥ 2,
 * levelₜ = α·yₜ + (1 − α)(levelₜ₋₁ + trendₜ₋₁) and
 * trendₜ = β(levelₜ − levelₜ₋₁) + (1 − β)·trendₜ₋₁. The forecast h years after the last
 * point is level + h·trend, with the final level and trend.
 *
 * The recursion steps once per observation, so its trend is "per year" only when the years
 * are consecutive: a series with a missing year is `invalid_input` rather than a forecast
 * that is silently off. Forecast years must come after the last point (h ≥ 1); earlier years
 * are `invalid_input`, as the method defines nothing there. Needs 2 or more points.
 */
export function holt(
  series: Point[],
  years: number[],
  params: HoltParams,
): Result<{ level: number; trend: number; forecasts: Point[] }> {
  const sorted = sortedSeries(series);
  if (!sorted.ok) return sorted;
  if (!validParams(params) || !validYears(years)) return fail('invalid_input');
  const { points } = sorted;
  if (!consecutiveYears(points)) return fail('invalid_input');
  const lastYear = points[points.length - 1]!.year;
  if (years.some((y) => y <= lastYear)) return fail('invalid_input');
  const { level, trend } = smooth(
    points.map((p) => p.value),
    params,
  );
  const forecasts = years.map((year) => ({ year, value: level + (year - lastYear) * trend }));
  if (!allFinite([level, trend, ...forecasts.map((f) => f.value)])) return fail('invalid_input');
  return { ok: true, level, trend, forecasts };
}

/**
 * The α and β the interface starts from: the pair on the grid 0.1, 0.2, …, 1.0 (each) with
 * the smallest one-step-ahead squared error Σ (yₜ − (levelₜ₋₁ + trendₜ₋₁))² over t ≥ 3 (at
 * t = 2 the error is always 0, because trend₁ is taken from y₂). Ties (errors within
 * 1e-12 × Σy², so that rounding cannot decide) go to the smallest α and then the smallest
 * β: the smoothest pair, a cautious default when the data cannot tell pairs apart (a
 * straight line fits every pair exactly). Needs 3 or more points on consecutive years; with 2 there
 * is no error to minimise, so it is `too_few_points`.
 */
export function bestHoltParams(series: Point[]): Result<HoltParams & { sse: number }> {
  const sorted = sortedSeries(series, 3);
  if (!sorted.ok) return sorted;
  if (!consecutiveYears(sorted.points)) return fail('invalid_input');
  const values = sorted.points.map((p) => p.value);
  const scale = values.reduce((sum, v) => sum + v * v, 0);
  const tolerance = 1e-12 * scale;
  let best: (HoltParams & { sse: number }) | undefined;
  // i / 10 rather than repeated + 0.1, so the grid holds 0.3 and not 0.30000000000000004.
  for (let i = 1; i <= 10; i++) {
    for (let j = 1; j <= 10; j++) {
      const params = { alpha: i / 10, beta: j / 10 };
      const { sse } = smooth(values, params);
      if (!Number.isFinite(sse)) continue;
      if (best === undefined || sse < best.sse - tolerance) best = { ...params, sse };
    }
  }
  if (best === undefined) return fail('invalid_input');
  return { ok: true, ...best };
}

/** Runs the recursion; returns the final level and trend and the one-step-ahead SSE. */
function smooth(
  values: readonly number[],
  { alpha, beta }: HoltParams,
): { level: number; trend: number; sse: number } {
  let level = values[0]!;
  let trend = values[1]! - values[0]!;
  let sse = 0;
  for (let t = 1; t < values.length; t++) {
    const y = values[t]!;
    const forecast = level + trend;
    sse += (y - forecast) ** 2;
    const previous = level;
    level = alpha * y + (1 - alpha) * forecast;
    trend = beta * (level - previous) + (1 - beta) * trend;
  }
  return { level, trend, sse };
}

function validParams(params: unknown): params is HoltParams {
  if (typeof params !== 'object' || params === null) return false;
  const { alpha, beta } = params as Partial<HoltParams>;
  return inUnitInterval(alpha) && inUnitInterval(beta);
}

function inUnitInterval(x: unknown): boolean {
  return typeof x === 'number' && Number.isFinite(x) && x > 0 && x <= 1;
}
