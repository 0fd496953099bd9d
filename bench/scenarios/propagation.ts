/**
 * Scenario 1, propagation latency: N clients on one board (10, 50, 200 and 500: a scaling
 * series), each making one small edit per second (500 clients: less often, see
 * DELIVERIES_PER_SECOND); the latency of every delivery from an edit's creation on one
 * client to its arrival at each other client, and deliveries expected against observed.
 *
 * A tenth of the clients (at least five) are full Y.Doc clients (WebsocketProvider); the rest
 * are light protocol clients, so that the generator can absorb a 200-way fan-out on one core. On our server
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
import type { ServerHandle, TargetName } from '../lib/servers';

/** Full (decoding) clients of the smaller runs; the others are light. */
export const FULL_CLIENTS = 5;

/**
 * Full (decoding) clients at `clients`: a tenth of them, at least FULL_CLIENTS. 200 clients
 * are 20 decoding and 180 light, as in the table, and 500 keep the same share (50),
 * so each step of the series puts the same proportion of Yjs work on the generator.
 */
export function fullClientsAt(clients: number): number {
  return Math.max(FULL_CLIENTS, Math.round(clients / 10));
}

/**
 * Deliveries per second (edits × receivers) the generator and either server can carry on
 * one core each. At one edit per second each, 200 clients ask for 39,800 a second (a quarter
 * of a core for either server) but 500 clients ask for 249,500: more than a core for the
 * server and for the generator alike (a quick run: the reference at p50 1 s, both saturated),
 * which measures the machine rather than the server. Larger boards therefore edit less
 * often, so that the fan-out per second stays that of 200 clients and the step measures the
 * cost of a wider board, not an overload.
 */
export const DELIVERIES_PER_SECOND = 200 * 199;

/** Interval between two edits of one client at `clients` on one board, ms (1 s up to 200). */
export function editIntervalAt(clients: number): number {
  const ms = (clients * (clients - 1) * 1000) / DELIVERIES_PER_SECOND;
  return Math.max(1000, Math.round(ms / 100) * 100);
}

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
    : { sizes: [10, 50, 200, 500], seconds: 20, rounds: 2 };
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

/** One scenario 1 measurement on running servers (several: spread over `instances`). */
export function propagationLive(
  ctx: BenchContext,
  server: ServerHandle,
  clients: number,
  seconds: number,
  instances?: ServerHandle[],
): Promise<LiveRunResult> {
  const intervalMs = editIntervalAt(clients);
  const full = fullClientsAt(clients);
  return liveRun({
    server,
    ...(instances ? { instances } : {}),
    boards: 1,
    perBoard: clients,
    isFull: (slot) => slot.index < full,
    editsPerClient: Math.max(1, Math.round((seconds * 1000) / intervalMs)),
    intervalMs,
    meetingChannel: true,
    drainTimeoutMs: 15_000,
    log: ctx.log,
  });
}

export async function propagationAt(
  ctx: BenchContext,
  target: TargetName,
  clients: number,
  seconds: number,
): Promise<LiveRunResult> {
  return withServer(ctx, target, (server) => propagationLive(ctx, server, clients, seconds));
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

/** The size that carries the latency target. */
export const TARGET_SIZE = 200;

export async function runPropagation(
  ctx: BenchContext,
  options = propagationOptions(ctx.quick),
): Promise<PropagationResult> {
  const out: PropagationResult = {};
  for (const size of options.sizes) {
    const every = editIntervalAt(size) / 1000;
    ctx.log(
      `scenario 1: ${size} clients (${fullClientsAt(size)} decoding), one edit every ${every} s each for ${options.seconds} s`,
    );
    // The interleaved rounds carry the target, which is at 200 clients.
    if (options.rounds > 1 && size === TARGET_SIZE) {
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
