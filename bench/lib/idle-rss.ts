/**
 * Idle RSS: the resident memory of a fresh server of each target right after it started,
 * with nothing open. Memory per board (scenario 4) and per client (the scaling series) are
 * what a server holds above this.
 */
import { forEachTarget, withServer, type BenchContext } from './context';
import type { TargetName } from './servers';
import { round } from './stats';

export interface IdleRss {
  /** RSS once it stopped moving (two readings 250 ms apart within 0.5 MiB), MiB. */
  rssMiB: number;
  /** VmHWM at that moment, MiB. */
  peakRssMiB: number;
  /** Time from listening until the reading settled, ms. */
  settledAfterMs: number;
}

export type IdleRssResult = Partial<Record<TargetName, IdleRss | { error: string }>>;

/** Longest wait for the RSS of a fresh server to stop moving (start-up work, lazy loading). */
const SETTLE_LIMIT_MS = 5000;
const SAMPLE_MS = 250;

export async function measureIdleRss(ctx: BenchContext): Promise<IdleRssResult> {
  ctx.log('idle RSS: a fresh server of each target, nothing open');
  return forEachTarget(ctx, ctx.targets, (target) =>
    withServer(ctx, target, async (server) => {
      const t0 = Date.now();
      let last = server.proc();
      for (;;) {
        await new Promise((r) => setTimeout(r, SAMPLE_MS));
        const now = server.proc();
        if (!now || !last) throw new Error('server exited while idle');
        const settled = Math.abs(now.rssMiB - last.rssMiB) < 0.5;
        last = now;
        if (settled || Date.now() - t0 > SETTLE_LIMIT_MS) break;
      }
      const r: IdleRss = {
        rssMiB: round(last.rssMiB, 1),
        peakRssMiB: round(last.peakRssMiB, 1),
        settledAfterMs: Date.now() - t0,
      };
      ctx.log(`  ${target.padEnd(18)} idle RSS ${r.rssMiB} MiB (peak ${r.peakRssMiB})`);
      return r;
    }),
  );
}
