/**
 * A cold board answers a newcomer from the bytes storage holds, before the room's document
 * is built (problem 5 of docs/performance.md): the first reply does not wait for the Yjs
 * apply, and what the newcomer gets is still exactly what is stored.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_SAVED, MESSAGE_SYNC } from '@shared/constants';
import { addCard, allCards, initSwotDoc } from '@shared/doc/swot-board';
import type { Logger } from '../../logger';
import { SqliteStorage } from '../../storage/sqlite/sqlite-storage';
import { boardPolicy } from './board-policy';
import type { RoomConnection } from './room-connection';
import { RoomRegistry } from './room-registry';

const silent: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
} as unknown as Logger;

interface Received {
  subtype: number | 'saved';
  payload: Uint8Array;
}

interface Recorder extends RoomConnection {
  received: Received[];
}

function connection(id: string): Recorder {
  const conn: Recorder = {
    id,
    participantId: `p-${id}`,
    received: [],
    canWrite: () => true,
    send(message) {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SAVED) conn.received.push({ subtype: 'saved', payload: message });
      if (type !== MESSAGE_SYNC) return;
      const subtype = decoding.readVarUint(decoder);
      conn.received.push({ subtype, payload: decoding.readVarUint8Array(decoder) });
    },
    close() {},
  };
  return conn;
}

function step1(stateVector: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint8Array(e, stateVector);
  return encoding.toUint8Array(e);
}

/** The document a client builds from what it received (sync step 2 and updates). */
function clientView(conn: Recorder): Y.Doc {
  const doc = new Y.Doc();
  for (const m of conn.received)
    if (m.subtype === 1 || m.subtype === 2) Y.applyUpdate(doc, m.payload);
  return doc;
}

const texts = (doc: Y.Doc): string[] =>
  allCards(doc)
    .map((c) => c.text)
    .sort();

/** A board's edits, one stored row each: the header, then a card per text. */
function session(textsToAdd: string[]): Uint8Array[] {
  const doc = new Y.Doc();
  const rows: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => rows.push(u));
  initSwotDoc(doc);
  for (const text of textsToAdd) {
    addCard(doc, { quadrant: 'strengths', text, author: { id: 'a', name: 'A', department: 'D' } });
  }
  return rows;
}

