/**
 * Self time per event name on a Chromium renderer's main thread, from a trace in the Trace
 * Event Format (what Playwright's `browser.stopTracing()` returns). Only complete events
 * ('X') and begin/end pairs ('B'/'E') count; nesting is taken from their times.
 */

/** One event of the Trace Event Format (only the fields read here). */
export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  /** Microseconds. */
  ts: number;
  dur?: number;
  args?: Record<string, unknown>;
}

export interface TraceSummary {
  /** From the thread's first event to its last, ms. */
  wallMs: number;
  /** Time inside top-level tasks, ms. */
  busyMs: number;
  tasks: number;
  tasksOver50Ms: number;
  longestTaskMs: number;
  events: { name: string; selfMs: number; count: number; share: number }[];
}

const round = (v: number): number => Math.round(v * 10) / 10;

/** The renderer main thread with the most events (the page's, not an extension's). */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } | null {
  const counts = new Map<string, number>();
  for (const e of events) {
    if (e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain') {
      counts.set(`${e.pid}:${e.tid}`, 0);
    }
  }
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    const n = counts.get(key);
    if (n !== undefined) counts.set(key, n + 1);
  }
  let best: string | null = null;
  for (const [key, n] of counts) if (best === null || n > (counts.get(best) ?? 0)) best = key;
  if (best === null) return null;
  const [pid, tid] = best.split(':').map(Number) as [number, number];
  return { pid, tid };
}

interface Span {
  name: string;
  start: number;
  end: number;
}

/** Complete spans of one thread: 'X' events, and 'B'/'E' pairs matched on a stack. */
function spansOf(events: TraceEvent[]): Span[] {
  const spans: Span[] = [];
  const open: TraceEvent[] = [];
  for (const e of [...events].sort((a, b) => a.ts - b.ts)) {
    if (e.ph === 'X' && e.dur !== undefined) {
      spans.push({ name: e.name, start: e.ts, end: e.ts + e.dur });
    } else if (e.ph === 'B') {
      open.push(e);
    } else if (e.ph === 'E') {
      const b = open.pop();
      if (b) spans.push({ name: b.name, start: b.ts, end: e.ts });
    }
  }
  // Parents before their children: earlier start first, longer first at the same start.
  return spans.sort((a, b) => a.start - b.start || b.end - a.end);
}

export function summarizeTrace(all: TraceEvent[]): TraceSummary {
  const thread = mainThread(all);
  const mine = thread ? all.filter((e) => e.pid === thread.pid && e.tid === thread.tid) : [];
  const spans = spansOf(mine);
  const self = new Map<string, { us: number; count: number }>();
  const stack: { span: Span; childUs: number }[] = [];
  let busyUs = 0;
  const taskUs: number[] = [];
  const close = (): void => {
    const top = stack.pop();
    if (!top) return;
    const dur = top.span.end - top.span.start;
    const entry = self.get(top.span.name) ?? { us: 0, count: 0 };
    entry.us += Math.max(0, dur - top.childUs);
    entry.count++;
    self.set(top.span.name, entry);
    const parent = stack[stack.length - 1];
    if (parent) parent.childUs += dur;
    else {
      busyUs += dur;
      taskUs.push(dur);
    }
  };
  for (const span of spans) {
    while (stack.length && (stack[stack.length - 1]?.span.end ?? 0) <= span.start) close();
    stack.push({ span, childUs: 0 });
  }
  while (stack.length) close();
  // Metadata events ('M') carry no time of their own.
  const first = spans.reduce((m, e) => Math.min(m, e.start), Infinity);
  const last = spans.reduce((m, e) => Math.max(m, e.end), -Infinity);
  const events = [...self]
    .map(([name, v]) => ({
      name,
      selfMs: round(v.us / 1000),
      count: v.count,
      share: busyUs ? round((100 * v.us) / busyUs) : 0,
    }))
    .sort((a, b) => b.selfMs - a.selfMs);
  return {
    wallMs: Number.isFinite(first) ? round((last - first) / 1000) : 0,
    busyMs: round(busyUs / 1000),
    tasks: taskUs.length,
    tasksOver50Ms: taskUs.filter((us) => us > 50_000).length,
    longestTaskMs: taskUs.length ? round(Math.max(...taskUs) / 1000) : 0,
    events,
  };
}
