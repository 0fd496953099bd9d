/**
 * Scenario 3, cold load: a board whose stored history holds 10,000 separate updates; the time
 * from a fresh client's connect to synced, and the bytes the server sent it.
 *
 *   1. The history (lib/history.ts) is sent as 10,000 separate update messages over one
 *      socket, and confirmed: by "saved" on our server, by a sync round trip on the
 *      reference. Our server stores each as its own row (it writes a snapshot every 500).
 *      To keep the run short, our server seeds with SQLITE_SYNCHRONOUS=NORMAL and without
 *      the per-connection message limit; it is then stopped.
 *   2. A fresh server process starts on the same data, with production settings.
 *   3. "Cold": a WebsocketProvider on a new Y.Doc connects while the board is not in memory
 *      (the first connection after the restart, and again after every client left and the
 *      room unloaded); "warm": while another client holds the board open.
 *
 * The in-memory reference cannot restart (its history would be gone), so it is measured warm
 * only; the LevelDB reference is restarted and measured cold like ours.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MESSAGE_SAVED, MESSAGE_SYNC } from '@shared/constants';
import { readSavedMessage } from '@shared/protocol/saved';
import { ApiClient } from '../../tests/support/api';
import { forEachTarget, waitForQuiet, withServer, type BenchContext } from '../lib/context';
import { syncUpdateMessage } from '@shared/protocol/messages';
import { FullClient } from '../lib/full-client';
import { buildHistory, type History } from '../lib/history';
import { waitUntil, withTimeout } from '../lib/util';
import { ContentionProbe, type Contention } from '../lib/proc-stats';
import { removeDataDir, startServer, type ServerHandle, type TargetName } from '../lib/servers';
import { percentiles, round, type Percentiles } from '../lib/stats';

export interface ColdLoadOptions {
  updates: number;
  coldReps: number;
  warmReps: number;
}

export function coldLoadOptions(quick: boolean): ColdLoadOptions {
  return quick
    ? { updates: 10_000, coldReps: 2, warmReps: 3 }
    : { updates: 10_000, coldReps: 5, warmReps: 5 };
}

export interface LoadSample {
  /**
   * Connect → the client's document holds the whole stored history. For our server this is
   * the moment the sync step 2 is applied; the LevelDB reference answers the sync at once
   * with whatever it has in memory (an empty document while LevelDB is still being read)
   * and sends the stored content as a later update, so "synced" alone would flatter it.
   */
  ms: number;
  /** Connect → the provider reported synced. */
  syncedMs: number;
  /** Connect → socket open. */
  openMs: number | null;
  /** Connect → the sync message that completed the document arrived (the server's part ends here). */
  serverReplyMs: number | null;
  /** Payload bytes the server sent until the client was synced. */
  bytes: number;
  /** The client's document holds the whole stored history. */
  complete: boolean;
}

export interface ColdLoadTargetResult {
  updatesSent: number;
  seedSeconds: number;
  /** Ours: rows in doc_updates for the board, and whether a snapshot exists. */
  storedRows: number | null;
  snapshotUptoSeq: number | null;
  /** The first connection after a restart (the process's own code is cold too). */
  first: LoadSample | null;
  cold: Percentiles | null;
  /** Connect → sync step 2 arrived, cold: the server's share of a cold load. */
  coldServerReply: Percentiles | null;
  coldSamples: LoadSample[];
  warm: Percentiles;
  warmServerReply: Percentiles;
  warmSamples: LoadSample[];
  bytesSent: number;
  allComplete: boolean;
  historyStateBytes: number;
  /** CPU contention from outside the benchmark while loads were measured. */
  contention: Contention;
  machineBusyBefore: number | null;
}

export interface ColdLoadResult {
  history: { updates: number; cards: number; stateBytes: number };
  /**
   * Yjs's own cost for this board, measured in the generator process: applying the whole
   * state to a new Y.Doc and encoding it again (median of 5 after a warm-up). A cold load
   * pays the apply twice (server and client) and the encode once; no server can go below.
   */
  yjsFloor: { applyMs: number | null; encodeMs: number | null };
  byTarget: Partial<Record<TargetName, ColdLoadTargetResult | { error: string }>>;
}

