/**
 * The cards of a SWOT board at a moment, each with its true author and its edits, derived
 * from the update log: the card's Yjs items are mapped to the stored updates that inserted
 * or deleted them (UpdateIndex), and each stored update names the participant whose
 * connection sent it. The author fields written inside a card are a claim and are ignored,
 * except in updates the server wrote itself (a revealed draft names its owner).
 */
import * as Y from 'yjs';
import { SWOT_QUADRANTS, allCards, cardsMap } from '@shared/doc/swot-board';
import { compareOrdered } from '@shared/doc/ordering';
import type { RecordAuthor, RecordCard, RecordEdit } from '@shared/schemas/record';
import type { BoardHistory } from './board-history';
import { SERVER_AUTHOR, type NameBook } from './names';

/** Every item that belongs to a card: the card map, each field's values past and present, its text. */
function cardItems(map: Y.Map<unknown>): Y.Item[] {
  const items: Y.Item[] = [];
  if (map._item) items.push(map._item);
  for (const item of map._map.values()) {
    for (let it: Y.Item | null = item; it; it = it.left) items.push(it);
  }
  const text = map.get('text');
  if (text instanceof Y.Text) {
    for (let it = text._start; it; it = it.right) items.push(it);
  }
  return items;
}

export interface AttributionOptions {
  /** Keep soft-deleted cards (the history view shows them struck through). */
  includeDeleted?: boolean;
}

/** The author of the card created by row `row`, whose claimed author id is `claimedId`. */
function authorOf(
  history: BoardHistory,
  row: number | null,
  claimedId: string,
  names: NameBook,
): { author: RecordAuthor; at: number } {
  if (row === null) return { author: SERVER_AUTHOR, at: 0 };
  const stored = history.rows[row]!;
  let participantId = stored.participantId;
  if (stored.serverWrite) {
    // Only the server sets author fields it vouches for (reveal: the draft's owner).
    participantId = names.resolve(claimedId) ?? participantId;
  }
  return { author: names.at(participantId, stored.createdAt), at: stored.createdAt };
}

/** Cards of the board made of the first `count` stored rows, in quadrant and board order. */
export function attributedCards(
  history: BoardHistory,
  count: number,
  names: NameBook,
  options: AttributionOptions = {},
): RecordCard[] {
  const doc = history.docAt(count);
  try {
    const views = new Map(allCards(doc).map((c) => [c.id, c]));
    const out: RecordCard[] = [];
    cardsMap(doc).forEach((map, id) => {
      const view = views.get(id);
      if (!view || !(map instanceof Y.Map)) return;
      if (view.deleted && !options.includeDeleted) return;
      const items = cardItems(map);
      const createdRow = map._item ? history.index.rowOf(map._item.id) : null;
      const { author, at } = authorOf(history, createdRow, view.author.id, names);
      const rows = new Set<number>();
      for (const item of items) {
        const r = history.index.rowOf(item.id);
        if (r !== null && r < count) rows.add(r);
        if (item.deleted) {
          for (const d of history.index.deletersOf(
            item.id.client,
            item.id.clock,
            item.length,
            count,
          ))
            rows.add(d);
        }
      }
      if (createdRow !== null) rows.delete(createdRow);
      const edits: RecordEdit[] = [...rows]
        .sort((a, b) => a - b)
        .map((r) => {
          const stored = history.rows[r]!;
          return { ...names.at(stored.participantId, stored.createdAt), at: stored.createdAt };
        });
      out.push({
        id,
        quadrant: view.quadrant,
        text: view.text,
        author,
        createdAt: at,
        edits,
        deleted: view.deleted,
      });
    });
    const orderOf = new Map([...views.values()].map((c) => [c.id, c]));
    return out.sort((a, b) => {
      const q = SWOT_QUADRANTS.indexOf(a.quadrant) - SWOT_QUADRANTS.indexOf(b.quadrant);
      return q !== 0 ? q : compareOrdered(orderOf.get(a.id)!, orderOf.get(b.id)!);
    });
  } finally {
    doc.destroy();
  }
}
