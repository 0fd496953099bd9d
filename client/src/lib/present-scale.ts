/**
 * How the projector fits a board on one screen: the fuller the fullest quadrant, the more
 * columns and the smaller the type, so 40 cards fit 1024×768 without scrolling.
 */
export interface PresentScale {
  /** Card columns in each quadrant. */
  columns: number;
  /** Card text size, in rem. */
  fontRem: number;
  /** Lines of a card shown before it is cut with an ellipsis. */
  lines: number;
}

const STEPS: readonly [maxCards: number, scale: PresentScale][] = [
  [2, { columns: 1, fontRem: 1.9, lines: 5 }],
  [4, { columns: 2, fontRem: 1.5, lines: 4 }],
  [6, { columns: 2, fontRem: 1.25, lines: 4 }],
  [9, { columns: 3, fontRem: 0.95, lines: 3 }],
  // Ten cards a quadrant (a 40-card board): four columns, three rows.
  [12, { columns: 4, fontRem: 0.78, lines: 3 }],
  [16, { columns: 4, fontRem: 0.7, lines: 2 }],
  [20, { columns: 5, fontRem: 0.62, lines: 2 }],
  [30, { columns: 6, fontRem: 0.55, lines: 2 }],
];
const SMALLEST: PresentScale = { columns: 7, fontRem: 0.5, lines: 2 };

/** The scale for a board whose fullest quadrant holds `maxInQuadrant` cards. */
export function presentScale(maxInQuadrant: number): PresentScale {
  for (const [max, scale] of STEPS) if (maxInQuadrant <= max) return scale;
  return SMALLEST;
}
