/**
 * Every forecasting method for one indicator row, with its inputs, its result for the plan
 * year, its range where one applies, and its gap to the department's target. Pure; the table,
 * the chart and the tests use it. The methods are the contract of shared/forecast.
 */
import {
  averageGrowth,
  bestHoltParams,
  exponentialTrend,
  exponentialTrendRange,
  holt,
  icorGrowth,
  icorInvestment,
  linearTrend,
  linearTrendRange,
  type HoltParams,
  type Point,
  type Reason,
} from '../forecast';
import {
  actualSeries,
  readCell,
  targetKey,
  type CellReading,
  type IndicatorSettings,
  type RowView,
} from '../doc/indicators';

/**
 * A target further than this share away from a forecast is a large gap; when no method comes
 * within it, the row is flagged for discussion. The interface states the threshold.
 */
export const LARGE_GAP_RATIO = 0.2;

/** α and β when the series is too short for `bestHoltParams`. */
export const FALLBACK_HOLT: HoltParams = { alpha: 0.5, beta: 0.5 };

export type TrendMethod = 'cagr' | 'linear' | 'exponential' | 'holt';
export const TREND_METHODS: readonly TrendMethod[] = ['cagr', 'linear', 'exponential', 'holt'];

/** Why a method gave no forecast. */
export type ForecastProblem = Reason | 'not_consecutive' | 'missing_inputs' | 'invalid_entry';

export interface TrendForecast {
  method: TrendMethod;
  result:
    | {
        ok: true;
        /** The forecast for the plan year. */
        value: number;
        /** The 95 % prediction range, where the method has one (the two trends, 3+ points). */
        range: { low: number; high: number } | null;
        /** The fitted parameters: rate (CAGR, exponential), slope/intercept/r2, level/trend. */
        params: Record<string, number>;
        /** (target − value) / |value|, or null without a target (or when value is 0). */
        gap: number | null;
        largeGap: boolean;
      }
    | { ok: false; problem: ForecastProblem };
}

export interface IcorForecast {
  inputs: { gdp: CellReading; icor: CellReading; investment: CellReading; growth: CellReading };
  /** The growth rate (%) that the investment buys. */
  growth: { ok: true; percent: number } | { ok: false; problem: ForecastProblem };
  /** The investment that the target growth rate needs, in the unit of GDP. */
  investment: { ok: true; value: number } | { ok: false; problem: ForecastProblem };
}

export interface RowForecasts {
  planYear: number;
  /** Valid actual values of the past years. */
  series: Point[];
  /** Past years whose entry is not a number (left out of the series). */
  invalidYears: number[];
  holtParams: HoltParams;
  /** The α, β that minimise the one-step-ahead error, when the series allows it. */
  bestHolt: HoltParams | null;
  methods: TrendForecast[];
  icor: IcorForecast;
  target: CellReading;
  /** A target that no method's forecast comes within LARGE_GAP_RATIO of. */
  largeGap: boolean;
}

function gapOf(target: number | null, value: number): number | null {
  if (target === null || value === 0) return null;
  return (target - value) / Math.abs(value);
}

function consecutive(points: readonly Point[]): boolean {
  return points.every((p, i) => i === 0 || p.year === points[i - 1]!.year + 1);
}

/** The α, β that the interface starts from for `row`. */
export function defaultHoltParams(series: Point[]): HoltParams {
  const best = bestHoltParams(series);
  return best.ok ? { alpha: best.alpha, beta: best.beta } : FALLBACK_HOLT;
}

