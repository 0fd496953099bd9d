/**
 * Scenario 4, many meetings: a series of 10, 100 and 300 boards with 5 clients each, one
 * edit every five seconds per client; latency percentiles and server memory. On our server
 * the boards belong to meetings of 4 boards, each client is its own participant with its
 * meeting channel open. One client on each of five boards is a full Y.Doc client.
 *
 * Memory per open board, the target, is taken at 100 boards against the idle RSS
 * of a fresh server (bench/lib/idle-rss.ts) in the report.
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

export interface ManyMeetingsOptions {
  /** Board counts of the series, smallest first. */
  boards: number[];
  perBoard: number;
  seconds: number;
}

/** The board count that carries the memory-per-board target. */
export const MEMORY_TARGET_BOARDS = 100;

export function manyMeetingsOptions(quick: boolean): ManyMeetingsOptions {
  return quick
    ? { boards: [4, 12], perBoard: 5, seconds: 5 }
    : { boards: [10, MEMORY_TARGET_BOARDS, 300], perBoard: 5, seconds: 20 };
}

export type ManyMeetingsAt = Partial<
  Record<TargetName, (LiveRunResult & Attempted) | { error: string }>
>;

/** Results by board count ("10", "100", "300"). */
export type ManyMeetingsResult = Record<string, ManyMeetingsAt>;

const INTERVAL_MS = 5000;

async function runAt(
  ctx: BenchContext,
  boards: number,
  options: ManyMeetingsOptions,
): Promise<ManyMeetingsAt> {
  ctx.log(
    `scenario 4: ${boards} boards × ${options.perBoard} clients, one edit per ${INTERVAL_MS / 1000} s each for ${options.seconds} s`,
  );
  const everyNthBoard = Math.max(1, Math.floor(boards / 5));
  return forEachTarget(ctx, ctx.targets, async (target) => {
    const r = await leastDisturbed(ctx, () =>
      withServer(ctx, target, (server) =>
        liveRun({
          server,
          boards,
          perBoard: options.perBoard,
          isFull: (slot) => slot.board % everyNthBoard === 0 && slot.index % options.perBoard === 0,
          editsPerClient: Math.max(1, Math.round((options.seconds * 1000) / INTERVAL_MS)),
          intervalMs: INTERVAL_MS,
          meetingChannel: true,
          drainTimeoutMs: 15_000,
          log: ctx.log,
        }),
      ),
    );
    ctx.log(
      `  ${target.padEnd(18)} p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  lost ${r.lost}/${r.deliveriesExpected}` +
        `  server RSS ${r.server.rssMaxSampledMiB} MiB (peak ${r.server.peakRssMiB})`,
    );
    return r;
  });
}

export async function runManyMeetings(
  ctx: BenchContext,
  options = manyMeetingsOptions(ctx.quick),
): Promise<ManyMeetingsResult> {
  const out: ManyMeetingsResult = {};
  for (const boards of options.boards) out[String(boards)] = await runAt(ctx, boards, options);
  return out;
}
