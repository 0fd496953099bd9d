/**
 * Ordinary least squares of y on x, shared by the linear and exponential trends. Sums are
 * taken around the means: calendar years are around 2000, and x² summed raw loses most of
 * the digits a five-year series has.
 */
export interface Fit {
  n: number;
  xMean: number;
  yMean: number;
  slope: number;
  /** Σ(x − x̄)², the spread of the years. */
  sxx: number;
  /** Residual sum of squares. */
  sse: number;
  /** Coefficient of determination, in [0, 1]. */
  r2: number;
}

/** Fits y = ȳ + slope·(x − x̄). Needs two distinct x values (the caller checks). */
export function leastSquares(xs: readonly number[], ys: readonly number[]): Fit {
  const n = xs.length;
  const xMean = mean(xs);
  const yMean = mean(ys);
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < n; i++) {
    const dx = xs[i]! - xMean;
    sxx += dx * dx;
    sxy += dx * (ys[i]! - yMean);
  }
  // A constant series is detected by comparing values, not by Σ(y − ȳ)² = 0: the mean of
  // three 0.1s is not exactly 0.1, and the rounding would make r² a 0/0.
  const constant = ys.every((y) => y === ys[0]);
  const slope = constant ? 0 : sxy / sxx;
  let sse = 0;
  let sst = 0;
  for (let i = 0; i < n; i++) {
    const r = ys[i]! - (yMean + slope * (xs[i]! - xMean));
    const d = ys[i]! - yMean;
    sse += r * r;
    sst += d * d;
  }
  // The issue fixes r² = 1 for a constant series (a flat line fits it perfectly). Clamping
  // guards against rounding pushing a perfect fit a hair outside [0, 1].
  const r2 = constant || sst === 0 ? 1 : Math.min(1, Math.max(0, 1 - sse / sst));
  return { n, xMean, yMean, slope, sxx, sse: constant ? 0 : sse, r2 };
}

/** The fitted value at x. */
export function fitted(fit: Fit, x: number): number {
  return fit.yMean + fit.slope * (x - fit.xMean);
}

/**
 * Half-width of the 95 % prediction interval for a new observation at x:
 * t(0.975, n − 2) · s · √(1 + 1/n + (x − x̄)²/Sxx), with s² = SSE/(n − 2), the textbook
 * interval for simple regression. Needs n ≥ 3 (the caller checks).
 */
export function predictionHalfWidth(fit: Fit, x: number): number {
  const df = fit.n - 2;
  const s = Math.sqrt(fit.sse / df);
  const dx = x - fit.xMean;
  return tQuantile975(df) * s * Math.sqrt(1 + 1 / fit.n + (dx * dx) / fit.sxx);
}

// Student's t, 97.5th percentile, df = 1…30: scipy.stats.t.ppf(0.975, df), 12 decimals.
const T975 = [
  12.706204736175, 4.302652729749, 3.182446305284, 2.776445105198, 2.570581835636, 2.446911851145,
  2.364624251593, 2.306004135204, 2.262157162798, 2.228138851986, 2.200985160092, 2.178812829667,
  2.160368656463, 2.144786687918, 2.13144954556, 2.119905299221, 2.109815577833, 2.100922040241,
  2.093024054408, 2.085963447266, 2.079613844728, 2.073873067904, 2.068657610419, 2.063898561628,
  2.059538552753, 2.055529438643, 2.05183051648, 2.048407141795, 2.045229642133, 2.042272456301,
];

/**
 * The 97.5th percentile of Student's t with `df` degrees of freedom. A table up to 30 (a
 * district series is 5 to 10 years), then the Cornish–Fisher expansion around the normal
 * quantile (Abramowitz & Stegun 26.7.5), which is within 1e-5 of the exact value there.
 */
export function tQuantile975(df: number): number {
  const tabled = T975[df - 1];
  if (tabled !== undefined) return tabled;
  const z = 1.959963984540054;
  const z3 = z ** 3;
  const z5 = z ** 5;
  const z7 = z ** 7;
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  );
}

function mean(values: readonly number[]): number {
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}
