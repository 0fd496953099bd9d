import { describe, expect, it } from 'vitest';
import { checkDots, tallyDots } from './dots';

const rules = { dotsPerVoter: 5, maxPerItem: 3, itemIds: ['a', 'b', 'c'] };

describe('checkDots', () => {
  it('accepts a ballot within the budget and the cap', () => {
    expect(checkDots({ a: 3, b: 2 }, rules)).toBeNull();
    expect(checkDots({}, rules)).toBeNull();
  });
  it('refuses unknown items, over-voting and over the cap', () => {
    expect(checkDots({ z: 1 }, rules)).toBe('vote_unknown_item');
    expect(checkDots({ a: 3, b: 3 }, rules)).toBe('vote_over_budget');
    expect(checkDots({ a: 4 }, rules)).toBe('vote_over_cap');
  });
  it('counts the department colleagues when the department shares one budget', () => {
    expect(checkDots({ a: 2 }, rules, [{ b: 3 }])).toBeNull();
    expect(checkDots({ a: 2 }, rules, [{ b: 3, c: 1 }])).toBe('vote_over_budget');
    expect(checkDots({ a: 2 }, rules, [{ a: 2 }])).toBe('vote_over_cap');
  });
});

describe('tallyDots', () => {
  it('sums per item and per department (worked by hand)', () => {
    // Y tế: 2 on a + 1 on b, and 1 on a → a 3, b 1; Giáo dục: 3 on c; no department: 1 on b.
    expect(
      tallyDots([
        { department: 'Phòng Y tế', dots: { a: 2, b: 1 } },
        { department: 'Phòng Y tế', dots: { a: 1, c: 0 } },
        { department: 'Phòng Giáo dục và Đào tạo', dots: { c: 3 } },
        { department: null, dots: { b: 1 } },
      ]),
    ).toEqual({
      totals: { a: 3, b: 2, c: 3 },
      byDepartment: {
        'Phòng Y tế': { a: 3, b: 1 },
        'Phòng Giáo dục và Đào tạo': { c: 3 },
        '': { b: 1 },
      },
    });
  });
});
