import { fail, type Result } from './types';

/**
 * ICOR method, forward: the growth an investment level buys.
 * growth = (investment / gdp) / icor, a fraction (0.07 is 7 %). Investment and GDP are in
 * the same unit for the same year. A zero or negative `gdp` or `icor`, or a negative
 * `investment`, is `invalid_input`: the ratio means nothing there.
 */
export function icorGrowth(input: {
  investment: number;
  gdp: number;
  icor: number;
}): Result<{ growth: number }> {
  const { investment, gdp, icor } = input;
  if (!finite(investment, gdp, icor) || gdp <= 0 || icor <= 0 || investment < 0) {
    return fail('invalid_input');
  }
  const growth = investment / gdp / icor;
  if (!Number.isFinite(growth)) return fail('invalid_input');
  return { ok: true, growth };
}

/**
 * ICOR method, backward: the investment a target growth needs.
 * investment = growth × icor × gdp, with `growth` a fraction (0.07 is 7 %). A zero or
 * negative `gdp` or `icor`, or a negative `growth`, is `invalid_input` (ICOR says nothing
 * about shrinking an economy).
 */
export function icorInvestment(input: {
  growth: number;
  gdp: number;
  icor: number;
}): Result<{ investment: number }> {
  const { growth, gdp, icor } = input;
  if (!finite(growth, gdp, icor) || gdp <= 0 || icor <= 0 || growth < 0) {
    return fail('invalid_input');
  }
  const investment = growth * icor * gdp;
  if (!Number.isFinite(investment)) return fail('invalid_input');
  return { ok: true, investment };
}

/**
 * Completion of a plan, in percent. Higher is better: actual / plan × 100; lower is better:
 * plan / actual × 100, so that 100 or more always means "met".
 * The divisor must be positive: zero is `invalid_input` (the rule), negative is
 * `non_positive_value` because the ratio would then run the wrong way (more would look
 * worse). For the same reason, when lower is better a negative plan is `non_positive_value`.
 * When higher is better a negative actual is allowed: −14 % of a +7 % growth plan reads
 * correctly.
 */
export function completion(input: {
  plan: number;
  actual: number;
  higherIsBetter: boolean;
}): Result<{ percent: number }> {
  const { plan, actual, higherIsBetter } = input;
  if (!finite(plan, actual) || typeof higherIsBetter !== 'boolean') return fail('invalid_input');
  const divisor = higherIsBetter ? plan : actual;
  if (divisor === 0) return fail('invalid_input');
  if (divisor < 0 || (!higherIsBetter && plan < 0)) return fail('non_positive_value');
  const percent = higherIsBetter ? (actual / plan) * 100 : (plan / actual) * 100;
  if (!Number.isFinite(percent)) return fail('invalid_input');
  // −0 would print as "-0 %".
  return { ok: true, percent: percent === 0 ? 0 : percent };
}

function finite(...values: unknown[]): boolean {
  return values.every((v) => typeof v === 'number' && Number.isFinite(v));
}
