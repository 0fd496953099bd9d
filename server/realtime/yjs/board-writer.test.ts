import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_SYNC } from '@shared/constants';
import { addCard, allCards, initSwotDoc } from '@shared/doc/swot-board';
import type { Logger } from '../../logger';
import { SqliteStorage } from '../../storage/sqlite/sqlite-storage';
import { boardPolicy } from './board-policy';
import { BoardWriter } from './board-writer';
import type { RoomConnection } from './room-connection';
import { RoomRegistry } from './room-registry';

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const author = { id: 'p-1', name: 'Lan', department: 'Phòng Y tế' };

/** A connection that records the sync updates the room sends it. */
function recordingConnection(): RoomConnection & { updates: Uint8Array[] } {
  const updates: Uint8Array[] = [];
  return {
    id: 'c-1',
    participantId: 'p-2',
    updates,
    canWrite: () => true,
    send(message) {
      const decoder = decoding.createDecoder(message);
      if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) return;
      if (decoding.readVarUint(decoder) !== 2) return; // sync "update"
      updates.push(decoding.readVarUint8Array(decoder));
    },
    close() {},
  };
}

describe('BoardWriter: the server-side write path', () => {
  let storage: SqliteStorage;
  let rooms: RoomRegistry;
  let writer: BoardWriter;

  beforeEach(async () => {
    storage = new SqliteStorage({ file: ':memory:' });
    const header = new Y.Doc();
    initSwotDoc(header);
    await storage.appendUpdate('b-1', Y.encodeStateAsUpdate(header), null, 1);
    rooms = new RoomRegistry({
      store: storage,
      log: silent,
      snapshotEvery: 500,
      policyFor: () =>
        Promise.resolve(boardPolicy('swot', { cardTextMax: 20, cardsPerBoardMax: 2 })),
      unloadAfterMs: 0,
    });
    writer = new BoardWriter(rooms);
  });
  afterEach(async () => {
    await rooms.closeAll(1012, 'test over');
    await storage.close();
  });

  it('stores the change with the actor as its author and relays it to open connections', async () => {
    const conn = recordingConnection();
    const room = await rooms.acquire('b-1');
    room.addConnection(conn);

    const changed = await writer.write('b-1', 'p-facilitator', (doc) => {
      addCard(doc, { quadrant: 'threats', text: 'Lũ quét', author });
    });

    expect(changed).toBe(true);
    const history = await storage.listUpdates('b-1');
    expect(history.at(-1)?.participantId).toBe('p-facilitator');
    // The connection received exactly that stored update.
    expect(conn.updates).toHaveLength(1);
    const replica = new Y.Doc();
    for (const row of history) Y.applyUpdate(replica, row.update);
    expect(
      allCards(replica)
        .filter((c) => !c.deleted)
        .map((c) => c.text),
    ).toEqual(['Lũ quét']);
    const relayed = new Y.Doc();
    for (const row of history.slice(0, -1)) Y.applyUpdate(relayed, row.update);
    Y.applyUpdate(relayed, conn.updates[0]!);
    expect(
      allCards(relayed)
        .filter((c) => !c.deleted)
        .map((c) => c.text),
    ).toEqual(['Lũ quét']);
    room.removeConnection(conn);
  });

  it('writes to a board nobody has open, and the write survives reloading it', async () => {
    await writer.write('b-1', 'p-facilitator', (doc) => {
      addCard(doc, { quadrant: 'strengths', text: 'Đất rộng', author });
    });
    const text = await writer.read('b-1', (doc) =>
      allCards(doc)
        .filter((c) => !c.deleted)
        .map((c) => c.text),
    );
    expect(text).toEqual(['Đất rộng']);
    const stored = await storage.loadDocument('b-1');
    const replica = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(replica, stored.snapshot);
    for (const row of stored.updates) Y.applyUpdate(replica, row.update);
    expect(
      allCards(replica)
        .filter((c) => !c.deleted)
        .map((c) => c.text),
    ).toEqual(['Đất rộng']);
  });

  it('a change that throws writes nothing and leaves the room working', async () => {
    const before = (await storage.listUpdates('b-1')).length;
    await expect(
      writer.write('b-1', 'p-facilitator', (doc) => {
        addCard(doc, { quadrant: 'strengths', text: 'half', author });
        throw new Error('bad import');
      }),
    ).rejects.toThrow('bad import');
    expect(await storage.listUpdates('b-1')).toHaveLength(before);
    await writer.write('b-1', 'p-facilitator', (doc) => {
      addCard(doc, { quadrant: 'strengths', text: 'ok', author });
    });
    expect(
      await writer.read('b-1', (doc) =>
        allCards(doc)
          .filter((c) => !c.deleted)
          .map((c) => c.text),
      ),
    ).toEqual(['ok']);
  });

  it('a change that does nothing stores nothing', async () => {
    const before = (await storage.listUpdates('b-1')).length;
    expect(await writer.write('b-1', 'p-facilitator', () => {})).toBe(false);
    expect(await storage.listUpdates('b-1')).toHaveLength(before);
  });

  it("the board's limits hold for the server's writes too", async () => {
    await writer.write('b-1', 'p-facilitator', (doc) => {
      for (let i = 0; i < 3; i++)
        addCard(doc, { quadrant: 'strengths', text: `card ${i} ${'x'.repeat(30)}`, author });
    });
    const cards = await writer.read('b-1', (doc) => allCards(doc).filter((c) => !c.deleted));
    expect(cards).toHaveLength(2);
    for (const card of cards) expect(card.text.length).toBeLessThanOrEqual(20);
  });

  it('marks its writes as server writes, unlike a client’s update (issue 11)', async () => {
    const conn = recordingConnection();
    const room = await rooms.acquire('b-1');
    room.addConnection(conn);
    await writer.write('b-1', 'p-fac', (doc) => {
      addCard(doc, { quadrant: 'threats', author, text: 'revealed' });
    });
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(room.doc));
    const before = Y.encodeStateVector(client);
    addCard(client, { quadrant: 'strengths', author, text: 'typed' });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, 2);
    encoding.writeVarUint8Array(encoder, Y.encodeStateAsUpdate(client, before));
    room.handleMessage(conn, encoding.toUint8Array(encoder));
    await room.drain();
    const rows = await storage.listUpdates('b-1');
    expect(rows.map((r) => [r.participantId, r.serverWrite])).toEqual([
      [null, true],
      ['p-fac', true],
      ['p-2', false],
    ]);
    room.removeConnection(conn);
  });
});