function yjsFloor(history: History): ColdLoadResult['yjsFloor'] {
  const source = new Y.Doc();
  for (const u of history.updates) Y.applyUpdate(source, u);
  const state = Y.encodeStateAsUpdate(source);
  const apply: number[] = [];
  const encode: number[] = [];
  for (let i = 0; i < 6; i++) {
    const t0 = performance.now();
    const doc = new Y.Doc();
    Y.applyUpdate(doc, state);
    const t1 = performance.now();
    Y.encodeStateAsUpdate(doc);
    const t2 = performance.now();
    doc.destroy();
    if (i === 0) continue; // warm-up
    apply.push(t1 - t0);
    encode.push(t2 - t1);
  }
  source.destroy();
  return { applyMs: percentiles(apply).p50, encodeMs: percentiles(encode).p50 };
}

/** Our rooms unload 2 s after the last connection leaves (room-registry.ts). */
const OUR_UNLOAD_WAIT_MS = 3000;
/** The LevelDB reference destroys a document as soon as its last connection leaves. */
const REFERENCE_UNLOAD_WAIT_MS = 500;

interface BoardAccess {
  serverUrl: (server: ServerHandle) => string;
  room: string;
  params: Record<string, string>;
  /** Raw socket URL. */
  url: (server: ServerHandle) => string;
}

/** Sends the history over one socket and waits until the server confirms having all of it. */
async function seed(server: ServerHandle, access: BoardAccess, history: History): Promise<void> {
  const ws = new WebSocket(access.url(server), { perMessageDeflate: false });
  const saved = new Map<number, number>();
  let syncReplies = 0;
  ws.on('message', (data: Buffer) => {
    if (data[0] === MESSAGE_SAVED) {
      const decoder = decoding.createDecoder(data);
      decoding.readVarUint(decoder);
      for (const [client, clock] of readSavedMessage(decoder)) saved.set(client, clock);
    } else if (data[0] === MESSAGE_SYNC && data[1] === 0) {
      ws.send(Buffer.from([MESSAGE_SYNC, 1, 2, 0, 0])); // empty step 2
    } else if (data[0] === MESSAGE_SYNC && data[1] === 1) {
      syncReplies++;
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const step1 = Buffer.from([MESSAGE_SYNC, 0, 1, 0]); // sync step 1, empty state vector
  ws.send(step1);
  if (!(await waitUntil(() => syncReplies >= 1, 10_000)))
    throw new Error('seeding socket did not sync');
  for (const u of history.updates) ws.send(syncUpdateMessage(u));
  const covered = (): boolean =>
    [...history.stateVector].every(([c, clock]) => (saved.get(c) ?? 0) >= clock);
  if (server.target === 'ours') {
    if (!(await waitUntil(covered, 120_000, 20)))
      throw new Error('the server did not confirm the whole history');
  } else {
    // The reference handles a socket's messages in order: a sync reply after the last update
    // means every update was applied.
    ws.send(step1);
    if (!(await waitUntil(() => syncReplies >= 2, 120_000, 20)))
      throw new Error('no sync reply after seeding');
  }
  await new Promise<void>((resolve) => {
    ws.once('close', () => resolve());
    ws.close();
  });
  if (server.target === 'reference+leveldb') {
    // LevelDB writes are queued behind each other; once the last connection left, a new one
    // reads the document back from LevelDB through the same queue, so a reader that gets the
    // whole history proves every write landed before the process is stopped.
    await new Promise((r) => setTimeout(r, REFERENCE_UNLOAD_WAIT_MS));
    const probe = await loadOnce(server, access, history, 120_000);
    if (!probe.complete) throw new Error('LevelDB did not return the whole history after seeding');
  }
}

/** One fresh provider: connect → synced. */
async function loadOnce(
  server: ServerHandle,
  access: BoardAccess,
  history: History,
  completeTimeoutMs = 10_000,
): Promise<LoadSample> {
  const client = new FullClient({
    serverUrl: access.serverUrl(server),
    room: access.room,
    params: access.params,
    sender: 0,
    author: { id: 'reader', name: 'reader', department: '' },
    onMarker: () => undefined,
  });
  try {
    await withTimeout(client.synced, 30_000, 'fresh client did not sync');
    const syncedMs = performance.now() - client.received.t0;
    const has = (): boolean =>
      [...history.stateVector].every(([c, clock]) => Y.getState(client.doc.store, c) >= clock);
    let completeAt = has() ? performance.now() : null;
    let replyAt = client.received.lastSyncMessageMs;
    if (completeAt === null) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, completeTimeoutMs);
        const onUpdate = (): void => {
          if (!has()) return;
          completeAt = performance.now();
          replyAt = client.received.lastSyncMessageMs;
          clearTimeout(timer);
          client.doc.off('update', onUpdate);
          resolve();
        };
        client.doc.on('update', onUpdate);
      });
    }
    const complete = completeAt !== null;
    const ms = (completeAt ?? performance.now()) - client.received.t0;
    const r = client.received;
    return {
      ms: round(ms),
      syncedMs: round(syncedMs),
      openMs: r.openMs === null ? null : round(r.openMs),
      serverReplyMs: replyAt === null ? null : round(replyAt),
      bytes: r.bytes,
      complete,
    };
  } finally {
    client.destroy();
  }
}

