import { describe, expect, it } from 'vitest';
import { summarizeTrace, type TraceEvent } from './trace';

const main = { pid: 1, tid: 7 };
const meta = (pid: number, tid: number, name: string): TraceEvent => ({
  name: 'thread_name',
  ph: 'M',
  pid,
  tid,
  ts: 0,
  args: { name },
});
const x = (name: string, ts: number, dur: number, at = main): TraceEvent => ({
  name,
  ph: 'X',
  ...at,
  ts,
  dur,
});

describe('summarizeTrace', () => {
  it('gives each event its self time on the busiest renderer main thread, and counts long tasks', () => {
    const other = { pid: 2, tid: 9 };
    const s = summarizeTrace([
      meta(1, 7, 'CrRendererMain'),
      meta(2, 9, 'CrRendererMain'),
      // A task of 60 ms: 10 ms of script holding 4 ms of layout, then 20 ms of paint.
      x('RunTask', 1_000, 60_000),
      x('FunctionCall', 2_000, 10_000),
      x('Layout', 3_000, 4_000),
      x('Paint', 20_000, 20_000),
      // Begin/end pairs count as well.
      { name: 'RunTask', ph: 'B', ...main, ts: 100_000 },
      { name: 'RunTask', ph: 'E', ...main, ts: 110_000 },
      // Another renderer (fewer events: not the page's) is left out.
      x('RunTask', 0, 500_000, other),
    ]);
    expect(s.tasks).toBe(2);
    expect(s.busyMs).toBe(70);
    expect(s.tasksOver50Ms).toBe(1);
    expect(s.longestTaskMs).toBe(60);
    expect(s.wallMs).toBe(109);
    const self = Object.fromEntries(s.events.map((e) => [e.name, e.selfMs]));
    expect(self).toEqual({ RunTask: 40, Paint: 20, FunctionCall: 6, Layout: 4 });
  });
});
