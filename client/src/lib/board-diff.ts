/**
 * "What changed during this step": the cards added, removed and edited between two views of
 * a board. Pure, so it is table-tested.
 */
import type { RecordCard } from '@shared/schemas/record';

export interface BoardDiff {
  added: RecordCard[];
  removed: RecordCard[];
  /** Cards present in both whose text or quadrant changed: before and after. */
  changed: { before: RecordCard; after: RecordCard }[];
}

export function diffBoards(before: readonly RecordCard[], after: readonly RecordCard[]): BoardDiff {
  const old = new Map(before.map((c) => [c.id, c]));
  const now = new Map(after.map((c) => [c.id, c]));
  const diff: BoardDiff = { added: [], removed: [], changed: [] };
  for (const c of after) {
    const was = old.get(c.id);
    if (!was) diff.added.push(c);
    else if (was.text !== c.text || was.quadrant !== c.quadrant)
      diff.changed.push({ before: was, after: c });
  }
  for (const c of before) if (!now.has(c.id)) diff.removed.push(c);
  return diff;
}