function storedRows(
  dataDir: string,
  boardId: string,
): { rows: number | null; snapshot: number | null } {
  try {
    const db = new Database(path.join(dataDir, 'bantron.sqlite'), {
      readonly: true,
      fileMustExist: true,
    });
    try {
      const rows = db
        .prepare('SELECT COUNT(*) AS n FROM doc_updates WHERE board_id = ?')
        .get(boardId) as { n: number };
      const snap = db
        .prepare('SELECT upto_seq AS s FROM doc_snapshots WHERE board_id = ?')
        .get(boardId) as { s: number } | undefined;
      return { rows: rows.n, snapshot: snap?.s ?? null };
    } finally {
      db.close();
    }
  } catch {
    return { rows: null, snapshot: null };
  }
}

export async function coldLoadFor(
  ctx: BenchContext,
  target: TargetName,
  history: History,
  options: ColdLoadOptions,
): Promise<ColdLoadTargetResult> {
  const restartable = target !== 'reference';
  const seeding = await startServer({
    target,
    placement: ctx.placement,
    ...(target === 'ours'
      ? { env: { SQLITE_SYNCHRONOUS: 'NORMAL', WS_MESSAGES_PER_SECOND: '1000000' } }
      : {}),
  });
  let access: BoardAccess;
  let seedSeconds = 0;
  try {
    if (target === 'ours') {
      const api = new ApiClient(seeding.httpUrl);
      const meeting = await api.createMeeting({ title: 'Tải lạnh', departments: ['Phòng Y tế'] });
      const view = await api.meeting(meeting.id, meeting.facilitatorToken);
      const joined = await api.join({
        joinCode: meeting.joinCode,
        name: 'Người nhập',
        department: 'Phòng Y tế',
      });
      const boardId = view.boards[0]?.id as string;
      const params = { token: joined.token };
      access = {
        serverUrl: (s) => `${s.wsBase}/yjs`,
        room: boardId,
        params,
        url: (s) => `${s.wsBase}/yjs/${boardId}?token=${encodeURIComponent(joined.token)}`,
      };
    } else {
      const room = `cold-${Math.random().toString(36).slice(2, 8)}`;
      access = { serverUrl: (s) => s.wsBase, room, params: {}, url: (s) => `${s.wsBase}/${room}` };
    }
    const t = performance.now();
    await seed(seeding, access, history);
    seedSeconds = round((performance.now() - t) / 1000, 1);
  } catch (err) {
    await seeding.stop();
    removeDataDir(seeding.dataDir);
    throw err;
  }

  const measure = async (
    server: ServerHandle,
  ): Promise<Omit<ColdLoadTargetResult, 'storedRows' | 'snapshotUptoSeq'>> => {
    const quiet = await waitForQuiet(ctx);
    const contention = new ContentionProbe(server.pid);
    const coldSamples: LoadSample[] = [];
    if (restartable) {
      for (let i = 0; i < options.coldReps; i++) {
        if (i > 0)
          await new Promise((r) =>
            setTimeout(r, target === 'ours' ? OUR_UNLOAD_WAIT_MS : REFERENCE_UNLOAD_WAIT_MS),
          );
        coldSamples.push(await loadOnce(server, access, history));
      }
    }
    // Warm: a holder keeps the board loaded while fresh clients come and go.
    const holder = new FullClient({
      serverUrl: access.serverUrl(server),
      room: access.room,
      params: access.params,
      sender: 0,
      author: { id: 'holder', name: 'holder', department: '' },
      onMarker: () => undefined,
    });
    const warmSamples: LoadSample[] = [];
    try {
      await withTimeout(holder.synced, 30_000, 'holder did not sync');
      for (let i = 0; i < options.warmReps; i++)
        warmSamples.push(await loadOnce(server, access, history));
    } finally {
      holder.destroy();
    }
    const all = [...coldSamples, ...warmSamples];
    return {
      updatesSent: history.updates.length,
      seedSeconds,
      first: coldSamples[0] ?? null,
      cold: coldSamples.length > 0 ? percentiles(coldSamples.map((s) => s.ms)) : null,
      coldServerReply:
        coldSamples.length > 0
          ? percentiles(coldSamples.map((s) => s.serverReplyMs ?? s.ms))
          : null,
      coldSamples,
      warm: percentiles(warmSamples.map((s) => s.ms)),
      warmServerReply: percentiles(warmSamples.map((s) => s.serverReplyMs ?? s.ms)),
      warmSamples,
      bytesSent: all[0]?.bytes ?? 0,
      allComplete: all.every((s) => s.complete),
      historyStateBytes: history.stateBytes,
      contention: contention.stop(),
      machineBusyBefore: quiet.busy,
    };
  };

  try {
    if (!restartable) {
      try {
        return { ...(await measure(seeding)), storedRows: null, snapshotUptoSeq: null };
      } finally {
        await seeding.stop();
      }
    }
    await seeding.stop();
    const stored =
      target === 'ours' ? storedRows(seeding.dataDir, access.room) : { rows: null, snapshot: null };
    const measured = await withServer(ctx, target, measure, { dataDir: seeding.dataDir });
    return { ...measured, storedRows: stored.rows, snapshotUptoSeq: stored.snapshot };
  } finally {
    removeDataDir(seeding.dataDir);
  }
}

