/**
 * Scenario 4, many meetings: 100 boards with 5 clients each, one edit every five seconds per
 * client; latency percentiles and server memory. On our server the boards belong to 25
 * meetings of 4 boards, each client is its own participant with its meeting channel open.
 * One client on each of five boards is a full Y.Doc client.
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
  boards: number;
  perBoard: number;
  seconds: number;
}

export function manyMeetingsOptions(quick: boolean): ManyMeetingsOptions {
  return quick
    ? { boards: 12, perBoard: 5, seconds: 5 }
    : { boards: 100, perBoard: 5, seconds: 20 };
}

export type ManyMeetingsResult = Partial<
  Record<TargetName, (LiveRunResult & Attempted) | { error: string }>
>;

const INTERVAL_MS = 5000;

export async function runManyMeetings(
  ctx: BenchContext,
  options = manyMeetingsOptions(ctx.quick),
): Promise<ManyMeetingsResult> {
  ctx.log(
    `scenario 4: ${options.boards} boards × ${options.perBoard} clients, one edit per ${INTERVAL_MS / 1000} s each for ${options.seconds} s`,
  );
  const everyNthBoard = Math.max(1, Math.floor(options.boards / 5));
  return forEachTarget(ctx, ctx.targets, async (target) => {
    const r = await leastDisturbed(ctx, () =>
      withServer(ctx, target, (server) =>
        liveRun({
          server,
          boards: options.boards,
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
