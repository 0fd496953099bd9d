/**
 * Scenario 5, durable acknowledgement: 50 clients on one board, one edit per second each;
 * the time from an edit to our server's "saved" message (type 4, shared/protocol/saved.ts)
 * whose state vector covers it. Only our server has such a message: the reference server
 * acknowledges nothing, so there is no ratio here.
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
import { FULL_CLIENTS } from './propagation';

export interface DurableAckOptions {
  clients: number;
  seconds: number;
}

export function durableAckOptions(quick: boolean): DurableAckOptions {
  return quick ? { clients: 50, seconds: 5 } : { clients: 50, seconds: 20 };
}

export type DurableAckResult = Partial<
  Record<TargetName, (LiveRunResult & Attempted) | { error: string }>
>;

export async function runDurableAck(
  ctx: BenchContext,
  options = durableAckOptions(ctx.quick),
): Promise<DurableAckResult> {
  const targets = ctx.targets.filter((t) => t === 'ours');
  ctx.log(`scenario 5: ${options.clients} clients, edit → "saved", ${options.seconds} s`);
  return forEachTarget(ctx, targets, async (target) => {
    const r = await leastDisturbed(
      ctx,
      () =>
        withServer(ctx, target, (server) =>
          liveRun({
            server,
            boards: 1,
            perBoard: options.clients,
            isFull: (slot) => slot.index < FULL_CLIENTS,
            editsPerClient: options.seconds,
            intervalMs: 1000,
            meetingChannel: true,
            drainTimeoutMs: 15_000,
            log: ctx.log,
          }),
        ),
      // Carries the target: may be measured again when disturbed.
      ctx.quick ? 1 : 2,
    );
    ctx.log(
      `  ${target.padEnd(18)} saved p50 ${r.savedAck?.p50} ms  p99 ${r.savedAck?.p99} ms  max ${r.savedAck?.max} ms`,
    );
    return r;
  });
}
