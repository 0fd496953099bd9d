/**
 * What every scenario receives from the runner: the run's settings and a way to start a
 * fresh server of a target.
 */
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';
import type { Contention } from './proc-stats';
import {
  removeDataDir,
  startServer,
  type Placement,
  type ServerHandle,
  type StartOptions,
  type TargetName,
} from './servers';

export interface BenchContext {
  quick: boolean;
  targets: TargetName[];
  placement: Placement;
  log: (line: string) => void;
  /** Directory for `--cpu-prof` output of our server, when profiling. */
  cpuProfDir?: string;
  /**
   * Wall time still allowed for repeating disturbed measurements, ms (shared by the whole
   * run, so a busy machine cannot stretch it without bound).
   */
  retryBudget: { ms: number };
  /** Wall time still allowed for waiting until the machine is quiet before a measurement, ms. */
  quietBudget: { ms: number };
}

/** Machine-wide CPU busy share (all CPUs, all processes) over `ms`, from /proc/stat. */
export async function machineBusy(ms = 1000): Promise<number | null> {
  const read = (): { idle: number; total: number } | null => {
    try {
      const values = (fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '')
        .trim()
        .split(/\s+/)
        .slice(1)
        .map(Number);
      return {
        idle: (values[3] ?? 0) + (values[4] ?? 0),
        total: values.reduce((a, b) => a + b, 0),
      };
    } catch {
      return null;
    }
  };
  const a = read();
  await new Promise((r) => setTimeout(r, ms));
  const b = read();
  if (!a || !b || b.total === a.total) return null;
  return 1 - (b.idle - a.idle) / (b.total - a.total);
}

/** Busy share of the whole machine under which a measurement may start. */
export const QUIET_BELOW = 0.25;

/**
 * Waits (within the run's quiet budget) until other processes leave the machine mostly idle,
 * so a measurement does not start in the middle of someone's test run. Returns the time
 * waited and the busy share seen last.
 */
export async function waitForQuiet(
  ctx: BenchContext,
): Promise<{ waitedMs: number; busy: number | null }> {
  if (ctx.quietBudget.ms <= 0) return { waitedMs: 0, busy: null };
  const t0 = performance.now();
  let busy = await machineBusy(1000);
  let announced = false;
  while (busy !== null && busy > QUIET_BELOW && ctx.quietBudget.ms > 0) {
    if (!announced) {
      ctx.log(
        `  machine busy (${Math.round(busy * 100)} % of all CPUs): waiting for a quieter moment`,
      );
      announced = true;
    }
    const t = performance.now();
    busy = await machineBusy(2000);
    ctx.quietBudget.ms -= performance.now() - t;
  }
  return {
    waitedMs: Math.round(performance.now() - t0),
    busy: busy === null ? null : Math.round(busy * 100) / 100,
  };
}

/** Starts a fresh server of `target`, runs `body`, and always stops the server. */
export async function withServer<T>(
  ctx: BenchContext,
  target: TargetName,
  body: (server: ServerHandle) => Promise<T>,
  options: Omit<StartOptions, 'target' | 'placement'> = {},
): Promise<T> {
  const server = await startServer({
    target,
    placement: ctx.placement,
    ...(ctx.cpuProfDir && target === 'ours' ? { cpuProfDir: ctx.cpuProfDir } : {}),
    ...options,
  });
  try {
    return await body(server);
  } catch (err) {
    const logs = server.logs().trim();
    if (logs) ctx.log(`  server log (${target}):\n${logs.slice(-2000)}`);
    throw err;
  } finally {
    await server.stop();
    if (options.dataDir === undefined) removeDataDir(server.dataDir);
  }
}

/** Runs `body` for each target of the run, keeping the failures as errors in the result. */
export async function forEachTarget<T>(
  ctx: BenchContext,
  targets: TargetName[],
  body: (target: TargetName) => Promise<T>,
): Promise<Partial<Record<TargetName, T | { error: string }>>> {
  const out: Partial<Record<TargetName, T | { error: string }>> = {};
  for (const target of targets) {
    try {
      out[target] = await body(target);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      ctx.log(`  ${target}: FAILED: ${message}`);
      out[target] = { error: message };
    }
  }
  return out;
}

/**
 * Share of a measured phase the server's or the generator's event loop may spend waiting
 * for a CPU taken by other processes before the measurement counts as disturbed.
 */
export const CONTENTION_LIMIT = 0.05;

export interface Attempted {
  /** Measurements made; more than one when an earlier one was disturbed. */
  attempts: number;
  /** True when even the kept measurement was disturbed (see `contention`). */
  disturbed: boolean;
  /** Busy share of the whole machine just before the kept measurement started. */
  machineBusyBefore: number | null;
  /** Time spent waiting for a quieter machine before the kept measurement, ms. */
  quietWaitMs: number;
}

function worst(c: Contention): number {
  return Math.max(c.serverWaitShare, c.generatorWaitShare, c.stealShare);
}

/**
 * Runs a measurement; when other processes on the machine took the server's or the
 * generator's CPU for more than CONTENTION_LIMIT of it, runs it again (at most `maxAttempts`
 * times in all: the runner gives extra attempts only to the measurements that carry a target,
 * and only while the run's retry budget lasts) and keeps the least disturbed
 * one. Nothing is averaged or discarded silently: the kept result says how many attempts it
 * took and how disturbed it was.
 */
export async function leastDisturbed<T extends { contention: Contention }>(
  ctx: BenchContext,
  run: () => Promise<T>,
  maxAttempts = 1,
): Promise<T & Attempted> {
  let best: (T & { machineBusyBefore: number | null; quietWaitMs: number }) | null = null;
  let attempts = 0;
  let lastMs = 0;
  while (attempts < maxAttempts) {
    if (attempts > 0) {
      if (ctx.retryBudget.ms < lastMs) {
        ctx.log('  (retry budget spent: keeping the disturbed measurement)');
        break;
      }
      ctx.retryBudget.ms -= lastMs;
    }
    attempts++;
    const quiet = await waitForQuiet(ctx);
    const t = performance.now();
    const r = { ...(await run()), machineBusyBefore: quiet.busy, quietWaitMs: quiet.waitedMs };
    lastMs = performance.now() - t;
    if (best === null || worst(r.contention) < worst(best.contention)) best = r;
    if (worst(best.contention) <= CONTENTION_LIMIT) break;
    if (attempts < maxAttempts) {
      ctx.log(
        `  disturbed (server waited ${Math.round(r.contention.serverWaitShare * 100)} %, generator ${Math.round(
          r.contention.generatorWaitShare * 100,
        )} % for a CPU); measuring again`,
      );
    }
  }
  const kept = best as T & { machineBusyBefore: number | null; quietWaitMs: number };
  return { ...kept, attempts, disturbed: worst(kept.contention) > CONTENTION_LIMIT };
}
