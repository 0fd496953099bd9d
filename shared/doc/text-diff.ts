import type * as Y from 'yjs';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * The single replacement that turns `prev` into `next`: `remove` characters at `index`
 * replaced by `insert`. Found from the common prefix and suffix, never splitting a surrogate pair.
 */
export function textDiff(
  prev: string,
  next: string,
): { index: number; remove: number; insert: string } {
  let start = 0;
  const maxStart = Math.min(prev.length, next.length);
  while (start < maxStart && prev.charCodeAt(start) === next.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(prev.charCodeAt(start - 1))) start--;
  let endPrev = prev.length;
  let endNext = next.length;
  while (
    endPrev > start &&
    endNext > start &&
    prev.charCodeAt(endPrev - 1) === next.charCodeAt(endNext - 1)
  ) {
    endPrev--;
    endNext--;
  }
  if (endPrev < prev.length && endPrev > start && isHighSurrogate(prev.charCodeAt(endPrev - 1))) {
    endPrev++;
    endNext++;
  }
  return { index: start, remove: endPrev - start, insert: next.slice(start, endNext) };
}

/**
 * Applies the change from the Y.Text's current value to `next` as one delete and one insert.
 * An input element only reports its new value; this turns that into character-level
 * operations, so two people typing in the same card both keep their characters.
 */
export function applyTextDiff(text: Y.Text, next: string, origin: unknown = null): void {
  const { index, remove, insert } = textDiff(text.toString(), next);
  if (remove === 0 && insert.length === 0) return;
  const apply = (): void => {
    if (remove > 0) text.delete(index, remove);
    if (insert.length > 0) text.insert(index, insert);
  };
  if (text.doc) text.doc.transact(apply, origin);
  else apply();
}
