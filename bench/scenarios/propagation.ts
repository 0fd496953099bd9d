/**
 * Scenario 1, propagation latency: N clients on one board, each making one small edit per
 * second; the latency of every delivery from an edit's creation on one client to its
 * arrival at each other client, and deliveries expected against observed.
 *
 * A few clients are full Y.Doc clients (WebsocketProvider); the rest are light protocol
 * clients, so that the generator can absorb a 200-way fan-out on one core. On our server
 * every client also holds the Socket.io meeting channel, as the browser does.
 */
import {
  forEachTarget,
  leastDisturbed,
  withServer,
  type Attempted,
  type BenchContext,
} from '../lib/context';
import { liveRun, type LiveRunResult } from '../lib/live-run';
import type { TargetName } from '../lib/servers';

/** Full (decoding) clients per run; the others are light. */
export const FULL_CLIENTS = 5;

export interface PropagationOptions {
  sizes: number[];
  seconds: number;
  /**
   * Interleaved rounds (ours, reference, reference+leveldb, ours, …) for the largest size, the
   * one with the target. With more than one, each target keeps its median-p99 round
   * (the better one of two: interference only ever adds latency) and lists every round, so a
   * reader sees the spread a shared machine puts on the comparison. `--rounds=N` sets it.
   */
  rounds: number;
}

/** p50/p99/max and contention of one round, kept beside the median round. */
export interface RoundSummary {
  p50: number | null;
  p99: number | null;
  max: number | null;
  lost: number;
  serverWaitShare: number;
  generatorWaitShare: number;
}

export function propagationOptions(quick: boolean): PropagationOptions {
  return quick
    ? { sizes: [10, 50], seconds: 4, rounds: 1 }
    : { sizes: [10, 50, 200], seconds: 20, rounds: 2 };
}

export type PropagationResult = Record<
  string,
  Partial<
    Record<
      TargetName,
      (LiveRunResult & Attempted & { rounds?: RoundSummary[] }) | { error: string }
    >
  >
>;

export async function propagationAt(
  ctx: BenchContext,
  target: TargetName,
  clients: number,
  seconds: number,
): Promise<LiveRunResult> {
  return withServer(ctx, target, (server) =>
    liveRun({
      server,
      boards: 1,
      perBoard: clients,
      isFull: (slot) => slot.index < FULL_CLIENTS,
      editsPerClient: seconds,
      intervalMs: 1000,
      meetingChannel: true,
      drainTimeoutMs: 15_000,
      log: ctx.log,
    }),
  );
}

function summarize(r: LiveRunResult): RoundSummary {
  return {
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    lost: r.lost,
    serverWaitShare: r.contention.serverWaitShare,
    generatorWaitShare: r.contention.generatorWaitShare,
  };
}

function logRun(ctx: BenchContext, target: TargetName, r: LiveRunResult): void {
  ctx.log(
    `  ${target.padEnd(18)} p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  max ${r.latency.max} ms  lost ${r.lost}/${r.deliveriesExpected}` +
      `  gen ELD p99 ${r.generator.eventLoopDelayP99Ms} ms, CPU ${Math.round(r.generator.cpuShare * 100)} %` +
      `  (others took ${Math.round(r.contention.serverWaitShare * 100)} % / ${Math.round(r.contention.generatorWaitShare * 100)} %)`,
  );
}

/** `rounds` interleaved rounds over the targets; each keeps its median-p99 round. */
async function interleaved(
  ctx: BenchContext,
  size: number,
  options: PropagationOptions,
): Promise<PropagationResult[string]> {
  const runs = new Map<TargetName, (LiveRunResult & Attempted)[]>();
  const errors = new Map<TargetName, string>();
  for (let round = 1; round <= options.rounds; round++) {
    ctx.log(`  round ${round} of ${options.rounds}`);
    for (const target of ctx.targets) {
      if (errors.has(target)) continue;
      try {
        const r = await leastDisturbed(
          ctx,
          () => propagationAt(ctx, target, size, options.seconds),
          1,
        );
        logRun(ctx, target, r);
        runs.set(target, [...(runs.get(target) ?? []), r]);
      } catch (err) {
        errors.set(target, err instanceof Error ? err.message : String(err));
      }
    }
  }
  const out: PropagationResult[string] = {};
  for (const target of ctx.targets) {
    const list = runs.get(target) ?? [];
    if (list.length === 0) {
      out[target] = { error: errors.get(target) ?? 'no measurement' };
      continue;
    }
    const sorted = [...list].sort(
      (a, b) => (a.latency.p99 ?? Infinity) - (b.latency.p99 ?? Infinity),
    );
    const median = sorted[Math.floor((sorted.length - 1) / 2)] as LiveRunResult & Attempted;
    out[target] = { ...median, rounds: list.map(summarize) };
  }
  return out;
}

export async function runPropagation(
  ctx: BenchContext,
  options = propagationOptions(ctx.quick),
): Promise<PropagationResult> {
  const out: PropagationResult = {};
  for (const size of options.sizes) {
    ctx.log(`scenario 1: ${size} clients, one edit per second each for ${options.seconds} s`);
    if (options.rounds > 1 && size === Math.max(...options.sizes)) {
      out[String(size)] = await interleaved(ctx, size, options);
      continue;
    }
    out[String(size)] = await forEachTarget(ctx, ctx.targets, async (target) => {
      const r = await leastDisturbed(ctx, () => propagationAt(ctx, target, size, options.seconds));
      logRun(ctx, target, r);
      return r;
    });
  }
  return out;
}
