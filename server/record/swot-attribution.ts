/**
 * The cards of a SWOT board at a moment, each with its true author and its edits, derived
 * from the update log (entry-attribution.ts, shared by every board kind).
 */
import * as Y from 'yjs';
import { SWOT_QUADRANTS, allCards, cardsMap } from '@shared/doc/swot-board';
import { compareOrdered } from '@shared/doc/ordering';
import type { RecordCard } from '@shared/schemas/record';
import type { BoardHistory } from './board-history';
import { withAttribution } from './entry-attribution';
import type { NameBook } from './names';

export interface AttributionOptions {
  /** Keep soft-deleted cards (the history view shows them struck through). */
  includeDeleted?: boolean;
}

/** Cards of the board made of the first `count` stored rows, in quadrant and board order. */
export function attributedCards(
  history: BoardHistory,
  count: number,
  names: NameBook,
  options: AttributionOptions = {},
): RecordCard[] {
  return withAttribution(history, count, names, (doc, attribution) => {
    const views = new Map(allCards(doc).map((c) => [c.id, c]));
    const out: RecordCard[] = [];
    cardsMap(doc).forEach((map, id) => {
      const view = views.get(id);
      if (!view || !(map instanceof Y.Map)) return;
      if (view.deleted && !options.includeDeleted) return;
      const { author, createdAt, edits } = attribution(map);
      out.push({
        id,
        quadrant: view.quadrant,
        text: view.text,
        author,
        createdAt,
        edits,
        deleted: view.deleted,
      });
    });
    return out.sort((a, b) => {
      const q = SWOT_QUADRANTS.indexOf(a.quadrant) - SWOT_QUADRANTS.indexOf(b.quadrant);
      return q !== 0 ? q : compareOrdered(views.get(a.id)!, views.get(b.id)!);
    });
  });
}