/** Every method's forecast of `row` for the plan year. `holtParams` default to the best pair. */
export function forecastRow(
  row: RowView,
  settings: IndicatorSettings,
  holtParams?: HoltParams,
): RowForecasts {
  const { pastYears, planYear } = settings;
  const series = actualSeries(row, pastYears);
  const invalidYears = pastYears.filter((y) => readCell(row.cells[`a${y}`]).invalid);
  const target = readCell(row.cells[targetKey(planYear)]);
  const years = [planYear];
  const best = bestHoltParams(series);
  const bestHolt = best.ok ? { alpha: best.alpha, beta: best.beta } : null;
  const params = holtParams ?? bestHolt ?? FALLBACK_HOLT;

  const done = (
    method: TrendMethod,
    value: number,
    p: Record<string, number>,
    range: { low: number; high: number } | null,
  ): TrendForecast => {
    const gap = gapOf(target.value, value);
    return {
      method,
      result: {
        ok: true,
        value,
        range,
        params: p,
        gap,
        largeGap: gap !== null && Math.abs(gap) > LARGE_GAP_RATIO,
      },
    };
  };
  const methods: TrendForecast[] = [];

  const cagr = averageGrowth(series, years);
  methods.push(
    cagr.ok
      ? done('cagr', cagr.forecasts[0]!.value, { rate: cagr.rate }, null)
      : { method: 'cagr', result: { ok: false, problem: cagr.reason } },
  );

  const lin = linearTrend(series, years);
  const linRange = linearTrendRange(series, years);
  methods.push(
    lin.ok
      ? done(
          'linear',
          lin.forecasts[0]!.value,
          { slope: lin.slope, intercept: lin.intercept, r2: lin.r2 },
          linRange.ok
            ? { low: linRange.forecasts[0]!.low, high: linRange.forecasts[0]!.high }
            : null,
        )
      : { method: 'linear', result: { ok: false, problem: lin.reason } },
  );

  const exp = exponentialTrend(series, years);
  const expRange = exponentialTrendRange(series, years);
  methods.push(
    exp.ok
      ? done(
          'exponential',
          exp.forecasts[0]!.value,
          { rate: exp.rate, r2: exp.r2 },
          expRange.ok
            ? { low: expRange.forecasts[0]!.low, high: expRange.forecasts[0]!.high }
            : null,
        )
      : { method: 'exponential', result: { ok: false, problem: exp.reason } },
  );

  if (series.length >= 2 && !consecutive(series)) {
    methods.push({ method: 'holt', result: { ok: false, problem: 'not_consecutive' } });
  } else {
    const h = holt(series, years, params);
    methods.push(
      h.ok
        ? done('holt', h.forecasts[0]!.value, { level: h.level, trend: h.trend, ...params }, null)
        : { method: 'holt', result: { ok: false, problem: h.reason } },
    );
  }

  const oks = methods.flatMap((m) => (m.result.ok ? [m.result] : []));
  const largeGap =
    target.value !== null &&
    oks.length > 0 &&
    oks.every((r) => r.gap === null || r.largeGap) &&
    oks.some((r) => r.largeGap);

  return {
    planYear,
    series,
    invalidYears,
    holtParams: params,
    bestHolt,
    methods,
    icor: icorOf(row),
    target,
    largeGap,
  };
}

/** The ICOR method from the row's inputs: growth = (I / GDP) / ICOR; I = g × ICOR × GDP. */
export function icorOf(row: RowView): IcorForecast {
  const inputs = {
    gdp: readCell(row.cells.gdp),
    icor: readCell(row.cells.icor),
    investment: readCell(row.cells.investment),
    growth: readCell(row.cells.growth),
  };
  const { gdp, icor, investment, growth } = inputs;
  const problem = (...cells: CellReading[]): ForecastProblem | null =>
    cells.some((c) => c.invalid)
      ? 'invalid_entry'
      : cells.some((c) => c.value === null)
        ? 'missing_inputs'
        : null;

  let growthResult: IcorForecast['growth'];
  const pg = problem(investment, gdp, icor);
  if (pg) growthResult = { ok: false, problem: pg };
  else {
    const r = icorGrowth({ investment: investment.value!, gdp: gdp.value!, icor: icor.value! });
    growthResult = r.ok ? { ok: true, percent: r.growth * 100 } : { ok: false, problem: r.reason };
  }

  let investmentResult: IcorForecast['investment'];
  const pi = problem(growth, gdp, icor);
  if (pi) investmentResult = { ok: false, problem: pi };
  else {
    // The growth cell is typed as a percentage (7,5 for 7.5 %).
    const r = icorInvestment({ growth: growth.value! / 100, gdp: gdp.value!, icor: icor.value! });
    investmentResult = r.ok ? { ok: true, value: r.investment } : { ok: false, problem: r.reason };
  }
  return { inputs, growth: growthResult, investment: investmentResult };
}
