import { describe, expect, it } from 'vitest';
import { bestHoltParams, holt, type Point } from './index';

const GRDP: Point[] = [
  { year: 2019, value: 4520 },
  { year: 2020, value: 4710 },
  { year: 2021, value: 4850 },
  { year: 2022, value: 5290 },
  { year: 2023, value: 5740 },
];
const series = (values: number[], from = 2020): Point[] =>
  values.map((value, i) => ({ year: from + i, value }));

describe('holt', () => {
  it('matches a hand computation', () => {
    // By hand, α = β = 0.5 on 10, 12, 15, 16:
    //   l₁ = 10, b₁ = 2
    //   l₂ = .5·12 + .5·(10 + 2) = 12,        b₂ = .5·(12 − 10) + .5·2 = 2
    //   l₃ = .5·15 + .5·(12 + 2) = 14.5,      b₃ = .5·2.5 + .5·2 = 2.25
    //   l₄ = .5·16 + .5·(14.5 + 2.25) = 16.375, b₄ = .5·1.875 + .5·2.25 = 2.0625
    // Forecasts: h = 1 → 18.4375, h = 2 → 20.5. Every step is exact in binary.
    const r = holt(series([10, 12, 15, 16]), [2024, 2025], { alpha: 0.5, beta: 0.5 });
    expect(r).toEqual({
      ok: true,
      level: 16.375,
      trend: 2.0625,
      forecasts: [
        { year: 2024, value: 18.4375 },
        { year: 2025, value: 20.5 },
      ],
    });
  });

  it('matches an independent python loop on the GRDP series, unsorted', () => {
    // python3, a loop written from the definition (not from this code), α = .3,
    // β = .6: level 5470.164, trend 290.7064; level + h·trend for h = 1, 2, 7.
    const shuffled = [GRDP[4]!, GRDP[1]!, GRDP[3]!, GRDP[0]!, GRDP[2]!];
    const r = holt(shuffled, [2024, 2025, 2030], { alpha: 0.3, beta: 0.6 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.level).toBeCloseTo(5470.164, 9);
    expect(r.trend).toBeCloseTo(290.7064, 9);
    expect(r.forecasts[0]!.value).toBeCloseTo(5760.8704, 9);
    expect(r.forecasts[1]!.value).toBeCloseTo(6051.5768, 9);
    expect(r.forecasts[2]!.value).toBeCloseTo(7505.1088, 9);
  });

  it('with two points continues the line through them', () => {
    // By hand: l₂ = α·y₂ + (1 − α)(y₁ + y₂ − y₁) = y₂ and b₂ = y₂ − y₁ for any α, β.
    const r = holt(series([100, 130]), [2023], { alpha: 0.2, beta: 0.7 });
    expect(r).toEqual({ ok: true, level: 130, trend: 30, forecasts: [{ year: 2023, value: 190 }] });
  });

  it('with α = β = 1 follows the last step exactly', () => {
    // By hand: α = 1 makes the level the last value; β = 1 makes the trend the last change.
    const r = holt(series([5, 9, 4, 6]), [2024], { alpha: 1, beta: 1 });
    expect(r).toEqual({ ok: true, level: 6, trend: 2, forecasts: [{ year: 2024, value: 8 }] });
  });

  it('keeps a constant series constant', () => {
    const r = holt(series([7, 7, 7, 7]), [2030], { alpha: 0.4, beta: 0.4 });
    expect(r).toEqual({ ok: true, level: 7, trend: 0, forecasts: [{ year: 2030, value: 7 }] });
  });

  it.each([
    ['α = 0', { alpha: 0, beta: 0.5 }],
    ['β = 0', { alpha: 0.5, beta: 0 }],
    ['α > 1', { alpha: 1.1, beta: 0.5 }],
    ['β < 0', { alpha: 0.5, beta: -0.1 }],
    ['α NaN', { alpha: NaN, beta: 0.5 }],
    ['β Infinity', { alpha: 0.5, beta: Infinity }],
  ])('rejects %s', (_name, params) => {
    expect(holt(GRDP, [2024], params)).toEqual({ ok: false, reason: 'invalid_input' });
  });

  it('rejects a series with a missing year, whose trend would be per point, not per year', () => {
    const gappy = [
      { year: 2019, value: 1 },
      { year: 2020, value: 2 },
      { year: 2022, value: 4 },
    ];
    expect(holt(gappy, [2023], { alpha: 0.5, beta: 0.5 })).toEqual({
      ok: false,
      reason: 'invalid_input',
    });
  });

  it('rejects forecast years that are not after the last point', () => {
    for (const year of [2023, 2020]) {
      expect(holt(GRDP, [year], { alpha: 0.5, beta: 0.5 })).toEqual({
        ok: false,
        reason: 'invalid_input',
      });
    }
  });

  it('rejects too few points and duplicate years', () => {
    const params = { alpha: 0.5, beta: 0.5 };
    expect(holt([], [2024], params)).toEqual({ ok: false, reason: 'too_few_points' });
    expect(holt(series([1]), [2024], params)).toEqual({ ok: false, reason: 'too_few_points' });
    expect(holt([...GRDP, GRDP[2]!], [2024], params)).toEqual({
      ok: false,
      reason: 'invalid_input',
    });
  });

  it('accepts zero and negative values', () => {
    // By hand: α = β = 1 on −3, 0, −1 gives level −1, trend −1.
    const r = holt(series([-3, 0, -1]), [2023], { alpha: 1, beta: 1 });
    expect(r).toMatchObject({ ok: true, level: -1, trend: -1 });
  });
});

describe('bestHoltParams', () => {
  it('finds the grid minimum on the GRDP series', () => {
    // python3: the same loop over α, β ∈ {0.1, …, 1.0}; the smallest one-step-ahead SSE is
    // 91085.25 at α = 1.0, β = 0.9 (next: 91224 at 1.0, 0.8).
    expect(bestHoltParams(GRDP)).toEqual({ ok: true, alpha: 1, beta: 0.9, sse: 91085.25 });
  });

  it('finds the grid minimum on a zigzag series', () => {
    // python3, as above, on 3, 7, 4, 9, 6, 11, 8: SSE 80.02774783999999 at α = 0.4, β = 1.0
    // (next: 81.76 at 0.4, 0.9).
    const r = bestHoltParams(series([3, 7, 4, 9, 6, 11, 8]));
    if (!r.ok) throw new Error(r.reason);
    expect(r.alpha).toBe(0.4);
    expect(r.beta).toBe(1);
    expect(r.sse).toBeCloseTo(80.02774783999999, 9);
  });

  it('returns grid values exactly (0.3, not 0.30000000000000004)', () => {
    const r = bestHoltParams(GRDP);
    if (!r.ok) throw new Error(r.reason);
    expect([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]).toContain(r.alpha);
    expect([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]).toContain(r.beta);
  });

  it('breaks ties towards the smoothest pair: a straight line fits every pair', () => {
    expect(bestHoltParams(series([10, 20, 30, 40, 50]))).toEqual({
      ok: true,
      alpha: 0.1,
      beta: 0.1,
      sse: 0,
    });
  });

  it('gives the same answer for unsorted input', () => {
    expect(bestHoltParams([GRDP[3]!, GRDP[0]!, GRDP[4]!, GRDP[1]!, GRDP[2]!])).toEqual(
      bestHoltParams(GRDP),
    );
  });

  it('needs three points on consecutive years', () => {
    expect(bestHoltParams(series([1, 2]))).toEqual({ ok: false, reason: 'too_few_points' });
    expect(
      bestHoltParams([
        { year: 2019, value: 1 },
        { year: 2020, value: 2 },
        { year: 2023, value: 4 },
      ]),
    ).toEqual({ ok: false, reason: 'invalid_input' });
    expect(bestHoltParams([...GRDP, GRDP[0]!])).toEqual({ ok: false, reason: 'invalid_input' });
  });
});
