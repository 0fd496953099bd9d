import { describe, expect, it } from 'vitest';
import { dropIndex, edgeScrollSpeed } from './drop-index';

describe('dropIndex', () => {
  const boxes = [
    { top: 0, bottom: 100 },
    { top: 110, bottom: 210 },
    { top: 220, bottom: 320 },
  ];
  it.each([
    [-20, 0],
    [40, 0],
    [60, 1],
    [170, 2],
    [300, 3],
    [1000, 3],
  ])('y=%i → %i', (y, expected) => {
    expect(dropIndex(y, boxes)).toBe(expected);
  });
  it('is 0 in an empty quadrant', () => {
    expect(dropIndex(50, [])).toBe(0);
  });
});

describe('edgeScrollSpeed', () => {
  it('scrolls up near the top, down near the bottom, not in the middle', () => {
    expect(edgeScrollSpeed(0, 800)).toBeLessThan(0);
    expect(edgeScrollSpeed(400, 800)).toBe(0);
    expect(edgeScrollSpeed(799, 800)).toBeGreaterThan(0);
  });
});
