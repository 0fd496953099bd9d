/**
 * Where a dragged card lands: pure geometry, so it can be tested without a browser.
 */

/** Vertical extent of a card on screen. */
export interface VerticalBox {
  top: number;
  bottom: number;
}

/**
 * The index at which a card dropped at `y` is inserted among `boxes` (the other cards of the
 * quadrant, in order, the dragged card left out): the number of cards whose middle is above `y`.
 */
export function dropIndex(y: number, boxes: readonly VerticalBox[]): number {
  let index = 0;
  for (const box of boxes) {
    if ((box.top + box.bottom) / 2 < y) index++;
    else break;
  }
  return index;
}

/** Speed, in pixels per frame, of the automatic scroll when the pointer nears an edge. */
export function edgeScrollSpeed(y: number, viewportHeight: number, edge = 64, max = 18): number {
  if (y < edge) return -Math.ceil(((edge - y) / edge) * max);
  if (y > viewportHeight - edge) return Math.ceil(((y - (viewportHeight - edge)) / edge) * max);
  return 0;
}
