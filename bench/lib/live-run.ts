/**
 * The engine of the live-editing scenarios (1, 2, 4, 5): connect a cohort, let every client
 * create its card, then send timed edits on a schedule (or all at once for a burst) and
 * account for every delivery.
 *
 * Phases:
 *   setup     join participants (ours), open meeting channels (ours), connect and sync
 *   prelude   each client creates its card (edit 0); wait until everyone has every card
 *   measured  timed edits; then wait until every expected delivery arrived (bounded)
 * Server CPU seconds and the generator's load are taken over the measured phase only.
 */
import { performance } from 'node:perf_hooks';
import {
  openMeetingChannels,
  prepareCohort,
  spreadOver,
  type ClientSlot,
  type MeetingSocket,
} from './cohort';
import { DeliveryTracker } from './deliveries';
import { buildEditScript, type EditScript } from './edit-script';
import { FullClient } from './full-client';
import { GeneratorProbe, type GeneratorLoad } from './generator-probe';
import { LightClient } from './light-client';
import { ContentionProbe, RssSampler, type Contention } from './proc-stats';
import type { ServerHandle } from './servers';
import { Samples, round, type Percentiles } from './stats';
import { inBatches, waitUntil, withTimeout } from './util';

export interface LiveRunOptions {
  server: ServerHandle;
  /**
   * Scale-out: every instance sharing the server's database (`server` among them); clients
   * are spread over them evenly (cohort.ts, spreadOver). Absent: `server` alone.
   */
  instances?: ServerHandle[];
  boards: number;
  perBoard: number;
  /** Which clients are full Y.Doc clients (the rest are light protocol clients). */
  isFull: (slot: ClientSlot) => boolean;
  editsPerClient: number;
  /** Interval between two edits of one client, ms; 0 = burst (all edits at once). */
  intervalMs: number;
  /** Ours: open the Socket.io meeting channel for every client, as the browser does. */
  meetingChannel: boolean;
  /** Longest wait for the last deliveries after the last edit was sent, ms. */
  drainTimeoutMs: number;
  log: (line: string) => void;
}

export interface LiveRunResult {
  clients: number;
  fullClients: number;
  lightClients: number;
  boards: number;
  editsSent: number;
  deliveriesExpected: number;
  deliveriesObserved: number;
  /** Deliveries that had not arrived `drainTimeoutMs` after the last edit was sent. */
  lost: number;
  duplicates: number;
  echoes: number;
  strays: number;
  /** Edit → arrival at every other client, ms, all receivers. */
  latency: Percentiles;
  latencyFullClients: Percentiles;
  latencyLightClients: Percentiles;
  /** Ours: edit → "saved" covering it, ms. */
  savedAck: Percentiles | null;
  unacknowledged: number;
  /** From the first edit to the last first delivery, ms. */
  durationMs: number;
  /** Edits sent over durationMs. */
  editsPerSecond: number;
  setupMs: number;
  server: {
    peakRssMiB: number;
    rssAfterSetupMiB: number;
    rssMaxSampledMiB: number;
    cpuSecondsMeasured: number;
    cpuShareMeasured: number;
    cpuSecondsTotal: number;
  };
  generator: GeneratorLoad;
  /** CPU contention from outside the benchmark during the measured phase. */
  contention: Contention;
  /** Sockets the server closed during the run (should be 0). */
  unexpectedCloses: number;
  /** Scale-out only: each instance's figures (`server` then holds their sums). */
  instances?: InstanceFigures[];
  /** Scale-out only: deliveries from a client on one instance to a client on another. */
  crossInstance?: {
    latency: Percentiles;
    expected: number;
    observed: number;
    lost: number;
  };
}

export interface InstanceFigures {
  clients: number;
  peakRssMiB: number;
  rssMaxSampledMiB: number;
  cpuSecondsMeasured: number;
  cpuShareMeasured: number;
  serverWaitShare: number;
}

type Client =
  { kind: 'light'; c: LightClient; script: EditScript } | { kind: 'full'; c: FullClient };

/** A random 30-bit base so light clients' clientIDs are unique within and across boards. */
function clientIdBase(): number {
  return 1 + Math.floor(Math.random() * 2 ** 29);
}

