import { describe, expect, it } from 'vitest';
import { completion, icorGrowth, icorInvestment } from './index';

describe('icorGrowth', () => {
  it('matches a hand computation', () => {
    // By hand: investment 1 500 on a GDP of 10 000 is a 15 % investment rate; at ICOR 5 it
    // buys 0.15 / 5 = 0.03, 3 % growth.
    const r = icorGrowth({ investment: 1500, gdp: 10000, icor: 5 });
    expect(r.ok && r.growth).toBeCloseTo(0.03, 15);
  });

  it('gives zero growth for zero investment', () => {
    expect(icorGrowth({ investment: 0, gdp: 10000, icor: 5 })).toEqual({ ok: true, growth: 0 });
  });

  it.each([
    ['zero gdp', { investment: 1500, gdp: 0, icor: 5 }],
    ['zero icor', { investment: 1500, gdp: 10000, icor: 0 }],
    ['negative gdp', { investment: 1500, gdp: -10000, icor: 5 }],
    ['negative icor', { investment: 1500, gdp: 10000, icor: -5 }],
    ['negative investment', { investment: -1, gdp: 10000, icor: 5 }],
    ['NaN investment', { investment: NaN, gdp: 10000, icor: 5 }],
    ['infinite gdp', { investment: 1500, gdp: Infinity, icor: 5 }],
    ['overflow', { investment: 1e308, gdp: 1e-308, icor: 1 }],
  ])('rejects %s', (_name, input) => {
    expect(icorGrowth(input)).toEqual({ ok: false, reason: 'invalid_input' });
  });
});

describe('icorInvestment', () => {
  it('matches a hand computation', () => {
    // By hand: 7 % growth at ICOR 5 on a GDP of 10 000 needs 0.07 × 5 × 10 000 = 3 500.
    const r = icorInvestment({ growth: 0.07, gdp: 10000, icor: 5 });
    expect(r.ok && r.investment).toBeCloseTo(3500, 9);
  });

  it('inverts icorGrowth', () => {
    const g = icorGrowth({ investment: 2345, gdp: 9876, icor: 4.2 });
    if (!g.ok) throw new Error(g.reason);
    const i = icorInvestment({ growth: g.growth, gdp: 9876, icor: 4.2 });
    expect(i.ok && i.investment).toBeCloseTo(2345, 9);
  });

  it.each([
    ['zero gdp', { growth: 0.07, gdp: 0, icor: 5 }],
    ['zero icor', { growth: 0.07, gdp: 10000, icor: 0 }],
    ['negative growth', { growth: -0.01, gdp: 10000, icor: 5 }],
    ['NaN growth', { growth: NaN, gdp: 10000, icor: 5 }],
    ['overflow', { growth: 1e200, gdp: 1e200, icor: 1 }],
  ])('rejects %s', (_name, input) => {
    expect(icorInvestment(input)).toEqual({ ok: false, reason: 'invalid_input' });
  });
});

describe('completion', () => {
  it.each([
    // By hand: actual / plan × 100 when higher is better, plan / actual × 100 when lower is.
    ['higher is better, missed', { plan: 200, actual: 190, higherIsBetter: true }, 95],
    ['higher is better, exceeded', { plan: 200, actual: 250, higherIsBetter: true }, 125],
    ['lower is better, met', { plan: 5, actual: 4, higherIsBetter: false }, 125],
    ['lower is better, missed', { plan: 4, actual: 5, higherIsBetter: false }, 80],
    ['lower is better, a zero target missed', { plan: 0, actual: 3, higherIsBetter: false }, 0],
    ['higher is better, nothing achieved', { plan: 10, actual: 0, higherIsBetter: true }, 0],
  ])('%s', (_name, input, percent) => {
    expect(completion(input)).toEqual({ ok: true, percent });
  });

  it('allows a negative actual when higher is better', () => {
    // By hand: growth of −1 % against a plan of +7 % is −1 / 7 × 100 = −14.285714…
    const r = completion({ plan: 7, actual: -1, higherIsBetter: true });
    expect(r.ok && r.percent).toBeCloseTo(-14.285714285714286, 12);
  });

  it('rejects a zero divisor as invalid input', () => {
    expect(completion({ plan: 0, actual: 5, higherIsBetter: true })).toEqual({
      ok: false,
      reason: 'invalid_input',
    });
    expect(completion({ plan: 5, actual: 0, higherIsBetter: false })).toEqual({
      ok: false,
      reason: 'invalid_input',
    });
  });

  it('rejects negatives that would make the ratio run the wrong way', () => {
    for (const input of [
      { plan: -7, actual: 5, higherIsBetter: true },
      { plan: 5, actual: -2, higherIsBetter: false },
      { plan: -5, actual: 2, higherIsBetter: false },
    ]) {
      expect(completion(input)).toEqual({ ok: false, reason: 'non_positive_value' });
    }
  });

  it('rejects non-finite numbers', () => {
    for (const input of [
      { plan: NaN, actual: 5, higherIsBetter: true },
      { plan: 5, actual: Infinity, higherIsBetter: true },
      { plan: 1e-308, actual: 1e308, higherIsBetter: true },
    ]) {
      expect(completion(input)).toEqual({ ok: false, reason: 'invalid_input' });
    }
  });
});
