/**
 * Fractional order keys: a card's position is a string key, and a list is its items sorted
 * by (key, id). Inserting or moving a card writes only that card's key, so concurrent moves
 * of different cards never conflict, and a concurrent move of the same card ends in one
 * place (last writer wins on one field): no duplicate, no loss.
 *
 * Keys come from the `fractional-indexing` package (David Greenspan's algorithm): the
 * variable-length integer head keeps keys short when people keep appending at the end,
 * the most common action. Two people inserting at the same place at the same moment may get
 * the same key; ordering by id then breaks the tie identically on every replica, and
 * `keyForIndex` steps over tied neighbours so a new key can always be made.
 */
import { generateKeyBetween } from 'fractional-indexing';

/** Longest key accepted from a document. */
const MAX_KEY_LENGTH = 512;

/** True when `key` is a well-formed order key. */
export function isOrderKey(key: unknown): key is string {
  if (typeof key !== 'string' || key.length === 0 || key.length > MAX_KEY_LENGTH) return false;
  try {
    generateKeyBetween(key, null);
    return true;
  } catch {
    return false;
  }
}

/** A key strictly between `before` and `after` (null for an open end). */
export function keyBetween(before: string | null, after: string | null): string {
  if (before !== null && after !== null && before >= after) {
    throw new RangeError(`order keys out of order: ${before} >= ${after}`);
  }
  return generateKeyBetween(before, after);
}

/** Compares two ordered items by key, then id: the total order every replica agrees on. */
export function compareOrdered(
  x: { order: string; id: string },
  y: { order: string; id: string },
): number {
  if (x.order !== y.order) return x.order < y.order ? -1 : 1;
  return x.id < y.id ? -1 : x.id > y.id ? 1 : 0;
}

/**
 * The key that places an item at `index` in `list` (already sorted, not containing the
 * item). When the neighbours share a key (a rare concurrent tie), the item goes right after
 * the tied group, the nearest place a key exists for.
 */
export function keyForIndex(list: readonly { order: string }[], index: number): string {
  const i = Math.max(0, Math.min(index, list.length));
  const before = i > 0 ? (list[i - 1]?.order ?? null) : null;
  let after: string | null = null;
  for (let j = i; j < list.length; j++) {
    const candidate = list[j]?.order ?? null;
    if (candidate !== null && (before === null || candidate > before)) {
      after = candidate;
      break;
    }
  }
  return keyBetween(before, after);
}
