import { describe, expect, it } from 'vitest';
import { itemScore, scoreResults, weightedSum, type Criterion } from './scoring';

describe('weightedSum', () => {
  it('reproduces the weighted sum model example of Triantaphyllou (2000), as given on Wikipedia', () => {
    // Source: https://en.wikipedia.org/wiki/Weighted_sum_model (example after E. Triantaphyllou,
    // "Multi-Criteria Decision Making: A Comparative Study", 2000): weights 0.20, 0.15, 0.40,
    // 0.25; A1 = 25, 20, 15, 30 → 21.50; A2 = 10, 30, 20, 30 → 22.00; A3 = 30, 10, 30, 10 → 22.00.
    const w = [0.2, 0.15, 0.4, 0.25];
    expect(weightedSum([25, 20, 15, 30], w)).toBeCloseTo(21.5, 9);
    expect(weightedSum([10, 30, 20, 30], w)).toBeCloseTo(22, 9);
    expect(weightedSum([30, 10, 30, 10], w)).toBeCloseTo(22, 9);
  });

  it('ranks that example with A2 and A3 tied first, A1 third', () => {
    const criteria: Criterion[] = ['c1', 'c2', 'c3', 'c4'].map((id, i) => ({
      id,
      name: id,
      weight: [0.2, 0.15, 0.4, 0.25][i]!,
      direction: 'higher',
    }));
    // One "participant" whose sheet holds the example's values directly (the sum model does
    // not care about the 1..5 range; the cast validation does).
    const sheet = {
      A1: { c1: 25, c2: 20, c3: 15, c4: 30 },
      A2: { c1: 10, c2: 30, c3: 20, c4: 30 },
      A3: { c1: 30, c2: 10, c3: 30, c4: 10 },
    };
    const { ranking } = scoreResults(['A1', 'A2', 'A3'], criteria, [sheet]);
    expect(ranking.map((r) => [r.itemId, r.rank, r.tied])).toEqual([
      ['A2', 1, true],
      ['A3', 1, true],
      ['A1', 3, false],
    ]);
  });
});

describe('itemScore and scoreResults on a 1..5 scale', () => {
  // Worked by hand for this test: impact (weight 3), feasibility (2), cost (1, lower is better).
  const criteria: Criterion[] = [
    { id: 'impact', name: 'Tác động', weight: 3, direction: 'higher' },
    { id: 'feasible', name: 'Khả thi', weight: 2, direction: 'higher' },
    { id: 'cost', name: 'Chi phí', weight: 1, direction: 'lower' },
  ];

  it('reverses lower-is-better criteria and divides by the weight total', () => {
    // (3·5 + 2·4 + 1·(6 − 2)) / 6 = (15 + 8 + 4) / 6 = 4.5
    expect(itemScore({ impact: 5, feasible: 4, cost: 2 }, criteria)).toBeCloseTo(4.5, 9);
    expect(itemScore({ impact: 5, feasible: 4 }, criteria)).toBeNull();
  });

  it('gives the mean, spread and per-criterion means across participants', () => {
    // Participant 1 on road: 4.5 (above). Participant 2: (3·3 + 2·2 + 1·(6 − 5)) / 6 = 14/6.
    // Mean = (4.5 + 2.3333…) / 2 = 3.41666…; stdev = |4.5 − 2.3333…| / 2 = 1.08333….
    const { items, ranking } = scoreResults(['road', 'school'], criteria, [
      { road: { impact: 5, feasible: 4, cost: 2 }, school: { impact: 4, feasible: 4, cost: 4 } },
      { road: { impact: 3, feasible: 2, cost: 5 } },
    ]);
    expect(items.road!.score).toBeCloseTo(41 / 12, 9);
    expect(items.road!.stdev).toBeCloseTo(13 / 12, 9);
    expect(items.road!.min).toBeCloseTo(14 / 6, 9);
    expect(items.road!.byCriterion).toEqual({ impact: 4, feasible: 3, cost: 3.5 });
    // school: (3·4 + 2·4 + 1·2) / 6 = 22/6 = 3.666… from one participant → ranked first.
    expect(items.school!.count).toBe(1);
    expect(ranking.map((r) => r.itemId)).toEqual(['school', 'road']);
  });
});
