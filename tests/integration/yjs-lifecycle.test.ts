/**
 * What docs/api.md, docs/security.md and ARCHITECTURE.md promise about the life of a Yjs
 * connection and of a loaded board, on real server processes with real y-websocket clients
 * (and bare TCP where a library would behave too well):
 * - the cap of 64 messages held before authentication (close 4429);
 * - the heartbeat: a connection that does not answer pings is dropped, one that does stays;
 * - a role change closes with 4000, the client reconnects by itself with its new rights;
 * - a failed write closes the room's connections with 1011, and the clients' resend after
 *   storage recovers loses nothing;
 * - a board that unloads writes a snapshot; a snapshot that cannot be read falls back to the
 *   full log.
 */
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC_STATUS } from '@shared/constants';
import { addCard, allCards, boardView } from '@shared/doc/swot-board';
import { meetingWithParticipants } from '../support/api';
import { useBoardFixture } from '../support/board-fixture';
import { maskedFrame, openRawFrameSocket } from '../support/raw-frames';
import { parseLogLines } from '../support/server-logs';
import { connectSocket } from '../support/socket-client';
import {
  damageSnapshot,
  loadStoredBoard,
  refuseUpdateRows,
  storedSnapshot,
  storedUpdates,
} from '../support/stored-board';
import { waitFor } from '../support/wait-for';
import type { TestDocClient } from '../support/yjs-client';

/** Guards against a hang only. */
const CAP_MS = 20_000;

const fx = useBoardFixture();

const author = (participantId: string) => ({
  id: participantId,
  name: 'Chị Lan',
  department: 'Phòng Y tế',
});
const texts = (c: TestDocClient): string[] =>
  allCards(c.doc)
    .map((card) => card.text)
    .sort();

describe('before authentication', () => {
  it('64 messages are held and answered; a 65th closes the connection with 4429', async () => {
    const server = await fx.start();
    const { view, participants } = await meetingWithParticipants(fx.api, 1);
    const path = `/yjs/${view.boards[0]!.id}?token=${encodeURIComponent(participants[0]!.token)}`;
    const queries = (n: number): Buffer =>
      Buffer.concat(
        Array.from({ length: n }, () => maskedFrame(0x82, Buffer.from([MESSAGE_QUERY_AWARENESS]))),
      );

    // All sent with the upgrade request, so they arrive before the token is checked.
    const held = await openRawFrameSocket(server.port, path, queries(64));
    try {
      // The server's sync step 1, then one awareness answer per held query.
      await waitFor(() => expect(held.opcodes.filter((o) => o === 2).length).toBe(65), {
        timeout: CAP_MS,
      });
      expect(held.closeCode()).toBeNull();
    } finally {
      held.destroy();
    }

    const over = await openRawFrameSocket(server.port, path, queries(65));
    try {
      await waitFor(() => expect(over.closeCode()).toBe(4429), { timeout: CAP_MS });
      // Nothing was answered: the connection never reached its board.
      expect(over.opcodes.filter((o) => o === 2)).toEqual([]);
    } finally {
      over.destroy();
    }
  });
});

describe('the heartbeat', () => {
  it('drops a connection that does not answer pings and keeps one that does', async () => {
    const server = await fx.start({ env: { WS_HEARTBEAT_MS: '200' } });
    const { view, participants } = await meetingWithParticipants(fx.api, 1);
    const boardId = view.boards[0]!.id;
    const token = participants[0]!.token;
    const alive = fx.open(boardId, token);
    let pingsAnswered = 0;
    await alive.waitSynced();
    const ws = alive.provider.ws as unknown as { on(event: 'ping', f: () => void): void } | null;
    ws?.on('ping', () => pingsAnswered++);

    // A bare TCP socket answers nothing: no pong.
    const silent = await openRawFrameSocket(
      server.port,
      `/yjs/${boardId}?token=${encodeURIComponent(token)}`,
    );
    await waitFor(() => expect(silent.opcodes).toContain(9), { timeout: CAP_MS });
    await Promise.race([
      silent.ended,
      new Promise((_, reject) =>
        setTimeout(() => reject(new Error('silent socket still open')), CAP_MS),
      ),
    ]);

    // The well-behaved client answered several pings (the ws library pongs) and is still there.
    await waitFor(() => expect(pingsAnswered).toBeGreaterThanOrEqual(3), { timeout: CAP_MS });
    expect(alive.closes).toEqual([]);
    expect(alive.provider.wsconnected).toBe(true);
  });
});

