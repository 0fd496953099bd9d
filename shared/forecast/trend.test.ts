import { describe, expect, it } from 'vitest';
import {
  exponentialTrend,
  exponentialTrendRange,
  linearTrend,
  linearTrendRange,
  type Point,
} from './index';
import { tQuantile975 } from './regression';

// A district's GRDP in billion VND, 2019–2023.
const GRDP: Point[] = [
  { year: 2019, value: 4520 },
  { year: 2020, value: 4710 },
  { year: 2021, value: 4850 },
  { year: 2022, value: 5290 },
  { year: 2023, value: 5740 },
];
const SHUFFLED = [GRDP[2]!, GRDP[4]!, GRDP[0]!, GRDP[3]!, GRDP[1]!];

describe('linearTrend', () => {
  it('matches numpy on the GRDP series', () => {
    // numpy.polyfit(years, values, 1) = (302.0, -605320.0) up to rounding, and
    // scipy.stats.linregress agrees; r² = numpy.corrcoef(years, values)[0,1]**2.
    // Forecasts: -605320 + 302 × Y for Y = 2024, 2025, 2030.
    const r = linearTrend(GRDP, [2024, 2025, 2030]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.slope).toBeCloseTo(302, 9);
    expect(r.intercept).toBeCloseTo(-605320, 6);
    expect(r.r2).toBeCloseTo(0.9438672020532352, 12);
    expect(r.forecasts.map((f) => f.year)).toEqual([2024, 2025, 2030]);
    expect(r.forecasts[0]!.value).toBeCloseTo(5928, 8);
    expect(r.forecasts[1]!.value).toBeCloseTo(6230, 8);
    expect(r.forecasts[2]!.value).toBeCloseTo(7740, 8);
  });

  it('fits two points exactly', () => {
    // By hand: the line through (2020, 10) and (2022, 16) has slope 3 and is 10 − 3 × 2020
    // = −6050 at year 0; r² = 1.
    const r = linearTrend(
      [
        { year: 2022, value: 16 },
        { year: 2020, value: 10 },
      ],
      [2023],
    );
    expect(r).toEqual({
      ok: true,
      slope: 3,
      intercept: -6050,
      r2: 1,
      forecasts: [{ year: 2023, value: 19 }],
    });
  });

  it('gives slope 0 and r² = 1 for a constant series, even one that does not add up exactly', () => {
    // Three 0.1s: their float mean is 0.10000000000000002, so Σ(y − ȳ)² is not 0.
    const r = linearTrend(
      [
        { year: 2020, value: 0.1 },
        { year: 2021, value: 0.1 },
        { year: 2022, value: 0.1 },
      ],
      [2025],
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.slope).toBe(0);
    expect(r.r2).toBe(1);
    expect(r.intercept).toBeCloseTo(0.1, 15);
    expect(r.forecasts[0]!.value).toBeCloseTo(0.1, 15);
  });

  it('gives r² = 0 when the year explains nothing', () => {
    // By hand: 1, 3, 3, 1 is symmetric about its middle, so the OLS slope is 0, the line is
    // the mean 2 and r² = 1 − 4/4 = 0.
    const r = linearTrend(
      [1, 3, 3, 1].map((value, i) => ({ year: 2020 + i, value })),
      [],
    );
    expect(r).toMatchObject({ ok: true, slope: 0, r2: 0, forecasts: [] });
  });

  it('accepts zero and negative values (a net migration, a balance)', () => {
    // By hand: −2, 0, 2 rises by 2 a year.
    const r = linearTrend(
      [-2, 0, 2].map((value, i) => ({ year: 2020 + i, value })),
      [2023],
    );
    expect(r).toMatchObject({ ok: true, slope: 2, r2: 1, forecasts: [{ year: 2023, value: 4 }] });
  });

  it('sorts unsorted points', () => {
    const a = linearTrend(SHUFFLED, [2024]);
    const b = linearTrend(GRDP, [2024]);
    if (!a.ok || !b.ok) throw new Error('failed');
    expect(a.slope).toBeCloseTo(b.slope, 9);
    expect(a.r2).toBeCloseTo(b.r2, 12);
  });

  it('rejects too few points, duplicate years and broken input', () => {
    expect(linearTrend([], [2024])).toEqual({ ok: false, reason: 'too_few_points' });
    expect(linearTrend([GRDP[0]!], [2024])).toEqual({ ok: false, reason: 'too_few_points' });
    expect(linearTrend([...GRDP, { year: 2021, value: 4900 }], [2024])).toEqual({
      ok: false,
      reason: 'invalid_input',
    });
    expect(linearTrend([...GRDP, { year: 2024, value: NaN }], [2025])).toEqual({
      ok: false,
      reason: 'invalid_input',
    });
    expect(linearTrend(GRDP, [Infinity])).toEqual({ ok: false, reason: 'invalid_input' });
  });
});

describe('linearTrendRange', () => {
  it('matches the 95 % prediction interval computed with numpy and scipy', () => {
    // python3: X = [1, year − 2000]; β, SSE from numpy.linalg.lstsq; s² = SSE / (n − 2);
    // half = scipy.stats.t.ppf(0.975, 3) · √(s² (1 + x₀ᵀ (XᵀX)⁻¹ x₀)). The matrix form is
    // a different route from the code's centred sums.
    const r = linearTrendRange(GRDP, [2024, 2025, 2030]);
    if (!r.ok) throw new Error(r.reason);
    const expected = [
      [2024, 5928, 5307.888271676008, 6548.1117283239955],
      [2025, 6230, 5513.956653448999, 6946.043346551005],
      [2030, 7740, 6435.026260595148, 9044.97373940486],
    ];
    expected.forEach(([year, value, low, high], i) => {
      const f = r.forecasts[i]!;
      expect(f.year).toBe(year);
      expect(f.value).toBeCloseTo(value!, 8);
      expect(f.low).toBeCloseTo(low!, 6);
      expect(f.high).toBeCloseTo(high!, 6);
    });
  });

  it('is a zero-width band for a series on a straight line', () => {
    const r = linearTrendRange(
      [3, 5, 7, 9].map((value, i) => ({ year: 2020 + i, value })),
      [2025],
    );
    expect(r).toEqual({ ok: true, forecasts: [{ year: 2025, value: 13, low: 13, high: 13 }] });
  });

  it('needs three points: with two the scatter is unknown', () => {
    expect(linearTrendRange(GRDP.slice(0, 2), [2024])).toEqual({
      ok: false,
      reason: 'too_few_points',
    });
  });
});

