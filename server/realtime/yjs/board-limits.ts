/**
 * Board limits the server enforces whatever a client sends: text length and the number of
 * live entries (cards, items, proposals). A CRDT update cannot be half-rejected once applied,
 * so the server answers an update that breaks a limit the CRDT way: with its own correcting
 * edit (truncate the text, mark the extra entries deleted, clear a malformed amount), stored
 * and relayed like any other update, so every replica, the sender's included, converges on a
 * board within limits. The honest client never sees this: its editor enforces the same limits
 * before typing.
 *
 * The functions here know no board kind: a kind's policy (board-policy.ts) tells them which
 * root map holds the entries and which fields are text or amounts.
 */
import * as Y from 'yjs';
import { cardsMap } from '@shared/doc/swot-board';
import { toAmount } from '@shared/doc/fields';

export interface BoardLimits {
  /** Longest text field of an entry (card text, item title or description, proposal title). */
  cardTextMax: number;
  /** Most live entries on one board. */
  cardsPerBoardMax: number;
}

/** Where a board keeps its entries, as a kind's policy describes it. */
export interface EntryShape {
  entries: (doc: Y.Doc) => Y.Map<Y.Map<unknown>>;
  textFields: readonly string[];
  /** Fields that must hold a non-negative amount or null (costs, counts). */
  amountFields?: readonly string[];
}

const SWOT_SHAPE: EntryShape = { entries: cardsMap, textFields: ['text'] };

function liveCount(entries: Y.Map<Y.Map<unknown>>): number {
  let n = 0;
  entries.forEach((entry) => {
    if (entry instanceof Y.Map && entry.get('deleted') !== true) n++;
  });
  return n;
}

/**
 * Defines the root types the limits watch. Until a root type is defined with `getMap`, an
 * update that creates it yields a generic type that `transaction.changed` reports under a
 * different object, and the first update to add entries would escape the count limit.
 */
export function prepareEntryLimits(doc: Y.Doc, shape: EntryShape): void {
  shape.entries(doc);
}

/**
 * Looks at what `transaction` changed and, if a limit is broken, applies a correcting
 * transaction with `origin`. Returns true when it corrected something.
 */
export function enforceEntryLimits(
  doc: Y.Doc,
  transaction: Y.Transaction,
  shape: EntryShape,
  limits: BoardLimits,
  origin: unknown,
): boolean {
  const longTexts: Y.Text[] = [];
  for (const type of transaction.changed.keys()) {
    if (type instanceof Y.Text && type.length > limits.cardTextMax) longTexts.push(type);
  }
  const entries = shape.entries(doc);
  const badAmounts: { entry: Y.Map<unknown>; key: string }[] = [];
  const amountFields = shape.amountFields ?? [];
  let addedKeys: Set<string | null> | undefined;
  for (const [type, keys] of transaction.changed) {
    if ((type as unknown) === entries) addedKeys = keys;
    else if (type instanceof Y.Map && type.parent === entries && amountFields.length > 0) {
      for (const key of keys) {
        if (key !== null && amountFields.includes(key)) {
          const v = type.get(key);
          if (v !== null && toAmount(v) === null) badAmounts.push({ entry: type, key });
        }
      }
    }
  }
  const extra: Y.Map<unknown>[] = [];
  if (addedKeys && addedKeys.size > 0) {
    // A type created in this transaction is not in `changed`: an entry added with its text
    // already long, or a bad amount, is caught here.
    for (const key of addedKeys) {
      const entry = key === null ? undefined : entries.get(key);
      if (!(entry instanceof Y.Map)) continue;
      for (const field of shape.textFields) {
        const text = entry.get(field);
        if (text instanceof Y.Text && text.length > limits.cardTextMax && !longTexts.includes(text))
          longTexts.push(text);
      }
      for (const field of amountFields) {
        const v = entry.get(field);
        if (v !== undefined && v !== null && toAmount(v) === null)
          badAmounts.push({ entry, key: field });
      }
    }
    let excess = liveCount(entries) - limits.cardsPerBoardMax;
    for (const key of addedKeys) {
      if (excess <= 0) break;
      const entry = key === null ? undefined : entries.get(key);
      if (entry instanceof Y.Map && entry.get('deleted') !== true) {
        extra.push(entry);
        excess--;
      }
    }
  }
  if (longTexts.length === 0 && extra.length === 0 && badAmounts.length === 0) return false;
  doc.transact(() => {
    for (const text of longTexts) text.delete(limits.cardTextMax, text.length - limits.cardTextMax);
    for (const entry of extra) entry.set('deleted', true);
    for (const { entry, key } of badAmounts) entry.set(key, null);
  }, origin);
  return true;
}

/** `prepareEntryLimits` for a SWOT board (kept for the SWOT tests and callers). */
export function prepareBoardLimits(doc: Y.Doc): void {
  prepareEntryLimits(doc, SWOT_SHAPE);
}

/** `enforceEntryLimits` for a SWOT board (kept for the SWOT tests and callers). */
export function enforceBoardLimits(
  doc: Y.Doc,
  transaction: Y.Transaction,
  limits: BoardLimits,
  origin: unknown,
): boolean {
  return enforceEntryLimits(doc, transaction, SWOT_SHAPE, limits, origin);
}
