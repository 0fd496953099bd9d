/**
 * Bad input on the Yjs endpoint closes only the offending connection, and read-only
 * connections cannot change a board. Raw `ws` sockets, not the app's client code.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { MESSAGE_SYNC } from '@shared/constants';
import { addCard, boardView } from '@shared/doc/swot-board';
import { ApiClient, meetingWithParticipants } from '../support/api';
import { syncUpdateMessage } from '@shared/protocol/messages';
import { cardUpdate, openRawYjs } from '../support/raw-yjs';
import { startServer, type ServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait-for';
import { connectDoc } from '../support/yjs-client';

let server: ServerProcess;
let api: ApiClient;
beforeAll(async () => {
  server = await startServer();
  api = new ApiClient(server.url);
});
afterAll(async () => {
  await server.kill();
});

describe('hostile and read-only input on the Yjs endpoint', () => {
  it('a malformed message closes only that connection; a bystander keeps editing', async () => {
    const { view, participants } = await meetingWithParticipants(api, 2);
    const boardId = view.boards[0]!.id;
    const bystander = connectDoc(server.wsUrl, boardId, participants[0]!.token);
    const watcher = connectDoc(server.wsUrl, boardId, participants[1]!.token);
    try {
      await Promise.all([bystander.waitSynced(), watcher.waitSynced()]);
      const garbage = [
        new Uint8Array([]),
        new Uint8Array([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
        new Uint8Array([MESSAGE_SYNC, 2, 200, 1, 2, 3]),
        new Uint8Array([MESSAGE_SYNC, 9]),
        new Uint8Array([77]),
      ];
      for (const bytes of garbage) {
        const { ws, closed } = await openRawYjs(server.wsUrl, boardId, participants[0]!.token);
        ws.send(bytes);
        expect(await closed).toBe(4400);
      }
      addCard(bystander.doc, {
        quadrant: 'strengths',
        author: { id: participants[0]!.participantId, name: 'A', department: 'Phòng Y tế' },
        text: 'vẫn sống',
      });
      await waitFor(() =>
        expect(boardView(watcher.doc).strengths.map((c) => c.text)).toEqual(['vẫn sống']),
      );
      expect(bystander.closes).toEqual([]);
    } finally {
      bystander.destroy();
      watcher.destroy();
    }
  });

  it("an observer's update is dropped: nobody sees it and it is not stored", async () => {
    const { created, view, participants } = await meetingWithParticipants(api, 1);
    const boardId = view.boards[0]!.id;
    const watcher = connectDoc(server.wsUrl, boardId, participants[0]!.token);
    try {
      await watcher.waitSynced();
      const { ws } = await openRawYjs(server.wsUrl, boardId, created.observerToken);
      ws.send(syncUpdateMessage(cardUpdate('kẻ lạ')));
      // The observer's connection stays open for reading.
      addCard(watcher.doc, {
        quadrant: 'strengths',
        author: { id: participants[0]!.participantId, name: 'A', department: 'Phòng Y tế' },
        text: 'hợp lệ',
      });
      await watcher.waitSaved();
      const fresh = connectDoc(server.wsUrl, boardId, participants[0]!.token);
      await fresh.waitSynced();
      await waitFor(() =>
        expect(boardView(fresh.doc).strengths.map((c) => c.text)).toEqual(['hợp lệ']),
      );
      expect(boardView(fresh.doc).threats).toEqual([]);
      expect(boardView(watcher.doc).threats).toEqual([]);
      expect(ws.readyState).toBe(WebSocket.OPEN);
      ws.close();
      fresh.destroy();
    } finally {
      watcher.destroy();
    }
  });
});
