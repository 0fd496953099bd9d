/**
 * Scenario 2, burst: 20 clients each send 500 edits as fast as they can; the time until every
 * client has all 10,000, and edits per second. Two of the clients are full Y.Doc clients
 * (they end with the whole board applied), the others are light.
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

export interface BurstOptions {
  clients: number;
  editsPerClient: number;
}

export function burstOptions(quick: boolean): BurstOptions {
  return quick ? { clients: 20, editsPerClient: 100 } : { clients: 20, editsPerClient: 500 };
}

/**
 * Our server allows 100 messages a second per connection (a 3 s burst of 300); a client
 * sending 500 edits at once would be closed with 4429. The burst measures throughput, not
 * that limit, so it is lifted for this scenario (the reference has no limit).
 */
export const BURST_ENV = { WS_MESSAGES_PER_SECOND: '1000000' };

export type BurstResult = Partial<
  Record<TargetName, (LiveRunResult & Attempted) | { error: string }>
>;

/** One burst on running servers (several: spread over `instances`). */
export function burstLive(
  ctx: BenchContext,
  server: ServerHandle,
  options: BurstOptions,
  instances?: ServerHandle[],
): Promise<LiveRunResult> {
  return liveRun({
    server,
    ...(instances ? { instances } : {}),
    boards: 1,
    perBoard: options.clients,
    isFull: (slot) => slot.index < 2,
    editsPerClient: options.editsPerClient,
    intervalMs: 0,
    meetingChannel: false,
    drainTimeoutMs: 90_000,
    log: ctx.log,
  });
}

export async function runBurst(
  ctx: BenchContext,
  options = burstOptions(ctx.quick),
): Promise<BurstResult> {
  ctx.log(
    `scenario 2: ${options.clients} clients × ${options.editsPerClient} edits, as fast as they can`,
  );
  return forEachTarget(ctx, ctx.targets, async (target) => {
    const r = await leastDisturbed(ctx, () =>
      withServer(
        ctx,
        target,
        (server) => burstLive(ctx, server, options),
        target === 'ours' ? { env: BURST_ENV } : {},
      ),
    );
    ctx.log(
      `  ${target.padEnd(18)} all delivered in ${r.durationMs} ms (${r.editsPerSecond} edits/s), lost ${r.lost}/${r.deliveriesExpected}` +
        `  gen CPU ${Math.round(r.generator.cpuShare * 100)} %`,
    );
    return r;
  });
}
