/**
 * The SWOT view of a board session: live cards per quadrant for rendering, and the card
 * operations of shared/doc/swot-board.ts made as this person's undoable edits.
 */
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import type * as Y from 'yjs';
import {
  addCard as addCardToDoc,
  boardView,
  cardText,
  cardsMap,
  createBoardUndoManager,
  deleteCard as deleteCardInDoc,
  editCardText,
  moveCard as moveCardInDoc,
  schemaVersionOf,
  type CardAuthor,
  type CardView,
  type Quadrant,
} from '@shared/doc/swot-board';
import { reuseUnchangedCards } from '@client/lib/stable-cards';
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

  // Unchanged cards keep their objects from one revision to the next, so a keystroke
  // re-renders one card, not the whole board (lib/stable-cards.ts).
  let previous: BoardViewMap | null = null;
  let previousDoc: Y.Doc | null = null;
  const view = computed<BoardViewMap>(() => {
    void session.revision.value;
    const doc = session.doc.value;
    if (!doc) return EMPTY_VIEW;
    const next = reuseUnchangedCards(previousDoc === doc ? previous : null, boardView(doc));
    previous = next;
    previousDoc = doc;
    return next;
  });

  const cardsById = computed(() => {
    const map = new Map<string, CardView>();
    for (const list of Object.values(view.value)) for (const card of list) map.set(card.id, card);
    return map;
  });

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
