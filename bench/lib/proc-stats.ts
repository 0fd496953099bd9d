/**
 * Resource readings of a server child process from /proc (Linux): peak and current resident
 * memory, and CPU seconds (user + system). Readings are taken from outside the process, so
 * they cost the server nothing.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

let clockTicks: number | null = null;

/** Kernel clock ticks per second (utime/stime unit), usually 100. */
function ticksPerSecond(): number {
  if (clockTicks === null) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

export interface ProcReading {
  /** Peak resident set since the process started (VmHWM), MiB. */
  peakRssMiB: number;
  /** Current resident set (VmRSS), MiB. */
  rssMiB: number;
  /** User + system CPU time since the process started, seconds. */
  cpuSeconds: number;
}

function statusKiB(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : 0;
}

/** Reads /proc/<pid>; null when the process is gone. */
export function readProc(pid: number): ProcReading | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of stat; fields[0] here is field 3.
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    return {
      peakRssMiB: statusKiB(status, 'VmHWM') / 1024,
      rssMiB: statusKiB(status, 'VmRSS') / 1024,
      cpuSeconds: (utime + stime) / ticksPerSecond(),
    };
  } catch {
    return null;
  }
}

/** Samples the RSS of `pid` every `intervalMs` until stopped; keeps the highest reading. */
export class RssSampler {
  private timer: NodeJS.Timeout;
  maxRssMiB = 0;
  samples = 0;

  constructor(
    private readonly pid: number,
    intervalMs = 500,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
    this.sample();
  }

  private sample(): void {
    const r = readProc(this.pid);
    if (!r) return;
    this.samples++;
    if (r.rssMiB > this.maxRssMiB) this.maxRssMiB = r.rssMiB;
  }

  stop(): number {
    this.sample();
    clearInterval(this.timer);
    return this.maxRssMiB;
  }
}

/** Scheduler counters of a process's main thread: time on CPU and time waiting for one, ns. */
export interface SchedReading {
  runNs: number;
  waitNs: number;
}

/** Reads /proc/<pid>/schedstat (the main thread: the event loop); null when unavailable. */
export function readSched(pid: number): SchedReading | null {
  try {
    const [run, wait] = fs
      .readFileSync(`/proc/${pid}/schedstat`, 'utf8')
      .trim()
      .split(/\s+/)
      .map(Number);
    return run === undefined || wait === undefined ? null : { runNs: run, waitNs: wait };
  } catch {
    return null;
  }
}

/** Steal and total jiffies of all CPUs (/proc/stat), to tell when the host took CPU away. */
function readCpuTotals(): { steal: number; total: number } | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
    const values = line.trim().split(/\s+/).slice(1).map(Number);
    return { steal: values[7] ?? 0, total: values.reduce((a, b) => a + b, 0) };
  } catch {
    return null;
  }
}

/**
 * Contention during a phase: how long the server's and the generator's event loops were
 * runnable but waiting for a CPU (someone else had it), as a share of the phase. On a shared
 * machine this is what tells a clean measurement from a noisy one.
 */
export interface Contention {
  serverWaitMs: number;
  serverWaitShare: number;
  generatorWaitMs: number;
  generatorWaitShare: number;
  /** Share of all CPU time the hypervisor stole. */
  stealShare: number;
}

export class ContentionProbe {
  private readonly t0 = performance.now();
  private readonly server0: SchedReading | null;
  private readonly gen0: SchedReading | null;
  private readonly cpu0: { steal: number; total: number } | null;

  constructor(private readonly serverPid: number) {
    this.server0 = readSched(serverPid);
    this.gen0 = readSched(process.pid);
    this.cpu0 = readCpuTotals();
  }

  stop(): Contention {
    const wallMs = Math.max(1, performance.now() - this.t0);
    const server = readSched(this.serverPid);
    const gen = readSched(process.pid);
    const cpu = readCpuTotals();
    const waitMs = (a: SchedReading | null, b: SchedReading | null): number =>
      a && b ? (b.waitNs - a.waitNs) / 1e6 : 0;
    const serverWaitMs = waitMs(this.server0, server);
    const generatorWaitMs = waitMs(this.gen0, gen);
    const total = cpu && this.cpu0 ? cpu.total - this.cpu0.total : 0;
    const r = (v: number, d = 3): number => Math.round(v * 10 ** d) / 10 ** d;
    return {
      serverWaitMs: r(serverWaitMs, 1),
      serverWaitShare: r(serverWaitMs / wallMs),
      generatorWaitMs: r(generatorWaitMs, 1),
      generatorWaitShare: r(generatorWaitMs / wallMs),
      stealShare: total > 0 && cpu && this.cpu0 ? r((cpu.steal - this.cpu0.steal) / total) : 0,
    };
  }
}
