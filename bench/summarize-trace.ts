/**
 * `npx tsx bench/summarize-trace.ts <trace.json> [top]`: where a Chromium renderer's main
 * thread spent its time in a trace (scenario 8's BANTRON_TRACE_TYPING). A CPU profile shows
 * script only and lumps the browser's own work into "(program)"; the trace says how much of
 * it was style, layout, paint or script, per event name, as self time (an event's duration
 * minus that of the events nested in it), and how long the thread's tasks were.
 */
import fs from 'node:fs';
import { summarizeTrace, type TraceEvent } from './lib/trace';

const args = process.argv.slice(2);
const file = args.find((a) => !/^\d+$/.test(a));
if (!file) {
  console.error('usage: tsx bench/summarize-trace.ts <trace.json> [top]');
  process.exit(2);
}
const top = Number(args.find((a) => /^\d+$/.test(a)) ?? 25);
const raw = JSON.parse(fs.readFileSync(file, 'utf8')) as
  { traceEvents: TraceEvent[] } | TraceEvent[];
const s = summarizeTrace(Array.isArray(raw) ? raw : raw.traceEvents);

console.info(
  `renderer main thread: ${s.wallMs} ms traced, ${s.busyMs} ms in tasks; ` +
    `${s.tasks} tasks, ${s.tasksOver50Ms} over 50 ms (longest ${s.longestTaskMs} ms)\n`,
);
console.info('| self (ms) | share of busy | count | event |\n| ---: | ---: | ---: | --- |');
for (const e of s.events.slice(0, top)) {
  console.info(`| ${e.selfMs} | ${e.share} % | ${e.count} | ${e.name} |`);
}
