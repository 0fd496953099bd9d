/**
 * Structural sharing for the SWOT board's view. The view is rebuilt from the Y.Doc on every
 * change, so every card would be a new object and Vue would re-render all of a board's cards
 * for one keystroke (200 cards at 4× CPU slowdown: a 200 ms frame per key). Handing back the
 * previous object for every card that did not change lets Vue skip those components.
 */
import type { CardView, Quadrant } from '@shared/doc/swot-board';

export type CardsByQuadrant = Record<Quadrant, CardView[]>;

function sameCard(a: CardView, b: CardView): boolean {
  return (
    a.id === b.id &&
    a.quadrant === b.quadrant &&
    a.order === b.order &&
    a.text === b.text &&
    a.createdAt === b.createdAt &&
    a.deleted === b.deleted &&
    a.author.id === b.author.id &&
    a.author.name === b.author.name &&
    a.author.department === b.author.department &&
    JSON.stringify(a.promotedTo ?? null) === JSON.stringify(b.promotedTo ?? null)
  );
}

/**
 * `next` with each card that equals its previous version replaced by that previous object,
 * and each quadrant whose cards are all unchanged (same objects, same order) replaced by the
 * previous array.
 */
export function reuseUnchangedCards(
  prev: CardsByQuadrant | null,
  next: CardsByQuadrant,
): CardsByQuadrant {
  if (!prev) return next;
  const before = new Map<string, CardView>();
  for (const list of Object.values(prev)) for (const card of list) before.set(card.id, card);
  const out = { ...next };
  for (const q of Object.keys(next) as Quadrant[]) {
    const list = next[q].map((card) => {
      const old = before.get(card.id);
      return old && sameCard(old, card) ? old : card;
    });
    const prevList = prev[q];
    const unchanged = list.length === prevList.length && list.every((c, i) => c === prevList[i]);
    out[q] = unchanged ? prevList : list;
  }
  return out;
}