describe('a cold board', () => {
  let storage: SqliteStorage;
  let rooms: RoomRegistry;

  beforeEach(() => {
    storage = new SqliteStorage({ file: ':memory:' });
    rooms = new RoomRegistry({
      store: storage,
      log: silent,
      snapshotEvery: 500,
      // Only a request may start the build here: a slow machine must not let the fallback
      // timer build the board while a test waits for turns to pass.
      buildAtLatestMs: 60_000,
      policyFor: () =>
        Promise.resolve(boardPolicy('swot', { cardTextMax: 200, cardsPerBoardMax: 200 })),
    });
  });
  afterEach(async () => {
    await rooms.closeAll(1012, 'test over');
    await storage.close();
  });

  /** Stores `rows`, with a snapshot of the first `snapshotAfter` of them. */
  async function store(rows: Uint8Array[], snapshotAfter: number): Promise<void> {
    const seqs: number[] = [];
    for (const row of rows) seqs.push(await storage.appendUpdate('b-1', row, 'p-a', 1));
    if (snapshotAfter > 0) {
      const doc = new Y.Doc();
      for (const row of rows.slice(0, snapshotAfter)) Y.applyUpdate(doc, row);
      await storage.saveSnapshot('b-1', Y.encodeStateAsUpdate(doc), seqs[snapshotAfter - 1]!);
    }
  }

  it('answers a newcomer that has nothing from the stored snapshot, before building the board', async () => {
    const rows = session(['một', 'hai', 'ba', 'bốn']);
    await store(rows, rows.length);
    const stored = await storage.loadDocument('b-1');
    const room = await rooms.acquire('b-1');
    const conn = connection('a');
    room.addConnection(conn);
    room.handleMessage(conn, step1(Y.encodeStateVector(new Y.Doc())));
    // Answered at once, in this turn of the event loop, with one sync step 2 holding the whole
    // board: the snapshot exactly as stored.
    expect(conn.received.map((m) => m.subtype)).toEqual([1]);
    expect(conn.received[0]!.payload).toEqual(stored.snapshot);
    expect(texts(clientView(conn))).toEqual(['ba', 'bốn', 'hai', 'một']);
    await room.drain();
    // Then, once the board is built, the room's own step 1 (its state, so the client sends
    // what the server lacks) and the "saved" that covers what it has.
    expect(conn.received.map((m) => m.subtype)).toEqual([1, 0, 'saved']);
    expect(await room.read(texts)).toEqual(['ba', 'bốn', 'hai', 'một']);
  });

  it('still answers from storage when the request comes turns after the socket joined', async () => {
    // A real client sends its request a round trip after its socket opened: by then the room
    // must not have started building (the event loop would be busy with it).
    const rows = session(['một', 'hai']);
    await store(rows, rows.length);
    const stored = await storage.loadDocument('b-1');
    const room = await rooms.acquire('b-1');
    const conn = connection('a');
    room.addConnection(conn);
    for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(conn.received).toEqual([]);
    room.handleMessage(conn, step1(Y.encodeStateVector(new Y.Doc())));
    expect(conn.received.map((m) => m.subtype)).toEqual([1]);
    expect(conn.received[0]!.payload).toEqual(stored.snapshot);
    expect(texts(clientView(conn))).toEqual(['hai', 'một']);
    await room.drain();
    expect(await room.read(texts)).toEqual(['hai', 'một']);
  });

  it('answers from the built board, in one sync step 2, when rows follow the snapshot', async () => {
    // Sending the snapshot and then the rows would let the client count itself synced before
    // the rows arrive; merging them costs about what building does.
    const rows = session(['một', 'hai', 'ba']);
    await store(rows, 2);
    const room = await rooms.acquire('b-1');
    const conn = connection('a');
    room.addConnection(conn);
    room.handleMessage(conn, step1(Y.encodeStateVector(new Y.Doc())));
    expect(conn.received).toEqual([]);
    await room.drain();
    const steps = conn.received.filter((m) => m.subtype === 1);
    expect(steps).toHaveLength(1);
    expect(conn.received.filter((m) => m.subtype === 2)).toEqual([]);
    expect(texts(clientView(conn))).toEqual(['ba', 'hai', 'một']);
  });

  it('answers a newcomer that already holds part of the board once the board is built', async () => {
    const rows = session(['một', 'hai']);
    await store(rows, 2);
    const partial = new Y.Doc();
    Y.applyUpdate(partial, rows[0]!);
    const room = await rooms.acquire('b-1');
    const conn = connection('a');
    room.addConnection(conn);
    room.handleMessage(conn, step1(Y.encodeStateVector(partial)));
    expect(conn.received).toEqual([]);
    await room.drain();
    for (const m of conn.received) if (m.subtype === 1) Y.applyUpdate(partial, m.payload);
    expect(texts(partial)).toEqual(['hai', 'một']);
  });

  it('falls back to the built board when a stored row cannot be read', async () => {
    const rows = session(['một', 'hai', 'ba']);
    rows[2] = new Uint8Array([1, 2, 3]); // "hai" is damaged
    await store(rows, 0);
    const room = await rooms.acquire('b-1');
    const conn = connection('a');
    room.addConnection(conn);
    room.handleMessage(conn, step1(Y.encodeStateVector(new Y.Doc())));
    expect(conn.received).toEqual([]);
    await room.drain();
    expect(texts(clientView(conn))).toEqual(['ba', 'một']);
  });

  it('sends the built board to a newcomer answered from a history with holes', async () => {
    const rows = session(['một', 'hai', 'ba']);
    rows.splice(2, 1); // the row of "hai" never reached storage; "ba" depends on it
    await store(rows, 0);
    const room = await rooms.acquire('b-1');
    const conn = connection('a');
    room.addConnection(conn);
    room.handleMessage(conn, step1(Y.encodeStateVector(new Y.Doc())));
    expect(conn.received.map((m) => m.subtype)).toEqual([1]);
    // What storage holds cannot be integrated on its own: "ba" waits for the lost row.
    expect(clientView(conn).store.pendingStructs).not.toBeNull();
    await room.drain();
    const client = clientView(conn);
    expect(client.store.pendingStructs).toBeNull();
    expect(texts(client)).toEqual(await room.read(texts));
    expect(texts(client)).toContain('ba');
  });
});
