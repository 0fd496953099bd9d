/**
 * The browser's y-websocket provider (client/src/boards/batched-websocket.ts) against a real
 * server process: the updates of one task go up as one message, in the next task, and an
 * update made while the socket is closed arrives with the next connection.
 */
import { expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { BatchedWebsocketProvider } from '@client/boards/batched-websocket';
import { addCard, allCards } from '@shared/doc/swot-board';
import { meetingWithParticipants } from '../support/api';
import { useBoardFixture } from '../support/board-fixture';
import { storedUpdates } from '../support/stored-board';
import { waitFor } from '../support/wait-for';

const fx = useBoardFixture();

it('sends the edits of one task as one stored update, and what was made offline after it reconnects', async () => {
  const { dataDir } = await fx.start();
  const { view, participants } = await meetingWithParticipants(fx.api, 2);
  const boardId = view.boards[0]!.id;
  const [writer, watcher] = participants as [(typeof participants)[0], (typeof participants)[0]];
  const author = { id: writer.participantId, name: 'Đại biểu 1', department: view.departments[0]! };

  const doc = new Y.Doc();
  const provider = new BatchedWebsocketProvider(`${fx.server.wsUrl}/yjs`, boardId, doc, {
    params: { token: writer.token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  try {
    const reader = fx.open(boardId, watcher.token);
    await Promise.all([reader.waitSynced(), waitFor(() => expect(provider.synced).toBe(true))]);
    const before = storedUpdates(dataDir, boardId).length;

    // Three transactions in one task: y-websocket would send (and the server store) three.
    const ids = [1, 2, 3].map((n) =>
      addCard(doc, { quadrant: 'strengths', author, text: `Ý kiến ${n}` }),
    );
    await waitFor(() =>
      expect(
        allCards(reader.doc)
          .map((c) => c.id)
          .sort(),
      ).toEqual([...ids].sort()),
    );
    // The server stores before it relays: the reader having them means they are stored.
    expect(storedUpdates(dataDir, boardId)).toHaveLength(before + 1);

    // Made while the socket is closed: the queued message is dropped, the sync exchange of
    // the next connection carries the edit.
    provider.disconnect();
    const offline = addCard(doc, { quadrant: 'threats', author, text: 'Ngoại tuyến' });
    provider.flush();
    provider.connect();
    await waitFor(() => expect(allCards(reader.doc).map((c) => c.id)).toContain(offline));
  } finally {
    provider.destroy();
    doc.destroy();
  }
});
