/** One observation of an indicator: its calendar year and its value. */
export interface Point {
  year: number;
  value: number;
}

/** Why a forecast could not be computed. */
export type Reason = 'too_few_points' | 'non_positive_value' | 'invalid_input';

/**
 * Either the result (`ok: true` and its fields) or a reason. Every function returns a reason
 * instead of NaN or Infinity, so the UI can explain the problem instead of drawing garbage.
 */
export type Result<T> = ({ ok: true } & T) | { ok: false; reason: Reason };

/** A failed result; a helper so the call sites read as the reason they return. */
export function fail(reason: Reason): { ok: false; reason: Reason } {
  return { ok: false, reason };
}
