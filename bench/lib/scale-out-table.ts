/**
 * Scenario 9's table: three instances of our server (PostgreSQL + Redis) next to one
 * instance (SQLite) and the reference of the same run.
 */
import type { Attempted } from './context';
import type { LiveRunResult } from './live-run';
import type { ScaleOutResult } from '../scenarios/scale-out';

type Live = LiveRunResult & Attempted;
type Measured = Live | { error: string } | undefined;
type Value = number | string | null;

const ok = (m: Measured): Live | null => (m && !('error' in m) ? m : null);

function ratio(a: Value, b: Value): string {
  return typeof a === 'number' && typeof b === 'number' && b !== 0
    ? `${Math.round((a / b) * 100) / 100}×`
    : '';
}

interface Row {
  metric: string;
  pick: (r: Live) => Value;
  /** Only the scale-out column has a value (per-instance and cross-instance figures). */
  scaleOutOnly?: boolean;
  ratio?: boolean;
}

function section(
  title: string,
  scaleOut: Measured,
  single: Measured,
  reference: Measured,
  rows: Row[],
): string[] {
  const [so, one, ref] = [ok(scaleOut), ok(single), ok(reference)];
  const value = (r: Live | null, m: Measured, pick: (r: Live) => Value): Value =>
    r ? pick(r) : m && 'error' in m ? 'error' : '';
  const out: string[] = [];
  let first = true;
  for (const row of rows) {
    const a = value(so, scaleOut, row.pick);
    const b = row.scaleOutOnly ? '' : value(one, single, row.pick);
    const c = row.scaleOutOnly ? '' : value(ref, reference, row.pick);
    const withRatio = row.ratio !== false && !row.scaleOutOnly;
    out.push(
      `| ${first ? title : ''} | ${row.metric} | ${a ?? ''} | ${b ?? ''} | ${c ?? ''} | ${withRatio ? ratio(a, b) : ''} | ${withRatio ? ratio(a, c) : ''} |`,
    );
    first = false;
  }
  return out;
}

const perInstance = (
  r: Live,
  pick: (i: NonNullable<Live['instances']>[number]) => number,
): string => (r.instances ?? []).map(pick).join(' / ');

const contention = (r: Live): string =>
  `${Math.round(r.contention.serverWaitShare * 100)} % / ${Math.round(r.contention.generatorWaitShare * 100)} %`;

export function formatScaleOut(s: ScaleOutResult): string {
  const n = s.instances;
  const lines = [
    `Scenario 9, scale-out: ${n} instances sharing PostgreSQL and Redis, clients spread evenly over them (single instance and reference: ${s.single.source})`,
    '',
    `| scenario | metric | ours, ${n} instances (PostgreSQL + Redis) | ours, 1 instance (SQLite) | reference | ${n} instances ÷ 1 | ${n} instances ÷ reference |`,
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  const common: Row[] = [
    { metric: 'latency p50 (ms)', pick: (r) => r.latency.p50 },
    { metric: 'latency p99 (ms)', pick: (r) => r.latency.p99 },
    {
      metric: 'cross-instance latency p50 / p99 (ms)',
      pick: (r) =>
        `${r.crossInstance?.latency.p50 ?? '–'} / ${r.crossInstance?.latency.p99 ?? '–'}`,
      scaleOutOnly: true,
    },
    {
      metric: 'deliveries missing / expected (cross-instance)',
      pick: (r) =>
        `${r.lost} / ${r.deliveriesExpected}` +
        (r.crossInstance ? ` (${r.crossInstance.lost} / ${r.crossInstance.expected})` : '') +
        (r.unexpectedCloses > 0 ? `, ${r.unexpectedCloses} sockets closed` : ''),
      ratio: false,
    },
    { metric: 'edits per second', pick: (r) => r.editsPerSecond },
    { metric: 'saved ack p99 (ms)', pick: (r) => r.savedAck?.p99 ?? 'n/a', ratio: false },
    {
      metric: 'server CPU during edits, all instances (s)',
      pick: (r) => r.server.cpuSecondsMeasured,
    },
    {
      metric: 'server CPU per instance (s)',
      pick: (r) => perInstance(r, (i) => i.cpuSecondsMeasured),
      scaleOutOnly: true,
    },
    { metric: 'server peak RSS, all instances (MiB)', pick: (r) => r.server.peakRssMiB },
    {
      metric: 'server peak RSS per instance (MiB)',
      pick: (r) => perInstance(r, (i) => i.peakRssMiB),
      scaleOutOnly: true,
    },
    {
      metric: 'clients per instance',
      pick: (r) => perInstance(r, (i) => i.clients),
      scaleOutOnly: true,
    },
    {
      metric: 'CPU wait: server (worst instance; includes its siblings) / generator',
      pick: contention,
      ratio: false,
    },
  ];
  lines.push(
    ...section(
      `${s.clients} clients, one board`,
      s.propagation,
      s.single.propagation.ours,
      s.single.propagation.reference,
      common,
    ),
    ...section(
      `burst, ${s.burstClients} × ${s.burstEditsPerClient} edits`,
      s.burst,
      s.single.burst.ours,
      s.single.burst.reference,
      [
        { metric: 'time until every client has every edit (ms)', pick: (r) => r.durationMs },
        ...common,
      ],
    ),
  );
  return lines.join('\n');
}
