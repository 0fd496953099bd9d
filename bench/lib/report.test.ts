import { describe, expect, it } from 'vitest';
import type { Attempted } from './context';
import type { LiveRunResult } from './live-run';
import {
  buildTable,
  evaluateTargets,
  memoryPerBoard,
  type BenchResults,
  type TargetCheck,
} from './report';
import { formatScaling, scalingSeries } from './scaling';
import type { Percentiles } from './stats';

type Live = LiveRunResult & Attempted;

const pct = (p50: number, p99: number): Percentiles => ({
  count: 100,
  p50,
  p95: p99,
  p99,
  max: p99,
  mean: p50,
});

function live(o: {
  p50?: number;
  p99?: number;
  lost?: number;
  editsPerSecond?: number;
  cpu?: number;
  rss?: number;
  delivered?: number;
}): Live {
  const delivered = o.delivered ?? 1000;
  return {
    clients: 10,
    fullClients: 5,
    lightClients: 5,
    boards: 1,
    editsSent: 100,
    deliveriesExpected: delivered + (o.lost ?? 0),
    deliveriesObserved: delivered,
    lost: o.lost ?? 0,
    duplicates: 0,
    echoes: 0,
    strays: 0,
    latency: pct(o.p50 ?? 1, o.p99 ?? 5),
    latencyFullClients: pct(1, 5),
    latencyLightClients: pct(1, 5),
    savedAck: null,
    unacknowledged: 0,
    durationMs: 1000,
    editsPerSecond: o.editsPerSecond ?? 100,
    setupMs: 10,
    server: {
      peakRssMiB: o.rss ?? 100,
      rssAfterSetupMiB: o.rss ?? 100,
      rssMaxSampledMiB: o.rss ?? 100,
      cpuSecondsMeasured: o.cpu ?? 1,
      cpuShareMeasured: 0.1,
      cpuSecondsTotal: o.cpu ?? 1,
    },
    generator: { eventLoopDelayP99Ms: 10, eventLoopDelayMaxMs: 20, cpuShare: 0.3 },
    contention: {
      serverWaitMs: 0,
      serverWaitShare: 0,
      generatorWaitMs: 0,
      generatorWaitShare: 0,
      stealShare: 0,
    },
    unexpectedCloses: 0,
    attempts: 1,
    disturbed: false,
    machineBusyBefore: null,
    quietWaitMs: 0,
  };
}

function results(
  scenarios: BenchResults['scenarios'],
  idle?: BenchResults['idleRss'],
): BenchResults {
  return {
    meta: { targets: ['ours', 'reference'] } as BenchResults['meta'],
    scenarios,
    ...(idle ? { idleRss: idle } : {}),
  };
}

const find = (checks: TargetCheck[], text: string): TargetCheck | undefined =>
  checks.find((c) => c.target.includes(text));

