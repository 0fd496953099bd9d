import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_SAVED, MESSAGE_SYNC } from '@shared/constants';
import { addCard, allCards, initSwotDoc } from '@shared/doc/swot-board';
import type { Logger } from '../../logger';
import { SqliteStorage } from '../../storage/sqlite/sqlite-storage';
import type { NewUpdate } from '../../storage/update-log-store';
import type { RoomConnection } from './room-connection';
import { boardPolicy } from './board-policy';
import { RoomRegistry } from './room-registry';
import type { RelayedUpdate, RoomRelay, RoomRelayHandlers } from './room-relay';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Counts the transactions the room asks for. */
class CountingStorage extends SqliteStorage {
  readonly batches: number[] = [];
  override async appendUpdates(boardId: string, rows: readonly NewUpdate[]) {
    this.batches.push(rows.length);
    return super.appendUpdates(boardId, rows);
  }
}

interface Recorder extends RoomConnection {
  updates: Uint8Array[];
  saved: number;
}

function connection(id: string, participantId: string): Recorder {
  const conn: Recorder = {
    id,
    participantId,
    updates: [],
    saved: 0,
    canWrite: () => true,
    send(message) {
      const decoder = decoding.createDecoder(message);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SAVED) conn.saved++;
      if (type !== MESSAGE_SYNC || decoding.readVarUint(decoder) !== 2) return;
      conn.updates.push(decoding.readVarUint8Array(decoder));
    },
    close() {},
  };
  return conn;
}

function updateMessage(update: Uint8Array): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, MESSAGE_SYNC);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, update);
  return encoding.toUint8Array(e);
}

/** A client's document, synced with the stored header, that makes one card per call. */
function clientDoc(header: Uint8Array): { card(text: string): Uint8Array } {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, header);
  return {
    card(text) {
      const before = Y.encodeStateVector(doc);
      addCard(doc, {
        quadrant: 'strengths',
        text,
        author: { id: 'p', name: 'P', department: 'Phòng Y tế' },
      });
      return Y.encodeStateAsUpdate(doc, before);
    },
  };
}

/** A relay that records what the room publishes and lets the test deliver messages. */
function fakeRelay(): RoomRelay & { published: RelayedUpdate[]; deliver: RoomRelayHandlers[] } {
  const published: RelayedUpdate[] = [];
  const deliver: RoomRelayHandlers[] = [];
  return {
    shared: true,
    published,
    deliver,
    join(_boardId, handlers) {
      deliver.push(handlers);
      return {
        publishUpdate: (m) => published.push(m),
        publishAwareness: () => {},
        close: () => {},
      };
    },
    onResync: () => {},
  };
}

describe('group commit and the single write path', () => {
  let storage: CountingStorage;
  let header: Uint8Array;

  beforeEach(async () => {
    storage = new CountingStorage({ file: ':memory:' });
    const doc = new Y.Doc();
    initSwotDoc(doc);
    header = Y.encodeStateAsUpdate(doc);
    await storage.appendUpdate('b-1', header, null, 1);
  });
  afterEach(async () => {
    await storage.close();
  });

  it('stores every update that arrived in one turn of the event loop in one transaction, relays and acknowledges after it', async () => {
    const rooms = new RoomRegistry({
      store: storage,
      log: silent,
      snapshotEvery: 500,
      policyFor: () =>
        Promise.resolve(boardPolicy('swot', { cardTextMax: 200, cardsPerBoardMax: 200 })),
    });
    const room = await rooms.acquire('b-1');
    const writers = [connection('a', 'p-a'), connection('b', 'p-b'), connection('c', 'p-c')];
    const reader = connection('r', 'p-r');
    for (const c of [...writers, reader]) room.addConnection(c);
    const clients = writers.map(() => clientDoc(header));
    for (let round = 0; round < 4; round++) {
      writers.forEach((w, i) => room.handleMessage(w, updateMessage(clients[i]!.card(`${round}`))));
    }
    // Nothing is relayed before it is stored.
    expect(reader.updates).toHaveLength(0);
    await room.drain();
    expect(storage.batches).toEqual([12]);
    // The batch goes out as one merged frame per connection, holding all twelve cards.
    const cardsIn = (updates: Uint8Array[]): number => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, header);
      for (const u of updates) Y.applyUpdate(doc, u);
      return allCards(doc).length;
    };
    expect(reader.updates).toHaveLength(1);
    expect(cardsIn(reader.updates)).toBe(12);
    for (const w of writers) {
      expect(w.updates).toHaveLength(1);
      expect(cardsIn(w.updates)).toBe(12);
      expect(w.saved).toBeGreaterThan(0);
    }
    const stored = await storage.listUpdates('b-1');
    expect(
      stored
        .map((r) => r.participantId)
        .slice(1)
        .sort(),
    ).toEqual([...Array(4).fill('p-a'), ...Array(4).fill('p-b'), ...Array(4).fill('p-c')].sort());
    await rooms.closeAll(1012, 'test over');
  });

  it('applies and relays what another instance stored without storing it, and catches up on missed rows', async () => {
    const relay = fakeRelay();
    const rooms = new RoomRegistry({
      store: storage,
      log: silent,
      snapshotEvery: 500,
      policyFor: () =>
        Promise.resolve(boardPolicy('swot', { cardTextMax: 200, cardsPerBoardMax: 200 })),
      relay,
      catchUpEveryMs: 3_600_000,
    });
    const room = await rooms.acquire('b-1');
    const reader = connection('r', 'p-r');
    room.addConnection(reader);
    await room.drain();
    const other = clientDoc(header);

    // Another instance stores a card and relays it: applied here, not stored again.
    const first = other.card('từ máy chủ khác');
    const a = await storage.appendUpdates('b-1', [
      { update: first, participantId: 'p-x', createdAt: 2 },
    ]);
    relay.deliver[0]!.update({ update: first, prevSeq: a.prevSeq, lastSeq: a.seqs[0]! });
    await room.drain();
    expect(storage.batches).toEqual([1]);
    expect(reader.updates).toHaveLength(1);

    // Its next message is lost; the one after reveals the gap and the room reads storage.
    const lost = other.card('mất trên đường');
    await storage.appendUpdates('b-1', [{ update: lost, participantId: 'p-x', createdAt: 3 }]);
    const third = other.card('thứ ba');
    const c = await storage.appendUpdates('b-1', [
      { update: third, participantId: 'p-x', createdAt: 4 },
    ]);
    relay.deliver[0]!.update({ update: third, prevSeq: c.prevSeq, lastSeq: c.seqs[0]! });
    await room.drain();
    const texts = await room.read((doc) =>
      allCards(doc)
        .map((card) => card.text)
        .sort(),
    );
    expect(texts).toEqual(['mất trên đường', 'thứ ba', 'từ máy chủ khác']);
    expect(storage.batches).toEqual([1, 1, 1]);
    expect(relay.published).toHaveLength(0);

    // Its own client's update is stored once and published after the write.
    const mine = clientDoc(header);
    const writer = connection('w', 'p-w');
    room.addConnection(writer);
    await room.drain();
    room.handleMessage(writer, updateMessage(mine.card('của tôi')));
    await room.drain();
    expect(storage.batches).toEqual([1, 1, 1, 1]);
    expect(relay.published).toHaveLength(1);
    expect(relay.published[0]!.prevSeq).toBe(c.seqs[0]);
    await rooms.closeAll(1012, 'test over');
  });
});
