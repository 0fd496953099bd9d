/**
 * Fine-grained updates of the SWOT board's view. Each card of the view is a shallow reactive
 * object that keeps its identity while the card exists, and each quadrant's array keeps its
 * identity while its cards and their order do. A keystroke (here or from someone else) then
 * changes one field of one card object: Vue re-renders that card only, not its quadrant's list
 * of 50 nor the board, and the view is not rebuilt from the whole document (200 cards at 4×
 * CPU slowdown made every keystroke a frame of 60–90 ms).
 *
 * `changesOf` sorts a batch of Yjs events into the two cases: fields of existing cards
 * changed (update those cards in place), or the board's shape changed (a card added, removed,
 * moved, deleted: rebuild the lists, with `mergeView` keeping every object it can).
 */
import { shallowReactive } from 'vue';
import type * as Y from 'yjs';
import type { CardView, Quadrant } from '@shared/doc/swot-board';

export type CardsByQuadrant = Record<Quadrant, CardView[]>;

/** Keys of a card's map that decide where (and whether) it is listed. */
const SHAPE_KEYS = ['quadrant', 'order', 'deleted'] as const;

export interface CardChanges {
  /** Cards were added, removed, moved or (un)deleted: the lists must be rebuilt. */
  shape: boolean;
  /** Cards whose fields changed (text, author, promotion links). */
  cards: Set<string>;
  /** Cards whose Y.Text was replaced: their objects must not be reused (a text box binds it). */
  replacedText: Set<string>;
}

/** What a batch of events from `root.observeDeep` changed. */
export function changesOf(
  events: readonly Y.YEvent<Y.AbstractType<unknown>>[],
  /** The observed map: an event on it is a card added or removed. */
  root: object,
): CardChanges {
  const out: CardChanges = { shape: false, cards: new Set(), replacedText: new Set() };
  for (const event of events) {
    if (event.target === root) {
      out.shape = true;
      continue;
    }
    const id = event.path[0];
    if (typeof id !== 'string') {
      out.shape = true;
      continue;
    }
    out.cards.add(id);
    if (event.path.length === 1) {
      const keys = event.changes.keys;
      if (SHAPE_KEYS.some((k) => keys.has(k))) out.shape = true;
      if (keys.has('text')) out.replacedText.add(id);
    }
  }
  return out;
}

function sameLinks(a: CardView['promotedTo'], b: CardView['promotedTo']): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/**
 * Writes into `live` the fields of `next` that differ (same card), so only the effects that
 * read a changed field run. Returns whether anything changed.
 */
export function updateCard(live: CardView, next: CardView): boolean {
  let changed = false;
  if (live.quadrant !== next.quadrant) {
    live.quadrant = next.quadrant;
    changed = true;
  }
  if (live.order !== next.order) {
    live.order = next.order;
    changed = true;
  }
  if (live.text !== next.text) {
    live.text = next.text;
    changed = true;
  }
  if (live.createdAt !== next.createdAt) {
    live.createdAt = next.createdAt;
    changed = true;
  }
  if (live.deleted !== next.deleted) {
    live.deleted = next.deleted;
    changed = true;
  }
  const a = live.author;
  const b = next.author;
  if (a.id !== b.id || a.name !== b.name || a.department !== b.department) {
    live.author = { ...b };
    changed = true;
  }
  if (!sameLinks(live.promotedTo, next.promotedTo)) {
    live.promotedTo = next.promotedTo;
    changed = true;
  }
  return changed;
}

/** A card object of the view: reactive field by field. */
export function liveCard(card: CardView): CardView {
  return shallowReactive({ ...card, author: { ...card.author } });
}

/**
 * The lists of `next` (read fresh from the document) with every card that was in `prev`
 * given back as its previous object, updated in place, and every quadrant whose cards and
 * order are unchanged given back as its previous array. Cards in `fresh` get new objects.
 */
export function mergeView(
  prev: CardsByQuadrant | null,
  next: CardsByQuadrant,
  fresh: ReadonlySet<string> = new Set(),
): CardsByQuadrant {
  const before = new Map<string, CardView>();
  if (prev)
    for (const list of Object.values(prev)) for (const card of list) before.set(card.id, card);
  const out = { ...next };
  for (const q of Object.keys(next) as Quadrant[]) {
    const list = next[q].map((card) => {
      const old = fresh.has(card.id) ? undefined : before.get(card.id);
      if (!old) return liveCard(card);
      updateCard(old, card);
      return old;
    });
    const prevList = prev?.[q];
    const unchanged =
      prevList !== undefined &&
      list.length === prevList.length &&
      list.every((c, i) => c === prevList[i]);
    out[q] = unchanged ? prevList : list;
  }
  return out;
}
