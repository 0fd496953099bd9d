/**
 * The results file, the table printed at the end of a run (Markdown, so the same text goes
 * into docs/performance.md), and the issue's targets checked against the run.
 */
import type { Attempted } from './context';
import type { LiveRunResult } from './live-run';
import type { Placement, TargetName } from './servers';
import type { Percentiles } from './stats';
import type { BurstResult } from '../scenarios/burst';
import type { ClientWeightResult } from '../scenarios/client-weight';
import type { ColdLoadResult, ColdLoadTargetResult } from '../scenarios/cold-load';
import type { DurableAckResult } from '../scenarios/durable-ack';
import type { ManyMeetingsResult } from '../scenarios/many-meetings';
import type { OldDeviceResult } from '../scenarios/old-device';
import type { PropagationResult } from '../scenarios/propagation';
import type { ReplayResult } from '../scenarios/replay';

export interface BenchResults {
  meta: {
    date: string;
    quick: boolean;
    node: string;
    cpus: number;
    cpuModel: string | null;
    memoryGiB: number;
    placement: Placement;
    targets: TargetName[];
    commit: string | null;
    dataDirFs: string | null;
    serverBuild: string | null;
    serverBuildChangedDuringRun: boolean;
    /** 1, 5 and 15 minute load averages of the machine at the start and end of the run. */
    loadAverageStart: number[];
    loadAverageEnd: number[];
    /** One fsync'd SQLite insert on this disk (bench/lib/disk-probe.ts), ms. */
    durableWriteStart: Percentiles;
    durableWriteEnd: Percentiles | null;
    durationSeconds: number;
  };
  scenarios: {
    propagation?: PropagationResult;
    burst?: BurstResult;
    coldLoad?: ColdLoadResult;
    manyMeetings?: ManyMeetingsResult;
    durableAck?: DurableAckResult;
    clientWeight?: ClientWeightResult;
    replay?: ReplayResult;
    oldDevice?: OldDeviceResult;
  };
  table?: TableRow[];
  targetsMet?: TargetCheck[];
}

type Value = number | string | null;

export interface TableRow {
  scenario: string;
  metric: string;
  values: Partial<Record<TargetName, Value>>;
  /** Show ours ÷ reference for this row. */
  ratio: boolean;
}

export interface TargetCheck {
  target: string;
  goal: string;
  measured: string;
  met: boolean | null;
}

type Live = LiveRunResult & Attempted;

function ok<T extends object>(v: T | { error: string } | undefined): T | null {
  return v && !('error' in v) ? v : null;
}

function perTarget<R extends object>(
  results: Partial<Record<TargetName, R | { error: string }>> | undefined,
  pick: (r: R) => Value,
): Partial<Record<TargetName, Value>> {
  const out: Partial<Record<TargetName, Value>> = {};
  if (!results) return out;
  for (const [target, r] of Object.entries(results) as [TargetName, R | { error: string }][]) {
    out[target] = 'error' in r ? 'error' : pick(r);
  }
  return out;
}

const kib = (b: number): number => Math.round((b / 1024) * 10) / 10;
const pct = (share: number): string => `${Math.round(share * 100)} %`;

function liveRows(
  name: string,
  results: Partial<Record<TargetName, Live | { error: string }>> | undefined,
  opts: { throughput?: boolean; ack?: boolean },
): TableRow[] {
  if (!results) return [];
  const row = (metric: string, pick: (r: Live) => Value, ratio = true): TableRow => ({
    scenario: name,
    metric,
    values: perTarget(results, pick),
    ratio,
  });
  const rows: TableRow[] = [];
  if (opts.throughput) {
    rows.push(row('time until every client has every edit (ms)', (r) => r.durationMs));
    rows.push(row('edits per second', (r) => r.editsPerSecond));
  }
  rows.push(
    row('latency p50 (ms)', (r) => r.latency.p50),
    row('latency p95 (ms)', (r) => r.latency.p95),
    row('latency p99 (ms)', (r) => r.latency.p99),
    row('latency max (ms)', (r) => r.latency.max),
    row(
      'deliveries missing / expected',
      (r) =>
        `${r.lost} / ${r.deliveriesExpected}${r.unexpectedCloses > 0 ? ` (${r.unexpectedCloses} sockets closed)` : ''}`,
      false,
    ),
  );
  if (opts.ack) {
    rows.push(
      row('saved ack p50 (ms)', (r) => r.savedAck?.p50 ?? 'n/a', false),
      row('saved ack p99 (ms)', (r) => r.savedAck?.p99 ?? 'n/a', false),
    );
  }
  rows.push(
    row('server peak RSS (MiB)', (r) => r.server.peakRssMiB),
    row('server CPU during edits (s)', (r) => r.server.cpuSecondsMeasured),
    row(
      'generator loop delay p99 (ms) / CPU',
      (r) => `${r.generator.eventLoopDelayP99Ms} / ${pct(r.generator.cpuShare)}`,
      false,
    ),
    row(
      'CPU taken by others: server / generator',
      (r) =>
        `${pct(r.contention.serverWaitShare)} / ${pct(r.contention.generatorWaitShare)}${r.disturbed ? ' (disturbed)' : ''}`,
      false,
    ),
  );
  return rows;
}

