/**
 * Board limits the server enforces whatever a client sends: card text length and the number
 * of live cards. A CRDT update cannot be half-rejected once applied, so the server answers an
 * update that breaks a limit the CRDT way: with its own correcting edit (truncate the text,
 * mark the extra cards deleted), stored and relayed like any other update, so every replica,
 * the sender's included, converges on a board within limits. The honest client never sees
 * this: its editor enforces the same limits before typing.
 */
import * as Y from 'yjs';
import { cardsMap } from '@shared/doc/swot-board';

export interface BoardLimits {
  cardTextMax: number;
  cardsPerBoardMax: number;
}

function liveCardCount(cards: Y.Map<Y.Map<unknown>>): number {
  let n = 0;
  cards.forEach((card) => {
    if (card instanceof Y.Map && card.get('deleted') !== true) n++;
  });
  return n;
}

/**
 * Defines the root types the limits watch. Until a root type is defined with `getMap`, an
 * update that creates it yields a generic type that `transaction.changed` reports under a
 * different object, and the first update to add cards would escape the card count limit.
 */
export function prepareBoardLimits(doc: Y.Doc): void {
  cardsMap(doc);
}

/**
 * Looks at what `transaction` changed and, if a limit is broken, applies a correcting
 * transaction with `origin`. Returns true when it corrected something.
 */
export function enforceBoardLimits(
  doc: Y.Doc,
  transaction: Y.Transaction,
  limits: BoardLimits,
  origin: unknown,
): boolean {
  const longTexts: Y.Text[] = [];
  for (const type of transaction.changed.keys()) {
    if (type instanceof Y.Text && type.length > limits.cardTextMax) longTexts.push(type);
  }
  const cards = cardsMap(doc);
  const extraCards: Y.Map<unknown>[] = [];
  let addedKeys: Set<string | null> | undefined;
  for (const [type, keys] of transaction.changed) if ((type as unknown) === cards) addedKeys = keys;
  if (addedKeys && addedKeys.size > 0) {
    // A type created in this transaction is not in `changed`: a card added with its text
    // already long is caught here.
    for (const key of addedKeys) {
      const text = key === null ? undefined : cards.get(key)?.get('text');
      if (text instanceof Y.Text && text.length > limits.cardTextMax && !longTexts.includes(text))
        longTexts.push(text);
    }
    let excess = liveCardCount(cards) - limits.cardsPerBoardMax;
    for (const key of addedKeys) {
      if (excess <= 0) break;
      const card = key === null ? undefined : cards.get(key);
      if (card instanceof Y.Map && card.get('deleted') !== true) {
        extraCards.push(card);
        excess--;
      }
    }
  }
  if (longTexts.length === 0 && extraCards.length === 0) return false;
  doc.transact(() => {
    for (const text of longTexts) text.delete(limits.cardTextMax, text.length - limits.cardTextMax);
    for (const card of extraCards) card.set('deleted', true);
  }, origin);
  return true;
}
