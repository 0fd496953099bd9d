/**
 * Several real y-websocket clients editing boards through a real server process.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, boardView, cardText, editCardText, moveCard } from '@shared/doc/swot-board';
import { ApiClient, meetingWithParticipants } from '../support/api';
import { startServer, type ServerProcess } from '../support/server-process';
import { waitFor } from '../support/wait-for';
import { connectDoc, type TestDocClient } from '../support/yjs-client';

let server: ServerProcess | null = null;
const clients: TestDocClient[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  await server?.kill();
  server = null;
});

function open(boardId: string, token: string): TestDocClient {
  if (!server) throw new Error('no server');
  const c = connectDoc(server.wsUrl, boardId, token);
  clients.push(c);
  return c;
}

/** True when the characters of `word` appear in `text` in order. */
function isSubsequence(word: string, text: string): boolean {
  let i = 0;
  for (const ch of text) if (ch === word[i]) i++;
  return i === word.length;
}

function viewOf(c: TestDocClient) {
  return boardView(c.doc);
}

describe('live board over the y-websocket endpoint', () => {
  it('concurrent edits from three clients converge to identical documents', async () => {
    server = await startServer();
    const api = new ApiClient(server.url);
    const { view, participants } = await meetingWithParticipants(api, 3);
    const boardId = view.boards[1]!.id;
    const [a, b, c] = participants.map((p) => open(boardId, p.token)) as [TestDocClient, TestDocClient, TestDocClient];
    await Promise.all([a, b, c].map((x) => x.waitSynced()));

    const authors = participants.map((p, i) => ({ id: p.participantId, name: `Đại biểu ${i + 1}`, department: 'Phòng Y tế' }));
    const ids = [a, b, c].map((x, i) =>
      addCard(x.doc, { quadrant: 'strengths', author: authors[i]!, text: `thẻ ${i}` }),
    );
    for (let round = 0; round < 5; round++) {
      [a, b, c].forEach((x, i) => addCard(x.doc, { quadrant: 'threats', author: authors[i]!, text: `r${round}-${i}` }));
    }
    await waitFor(() => {
      expect(viewOf(a).strengths).toHaveLength(3);
      expect(viewOf(b).threats).toHaveLength(15);
    });
    // Everyone edits, moves and reorders at the same time.
    editCardText(a.doc, ids[1]!, 'thẻ 1 sửa bởi A');
    moveCard(b.doc, ids[0]!, 'weaknesses', 0);
    moveCard(c.doc, ids[2]!, 'strengths', 0);
    editCardText(c.doc, ids[0]!, 'thẻ 0 sửa bởi C');

    await waitFor(() => {
      expect(viewOf(a)).toEqual(viewOf(b));
      expect(viewOf(b)).toEqual(viewOf(c));
      expect(viewOf(a).weaknesses.map((x) => x.text)).toEqual(['thẻ 0 sửa bởi C']);
      expect(viewOf(a).strengths.map((x) => x.text)).toEqual(['thẻ 2', 'thẻ 1 sửa bởi A']);
    });
    // Each card shows who proposed it.
    expect(viewOf(c).strengths.find((x) => x.text === 'thẻ 2')?.author.id).toBe(participants[2]!.participantId);
  });

  it('two clients typing into the same card keep every character', async () => {
    server = await startServer();
    const api = new ApiClient(server.url);
    const { view, participants } = await meetingWithParticipants(api, 2);
    const boardId = view.boards[0]!.id;
    const [a, b] = participants.map((p) => open(boardId, p.token)) as [TestDocClient, TestDocClient];
    await Promise.all([a.waitSynced(), b.waitSynced()]);
    const id = addCard(a.doc, {
      quadrant: 'opportunities',
      author: { id: participants[0]!.participantId, name: 'A', department: 'Phòng Y tế' },
      text: '',
    });
    await waitFor(() => expect(viewOf(b).opportunities).toHaveLength(1));

    // Interleaved keystrokes. A types at a caret that follows its own last character (as a
    // textarea keeps it); B types at the end of what it sees.
    const wordA = 'Đường liên xã';
    const wordB = 'Nước sạch';
    let caretA: Y.RelativePosition | null = null;
    for (let i = 0; i < Math.max(wordA.length, wordB.length); i++) {
      if (i < wordA.length) {
        const text = cardText(a.doc, id)!;
        const at = caretA ? Y.createAbsolutePositionFromRelativePosition(caretA, a.doc)!.index : 0;
        const value = text.toString();
        editCardText(a.doc, id, value.slice(0, at) + wordA[i] + value.slice(at));
        caretA = Y.createRelativePositionFromTypeIndex(text, at + 1);
      }
      if (i < wordB.length) editCardText(b.doc, id, cardText(b.doc, id)!.toString() + wordB[i]);
      await new Promise((r) => setTimeout(r, 5));
    }
    await waitFor(() => {
      const ta = viewOf(a).opportunities[0]!.text;
      expect(ta).toBe(viewOf(b).opportunities[0]!.text);
      expect(ta.length).toBe(wordA.length + wordB.length);
      expect([...ta].sort()).toEqual([...(wordA + wordB)].sort());
    });
    // Each person's word is still in the order they typed it.
    const merged = viewOf(a).opportunities[0]!.text;
    expect(isSubsequence(wordA, merged)).toBe(true);
    expect(isSubsequence(wordB, merged)).toBe(true);
  });

  it('after the server is killed and restarted on the same data, every edit is there and clients reconnect on their own', async () => {
    server = await startServer();
    const { port, dataDir } = server;
    const api = new ApiClient(server.url);
    const { view, participants } = await meetingWithParticipants(api, 3);
    const boardId = view.boards[2]!.id;
    const writers = participants.map((p) => open(boardId, p.token));
    await Promise.all(writers.map((w) => w.waitSynced()));
    writers.forEach((w, i) => {
      for (let k = 0; k < 10; k++) {
        addCard(w.doc, {
          quadrant: 'strengths',
          author: { id: participants[i]!.participantId, name: `P${i}`, department: 'Phòng Y tế' },
          text: `${i}-${k}`,
        });
      }
    });
    // "Saved" is the server's acknowledgement after the write: wait for it, then crash.
    await Promise.all(writers.map((w) => w.waitSaved()));
    await server.kill('SIGKILL');

    // While the server is down, one client keeps editing offline.
    addCard(writers[0]!.doc, {
      quadrant: 'threats',
      author: { id: participants[0]!.participantId, name: 'P0', department: 'Phòng Y tế' },
      text: 'gõ khi mất kết nối',
    });

    server = await startServer({ dataDir, port });
    // The open clients reconnect by themselves and deliver the offline edit.
    await waitFor(() => expect(writers.every((w) => w.provider.wsconnected && w.provider.synced)).toBe(true), {
      timeout: 15_000,
    });
    await writers[0]!.waitSaved();

    const fresh = open(boardId, participants[1]!.token);
    await fresh.waitSynced();
    await waitFor(() => {
      const v = viewOf(fresh);
      expect(v.strengths.map((c) => c.text).sort()).toEqual(
        [0, 1, 2].flatMap((i) => Array.from({ length: 10 }, (_, k) => `${i}-${k}`)).sort(),
      );
      expect(v.threats.map((c) => c.text)).toEqual(['gõ khi mất kết nối']);
    });
    expect(viewOf(writers[2]!)).toEqual(viewOf(fresh));
  });
});
