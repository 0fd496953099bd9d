import { describe, expect, it } from 'vitest';
import { effect, effectScope, ref, shallowRef } from 'vue';
import * as Y from 'yjs';
import { addCard, boardView, editCardText, moveCard } from '@shared/doc/swot-board';
import type { BoardSession } from '../useBoardSession';
import { useSwotBoard } from './useSwotBoard';

const author = { id: 'p1', name: 'Chị Lan', department: 'Phòng Y tế' };

/** The parts of a session the SWOT view reads, over a plain Y.Doc (no network, no storage). */
function sessionOver(doc: Y.Doc): BoardSession {
  const session: Partial<BoardSession> = {
    doc: shallowRef(doc),
    revision: ref(0),
    change: (run) => {
      let result!: ReturnType<typeof run>;
      doc.transact(() => {
        result = run(doc);
      });
      return result;
    },
    type: (_key, run) => doc.transact(() => run(doc)),
  };
  return session as BoardSession;
}

function openBoard(doc: Y.Doc) {
  const scope = effectScope();
  const board = scope.run(() => useSwotBoard({ session: sessionOver(doc), author }))!;
  return { board, stop: () => scope.stop() };
}

/** Another person's copy of `doc`; their edits reach `doc` as remote updates. */
function peerOf(doc: Y.Doc): Y.Doc {
  const peer = new Y.Doc();
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc));
  peer.on('update', (update: Uint8Array) => Y.applyUpdate(doc, update, 'remote'));
  return peer;
}

describe('useSwotBoard', () => {
  it('updates the edited card in place: the lists and the other cards are left alone', () => {
    const doc = new Y.Doc();
    const ids = [0, 1, 2].map((i) =>
      addCard(doc, { quadrant: 'strengths', author, text: `ý ${i}` }),
    );
    const { board, stop } = openBoard(doc);
    const before = board.view.value;
    const list = before.strengths;
    let listRuns = 0;
    let cardRuns = 0;
    let otherRuns = 0;
    effect(() => {
      void board.view.value.strengths;
      listRuns++;
    });
    effect(() => {
      void board.cardsById.value.get(ids[1]!)?.text;
      cardRuns++;
    });
    effect(() => {
      void board.cardsById.value.get(ids[0]!)?.text;
      otherRuns++;
    });

    board.editText(ids[1]!, 'ý 1 đã sửa');
    const peer = peerOf(doc);
    editCardText(peer, ids[1]!, 'ý 1 đã sửa, người khác');

    expect(board.view.value).toBe(before);
    expect(board.view.value.strengths).toBe(list);
    expect(board.cardsById.value.get(ids[1]!)?.text).toBe('ý 1 đã sửa, người khác');
    expect([listRuns, cardRuns, otherRuns]).toEqual([1, 3, 1]);
    stop();
  });

  it('rebuilds the lists when the board’s shape changes, here or elsewhere', () => {
    const doc = new Y.Doc();
    const a = addCard(doc, { quadrant: 'strengths', author, text: 'một' });
    const { board, stop } = openBoard(doc);
    const card = board.cardsById.value.get(a);
    board.moveCard(a, 'threats', 0);
    expect(board.view.value.strengths).toEqual([]);
    expect(board.view.value.threats[0]).toBe(card);
    const peer = peerOf(doc);
    addCard(peer, { quadrant: 'threats', author, text: 'hai', index: 0 });
    moveCard(peer, a, 'weaknesses', 0);
    board.addCard('opportunities');
    const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));
    expect(plain(board.view.value)).toEqual(plain(boardView(doc)));
    expect(board.view.value.weaknesses[0]).toBe(card);
    stop();
  });

  it('stops following a document that is closed and follows the next one', () => {
    const first = new Y.Doc();
    const a = addCard(first, { quadrant: 'strengths', author, text: 'một' });
    const session = sessionOver(first);
    const scope = effectScope();
    const board = scope.run(() => useSwotBoard({ session, author }))!;
    expect(board.cardsById.value.get(a)?.text).toBe('một');
    const second = new Y.Doc();
    const b = addCard(second, { quadrant: 'threats', author, text: 'hai' });
    session.doc.value = second;
    expect([...board.cardsById.value.keys()]).toEqual([b]);
    editCardText(second, b, 'hai!');
    expect(board.cardsById.value.get(b)?.text).toBe('hai!');
    editCardText(first, a, 'không còn mở');
    expect(board.cardsById.value.has(a)).toBe(false);
    scope.stop();
  });
});