function coldRows(cold: ColdLoadResult | undefined): TableRow[] {
  if (!cold) return [];
  const results = cold.byTarget;
  const row = (
    metric: string,
    pick: (r: ColdLoadTargetResult) => Value,
    ratio = true,
  ): TableRow => ({
    scenario: '3 cold load, 10,000 stored updates',
    metric,
    values: perTarget(results, pick),
    ratio,
  });
  return [
    row('first load after restart (ms)', (r) => r.first?.ms ?? 'n/a'),
    row('cold load p50 (ms)', (r) => r.cold?.p50 ?? 'n/a'),
    row('cold load max (ms)', (r) => r.cold?.max ?? 'n/a'),
    row('cold: connect → server reply arrived p50 (ms)', (r) => r.coldServerReply?.p50 ?? 'n/a'),
    row('warm load p50 (ms)', (r) => r.warm.p50),
    row('warm: connect → server reply arrived p50 (ms)', (r) => r.warmServerReply.p50),
    row('bytes sent to the client (KiB)', (r) => kib(r.bytesSent)),
    row('client got the whole history', (r) => (r.allComplete ? 'yes' : 'NO'), false),
    row(
      'CPU taken by others: server / generator',
      (r) => `${pct(r.contention.serverWaitShare)} / ${pct(r.contention.generatorWaitShare)}`,
      false,
    ),
    {
      scenario: '3 cold load, 10,000 stored updates',
      metric: 'Yjs alone: apply / encode the whole state (ms)',
      values: { ours: `${cold.yjsFloor.applyMs} / ${cold.yjsFloor.encodeMs}` },
      ratio: false,
    },
  ];
}

function weightRows(r: ClientWeightResult | undefined): TableRow[] {
  if (!r) return [];
  const only = (v: Value): Partial<Record<TargetName, Value>> => ({ ours: v });
  const name = '6 client weight (first page a participant loads)';
  if (!r.measured)
    return [{ scenario: name, metric: 'not measured', values: only(r.reason ?? ''), ratio: false }];
  const t = (p: ClientWeightResult['slow3g']['join']): Value =>
    p === null ? 'not measured' : (p.timeToTypeMs ?? `failed: ${p.error ?? ''}`);
  return [
    {
      scenario: name,
      metric: `JS raw / gzip / brotli (KiB, ${r.assetSource})`,
      values: only(
        `${kib(r.firstPage.js.raw)} / ${kib(r.firstPage.js.gzip)} / ${kib(r.firstPage.js.brotli)}`,
      ),
      ratio: false,
    },
    {
      scenario: name,
      metric: 'CSS raw / gzip / brotli (KiB)',
      values: only(
        `${kib(r.firstPage.css.raw)} / ${kib(r.firstPage.css.gzip)} / ${kib(r.firstPage.css.brotli)}`,
      ),
      ratio: false,
    },
    {
      scenario: name,
      metric: 'whole build JS gzip (KiB)',
      values: only(kib(r.wholeBuild.js.gzip)),
      ratio: false,
    },
    {
      scenario: name,
      metric: 'time to type, slow 3G, new participant, nothing cached (ms)',
      values: only(t(r.slow3g.join)),
      ratio: false,
    },
    {
      scenario: name,
      metric: 'time to type, slow 3G, reload, nothing cached (ms)',
      values: only(t(r.slow3g.reload)),
      ratio: false,
    },
    {
      scenario: name,
      metric: 'time to type, slow 3G, reload with service worker (ms)',
      values: only(t(r.slow3g.reloadWithServiceWorker)),
      ratio: false,
    },
    {
      scenario: name,
      metric: 'time to type, unthrottled, new participant (ms)',
      values: only(t(r.unthrottled.join)),
      ratio: false,
    },
    {
      scenario: name,
      metric: 'bytes transferred, slow 3G join (KiB)',
      values: only(r.slow3g.join ? kib(r.slow3g.join.transferredBytes) : null),
      ratio: false,
    },
  ];
}

