import { describe, expect, it } from 'vitest';
import { presentScale } from './present-scale';

describe('presentScale', () => {
  it('shrinks text and adds columns as the fullest quadrant fills', () => {
    const sizes = [0, 3, 6, 10, 16, 25, 60].map((n) => presentScale(n));
    for (let i = 1; i < sizes.length; i++) {
      expect(sizes[i]!.fontRem).toBeLessThan(sizes[i - 1]!.fontRem);
      expect(sizes[i]!.columns).toBeGreaterThanOrEqual(sizes[i - 1]!.columns);
    }
  });
  it('keeps ten cards a quadrant (a 40-card board) in three rows', () => {
    const { columns } = presentScale(10);
    expect(Math.ceil(10 / columns)).toBeLessThanOrEqual(3);
  });
});
