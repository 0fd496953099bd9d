/**
 * What the indicator view gives its table, cells and panels: the board, the interface's
 * number locale, who edits which cell, and the row whose forecasts are open.
 */
import { inject, provide, type ComputedRef, type InjectionKey, type Ref } from 'vue';
import type { NumberLocale } from '@shared/doc/indicators';
import type { PresenceEntry } from '@shared/schemas/socket';
import type { IndicatorsBoard } from './useIndicatorsBoard';

export interface IndicatorsContext {
  board: IndicatorsBoard;
  readonly: ComputedRef<boolean>;
  /** The language numbers are typed and shown in (the interface's). */
  locale: ComputedRef<NumberLocale>;
  /** Other people editing each cell, by cell id. */
  editors: ComputedRef<Map<string, PresenceEntry[]>>;
  /** The meeting's departments, offered for a row. */
  departments: ComputedRef<readonly string[]>;
  /** The row whose forecasts are shown. */
  forecastRowId: Ref<string | null>;
  /** Says something in the live region (import done, rows added). */
  announce: (message: string) => void;
  /** Deletes a row and offers to undo it. */
  deleteRow: (rowId: string) => void;
}

const KEY: InjectionKey<IndicatorsContext> = Symbol('indicators');

export function provideIndicatorsContext(ctx: IndicatorsContext): void {
  provide(KEY, ctx);
}

export function useIndicatorsContext(): IndicatorsContext {
  const ctx = inject(KEY);
  if (!ctx) throw new Error('useIndicatorsContext outside an indicators view');
  return ctx;
}
