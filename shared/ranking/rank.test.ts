import { describe, expect, it } from 'vitest';
import { rankItems } from './rank';

describe('rankItems', () => {
  it('standard competition ranking: the Wikipedia "Ranking" article example (A > B = C > D → 1, 2, 2, 4)', () => {
    // Source: https://en.wikipedia.org/wiki/Ranking#Standard_competition_ranking_("1224"_ranking)
    const ranked = rankItems(['A', 'B', 'C', 'D'], { A: 9, B: 5, C: 5, D: 1 });
    expect(ranked.map((r) => [r.itemId, r.rank, r.tied])).toEqual([
      ['A', 1, false],
      ['B', 2, true],
      ['C', 2, true],
      ['D', 4, false],
    ]);
  });

  it('orders a tie by list position (the stated tie-break), and counts missing totals as 0', () => {
    // Worked by hand: totals x=3, y=0 (no dots), z=3; list order z, y, x.
    const ranked = rankItems(['z', 'y', 'x'], { x: 3, z: 3 });
    expect(ranked.map((r) => [r.itemId, r.value, r.rank])).toEqual([
      ['z', 3, 1],
      ['x', 3, 1],
      ['y', 0, 3],
    ]);
  });
});
