/**
 * The SWOT view of a board session: live cards per quadrant for rendering, and the card
 * operations of shared/doc/swot-board.ts made as this person's undoable edits.
 */
import { computed, shallowRef, toValue, watch, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import type * as Y from 'yjs';
import {
  addCard as addCardToDoc,
  boardView,
  cardText,
  cardsMap,
  createBoardUndoManager,
  deleteCard as deleteCardInDoc,
  editCardText,
  getCard,
  moveCard as moveCardInDoc,
  schemaVersionOf,
  type CardAuthor,
  type CardView,
  type Quadrant,
} from '@shared/doc/swot-board';
import { changesOf, mergeView, updateCard } from '@client/lib/live-cards';
import type { BoardSession, BoardSessionKind } from '../useBoardSession';

export type BoardViewMap = Record<Quadrant, CardView[]>;

const EMPTY_VIEW: BoardViewMap = { strengths: [], weaknesses: [], opportunities: [], threats: [] };

/** What the generic session needs to know about SWOT documents. */
export const swotSessionKind: BoardSessionKind = {
  createUndoManager: createBoardUndoManager,
  hasContent: (doc: Y.Doc) => schemaVersionOf(doc) > 0 || cardsMap(doc).size > 0,
};

/** A short label of a SWOT card, for "X is editing …" in the presence list. */
export function swotItemLabel(doc: Y.Doc, id: string): string | null {
  const text = cardText(doc, id);
  return text ? text.toString() : null;
}

function cardsIn(view: BoardViewMap): Map<string, CardView> {
  const map = new Map<string, CardView>();
  for (const list of Object.values(view)) for (const card of list) map.set(card.id, card);
  return map;
}

export interface SwotBoard {
  session: BoardSession;
  /** Live cards per quadrant, in order. */
  view: ComputedRef<BoardViewMap>;
  cardsById: ComputedRef<Map<string, CardView>>;
  addCard: (quadrant: Quadrant, index?: number) => string | null;
  editText: (cardId: string, value: string) => void;
  moveCard: (cardId: string, quadrant: Quadrant, index: number) => void;
  deleteCard: (cardId: string) => void;
  textOf: (cardId: string) => Y.Text | undefined;
  undo: () => void;
}

export interface UseSwotBoardOptions {
  session: BoardSession;
  /**
   * Written on new cards, for display while offline. The server records who really wrote
   * each update; the session record trusts that, not these fields.
   */
  author: MaybeRefOrGetter<CardAuthor | null>;
}

export function useSwotBoard(options: UseSwotBoardOptions): SwotBoard {
  const { session } = options;

  // The view follows the cards map's own events, not the session's revision: a change of
  // a card's fields updates that card's object in place (one card re-renders, nothing is
  // rebuilt); only a change of the board's shape (cards added, removed, moved, deleted)
  // rebuilds the lists, keeping every object it can (lib/live-cards.ts).
  const shape = shallowRef(0);
  let previous: BoardViewMap | null = null;
  let previousDoc: Y.Doc | null = null;
  /** Cards whose Y.Text was replaced since the last build: they get new objects. */
  let fresh = new Set<string>();
  const view = computed<BoardViewMap>(() => {
    void shape.value;
    const doc = session.doc.value;
    if (!doc) return EMPTY_VIEW;
    const next = mergeView(previousDoc === doc ? previous : null, boardView(doc), fresh);
    fresh = new Set();
    previous = next;
    previousDoc = doc;
    return next;
  });

  const cardsById = computed(() => cardsIn(view.value));

  watch(
    session.doc,
    (doc, _old, onCleanup) => {
      shape.value++;
      if (!doc) return;
      const root = cardsMap(doc);
      const onChange = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
        const changes = changesOf(events, root);
        for (const id of changes.replacedText) fresh.add(id);
        if (changes.shape || changes.replacedText.size > 0) {
          shape.value++;
          return;
        }
        const live = cardsById.value;
        for (const id of changes.cards) {
          const card = live.get(id);
          const next = getCard(doc, id);
          if (card && next) updateCard(card, next);
          // A card missing from the view (deleted) is shown again only by a shape change.
        }
      };
      root.observeDeep(onChange);
      onCleanup(() => root.unobserveDeep(onChange));
    },
    { immediate: true, flush: 'sync' },
  );

  function addCard(quadrant: Quadrant, index?: number): string | null {
    const author = toValue(options.author);
    if (!author) return null;
    return session.change((doc) => addCardToDoc(doc, { quadrant, author, index }));
  }

  return {
    session,
    view,
    cardsById,
    addCard,
    editText: (cardId, value) => session.type(cardId, (doc) => editCardText(doc, cardId, value)),
    moveCard: (cardId, quadrant, index) =>
      void session.change((doc) => moveCardInDoc(doc, cardId, quadrant, index)),
    deleteCard: (cardId) => void session.change((doc) => deleteCardInDoc(doc, cardId)),
    textOf: (cardId) => {
      const doc = session.doc.value;
      return doc ? cardText(doc, cardId) : undefined;
    },
    undo: session.undo,
  };
}