describe('exponentialTrend', () => {
  it('matches numpy on the GRDP series, with r² on ln(value)', () => {
    // numpy.polyfit(years, numpy.log(values), 1) = (m, c); rate = e^m − 1;
    // r² = numpy.corrcoef(years, numpy.log(values))[0,1]**2; forecasts e^(c + m·Y).
    const r = exponentialTrend(SHUFFLED, [2024, 2025, 2030]);
    if (!r.ok) throw new Error(r.reason);
    expect(r.rate).toBeCloseTo(0.061202264391192474, 12);
    expect(r.r2).toBeCloseTo(0.9560066202685233, 12);
    expect(r.forecasts[0]!.value).toBeCloseTo(5979.270938251389, 7);
    expect(r.forecasts[1]!.value).toBeCloseTo(6345.215859080798, 7);
    expect(r.forecasts[2]!.value).toBeCloseTo(8539.594347159078, 7);
  });

  it('recovers the rate of an exact geometric series', () => {
    // By hand: 100 × 1.1^k has rate 0.1 and fits perfectly; 2024 is 100 × 1.1^4 = 146.41.
    const r = exponentialTrend(
      [100, 110, 121, 133.1].map((value, i) => ({ year: 2020 + i, value })),
      [2024],
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.rate).toBeCloseTo(0.1, 12);
    expect(r.r2).toBeCloseTo(1, 12);
    expect(r.forecasts[0]!.value).toBeCloseTo(146.41, 9);
  });

  it('does not underflow for fast growth around year 2000', () => {
    // By hand: doubling each year from 1 in 2015 gives 16 in 2019. A × 2^year alone would
    // need A = 2^−2015, which is 0 in a double.
    const r = exponentialTrend(
      [1, 2, 4, 8].map((value, i) => ({ year: 2015 + i, value })),
      [2019],
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.rate).toBeCloseTo(1, 12);
    expect(r.forecasts[0]!.value).toBeCloseTo(16, 9);
  });

  it('gives rate 0 and r² = 1 for a constant series', () => {
    const r = exponentialTrend(
      [5, 5, 5].map((value, i) => ({ year: 2020 + i, value })),
      [2025],
    );
    if (!r.ok) throw new Error(r.reason);
    expect(r.rate).toBe(0);
    expect(r.r2).toBe(1);
    expect(r.forecasts[0]!.value).toBeCloseTo(5, 12);
  });

  it.each([
    ['a zero', [5, 0, 7]],
    ['a negative value', [5, 6, -7]],
  ])('rejects %s anywhere in the series', (_name, values) => {
    const r = exponentialTrend(
      values.map((value, i) => ({ year: 2020 + i, value })),
      [2025],
    );
    expect(r).toEqual({ ok: false, reason: 'non_positive_value' });
  });

  it('rejects too few points and duplicate years', () => {
    expect(exponentialTrend([GRDP[0]!], [2024])).toEqual({ ok: false, reason: 'too_few_points' });
    expect(exponentialTrend([GRDP[0]!, GRDP[0]!], [2024])).toEqual({
      ok: false,
      reason: 'invalid_input',
    });
  });
});

describe('exponentialTrendRange', () => {
  it('matches the prediction interval on ln(value), taken back with exp', () => {
    // python3: as for the linear range, on numpy.log(values), then numpy.exp of each end.
    const r = exponentialTrendRange(GRDP, [2024, 2025, 2030]);
    if (!r.ok) throw new Error(r.reason);
    const expected = [
      [5979.270938251081, 5370.945917932892, 6656.496173913005],
      [6345.2158590805275, 5605.834811581165, 7182.117499279455],
      [8539.594347158805, 6813.601998349425, 10702.807653234282],
    ];
    expected.forEach(([value, low, high], i) => {
      const f = r.forecasts[i]!;
      expect(f.value).toBeCloseTo(value!, 7);
      expect(f.low).toBeCloseTo(low!, 6);
      expect(f.high).toBeCloseTo(high!, 6);
    });
  });

  it('rejects non-positive values and two points', () => {
    expect(exponentialTrendRange(GRDP.slice(0, 2), [2024])).toEqual({
      ok: false,
      reason: 'too_few_points',
    });
    expect(exponentialTrendRange([...GRDP, { year: 2024, value: 0 }], [2025])).toEqual({
      ok: false,
      reason: 'non_positive_value',
    });
  });
});

describe('tQuantile975', () => {
  it.each([
    // scipy.stats.t.ppf(0.975, df)
    [1, 12.706204736174694],
    [3, 3.1824463052837078],
    [30, 2.0422724563012378],
    [31, 2.039513446396408],
    [40, 2.021075390306273],
    [120, 1.9799304050824402],
    [1000, 1.9623390808264083],
  ])('df = %i', (df, expected) => {
    expect(Math.abs(tQuantile975(df) - expected)).toBeLessThan(1e-5);
  });
});
