/**
 * Evaluation of last year's plan for one indicator row: actual against plan, the completion
 * percentage (shared/forecast `completion`, which honours higher/lower is better) and its
 * status. Pure; used by the table and, later, by the record of the meeting.
 */
import { completion, type Reason } from '../forecast';
import {
  actualKey,
  planKey,
  readCell,
  type CellReading,
  type IndicatorSettings,
  type RowView,
} from '../doc/indicators';

/**
 * At or above this completion the plan is "nearly met"; at or above 100 % it is met; below it
 * is missed. The interface states this threshold beside the statuses.
 */
export const NEARLY_MET_PERCENT = 90;

export type EvaluationStatus = 'met' | 'nearly' | 'missed';

/** Why a row has no completion: a value missing, a value not a number, or the contract's reason. */
export type EvaluationProblem = 'missing' | 'invalid_entry' | Reason;

export interface Evaluation {
  year: number;
  plan: CellReading;
  actual: CellReading;
  result:
    | { ok: true; percent: number; status: EvaluationStatus }
    | { ok: false; problem: EvaluationProblem };
}

/** The status of a completion percentage. */
export function statusOf(percent: number): EvaluationStatus {
  if (percent >= 100) return 'met';
  if (percent >= NEARLY_MET_PERCENT) return 'nearly';
  return 'missed';
}

/** Evaluates last year's plan of `row`. */
export function evaluateRow(row: RowView, settings: IndicatorSettings): Evaluation {
  const year = settings.lastYear;
  const plan = readCell(row.cells[planKey(year)]);
  const actual = readCell(row.cells[actualKey(year)]);
  const base = { year, plan, actual };
  if (plan.invalid || actual.invalid)
    return { ...base, result: { ok: false, problem: 'invalid_entry' } };
  if (plan.value === null || actual.value === null)
    return { ...base, result: { ok: false, problem: 'missing' } };
  const done = completion({
    plan: plan.value,
    actual: actual.value,
    higherIsBetter: row.higherIsBetter,
  });
  if (!done.ok) return { ...base, result: { ok: false, problem: done.reason } };
  return { ...base, result: { ok: true, percent: done.percent, status: statusOf(done.percent) } };
}
