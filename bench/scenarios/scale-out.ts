/**
 * Scenario 9, scale-out: three instances of our server sharing PostgreSQL and Redis
 * (docs/deploy.md), with the clients spread evenly over them (client i on instance i mod 3),
 * so two thirds of all deliveries cross from one instance to another through Redis. Two
 * measurements: scenario 1's 200 clients on one board, and scenario 2's burst. Reported next
 * to the single instance (SQLite) and the reference of the same run: taken from scenarios 1
 * and 2 when they ran with the same settings, measured here otherwise.
 *
 * All three instances share the servers' CPU (CPU 0 on two cores), the generator keeps its
 * own (CPU 1); PostgreSQL and Redis are not pinned and run wherever the kernel puts them.
 */
import {
  forEachTarget,
  leastDisturbed,
  withServer,
  type Attempted,
  type BenchContext,
} from '../lib/context';
import type { LiveRunResult } from '../lib/live-run';
import { INSTANCES, withScaleOut } from '../lib/scale-out';
import type { ServerHandle, TargetName } from '../lib/servers';
import { BURST_ENV, burstLive, burstOptions, type BurstOptions, type BurstResult } from './burst';
import { propagationLive, type PropagationResult } from './propagation';

type Measured = (LiveRunResult & Attempted) | { error: string };

export interface ScaleOutOptions {
  clients: number;
  seconds: number;
  burst: BurstOptions;
}

export function scaleOutOptions(quick: boolean): ScaleOutOptions {
  return quick
    ? { clients: 50, seconds: 4, burst: burstOptions(true) }
    : { clients: 200, seconds: 20, burst: burstOptions(false) };
}

export interface ScaleOutResult {
  instances: number;
  clients: number;
  burstClients: number;
  burstEditsPerClient: number;
  /** Our server, three instances on PostgreSQL and Redis. */
  propagation: Measured;
  burst: Measured;
  /** The single-instance targets of the same run, for comparison. */
  single: {
    propagation: Partial<Record<TargetName, Measured>>;
    burst: Partial<Record<TargetName, Measured>>;
    /** Where they come from: scenarios 1 and 2 of this run, or measured by this scenario. */
    source: 'scenarios 1 and 2' | 'measured here' | 'mixed';
  };
}

/** What scenarios 1 and 2 of this run measured, when they ran. */
export interface EarlierResults {
  propagation?: PropagationResult;
  burst?: BurstResult;
  burstOptions?: BurstOptions;
}

function logRun(ctx: BenchContext, label: string, r: LiveRunResult): void {
  const cross = r.crossInstance;
  ctx.log(
    `  ${label.padEnd(18)} p50 ${r.latency.p50} ms  p99 ${r.latency.p99} ms  lost ${r.lost}/${r.deliveriesExpected}  ${r.editsPerSecond} edits/s` +
      (cross
        ? `  cross-instance p50 ${cross.latency.p50} ms p99 ${cross.latency.p99} ms lost ${cross.lost}/${cross.expected}` +
          `  RSS ${(r.instances ?? []).map((i) => i.peakRssMiB).join(' / ')} MiB  CPU ${(r.instances ?? []).map((i) => i.cpuSecondsMeasured).join(' / ')} s`
        : ''),
  );
}

async function scaleOutRun(
  ctx: BenchContext,
  run: (servers: ServerHandle[]) => Promise<LiveRunResult>,
  env: Record<string, string> = {},
): Promise<Measured> {
  try {
    return await leastDisturbed(ctx, () => withScaleOut(ctx, (servers) => run(servers), env));
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    ctx.log(`  ${INSTANCES} instances: FAILED: ${message}`);
    return { error: message };
  }
}

export async function runScaleOut(
  ctx: BenchContext,
  earlier: EarlierResults = {},
  options = scaleOutOptions(ctx.quick),
): Promise<ScaleOutResult> {
  ctx.log(
    `scenario 9: ${INSTANCES} instances of our server on PostgreSQL and Redis, clients spread over them; ${options.clients} clients, then a burst of ${options.burst.clients} × ${options.burst.editsPerClient}`,
  );
  const propagation = await scaleOutRun(ctx, (servers) =>
    propagationLive(ctx, servers[0] as ServerHandle, options.clients, options.seconds, servers),
  );
  if (!('error' in propagation)) logRun(ctx, `${INSTANCES} instances`, propagation);
  const burst = await scaleOutRun(
    ctx,
    (servers) => burstLive(ctx, servers[0] as ServerHandle, options.burst, servers),
    BURST_ENV,
  );
  if (!('error' in burst)) logRun(ctx, `${INSTANCES} instances, burst`, burst);

  // The single-instance targets: reuse scenarios 1 and 2 of this run when their settings match.
  const singleTargets = ctx.targets;
  const sameBurst =
    earlier.burstOptions?.clients === options.burst.clients &&
    earlier.burstOptions.editsPerClient === options.burst.editsPerClient;
  let reused = 0;
  let measured = 0;
  let singlePropagation: Partial<Record<TargetName, Measured>> | undefined =
    earlier.propagation?.[String(options.clients)];
  if (singlePropagation) reused++;
  else {
    measured++;
    ctx.log(`  single instance and reference, ${options.clients} clients:`);
    singlePropagation = await forEachTarget(ctx, singleTargets, async (target) => {
      const r = await leastDisturbed(ctx, () =>
        withServer(ctx, target, (server) =>
          propagationLive(ctx, server, options.clients, options.seconds),
        ),
      );
      logRun(ctx, target, r);
      return r;
    });
  }
  let singleBurst: Partial<Record<TargetName, Measured>> | undefined = sameBurst
    ? earlier.burst
    : undefined;
  if (singleBurst) reused++;
  else {
    measured++;
    ctx.log(`  single instance and reference, burst:`);
    singleBurst = await forEachTarget(ctx, singleTargets, async (target) => {
      const r = await leastDisturbed(ctx, () =>
        withServer(
          ctx,
          target,
          (server) => burstLive(ctx, server, options.burst),
          target === 'ours' ? { env: BURST_ENV } : {},
        ),
      );
      logRun(ctx, target, r);
      return r;
    });
  }
  return {
    instances: INSTANCES,
    clients: options.clients,
    burstClients: options.burst.clients,
    burstEditsPerClient: options.burst.editsPerClient,
    propagation,
    burst,
    single: {
      propagation: singlePropagation,
      burst: singleBurst,
      source: measured === 0 ? 'scenarios 1 and 2' : reused === 0 ? 'measured here' : 'mixed',
    },
  };
}
