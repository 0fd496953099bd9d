/**
 * Caret arithmetic for text fields bound to a Y.Text. When someone else's edit arrives while
 * a person is typing, the field's value is replaced; mapping the caret through the change
 * keeps it next to the same characters instead of jumping to the end.
 */

/** One operation of a Yjs text delta (the shape of `YTextEvent.delta`). */
export interface DeltaOp {
  insert?: string | object | readonly unknown[];
  delete?: number;
  retain?: number;
}

function insertLength(insert: DeltaOp['insert']): number {
  if (typeof insert === 'string') return insert.length;
  if (Array.isArray(insert)) return insert.length;
  return insert === undefined ? 0 : 1;
}

/**
 * Where `index` (a position in the old text) ends up after `delta` is applied. Text inserted
 * exactly at the index lands before it (the caret stays after the other person's text, as a
 * Y.RelativePosition with the default association would); a caret inside a deleted range
 * moves to the start of the deletion.
 */
export function mapIndexThroughDelta(index: number, delta: readonly DeltaOp[]): number {
  let oldPos = 0;
  let shift = 0;
  for (const op of delta) {
    if (op.retain !== undefined) {
      if (oldPos + op.retain > index) break;
      oldPos += op.retain;
    } else if (op.insert !== undefined) {
      shift += insertLength(op.insert);
    } else if (op.delete !== undefined) {
      if (oldPos >= index) break;
      const removed = Math.min(op.delete, index - oldPos);
      shift -= removed;
      oldPos += op.delete;
      if (oldPos >= index) break;
    }
  }
  return Math.max(0, index + shift);
}

/** A text selection: start, end and direction, as a textarea reports it. */
export interface Selection {
  start: number;
  end: number;
  direction: 'forward' | 'backward' | 'none';
}

/** Maps both ends of a selection through a delta. */
export function mapSelectionThroughDelta(
  selection: Selection,
  delta: readonly DeltaOp[],
): Selection {
  const start = mapIndexThroughDelta(selection.start, delta);
  const end =
    selection.end === selection.start ? start : mapIndexThroughDelta(selection.end, delta);
  return { start, end: Math.max(start, end), direction: selection.direction };
}
