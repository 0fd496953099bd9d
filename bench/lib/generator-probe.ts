/**
 * How busy the load generator (this process) was during a measured phase: its event-loop
 * delay and its CPU share. When the generator's loop is late by tens of milliseconds, or its
 * CPU share nears 100 % of its core, the latencies it reports include its own queueing and
 * say little about the server.
 */
import { monitorEventLoopDelay, performance, type IntervalHistogram } from 'node:perf_hooks';
import { round } from './stats';

export interface GeneratorLoad {
  /** Event-loop delay p99 of the generator, ms. */
  eventLoopDelayP99Ms: number;
  /** Largest event-loop delay seen, ms. */
  eventLoopDelayMaxMs: number;
  /** CPU time of the generator over wall time of the phase (1 = one core fully busy). */
  cpuShare: number;
}

export class GeneratorProbe {
  private readonly histogram: IntervalHistogram;
  private readonly startCpu: NodeJS.CpuUsage;
  private readonly startWall: number;

  constructor() {
    this.histogram = monitorEventLoopDelay({ resolution: 10 });
    this.histogram.enable();
    this.startCpu = process.cpuUsage();
    this.startWall = performance.now();
  }

  stop(): GeneratorLoad {
    this.histogram.disable();
    const cpu = process.cpuUsage(this.startCpu);
    const wallMs = performance.now() - this.startWall;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    return {
      eventLoopDelayP99Ms: round(this.histogram.percentile(99) / 1e6),
      eventLoopDelayMaxMs: round(this.histogram.max / 1e6),
      cpuShare: wallMs > 0 ? round(cpuMs / wallMs, 3) : 0,
    };
  }
}
