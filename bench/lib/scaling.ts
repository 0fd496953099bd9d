/**
 * How each figure grows: the scaling series of scenario 1 (10, 50, 200, 500 clients on one
 * board) and scenario 4 (10, 100, 300 boards × 5 clients), one compact table per target.
 *
 * Raw figures (latency, CPU, RSS) grow with the load by design, so each step is also given
 * per unit: server CPU per delivery (every step's work is deliveries: edits × receivers) and
 * memory above the idle RSS per client or per board. The growth factor is a step's per-unit
 * cost over the previous step's: 1.0 is linear growth, and above GROWTH_FLAG the row is
 * marked superlinear, so it stands out and docs/performance.md must explain it.
 */
import type { Attempted } from './context';
import type { LiveRunResult } from './live-run';
import type { TargetName } from './servers';
import { round } from './stats';

type Live = LiveRunResult & Attempted;
type Measured = Live | { error: string };

/** A per-unit cost this much above the previous step's is flagged as superlinear growth. */
export const GROWTH_FLAG = 1.25;

/**
 * CPU seconds come in clock ticks (10 ms); under 20 ticks one tick is more than 5 % of the
 * figure, and a small step's fixed costs (timers, pings) weigh more than its deliveries, so
 * no CPU growth factor is taken from such a step.
 */
export const MIN_CPU_SECONDS = 0.2;

export interface ScalingStep {
  /** Clients (scenario 1) or boards (scenario 4). */
  units: number;
  p50: number | null;
  p99: number | null;
  lost: number;
  cpuSeconds: number;
  cpuShare: number;
  peakRssMiB: number;
  /** Server CPU per delivery, µs. */
  cpuPerDeliveryUs: number | null;
  /** (Highest sampled RSS − idle RSS) per unit, KiB; null without an idle reading. */
  rssPerUnitKiB: number | null;
  /** This step's per-unit figures over the previous step's (null for the first). */
  cpuGrowth: number | null;
  rssGrowth: number | null;
  disturbed: boolean;
}

export interface ScalingSeries {
  title: string;
  unit: 'client' | 'board';
  byTarget: Partial<Record<TargetName, ScalingStep[]>>;
}

const growth = (now: number | null, before: number | null): number | null =>
  now !== null && before !== null && before > 0 ? round(now / before, 2) : null;

/** The steps of one target, smallest first; errors and missing steps are left out. */
export function scalingSteps(
  series: Record<string, Partial<Record<TargetName, Measured>>>,
  target: TargetName,
  idleRssMiB: number | null,
): ScalingStep[] {
  const steps: ScalingStep[] = [];
  const units = Object.keys(series)
    .map(Number)
    .sort((a, b) => a - b);
  for (const u of units) {
    const r = series[String(u)]?.[target];
    if (!r || 'error' in r) continue;
    const delivered = r.deliveriesObserved;
    const cpuPerDeliveryUs =
      delivered > 0 ? round((r.server.cpuSecondsMeasured * 1e6) / delivered, 2) : null;
    const rssPerUnitKiB =
      idleRssMiB !== null ? round(((r.server.rssMaxSampledMiB - idleRssMiB) * 1024) / u, 1) : null;
    const prev = steps[steps.length - 1];
    steps.push({
      units: u,
      p50: r.latency.p50,
      p99: r.latency.p99,
      lost: r.lost,
      cpuSeconds: r.server.cpuSecondsMeasured,
      cpuShare: r.server.cpuShareMeasured,
      peakRssMiB: r.server.peakRssMiB,
      cpuPerDeliveryUs,
      rssPerUnitKiB,
      cpuGrowth:
        prev && prev.cpuSeconds >= MIN_CPU_SECONDS && r.server.cpuSecondsMeasured >= MIN_CPU_SECONDS
          ? growth(cpuPerDeliveryUs, prev.cpuPerDeliveryUs)
          : null,
      rssGrowth: prev ? growth(rssPerUnitKiB, prev.rssPerUnitKiB) : null,
      disturbed: r.disturbed,
    });
  }
  return steps;
}

export function scalingSeries(
  title: string,
  unit: 'client' | 'board',
  series: Record<string, Partial<Record<TargetName, Measured>>> | undefined,
  targets: TargetName[],
  idleRss: (target: TargetName) => number | null,
): ScalingSeries | null {
  if (!series || Object.keys(series).length === 0) return null;
  const byTarget: ScalingSeries['byTarget'] = {};
  for (const t of targets) {
    const steps = scalingSteps(series, t, idleRss(t));
    if (steps.length > 0) byTarget[t] = steps;
  }
  return { title, unit, byTarget };
}

const cell = (v: number | null | undefined): string =>
  v === null || v === undefined ? '–' : String(v);

function growthCell(g: number | null): string {
  if (g === null) return '–';
  return g > GROWTH_FLAG ? `**${g}× (superlinear)**` : `${g}×`;
}

/** One Markdown table per target. */
export function formatScaling(s: ScalingSeries): string {
  const out: string[] = [];
  for (const [target, steps] of Object.entries(s.byTarget) as [TargetName, ScalingStep[]][]) {
    out.push(`**${s.title}: ${target}**`, '');
    out.push(
      `| ${s.unit}s | p50 / p99 (ms) | lost | server CPU (s, share of a core) | peak RSS (MiB) | CPU per delivery (µs) | growth | RSS above idle per ${s.unit} (KiB) | growth |`,
      '| ---: | --- | ---: | --- | ---: | ---: | --- | ---: | --- |',
    );
    for (const st of steps)
      out.push(
        `| ${st.units} | ${cell(st.p50)} / ${cell(st.p99)}${st.disturbed ? ' (disturbed)' : ''} | ${st.lost} | ${st.cpuSeconds} (${Math.round(st.cpuShare * 100)} %) | ${st.peakRssMiB} | ${cell(st.cpuPerDeliveryUs)} | ${growthCell(st.cpuGrowth)} | ${cell(st.rssPerUnitKiB)} | ${growthCell(st.rssGrowth)} |`,
      );
    out.push('');
  }
  return out.join('\n');
}
