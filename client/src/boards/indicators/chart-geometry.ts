/**
 * The geometry of an indicator's chart, pure so it is tested without a browser: the scales,
 * "nice" ticks, the history line, each method's forecast point and range, and the target.
 */
import type { Point } from '@shared/forecast';

export interface ChartInput {
  history: Point[];
  forecasts: { id: string; year: number; value: number; low?: number; high?: number }[];
  target: { year: number; value: number } | null;
}

export interface ChartGeometry {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  xTicks: { year: number; x: number }[];
  yTicks: { value: number; y: number }[];
  x: (year: number) => number;
  y: (value: number) => number;
}

/** Ticks at 1, 2 or 5 × 10^k covering [min, max] with about `count` steps. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [];
  if (min === max) {
    const pad = Math.abs(min) > 0 ? Math.abs(min) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const raw = (max - min) / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
  const first = Math.floor(min / step) * step;
  const ticks: number[] = [];
  for (let v = first; v <= max + step * 1e-9; v += step) ticks.push(Number(v.toPrecision(12)));
  if (ticks[ticks.length - 1]! < max)
    ticks.push(Number((ticks[ticks.length - 1]! + step).toPrecision(12)));
  return ticks;
}

export function chartGeometry(input: ChartInput, width = 640, height = 340): ChartGeometry {
  const plot = { left: 70, right: width - 12, top: 16, bottom: height - 40 };
  const years = [
    ...input.history.map((p) => p.year),
    ...input.forecasts.map((f) => f.year),
    ...(input.target ? [input.target.year] : []),
  ];
  const values = [
    ...input.history.map((p) => p.value),
    ...input.forecasts.flatMap((f) => [f.value, f.low ?? f.value, f.high ?? f.value]),
    ...(input.target ? [input.target.value] : []),
  ];
  const minYear = Math.min(...years);
  const maxYear = Math.max(...years);
  const yTicksValues = niceTicks(Math.min(...values), Math.max(...values));
  const lo = yTicksValues[0] ?? 0;
  const hi = yTicksValues[yTicksValues.length - 1] ?? 1;
  const x = (year: number): number =>
    maxYear === minYear
      ? (plot.left + plot.right) / 2
      : plot.left + ((year - minYear) / (maxYear - minYear)) * (plot.right - plot.left - 24) + 12;
  const y = (value: number): number =>
    hi === lo
      ? (plot.top + plot.bottom) / 2
      : plot.bottom - ((value - lo) / (hi - lo)) * (plot.bottom - plot.top);
  const xTicks: { year: number; x: number }[] = [];
  for (let year = minYear; year <= maxYear; year++) xTicks.push({ year, x: x(year) });
  return {
    width,
    height,
    plot,
    xTicks,
    yTicks: yTicksValues.map((value) => ({ value, y: y(value) })),
    x,
    y,
  };
}
