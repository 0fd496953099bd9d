import { describe, expect, it } from 'vitest';
import { averageGrowth, type Point } from './index';

// A district's GRDP in billion VND, the series most tests share.
const GRDP: Point[] = [
  { year: 2019, value: 4520 },
  { year: 2020, value: 4710 },
  { year: 2021, value: 4850 },
  { year: 2022, value: 5290 },
  { year: 2023, value: 5740 },
];

describe('averageGrowth', () => {
  it('matches a hand-computed CAGR and its extension', () => {
    // By hand: (150 / 100)^(1/4) − 1 = 0.10668191970032148 (python3 prints it so), and
    // 2026 is two years after 2024: 150 × 1.5^(2/4) = 183.71173070873832.
    // The middle values do not enter the rate, so one of them is zero on purpose.
    const series = [
      { year: 2020, value: 100 },
      { year: 2021, value: 0 },
      { year: 2022, value: 140 },
      { year: 2023, value: 120 },
      { year: 2024, value: 150 },
    ];
    const r = averageGrowth(series, [2026]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.rate).toBeCloseTo(0.10668191970032148, 12);
    expect(r.forecasts).toHaveLength(1);
    expect(r.forecasts[0]!.year).toBe(2026);
    expect(r.forecasts[0]!.value).toBeCloseTo(183.71173070873832, 9);
  });

  it('matches python on the GRDP series', () => {
    // python3: (5740/4520)**(1/4)-1 and 5740*(1+rate)**(Y-2023) for Y = 2024, 2025, 2030.
    const r = averageGrowth(GRDP, [2024, 2025, 2030]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.rate).toBeCloseTo(0.06155711231760419, 12);
    expect(r.forecasts.map((f) => f.year)).toEqual([2024, 2025, 2030]);
    expect(r.forecasts[0]!.value).toBeCloseTo(6093.337824703048, 8);
    expect(r.forecasts[1]!.value).toBeCloseTo(6468.426105567401, 8);
    expect(r.forecasts[2]!.value).toBeCloseTo(8719.979083042139, 8);
  });

  it('sorts unsorted points and leaves the caller’s array alone', () => {
    const shuffled = [GRDP[3]!, GRDP[0]!, GRDP[4]!, GRDP[2]!, GRDP[1]!];
    const copy = structuredClone(shuffled);
    expect(averageGrowth(shuffled, [2025])).toEqual(averageGrowth(GRDP, [2025]));
    expect(shuffled).toEqual(copy);
  });

  it('gives rate 0 for a constant series', () => {
    const r = averageGrowth(
      [
        { year: 2020, value: 7 },
        { year: 2021, value: 7 },
        { year: 2022, value: 7 },
      ],
      [2025],
    );
    expect(r).toEqual({ ok: true, rate: 0, forecasts: [{ year: 2025, value: 7 }] });
  });

  it('handles a shrinking series and years before the last point', () => {
    // By hand: (50 / 200)^(1/2) − 1 = −0.5; 2021 is one year before 2022: 50 × 0.5^−1 = 100.
    const r = averageGrowth(
      [
        { year: 2020, value: 200 },
        { year: 2022, value: 50 },
      ],
      [2021, 2023],
    );
    expect(r).toEqual({
      ok: true,
      rate: -0.5,
      forecasts: [
        { year: 2021, value: 100 },
        { year: 2023, value: 25 },
      ],
    });
  });

  it('returns no forecasts when no years are asked for', () => {
    const r = averageGrowth(GRDP, []);
    expect(r.ok && r.forecasts).toEqual([]);
  });

  it.each([
    ['no points', []],
    ['one point', [{ year: 2020, value: 5 }]],
  ])('needs two points: %s', (_name, series) => {
    expect(averageGrowth(series, [2025])).toEqual({ ok: false, reason: 'too_few_points' });
  });

  it.each([
    ['zero first value', 0, 10],
    ['negative first value', -5, 10],
    ['zero last value', 10, 0],
    ['negative last value', 10, -1],
  ])('rejects a %s', (_name, first, last) => {
    const r = averageGrowth(
      [
        { year: 2020, value: first },
        { year: 2023, value: last },
      ],
      [2024],
    );
    expect(r).toEqual({ ok: false, reason: 'non_positive_value' });
  });

  it.each([
    [
      'duplicate years',
      [
        { year: 2020, value: 1 },
        { year: 2020, value: 2 },
        { year: 2021, value: 3 },
      ],
      [2022],
    ],
    [
      'a NaN value',
      [
        { year: 2020, value: 1 },
        { year: 2021, value: NaN },
      ],
      [2022],
    ],
    [
      'an infinite value',
      [
        { year: 2020, value: 1 },
        { year: 2021, value: Infinity },
      ],
      [2022],
    ],
    [
      'a fractional year',
      [
        { year: 2020.5, value: 1 },
        { year: 2021, value: 2 },
      ],
      [2022],
    ],
    [
      'a NaN forecast year',
      [
        { year: 2020, value: 1 },
        { year: 2021, value: 2 },
      ],
      [NaN],
    ],
    [
      'a fractional forecast year',
      [
        { year: 2020, value: 1 },
        { year: 2021, value: 2 },
      ],
      [2022.5],
    ],
  ])('rejects %s as invalid input', (_name, series, years) => {
    expect(averageGrowth(series, years)).toEqual({ ok: false, reason: 'invalid_input' });
  });

  it('reports invalid input instead of one point too few when a point is broken', () => {
    expect(averageGrowth([{ year: 2020, value: NaN }], [2021])).toEqual({
      ok: false,
      reason: 'invalid_input',
    });
  });

  it('returns a reason instead of Infinity on overflow', () => {
    // rate = 1e300 − 1, and two years on the forecast is 1e600, beyond a double.
    const r = averageGrowth(
      [
        { year: 2020, value: 1 },
        { year: 2021, value: 1e300 },
      ],
      [2023],
    );
    expect(r).toEqual({ ok: false, reason: 'invalid_input' });
  });
});