export async function runColdLoad(
  ctx: BenchContext,
  options = coldLoadOptions(ctx.quick),
): Promise<ColdLoadResult> {
  ctx.log(`scenario 3: cold load of a board with ${options.updates} stored updates`);
  const t = performance.now();
  const history = buildHistory(options.updates);
  ctx.log(
    `  history: ${history.updates.length} updates, ${history.cards} cards, ${Math.round(history.stateBytes / 1024)} KiB as one state` +
      ` (built in ${Math.round(performance.now() - t)} ms)`,
  );
  const floor = yjsFloor(history);
  ctx.log(`  Yjs floor: apply the whole state ${floor.applyMs} ms, encode it ${floor.encodeMs} ms`);
  const byTarget = await forEachTarget(ctx, ctx.targets, async (target) => {
    const r = await coldLoadFor(ctx, target, history, options);
    ctx.log(
      `  ${target.padEnd(18)} cold first ${r.first?.ms ?? '–'} ms, p50 ${r.cold?.p50 ?? '–'} ms; warm p50 ${r.warm.p50} ms;` +
        ` ${Math.round(r.bytesSent / 1024)} KiB sent; complete ${r.allComplete}; seeded in ${r.seedSeconds} s` +
        (r.storedRows !== null
          ? `; ${r.storedRows} rows stored, snapshot at ${r.snapshotUptoSeq}`
          : ''),
    );
    return r;
  });
  return {
    history: {
      updates: history.updates.length,
      cards: history.cards,
      stateBytes: history.stateBytes,
    },
    yjsFloor: floor,
    byTarget,
  };
}
