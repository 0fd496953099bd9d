import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addRow,
  initIndicatorsDoc,
  listRows,
  readSettings,
  setCell,
  type RowView,
} from '../doc/indicators';
import { evaluateRow, NEARLY_MET_PERCENT, statusOf } from './evaluation';
import { forecastRow, LARGE_GAP_RATIO } from './forecasts';

function table(
  cells: Record<string, string>,
  opts: { higherIsBetter?: boolean } = {},
): { row: RowView; settings: ReturnType<typeof readSettings> } {
  const doc = new Y.Doc();
  initIndicatorsDoc(doc, 2024);
  const id = addRow(doc, { author: { id: 'p', name: 'n' }, name: 'x', ...opts });
  for (const [k, v] of Object.entries(cells)) setCell(doc, id, k, v, 'vi');
  return { row: listRows(doc)[0]!, settings: readSettings(doc) };
}

const GROWING = { a2020: '100', a2021: '110', a2022: '121', a2023: '133,1', a2024: '146,41' };

describe("evaluation of last year's plan", () => {
  it('colours by completion: met at 100 %, nearly from 90 %, missed below', () => {
    expect(NEARLY_MET_PERCENT).toBe(90);
    expect(statusOf(100)).toBe('met');
    expect(statusOf(130)).toBe('met');
    expect(statusOf(99.99)).toBe('nearly');
    expect(statusOf(90)).toBe('nearly');
    expect(statusOf(89.9)).toBe('missed');
  });

  it('higher is better: actual / plan', () => {
    // 95 / 100 × 100 = 95 (by hand)
    const { row, settings } = table({ p2024: '100', a2024: '95' });
    expect(evaluateRow(row, settings).result).toEqual({ ok: true, percent: 95, status: 'nearly' });
    const over = table({ p2024: '1.000', a2024: '1.050' });
    expect(evaluateRow(over.row, over.settings).result).toEqual({
      ok: true,
      percent: 105,
      status: 'met',
    });
  });

  it('lower is better: plan / actual (a share of poor households above plan is missed)', () => {
    // 10 / 12 × 100 = 83.33… (by hand)
    const { row, settings } = table({ p2024: '10', a2024: '12' }, { higherIsBetter: false });
    const r = evaluateRow(row, settings).result;
    expect(r.ok && r.percent).toBeCloseTo(83.333, 3);
    expect(r.ok && r.status).toBe('missed');
    const better = table({ p2024: '10', a2024: '8' }, { higherIsBetter: false });
    expect(evaluateRow(better.row, better.settings).result).toEqual({
      ok: true,
      percent: 125,
      status: 'met',
    });
  });

  it('missing and invalid entries give a problem, never a percentage', () => {
    const missing = table({ p2024: '100' });
    expect(evaluateRow(missing.row, missing.settings).result).toEqual({
      ok: false,
      problem: 'missing',
    });
    const invalid = table({ p2024: '100', a2024: 'chưa có' });
    expect(evaluateRow(invalid.row, invalid.settings).result).toEqual({
      ok: false,
      problem: 'invalid_entry',
    });
    const zero = table({ p2024: '0', a2024: '5' });
    expect(evaluateRow(zero.row, zero.settings).result).toEqual({
      ok: false,
      problem: 'invalid_input',
    });
  });
});

describe('forecasts of a row', () => {
  it('every method on a 10 %-a-year series', () => {
    const { row, settings } = table({ ...GROWING, t2025: '200' });
    const f = forecastRow(row, settings);
    expect(f.planYear).toBe(2025);
    const byMethod = Object.fromEntries(f.methods.map((m) => [m.method, m.result]));
    // CAGR and exponential: exactly 10 % a year, 146.41 × 1.1 = 161.051 (by hand).
    expect(byMethod.cagr!.ok && byMethod.cagr!.value).toBeCloseTo(161.051, 6);
    expect(byMethod.exponential!.ok && byMethod.exponential!.value).toBeCloseTo(161.051, 6);
    // Linear: numpy.polyfit(x, y, 1) gives slope 11.592, 2025 → 156.878, R² 0.99684.
    const lin = byMethod.linear!;
    expect(lin.ok && lin.value).toBeCloseTo(156.878, 6);
    expect(lin.ok && lin.params.r2).toBeCloseTo(0.99684, 5);
    expect(lin.ok && lin.range!.low).toBeLessThan(156.878);
    expect(byMethod.holt!.ok).toBe(true);
    expect(f.bestHolt).not.toBeNull();
    // Target 200 vs 161.051: gap 24.2 % > 20 %; vs 156.878: 27.5 %: flagged.
    expect(LARGE_GAP_RATIO).toBe(0.2);
    expect(byMethod.cagr!.ok && byMethod.cagr!.gap).toBeCloseTo((200 - 161.051) / 161.051, 6);
    expect(f.largeGap).toBe(true);
    const near = table({ ...GROWING, t2025: '160' });
    expect(forecastRow(near.row, near.settings).largeGap).toBe(false);
  });

  it('an invalid entry is left out of the series and reported; Holt needs consecutive years', () => {
    const { row, settings } = table({ ...GROWING, a2022: '12x' });
    const f = forecastRow(row, settings);
    expect(f.invalidYears).toEqual([2022]);
    expect(f.series.map((p) => p.year)).toEqual([2020, 2021, 2023, 2024]);
    expect(f.methods.find((m) => m.method === 'holt')!.result).toEqual({
      ok: false,
      problem: 'not_consecutive',
    });
    expect(f.methods.find((m) => m.method === 'cagr')!.result.ok).toBe(true);
  });

  it('too few points and non-positive values give reasons', () => {
    const one = table({ a2024: '5' });
    expect(forecastRow(one.row, one.settings).methods.every((m) => !m.result.ok)).toBe(true);
    const neg = table({ a2023: '-1', a2024: '5' });
    const m = Object.fromEntries(
      forecastRow(neg.row, neg.settings).methods.map((x) => [x.method, x.result]),
    );
    expect(m.cagr).toEqual({ ok: false, problem: 'non_positive_value' });
    expect(m.exponential).toEqual({ ok: false, problem: 'non_positive_value' });
    expect(m.linear!.ok).toBe(true);
  });

  it('Holt uses the α, β given, else the best pair', () => {
    const { row, settings } = table(GROWING);
    const f = forecastRow(row, settings, { alpha: 0.3, beta: 0.2 });
    expect(f.holtParams).toEqual({ alpha: 0.3, beta: 0.2 });
    const h = f.methods.find((x) => x.method === 'holt')!.result;
    expect(h.ok && h.params.alpha).toBe(0.3);
  });

  it('ICOR: growth bought by an investment and investment needed for a growth', () => {
    // g = (I / GDP) / ICOR = (1.000 / 5.000) / 4 = 5 %; I = 0,08 × 4 × 5.000 = 1.600 (by hand)
    const { row } = table({ gdp: '5.000', icor: '4', investment: '1.000', growth: '8' });
    const f = forecastRow(row, readSettings(new Y.Doc()));
    expect(f.icor.growth).toEqual({ ok: true, percent: 5 });
    expect(f.icor.investment.ok && f.icor.investment.value).toBeCloseTo(1600, 9);
    const partial = table({ gdp: '5.000', icor: 'bốn' });
    const p = forecastRow(partial.row, readSettings(new Y.Doc())).icor;
    expect(p.growth).toEqual({ ok: false, problem: 'invalid_entry' });
  });
});