export async function liveRun(o: LiveRunOptions): Promise<LiveRunResult> {
  const tSetup = performance.now();
  const { server } = o;
  const servers = o.instances && o.instances.length > 0 ? o.instances : [server];
  const scaleOut = servers.length > 1;
  const ours = server.target === 'ours';
  const cohort = await prepareCohort(servers[0] as ServerHandle, o.boards, o.perBoard);
  spreadOver(cohort, servers);
  const n = cohort.slots.length;
  const fullFlags = cohort.slots.map((s) => o.isFull(s));
  const instanceOf = cohort.slots.map((s) => s.instance);
  const tracker = new DeliveryTracker(
    n,
    o.editsPerClient,
    (r) => fullFlags[r] === true,
    (sender, receiver) => instanceOf[sender] !== instanceOf[receiver],
  );
  const ackLatencies = ours ? new Samples() : undefined;

  let sockets: MeetingSocket[] = [];
  if (ours && o.meetingChannel) {
    sockets = await openMeetingChannels(servers, cohort.slots, (s) => s.room);
  }

  // Every WebsocketProvider adds a process 'exit' listener; 50 full clients at 500 are expected.
  const fullCount = fullFlags.filter(Boolean).length;
  if (process.getMaxListeners() < fullCount + 10) process.setMaxListeners(fullCount + 10);

  const base = clientIdBase();
  const clients: Client[] = [];
  try {
    await inBatches(n, 25, async (i) => {
      const slot = cohort.slots[i] as ClientSlot;
      const visitor = tracker.visitorFor(i);
      if (fullFlags[i]) {
        const c = new FullClient({
          serverUrl: slot.serverUrl,
          room: slot.room,
          params: slot.params,
          sender: i,
          author: slot.author,
          onMarker: visitor,
          ackLatencies,
        });
        clients[i] = { kind: 'full', c };
        await withTimeout(c.synced, 30_000, `full client ${i} did not sync`);
      } else {
        const script = buildEditScript({
          clientId: base + i,
          sender: i,
          edits: o.editsPerClient,
          author: slot.author,
        });
        const c = new LightClient({
          url: slot.url,
          clientId: script.clientId,
          onMarker: visitor,
          ackLatencies,
        });
        clients[i] = { kind: 'light', c, script };
        await withTimeout(c.synced, 30_000, `light client ${i} did not sync`);
      }
    });

    // Prelude: every client creates its card; wait until each has all of its board-mates' cards.
    for (const cl of clients) {
      if (cl.kind === 'full') cl.c.createCard();
      else cl.c.send(cl.script.edits[0] as EditScript['edits'][number]);
    }
    const boardSize = (i: number): number =>
      cohort.boards[cohort.slots[i]?.board ?? 0]?.slots.length ?? 0;
    /** Board-mates of client i on other instances than its own. */
    const crossMates = cohort.slots.map(
      (slot) =>
        cohort.boards[slot.board]?.slots.filter((m) => m.instance !== slot.instance).length ?? 0,
    );
    const preludeDone = await waitUntil(
      () => clients.every((_, i) => tracker.preludeCount(i) >= boardSize(i) - 1),
      30_000,
    );
    if (!preludeDone)
      o.log('  warning: not every client received every card before the measured phase');
    const setupMs = performance.now() - tSetup;
    const afterSetup = server.proc();

    // Measured phase.
    const samplers = servers.map((sv) => new RssSampler(sv.pid, 500));
    const probe = new GeneratorProbe();
    const contentionProbes = servers.map((sv) => new ContentionProbe(sv.pid));
    const cpuStarts = servers.map((sv) => sv.proc()?.cpuSeconds ?? 0);
    const t0 = performance.now();
    const sendEdit = (i: number, seq: number): void => {
      const cl = clients[i];
      if (!cl) return;
      if (cl.kind === 'full') cl.c.edit(seq);
      else if (cl.c.isOpen) cl.c.send(cl.script.edits[seq] as EditScript['edits'][number]);
      else return;
      tracker.expected += boardSize(i) - 1;
      tracker.crossExpected += crossMates[i] ?? 0;
    };

    let sent = 0;
    if (o.intervalMs === 0) {
      for (let i = 0; i < n; i++) {
        for (let seq = 1; seq <= o.editsPerClient; seq++) sendEdit(i, seq);
        sent += o.editsPerClient;
      }
    } else {
      // Clients are spread evenly over one interval, so the load is smooth rather than pulsed.
      const events: { at: number; i: number; seq: number }[] = [];
      for (let i = 0; i < n; i++) {
        const offset = (i / n) * o.intervalMs;
        for (let seq = 1; seq <= o.editsPerClient; seq++)
          events.push({ at: offset + (seq - 1) * o.intervalMs, i, seq });
      }
      events.sort((a, b) => a.at - b.at);
      const deadline = o.editsPerClient * o.intervalMs + 30_000;
      sent = await runSchedule(events, deadline, (e) => sendEdit(e.i, e.seq));
    }
    const tLastSend = performance.now();
    await waitUntil(() => tracker.observed >= tracker.expected, o.drainTimeoutMs, 5);
    const complete = tracker.observed >= tracker.expected;
    if (!complete) {
      o.log(
        `  warning: ${tracker.lost} deliveries still missing ${o.drainTimeoutMs} ms after the last edit`,
      );
    }
    const unacked = (): number => clients.reduce((sum, cl) => sum + cl.c.unacknowledged, 0);
    if (ours)
      await waitUntil(
        () => unacked() === 0,
        Math.max(2000, o.drainTimeoutMs - (performance.now() - tLastSend)),
        5,
      );
    const tEnd = performance.now();
    const generator = probe.stop();
    const contentions = contentionProbes.map((p) => p.stop());
    // The most disturbed instance decides whether the measurement counts as disturbed.
    const contention = contentions.reduce((a, b) =>
      b.serverWaitShare > a.serverWaitShare ? b : a,
    );
    const rssMaxes = samplers.map((sm) => sm.stop());
    const ends = servers.map((sv) => sv.proc());
    const firstToLast = complete ? tracker.lastArrivalUs / 1000 - t0 : tEnd - t0;
    const measuredWall = (tEnd - t0) / 1000;
    const cpuEach = ends.map((e, k) => (e?.cpuSeconds ?? 0) - (cpuStarts[k] ?? 0));
    const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
    const cpuMeasured = sum(cpuEach);
    const rssMax = sum(rssMaxes);

    const unexpectedCloses = clients.filter(
      (cl) => cl.kind === 'light' && cl.c.closeCode !== null,
    ).length;
    const result: LiveRunResult = {
      clients: n,
      fullClients: fullFlags.filter(Boolean).length,
      lightClients: fullFlags.filter((f) => !f).length,
      boards: o.boards,
      editsSent: sent,
      deliveriesExpected: tracker.expected,
      deliveriesObserved: tracker.observed,
      lost: tracker.lost,
      duplicates: tracker.duplicates,
      echoes: tracker.echoes,
      strays: tracker.strays,
      latency: tracker.all.summary(),
      latencyFullClients: tracker.full.summary(),
      latencyLightClients: tracker.light.summary(),
      savedAck: ackLatencies ? ackLatencies.summary() : null,
      unacknowledged: ours ? unacked() : 0,
      durationMs: round(firstToLast),
      editsPerSecond: firstToLast > 0 ? Math.round((sent / firstToLast) * 1000) : 0,
      setupMs: Math.round(setupMs),
      server: {
        peakRssMiB: round(sum(ends.map((e) => e?.peakRssMiB ?? 0)), 1),
        rssAfterSetupMiB: round(afterSetup?.rssMiB ?? 0, 1),
        rssMaxSampledMiB: round(rssMax, 1),
        cpuSecondsMeasured: round(cpuMeasured),
        cpuShareMeasured: measuredWall > 0 ? round(cpuMeasured / measuredWall, 3) : 0,
        cpuSecondsTotal: round(sum(ends.map((e) => e?.cpuSeconds ?? 0))),
      },
      generator,
      contention,
      unexpectedCloses,
    };
    if (scaleOut) {
      result.instances = servers.map((_, k) => ({
        clients: instanceOf.filter((x) => x === k).length,
        peakRssMiB: round(ends[k]?.peakRssMiB ?? 0, 1),
        rssMaxSampledMiB: round(rssMaxes[k] ?? 0, 1),
        cpuSecondsMeasured: round(cpuEach[k] ?? 0),
        cpuShareMeasured: measuredWall > 0 ? round((cpuEach[k] ?? 0) / measuredWall, 3) : 0,
        serverWaitShare: contentions[k]?.serverWaitShare ?? 0,
      }));
      result.crossInstance = {
        latency: tracker.cross.summary(),
        expected: tracker.crossExpected,
        observed: tracker.crossObserved,
        lost: tracker.crossLost,
      };
    }
    return result;
  } finally {
    // Also on failure: providers left open would keep reconnecting for the rest of the run.
    await Promise.all(
      clients.map(async (cl) => {
        if (cl.kind === 'full') cl.c.destroy();
        else await cl.c.closeAndWait();
      }),
    );
    for (const s of sockets) s.close();
  }
}

/** Fires each event at its time (ms after the start); bounded by the event count and `deadlineMs`. */
async function runSchedule<E extends { at: number }>(
  events: E[],
  deadlineMs: number,
  fire: (e: E) => void,
): Promise<number> {
  const t0 = performance.now();
  let i = 0;
  return new Promise((resolve) => {
    const tick = (): void => {
      const now = performance.now() - t0;
      while (i < events.length && (events[i] as E).at <= now) fire(events[i++] as E);
      if (i >= events.length || now > deadlineMs) {
        resolve(i);
        return;
      }
      setTimeout(tick, Math.max(0, (events[i] as E).at - (performance.now() - t0)));
    };
    tick();
  });
}
