import { describe, expect, it } from 'vitest';
import { chartGeometry, niceTicks } from './chart-geometry';

describe('chart geometry', () => {
  it('nice ticks cover the range in 1-2-5 steps', () => {
    expect(niceTicks(100, 161)).toEqual([100, 120, 140, 160, 180]);
    expect(niceTicks(0.2, 0.9)).toEqual([0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(5, 5).length).toBeGreaterThan(1);
  });

  it('places years left to right and values bottom to top', () => {
    const g = chartGeometry({
      history: [
        { year: 2020, value: 100 },
        { year: 2024, value: 146 },
      ],
      forecasts: [{ id: 'cagr', year: 2025, value: 161, low: 150, high: 170 }],
      target: { year: 2025, value: 200 },
    });
    expect(g.xTicks.map((t) => t.year)).toEqual([2020, 2021, 2022, 2023, 2024, 2025]);
    expect(g.x(2020)).toBeLessThan(g.x(2025));
    expect(g.y(100)).toBeGreaterThan(g.y(200));
    expect(g.y(200)).toBeGreaterThanOrEqual(g.plot.top);
    expect(g.y(100)).toBeLessThanOrEqual(g.plot.bottom);
  });
});
