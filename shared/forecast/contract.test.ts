import { describe, expect, it } from 'vitest';
import * as forecast from './index';
import type { Point, Result } from './index';

/**
 * The public contract of issue 12, written out. If a signature in index.ts drifts from it,
 * this assignment stops compiling and `npm run typecheck` fails.
 */
const contract: {
  averageGrowth(series: Point[], years: number[]): Result<{ rate: number; forecasts: Point[] }>;
  linearTrend(
    series: Point[],
    years: number[],
  ): Result<{ slope: number; intercept: number; r2: number; forecasts: Point[] }>;
  exponentialTrend(
    series: Point[],
    years: number[],
  ): Result<{ rate: number; r2: number; forecasts: Point[] }>;
  holt(
    series: Point[],
    years: number[],
    params: { alpha: number; beta: number },
  ): Result<{ level: number; trend: number; forecasts: Point[] }>;
  icorGrowth(input: { investment: number; gdp: number; icor: number }): Result<{ growth: number }>;
  icorInvestment(input: {
    growth: number;
    gdp: number;
    icor: number;
  }): Result<{ investment: number }>;
  completion(input: {
    plan: number;
    actual: number;
    higherIsBetter: boolean;
  }): Result<{ percent: number }>;
  parseLocaleNumber(text: string, locale: 'vi' | 'en'): number | null;
} = forecast;

/** A small seeded generator (mulberry32), so a failure here can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every number anywhere in a result. */
function numbersIn(value: unknown): number[] {
  if (typeof value === 'number') return [value];
  if (Array.isArray(value)) return value.flatMap(numbersIn);
  if (typeof value === 'object' && value !== null) return Object.values(value).flatMap(numbersIn);
  return [];
}

describe('the forecast contract', () => {
  it('is what index.ts exports', () => {
    for (const fn of Object.values(contract)) expect(typeof fn).toBe('function');
  });

  it('never returns NaN or Infinity, whatever the series', () => {
    const next = random(12);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
    const values = [0, -1, 1, 1e-300, 1e300, -1e300, 0.1, 1e15, NaN, Infinity, 5, 5, 5];
    let okCount = 0;
    for (let run = 0; run < 2000; run++) {
      const n = Math.floor(next() * 7);
      const start = pick([2000, 2019, -5, 0]);
      const series: Point[] = [];
      for (let i = 0; i < n; i++) {
        const gap = next() < 0.1 ? 0 : next() < 0.1 ? 2 : 1;
        const value = next() < 0.5 ? pick(values) : (next() - 0.3) * 10 ** Math.floor(next() * 12);
        series.push({ year: start + i * gap, value });
      }
      const years = [start + n, start + n + pick([1, 5, 400])];
      const results: Result<object>[] = [
        forecast.averageGrowth(series, years),
        forecast.linearTrend(series, years),
        forecast.linearTrendRange(series, years),
        forecast.exponentialTrend(series, years),
        forecast.exponentialTrendRange(series, years),
        forecast.holt(series, years, { alpha: pick([0.1, 0.5, 1]), beta: pick([0.1, 0.9]) }),
        forecast.bestHoltParams(series),
        forecast.icorGrowth({ investment: pick(values), gdp: pick(values), icor: pick(values) }),
        forecast.icorInvestment({ growth: pick(values), gdp: pick(values), icor: pick(values) }),
        forecast.completion({
          plan: pick(values),
          actual: pick(values),
          higherIsBetter: next() < 0.5,
        }),
      ];
      for (const r of results) {
        if (r.ok) {
          okCount++;
          expect(numbersIn(r).every(Number.isFinite)).toBe(true);
        } else {
          expect(['too_few_points', 'non_positive_value', 'invalid_input']).toContain(r.reason);
        }
      }
    }
    // The inputs are built so that a fair share succeed; otherwise the test proves little.
    expect(okCount).toBeGreaterThan(2000);
  });

  it('parses back what Intl formats in each interface language', () => {
    // The table displays numbers with Intl.NumberFormat; a value shown must read back as
    // the same value when the user edits it and leaves it unchanged.
    for (const n of [0, 7, 1234.5, -1234.5, 12345678.09, 0.001, 1e15, 999999.999]) {
      const vi = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 }).format(n);
      const en = new Intl.NumberFormat('en-US', { maximumFractionDigits: 6 }).format(n);
      expect(forecast.parseLocaleNumber(vi, 'vi')).toBe(n);
      expect(forecast.parseLocaleNumber(en, 'en')).toBe(n);
    }
  });
});