export function buildTable(results: BenchResults): TableRow[] {
  const s = results.scenarios;
  const rows: TableRow[] = [];
  for (const [size, byTarget] of Object.entries(s.propagation ?? {})) {
    const name = `1 propagation, ${size} clients`;
    rows.push(...liveRows(name, byTarget, { ack: true }));
    const withRounds = Object.values(byTarget).some((r) => r && 'rounds' in r && r.rounds);
    if (withRounds) {
      rows.push({
        scenario: name,
        metric: 'p99 of each interleaved round (ms; the median round is shown above)',
        values: perTarget(byTarget, (r: Live & { rounds?: { p99: number | null }[] }) =>
          (r.rounds ?? []).map((x) => x.p99).join(', '),
        ),
        ratio: false,
      });
    }
  }
  if (s.burst) {
    const first = Object.values(s.burst)
      .map((r) => ok(r as Live | { error: string }))
      .find((r) => r !== null);
    const each = first ? Math.round(first.editsSent / first.clients) : '?';
    rows.push(
      ...liveRows(`2 burst, ${first?.clients ?? '?'} × ${each} edits`, s.burst, {
        throughput: true,
        ack: true,
      }),
    );
  }
  rows.push(...coldRows(s.coldLoad));
  if (s.manyMeetings) {
    const first = Object.values(s.manyMeetings)
      .map((r) => ok(r as Live | { error: string }))
      .find((r) => r !== null);
    const name = `4 many meetings, ${first?.boards ?? '?'} boards × 5 clients`;
    rows.push(...liveRows(name, s.manyMeetings, { ack: true }));
    rows.push({
      scenario: name,
      metric: 'server RSS, highest sample (MiB)',
      values: perTarget(s.manyMeetings, (r: Live) => r.server.rssMaxSampledMiB),
      ratio: true,
    });
  }
  if (s.durableAck)
    rows.push(...liveRows('5 durable ack, 50 clients', s.durableAck, { ack: true }));
  rows.push(...weightRows(s.clientWeight));
  rows.push(...oldDeviceRows(s.oldDevice));
  return rows;
}

function oldDeviceRows(r: OldDeviceResult | undefined): TableRow[] {
  if (!r) return [];
  const name = `8 old device (${r.cpuSlowdown}× CPU, ${r.cards} cards)`;
  const only = (v: Value): Partial<Record<TargetName, Value>> => ({ ours: v });
  if (!r.measured)
    return [{ scenario: name, metric: 'not measured', values: only(r.reason ?? ''), ratio: false }];
  const e = r.remoteEditToScreenMs;
  const ty = r.typing;
  return [
    {
      scenario: name,
      metric: 'remote edit → on screen p50 / p95 / max (ms)',
      values: only(e ? `${e.p50 ?? '–'} / ${e.p95 ?? '–'} / ${e.max ?? '–'}` : 'not measured'),
      ratio: false,
    },
    {
      scenario: name,
      metric: `typing ${ty?.keystrokes ?? 0} keys: longest frame (ms) / frames over 50 ms`,
      values: only(ty ? `${ty.longestFrameMs ?? '–'} / ${ty.framesOver50Ms}` : 'not measured'),
      ratio: false,
    },
    {
      scenario: name,
      metric: 'typing: frame gap p50 / p95 (ms); long tasks (longest ms)',
      values: only(
        ty
          ? `${ty.frameGapMs?.p50 ?? '–'} / ${ty.frameGapMs?.p95 ?? '–'}; ${ty.longTasks} (${ty.longestTaskMs ?? '–'})`
          : 'not measured',
      ),
      ratio: false,
    },
  ];
}

function ratio(a: Value | undefined, b: Value | undefined): string {
  if (typeof a !== 'number' || typeof b !== 'number' || b === 0) return '';
  return `${Math.round((a / b) * 100) / 100}×`;
}