describe('a role change', () => {
  it('closes the Yjs connection with 4000; the client reconnects by itself with its new rights', async () => {
    await fx.start();
    const { created, view, participants } = await meetingWithParticipants(fx.api, 1);
    const boardId = view.boards[0]!.id;
    const person = participants[0]!;
    const watcher = fx.open(boardId, created.facilitatorToken);
    const client = fx.open(boardId, person.token);
    const statuses: number[] = [];
    client.provider.messageHandlers[MESSAGE_SYNC_STATUS] = (
      _encoder,
      decoder: decoding.Decoder,
    ) => {
      statuses.push(decoding.readVarUint(decoder));
    };
    await Promise.all([watcher.waitSynced(), client.waitSynced()]);

    // A locked board: the participant's card is refused (sync status 0) and reaches nobody.
    const facilitator = connectSocket(fx.server.url, created.facilitatorToken);
    try {
      await waitFor(() => expect(facilitator.state).not.toBeNull());
      expect(
        await facilitator.socket
          .timeout(CAP_MS)
          .emitWithAck('board:lock', { boardId, locked: true }),
      ).toEqual({ ok: true });
    } finally {
      facilitator.close();
    }
    await waitFor(async () =>
      expect((await fx.api.meeting(created.id, person.token)).boards[0]!.locked).toBe(true),
    );
    addCard(client.doc, {
      quadrant: 'strengths',
      author: author(person.participantId),
      text: 'trước khi được giao quyền',
    });
    await waitFor(() => expect(statuses).toContain(0), { timeout: CAP_MS });
    expect(texts(watcher)).toEqual([]);

    // Promoted: the open connection is closed with 4000 and comes back as a facilitator's,
    // which may write to the locked board; the refused card now goes through.
    const res = await fx.api.request(
      'PATCH',
      `/api/meetings/${created.id}/participants/${person.participantId}`,
      { role: 'facilitator' },
      created.facilitatorToken,
    );
    expect(res.status).toBe(200);
    await waitFor(() => expect(client.closes.map((c) => c.code)).toContain(4000), {
      timeout: CAP_MS,
    });
    await client.waitSaved(CAP_MS);
    await waitFor(() => expect(texts(watcher)).toEqual(['trước khi được giao quyền']), {
      timeout: CAP_MS,
    });
    expect(client.closes.map((c) => c.code)).toEqual([4000]);
  });
});

describe('a storage failure', () => {
  it('closes the room with 1011; once storage works again the clients resend and nothing is lost', async () => {
    const { dataDir } = await fx.start();
    const { view, participants } = await meetingWithParticipants(fx.api, 2);
    const boardId = view.boards[0]!.id;
    const [pa, pb] = participants as [(typeof participants)[0], (typeof participants)[0]];
    const a = fx.open(boardId, pa.token);
    const b = fx.open(boardId, pb.token);
    await Promise.all([a.waitSynced(), b.waitSynced()]);
    addCard(a.doc, { quadrant: 'strengths', author: author(pa.participantId), text: 'đã lưu' });
    await a.waitSaved();

    // The disk "fills up": every new row of the update log is refused by the database itself.
    refuseUpdateRows(dataDir, true);
    try {
      addCard(a.doc, {
        quadrant: 'threats',
        author: author(pa.participantId),
        text: 'khi đĩa đầy',
      });
      addCard(b.doc, {
        quadrant: 'weaknesses',
        author: author(pb.participantId),
        text: 'cũng khi đĩa đầy',
      });
      await waitFor(
        () => {
          expect(a.closes.map((c) => c.code)).toContain(1011);
          expect(b.closes.map((c) => c.code)).toContain(1011);
        },
        { timeout: CAP_MS },
      );
      expect(a.saved.pending()).toBeGreaterThan(0);
      expect(loadStoredBoard(dataDir, boardId).getMap('cards').size).toBe(1);
    } finally {
      refuseUpdateRows(dataDir, false);
    }

    // Storage is back: the clients reconnect by themselves and resend what was not stored.
    await Promise.all([a.waitSaved(CAP_MS), b.waitSaved(CAP_MS)]);
    const want = ['cũng khi đĩa đầy', 'khi đĩa đầy', 'đã lưu'].sort();
    await waitFor(() => {
      expect(texts(a)).toEqual(want);
      expect(texts(b)).toEqual(want);
    });
    const stored = loadStoredBoard(dataDir, boardId);
    expect(
      allCards(stored)
        .map((c) => c.text)
        .sort(),
    ).toEqual(want);
    stored.destroy();
    expect(
      parseLogLines(fx.server.logs()).some(
        (l) => l.msg === 'room failed; closing its connections so clients resync',
      ),
    ).toBe(true);
  });
});

describe('snapshots', () => {
  it('a board that unloads writes a snapshot; an unreadable snapshot falls back to the full log', async () => {
    const { dataDir } = await fx.start();
    const { view, participants } = await meetingWithParticipants(fx.api, 1);
    const boardId = view.boards[0]!.id;
    const p = participants[0]!;
    const writer = fx.open(boardId, p.token);
    await writer.waitSynced();
    for (let i = 0; i < 5; i++)
      addCard(writer.doc, {
        quadrant: 'opportunities',
        author: author(p.participantId),
        text: `thẻ ${i}`,
      });
    await writer.waitSaved();
    const want = boardView(writer.doc);
    // Far fewer updates than SNAPSHOT_EVERY: no snapshot while the board is open.
    expect(storedSnapshot(dataDir, boardId)).toBeNull();

    // The last connection leaves; the room unloads a little later and writes its snapshot.
    fx.closeClients();
    await waitFor(() => expect(storedSnapshot(dataDir, boardId)).not.toBeNull(), {
      timeout: CAP_MS,
    });
    const snapshot = storedSnapshot(dataDir, boardId)!;
    expect(snapshot.uptoSeq).toBe(storedUpdates(dataDir, boardId).at(-1)!.seq);
    const fromSnapshot = new Y.Doc();
    Y.applyUpdate(fromSnapshot, snapshot.data);
    expect(boardView(fromSnapshot)).toEqual(want);
    fromSnapshot.destroy();

    // The snapshot is damaged while the server is down: the board loads from the full log.
    await fx.stop('SIGKILL');
    damageSnapshot(dataDir, boardId);
    const server = await fx.restart();
    const fresh = fx.open(boardId, p.token);
    await fresh.waitSynced(CAP_MS);
    expect(boardView(fresh.doc)).toEqual(want);
    expect(
      parseLogLines(server.logs())
        .filter((l) => l.msg === 'snapshot unreadable; loading from the full log')
        .map((l) => l.boardId),
    ).toEqual([boardId]);
  });
});
