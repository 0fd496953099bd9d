/**
 * The columns of the indicator table, in the order they are shown and navigated, and the
 * pure moves of keyboard navigation between cells (arrows, Enter, Tab like a spreadsheet).
 */
import { actualKey, planKey, targetKey, type IndicatorSettings } from '@shared/doc/indicators';

export type ColumnKind = 'text' | 'department' | 'direction' | 'number';

export interface TableColumn {
  /** The row field ('name', 'unit', 'notes', 'department', 'higherIsBetter') or cell key. */
  key: string;
  kind: ColumnKind;
  /** The year of a number column. */
  year?: number;
  /** What a number column holds. */
  role?: 'actual' | 'plan' | 'target';
}

/** The editable columns for `settings`: name, unit, department, direction, years, plan, target, notes. */
export function tableColumns(settings: IndicatorSettings): TableColumn[] {
  return [
    { key: 'name', kind: 'text' },
    { key: 'unit', kind: 'text' },
    { key: 'department', kind: 'department' },
    { key: 'higherIsBetter', kind: 'direction' },
    ...settings.pastYears.map((year): TableColumn => ({
      key: actualKey(year),
      kind: 'number',
      year,
      role: 'actual',
    })),
    { key: planKey(settings.lastYear), kind: 'number', year: settings.lastYear, role: 'plan' },
    { key: targetKey(settings.planYear), kind: 'number', year: settings.planYear, role: 'target' },
    { key: 'notes', kind: 'text' },
  ];
}

/** The columns a pasted block fills, left to right (a block pasted into the name starts there). */
export function pasteColumns(columns: readonly TableColumn[]): TableColumn[] {
  return columns.filter((c) => c.kind === 'text' || c.kind === 'number');
}

export type Move = 'up' | 'down' | 'left' | 'right';

/** The cell a move leads to, or null at the edge of the table. */
export function moveCell(
  at: { row: number; col: number },
  move: Move,
  rows: number,
  cols: number,
): { row: number; col: number } | null {
  const next = { ...at };
  if (move === 'up') next.row--;
  else if (move === 'down') next.row++;
  else if (move === 'left') next.col--;
  else next.col++;
  if (next.row < 0 || next.row >= rows || next.col < 0 || next.col >= cols) return null;
  return next;
}

/**
 * The move a key asks for in a cell, or null to leave the key to the control. Left and right
 * move only from the start or the end of the text (so the caret can still move inside a
 * cell); a select keeps Up and Down for its options.
 */
export function moveForKey(
  key: string,
  control: {
    kind: 'input' | 'select' | 'button';
    caret: number | null;
    length: number;
    selection: boolean;
  },
): Move | null {
  if (key === 'ArrowUp') return control.kind === 'select' ? null : 'up';
  if (key === 'ArrowDown') return control.kind === 'select' ? null : 'down';
  if (key === 'Enter') return control.kind === 'input' ? 'down' : null;
  const atStart = control.kind !== 'input' || (!control.selection && control.caret === 0);
  const atEnd =
    control.kind !== 'input' || (!control.selection && control.caret === control.length);
  if (key === 'ArrowLeft' && atStart) return 'left';
  if (key === 'ArrowRight' && atEnd) return 'right';
  return null;
}
