/**
 * Latency samples and their summary. A run at 200 clients records close to a million
 * deliveries, so samples live in a growable Float64Array rather than a JS array of boxed
 * numbers, and percentiles are taken from one sort at the end.
 */

/** Percentiles of a set of durations, in milliseconds (null when there were no samples). */
export interface Percentiles {
  count: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

export class Samples {
  private data = new Float64Array(1024);
  private n = 0;

  add(value: number): void {
    if (this.n === this.data.length) {
      const bigger = new Float64Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.n++] = value;
  }

  get count(): number {
    return this.n;
  }

  /** Adds every sample of `other` (to pool several clients' samples). */
  addAll(other: Samples): void {
    for (let i = 0; i < other.n; i++) this.add(other.data[i] as number);
  }

  summary(): Percentiles {
    return percentiles(this.data.subarray(0, this.n));
  }
}

/** Nearest-rank percentiles of `values` (not modified). */
export function percentiles(values: ArrayLike<number>): Percentiles {
  const n = values.length;
  if (n === 0) return { count: 0, p50: null, p95: null, p99: null, max: null, mean: null };
  const sorted = Float64Array.from(values).sort();
  const at = (q: number): number =>
    sorted[Math.min(n - 1, Math.max(0, Math.ceil(q * n) - 1))] as number;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i] as number;
  return {
    count: n,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    max: round(sorted[n - 1] as number),
    mean: round(sum / n),
  };
}

/** Rounds to 0.01 (a 10 µs resolution is plenty for these figures). */
export function round(value: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function median(values: number[]): number | null {
  return percentiles(values).p50;
}
