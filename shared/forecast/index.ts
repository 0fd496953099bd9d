/**
 * Forecasting and evaluation for the indicators board (issue 12). Pure functions without
 * dependencies, shared by the client and the tests, so every installation computes the same
 * numbers. The definitions are in the table; each function's comment restates its
 * own and says what the issue left open.
 */
export type { Point, Reason, Result } from './types';
export { averageGrowth } from './growth';
export {
  exponentialTrend,
  exponentialTrendRange,
  linearTrend,
  linearTrendRange,
  type RangePoint,
} from './trend';
export { bestHoltParams, holt, type HoltParams } from './holt';
export { completion, icorGrowth, icorInvestment } from './ratios';
export { parseLocaleNumber } from './number';