/** The table as Markdown: one column per target, then ours ÷ each reference. */
export function formatTable(rows: TableRow[], targets: TargetName[]): string {
  const refs = targets.filter((t) => t !== 'ours');
  const head = [
    'scenario',
    'metric',
    ...targets,
    ...(targets.includes('ours') ? refs.map((r) => `ours ÷ ${r}`) : []),
  ];
  const lines = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`];
  let last = '';
  for (const r of rows) {
    const cells = [
      r.scenario === last ? '' : r.scenario,
      r.metric,
      ...targets.map((t) => String(r.values[t] ?? '')),
      ...(targets.includes('ours')
        ? refs.map((ref) => (r.ratio ? ratio(r.values.ours, r.values[ref]) : ''))
        : []),
    ];
    last = r.scenario;
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The issue's targets, checked against this run. */
export function evaluateTargets(results: BenchResults): TargetCheck[] {
  const s = results.scenarios;
  const checks: TargetCheck[] = [];
  const at200 = s.propagation?.['200'];
  if (at200) {
    const ours = ok(at200.ours);
    const note = (r: Live | null): string =>
      r ? `${r.latency.p99} ms${r.disturbed ? ' (disturbed)' : ''}` : '–';
    for (const refName of ['reference', 'reference+leveldb'] as const) {
      const ref = ok(at200[refName]);
      if (!at200[refName]) continue;
      checks.push({
        target: `scenario 1 at 200 clients: p99 no worse than ${refName}`,
        goal: `ours p99 ≤ ${refName} p99`,
        measured: `ours ${note(ours)}, ${refName} ${note(ref)}`,
        met:
          ours && ref && ours.latency.p99 !== null && ref.latency.p99 !== null
            ? ours.latency.p99 <= ref.latency.p99
            : null,
      });
    }
    checks.push({
      target: 'scenario 1 at 200 clients: zero lost deliveries',
      goal: '0 lost',
      measured: ours ? `${ours.lost} lost of ${ours.deliveriesExpected}` : '–',
      met: ours ? ours.lost === 0 && ours.deliveriesExpected > 0 : null,
    });
  }
  const cold = ok(s.coldLoad?.byTarget.ours);
  if (cold) {
    checks.push({
      target: 'scenario 3: 10,000 stored updates sync a fresh client in under 100 ms',
      goal: 'cold load p50 < 100 ms',
      measured: `p50 ${cold.cold?.p50 ?? '–'} ms, max ${cold.cold?.max ?? '–'} ms, first after restart ${cold.first?.ms ?? '–'} ms`,
      met: cold.cold?.p50 != null ? cold.cold.p50 < 100 && cold.allComplete : null,
    });
  }
  const ack = ok(s.durableAck?.ours);
  if (ack) {
    checks.push({
      target: 'scenario 5: p99 time to a durable "saved" under 50 ms at 50 clients',
      goal: 'saved p99 < 50 ms',
      measured: `p50 ${ack.savedAck?.p50 ?? '–'} ms, p99 ${ack.savedAck?.p99 ?? '–'} ms${ack.disturbed ? ' (disturbed)' : ''}`,
      met: ack.savedAck?.p99 != null ? ack.savedAck.p99 < 50 : null,
    });
  }
  const w = s.clientWeight;
  if (w) {
    checks.push({
      target: 'scenario 6: under 150 KB of gzipped JavaScript before a participant can type',
      goal: 'first-page JS gzip < 150,000 bytes',
      measured: w.measured
        ? `${w.firstPage.js.gzip} bytes (${w.assetSource})`
        : `not measured: ${w.reason ?? ''}`,
      met: w.measured ? w.firstPage.js.gzip < 150_000 : null,
    });
    const join = w.slow3g.join;
    checks.push({
      target: 'scenario 6: a new participant types within 12 s on slow 3G',
      goal: 'new participant types < 12,000 ms',
      measured:
        join?.timeToTypeMs != null
          ? `join ${join.timeToTypeMs} ms, reload ${w.slow3g.reload?.timeToTypeMs ?? '–'} ms`
          : `not measured: ${w.reason ?? join?.error ?? ''}`,
      met: join?.timeToTypeMs != null ? join.timeToTypeMs < 12_000 : null,
    });
    const sw = w.slow3g.reloadWithServiceWorker;
    checks.push({
      target: 'scenario 6: a reload with the service worker types within 3 s on slow 3G',
      goal: 'reload with service worker < 3,000 ms',
      measured: sw?.timeToTypeMs != null ? `${sw.timeToTypeMs} ms` : 'not measured (full run only)',
      met: sw?.timeToTypeMs != null ? sw.timeToTypeMs < 3000 : null,
    });
  }
  const od = s.oldDevice;
  if (od?.measured) {
    const e = od.remoteEditToScreenMs;
    checks.push({
      target: 'scenario 8: on an old device a remote edit is on screen within 100 ms',
      goal: 'remote edit → screen max < 100 ms',
      measured: `p50 ${e?.p50 ?? '–'} ms, p95 ${e?.p95 ?? '–'} ms, max ${e?.max ?? '–'} ms`,
      met: e?.max != null ? e.max < 100 : null,
    });
    const longest = od.typing?.longestFrameMs ?? null;
    checks.push({
      target: 'scenario 8: typing never drops a frame for longer than 50 ms',
      goal: 'longest frame while typing ≤ 50 ms',
      measured: `longest frame ${longest ?? '–'} ms, ${od.typing?.framesOver50Ms ?? 0} over 50 ms`,
      met: longest !== null ? longest <= 50 : null,
    });
  }
  return checks;
}

export function formatTargets(checks: TargetCheck[]): string {
  const lines = ['| target | measured | met |', '| --- | --- | --- |'];
  for (const c of checks)
    lines.push(
      `| ${c.target} | ${c.measured} | ${c.met === null ? 'not measured' : c.met ? 'met' : 'MISSED'} |`,
    );
  return lines.join('\n');
}
