/**
 * Spreadsheet keyboard navigation over the table's controls: each control carries
 * `data-nav-row` and `data-nav-col`; arrows, Enter (down) and Tab (native order, left to
 * right) move between them, and the focused cell is reported for presence.
 */
import type { Ref } from 'vue';
import { moveCell, moveForKey } from './table-columns';

export interface UseGridNavigationOptions {
  root: Readonly<Ref<HTMLElement | null>>;
  rows: () => number;
  cols: () => number;
  /** The cell id (data-cell-id) that took or lost the focus; null when none has it. */
  onFocusCell: (cellId: string | null) => void;
}

function position(el: Element | null): { row: number; col: number } | null {
  if (!(el instanceof HTMLElement)) return null;
  const row = Number(el.dataset.navRow);
  const col = Number(el.dataset.navCol);
  return Number.isInteger(row) && Number.isInteger(col) ? { row, col } : null;
}

export function useGridNavigation(options: UseGridNavigationOptions) {
  function focusAt(at: { row: number; col: number }): boolean {
    const el = options.root.value?.querySelector<HTMLElement>(
      `[data-nav-row="${at.row}"][data-nav-col="${at.col}"]`,
    );
    if (!el) return false;
    el.focus();
    if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) el.select();
    return true;
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || event.isComposing) return;
    const target = event.target as HTMLElement;
    const at = position(target);
    if (!at) return;
    const isText = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
    const kind = isText ? 'input' : target instanceof HTMLSelectElement ? 'select' : 'button';
    const el = target as HTMLInputElement;
    const move = moveForKey(event.key, {
      kind,
      caret: isText ? el.selectionStart : null,
      length: isText ? el.value.length : 0,
      selection: isText ? el.selectionStart !== el.selectionEnd : false,
    });
    if (!move) return;
    if (event.key === 'Enter' && event.shiftKey) return;
    const next = moveCell(at, move, options.rows(), options.cols());
    event.preventDefault();
    // Skips a column without a control in this row (none today; kept safe).
    if (next) focusAt(next);
  }

  function onFocusIn(event: FocusEvent): void {
    const id = (event.target as HTMLElement).dataset?.cellId;
    options.onFocusCell(id ?? null);
  }

  function onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as HTMLElement | null;
    if (next?.dataset?.cellId && options.root.value?.contains(next)) return;
    options.onFocusCell(null);
  }

  return { onKeydown, onFocusIn, onFocusOut, focusAt };
}