describe('evaluateTargets (issue 14 server goals, against the in-memory reference)', () => {
  it('holds p99 to 1.0× and p50 to 1.2× the reference at 200 clients, with nothing lost', () => {
    const at = (ours: Live) =>
      evaluateTargets(
        results({ propagation: { '200': { ours, reference: live({ p50: 2, p99: 10 }) } } }),
      );
    const within = at(live({ p50: 2.4, p99: 10 }));
    expect(find(within, 'p99 no worse than 1.0×')?.met).toBe(true);
    expect(find(within, 'p50 no worse than 1.2×')?.met).toBe(true);
    expect(find(within, 'no delivery lost')?.met).toBe(true);

    const slower = at(live({ p50: 2.5, p99: 10.1, lost: 1 }));
    expect(find(slower, 'p99 no worse than 1.0×')?.met).toBe(false);
    expect(find(slower, 'p50 no worse than 1.2×')?.met).toBe(false);
    expect(find(slower, 'no delivery lost')?.met).toBe(false);
  });

  it('wants burst throughput at least that of the reference', () => {
    const burst = (ours: number) =>
      find(
        evaluateTargets(
          results({
            burst: {
              ours: live({ editsPerSecond: ours }),
              reference: live({ editsPerSecond: 3000 }),
            },
          }),
        ),
        'burst',
      )?.met;
    expect(burst(3000)).toBe(true);
    expect(burst(2999)).toBe(false);
  });

  it('counts the first cold load after a restart against the 100 ms target', () => {
    const cold = (firstMs: number) =>
      find(
        evaluateTargets(
          results({
            coldLoad: {
              byTarget: {
                ours: {
                  first: { ms: firstMs },
                  cold: pct(80, 90),
                  allComplete: true,
                },
              },
            } as unknown as NonNullable<BenchResults['scenarios']['coldLoad']>,
          }),
        ),
        'scenario 3',
      )?.met;
    expect(cold(99)).toBe(true);
    expect(cold(120)).toBe(false);
  });

  it('takes memory per board above the idle RSS at 100 boards and compares it with the reference', () => {
    const r = results(
      {
        manyMeetings: {
          '10': { ours: live({ rss: 110 }), reference: live({ rss: 60 }) },
          '100': { ours: live({ rss: 150 }), reference: live({ rss: 90 }) },
        },
      },
      {
        ours: { rssMiB: 100, peakRssMiB: 100, settledAfterMs: 250 },
        reference: { rssMiB: 50, peakRssMiB: 50, settledAfterMs: 250 },
      },
    );
    expect(memoryPerBoard(r, 'ours')).toBe(0.5);
    expect(memoryPerBoard(r, 'reference')).toBe(0.4);
    const check = find(evaluateTargets(r), 'memory per open board');
    expect(check?.met).toBe(false);
    expect(check?.measured).toContain('idle 100 MiB');
  });

  it('evaluates the old-device goals only when scenario 8 ran', () => {
    expect(find(evaluateTargets(results({})), 'scenario 8')).toBeUndefined();
    const checks = evaluateTargets(
      results({
        oldDevice: {
          measured: true,
          cpuSlowdown: 4,
          cards: 200,
          remoteEditToScreenMs: pct(40, 90),
          typing: {
            keystrokes: 200,
            longestFrameMs: 51,
            framesOver50Ms: 1,
            frameGapMs: pct(17, 33),
            longTasks: 1,
            longestTaskMs: 51,
            complete: true,
          },
        },
      }),
    );
    expect(find(checks, 'remote edit')?.met).toBe(true);
    expect(find(checks, 'drops a frame')?.met).toBe(false);
  });

  it("shows the board's first frames and the pages without our code next to the typing", () => {
    const frames = (longest: number) => ({
      longestFrameMs: longest,
      framesOver50Ms: 0,
      frameGapMs: pct(16.7, 16.8),
    });
    const rows = buildTable(
      results({
        oldDevice: {
          measured: true,
          cpuSlowdown: 4,
          cards: 200,
          boardFirstFramesMs: 107,
          remoteEditToScreenMs: pct(23, 50),
          typing: null,
          typingStaticCopy: frames(33.4),
          typingFloor: frames(16.8),
        },
      }),
    );
    const value = (metric: RegExp) => rows.find((r) => metric.test(r.metric))?.values.ours;
    expect(value(/first frames/)).toBe(107);
    expect(value(/^static copy/)).toBe('33.4 / 0; 16.7');
    expect(value(/^floor/)).toBe('16.8 / 0; 16.7');
  });
});

describe('scaling series', () => {
  it('gives per-delivery CPU and flags a step whose per-unit cost grew superlinearly', () => {
    const series = scalingSeries(
      'Scenario 1 by clients on one board',
      'client',
      {
        '50': { ours: live({ cpu: 1, delivered: 10_000, rss: 110 }) },
        '200': { ours: live({ cpu: 4, delivered: 40_000, rss: 140 }) },
        '500': { ours: live({ cpu: 8, delivered: 40_000, rss: 200 }) },
      },
      ['ours'],
      () => 100,
    );
    const steps = series?.byTarget.ours ?? [];
    expect(steps.map((s) => s.cpuPerDeliveryUs)).toEqual([100, 100, 200]);
    expect(steps.map((s) => s.cpuGrowth)).toEqual([null, 1, 2]);
    expect(steps.map((s) => s.rssPerUnitKiB)).toEqual([204.8, 204.8, 204.8]);
    const table = formatScaling(series as NonNullable<typeof series>);
    expect(table).toContain('**2× (superlinear)**');
    expect(table).not.toContain('**1× (superlinear)**');
  });
});
