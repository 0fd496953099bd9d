/**
 * The join answer carries the stored state of the board the new participant lands on
 * (docs/api.md, POST /api/join), so the meeting page shows that board before its WebSocket
 * has synced. A client that starts from it and then connects must end up with exactly the
 * server's document: what was stored after the join and what it typed before connecting
 * included.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { Limits } from '@shared/constants';
import { addCard, boardView } from '@shared/doc/swot-board';
import { meetingWithParticipants } from '../support/api';
import { useBoardFixture } from '../support/board-fixture';
import { waitFor } from '../support/wait-for';
import { followBoard } from '../support/socket-client';
import { connectDoc } from '../support/yjs-client';

const fx = useBoardFixture();

const fromBase64 = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

const author = (id: string, name: string) => ({ id, name, department: 'Phòng Y tế' });

const texts = (doc: Y.Doc): string[] =>
  Object.values(boardView(doc))
    .flat()
    .map((c) => c.text)
    .sort();

describe('the join answer carries the landing board', () => {
  it('a client starting from it ends with the server document, later edits and its own included', async () => {
    await fx.start();
    const { created, view } = await meetingWithParticipants(fx.api, 0);
    const health = view.boards.find((b) => b.department === 'Phòng Y tế')!;
    // The facilitator writes on the department's board before anyone joins.
    const fac = fx.open(health.id, created.facilitatorToken);
    await fac.waitSynced();
    addCard(fac.doc, { quadrant: 'strengths', author: author('f', 'F'), text: 'trước khi vào' });
    await fac.waitSaved();

    const joined = await fx.api.join({
      joinCode: created.joinCode,
      name: 'Chị Lan',
      department: 'Phòng Y tế',
    });
    // The board this participant lands on: their department's.
    expect(joined.board?.boardId).toBe(health.id);
    const state = fromBase64(joined.board!.update);
    const given = new Y.Doc();
    Y.applyUpdate(given, state);
    expect(texts(given)).toEqual(['trước khi vào']);

    // Stored between the join and the participant's connect.
    addCard(fac.doc, { quadrant: 'threats', author: author('f', 'F'), text: 'sau khi vào' });
    await fac.waitSaved();

    const frames: Uint8Array[] = [];
    const participant = connectDoc(fx.server.wsUrl, health.id, joined.token, {
      initialState: state,
      // Typed before the socket is open, as on a page whose WebSocket is still connecting.
      beforeConnect: (doc) => {
        addCard(doc, {
          quadrant: 'opportunities',
          author: author(joined.participantId, 'Chị Lan'),
          text: 'gõ trước khi nối',
        });
      },
      onFrame: (data) => frames.push(data),
    });
    try {
      // The given state counts as stored; only the card typed is waiting for the server.
      expect(participant.saved.pending()).toBeGreaterThan(0);
      await participant.waitSynced();
      await participant.waitSaved();
      const expected = ['gõ trước khi nối', 'sau khi vào', 'trước khi vào'];
      await waitFor(() => expect(texts(fac.doc)).toEqual(expected));
      expect(texts(participant.doc)).toEqual(expected);

      // What the server holds, as a newcomer with nothing gets it.
      const fresh = fx.open(health.id, created.facilitatorToken);
      await fresh.waitSynced();
      expect(Y.encodeStateVector(participant.doc)).toEqual(Y.encodeStateVector(fresh.doc));
      expect(boardView(participant.doc)).toEqual(boardView(fresh.doc));
      expect(boardView(fac.doc)).toEqual(boardView(fresh.doc));

      // The sync answered with what changed since the given state, not the whole board again.
      const whole = Y.encodeStateAsUpdate(fresh.doc).byteLength;
      const received = frames.reduce((n, f) => n + f.byteLength, 0);
      expect(received).toBeLessThan(whole);
    } finally {
      participant.destroy();
    }
  });

  it('leaves out a board over the bound, which still syncs over its WebSocket', async () => {
    await fx.start();
    const { created, view } = await meetingWithParticipants(fx.api, 0);
    const health = view.boards.find((b) => b.department === 'Phòng Y tế')!;
    // A full board: more than the bound in stored bytes.
    const fac = fx.open(health.id, created.facilitatorToken);
    await fac.waitSynced();
    const long = 'a'.repeat(Limits.cardTextMax);
    const cards = Math.ceil(Limits.joinBoardStateMaxBytes / Limits.cardTextMax) + 10;
    fac.doc.transact(() => {
      for (let i = 0; i < cards; i++)
        addCard(fac.doc, { quadrant: 'weaknesses', author: author('f', 'F'), text: long });
    });
    await fac.waitSaved(60_000);
    expect(Y.encodeStateAsUpdate(fac.doc).byteLength).toBeGreaterThan(
      Limits.joinBoardStateMaxBytes,
    );

    const big = await fx.api.join({
      joinCode: created.joinCode,
      name: 'Anh Minh',
      department: 'Phòng Y tế',
    });
    expect(big.board).toBeUndefined();
    // Positive control, on the same server: a board within the bound is carried.
    const small = await fx.api.join({
      joinCode: created.joinCode,
      name: 'Chị Hoa',
      department: 'Phòng Giáo dục và Đào tạo',
    });
    const education = view.boards.find((b) => b.department === 'Phòng Giáo dục và Đào tạo')!;
    expect(small.board?.boardId).toBe(education.id);
    // The big board still syncs over its WebSocket as before.
    const late = fx.open(health.id, big.token);
    await late.waitSynced(60_000);
    expect(boardView(late.doc).weaknesses).toHaveLength(cards);
  });

  it('carries the board follow-me takes everyone to', async () => {
    await fx.start();
    const { created, view } = await meetingWithParticipants(fx.api, 0);
    const district = view.boards.find((b) => b.department === null)!;
    const health = view.boards.find((b) => b.department === 'Phòng Y tế')!;
    const joinHealth = (name: string) =>
      fx.api.join({ joinCode: created.joinCode, name, department: 'Phòng Y tế' });
    // Follow-me off: the department's board.
    expect((await joinHealth('Đại biểu 1')).board?.boardId).toBe(health.id);

    await followBoard(fx.server.url, created.facilitatorToken, district.id);
    // Follow-me on: the room's board, where the page is taken as soon as it knows.
    const joined = await joinHealth('Đại biểu 2');
    expect(joined.board?.boardId).toBe(district.id);
    const doc = new Y.Doc();
    Y.applyUpdate(doc, fromBase64(joined.board!.update));
    expect(doc.share.size).toBeGreaterThan(0);
  });
});
