import { describe, expect, it } from 'vitest';
import { effect, isReactive } from 'vue';
import * as Y from 'yjs';
import {
  addCard,
  boardView,
  cardText,
  cardsMap,
  deleteCard,
  editCardText,
  markCardPromoted,
  moveCard,
  type CardView,
} from '@shared/doc/swot-board';
import { changesOf, liveCard, mergeView, updateCard, type CardsByQuadrant } from './live-cards';

const author = { id: 'p1', name: 'Chị Lan', department: 'Phòng Y tế' };
const card = (id: string, text: string, order = 'a0'): CardView => ({
  id,
  quadrant: 'strengths',
  order,
  text,
  author: { ...author },
  createdAt: 1,
  deleted: false,
});
const view = (strengths: CardView[]): CardsByQuadrant => ({
  strengths,
  weaknesses: [],
  opportunities: [],
  threats: [],
});

/** The changes that one transaction on `doc` reports to a deep observer of its cards. */
function changesOfTransaction(doc: Y.Doc, run: () => void): ReturnType<typeof changesOf> {
  const root = cardsMap(doc);
  let seen: ReturnType<typeof changesOf> | null = null;
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]): void => {
    seen = changesOf(events, root);
  };
  root.observeDeep(observer);
  run();
  root.unobserveDeep(observer);
  if (!seen) throw new Error('the transaction changed no card');
  return seen;
}

describe('changesOf', () => {
  const doc = new Y.Doc();
  const a = addCard(doc, { quadrant: 'strengths', author, text: 'một' });
  const b = addCard(doc, { quadrant: 'strengths', author, text: 'hai' });

  it('reports a text edit as a change of that card only, not of the board’s shape', () => {
    const changes = changesOfTransaction(doc, () => editCardText(doc, a, 'một!'));
    expect(changes.shape).toBe(false);
    expect([...changes.cards]).toEqual([a]);
    expect(changes.replacedText.size).toBe(0);
  });

  it('reports a promotion link as a field change', () => {
    const changes = changesOfTransaction(doc, () =>
      markCardPromoted(doc, b, { boardId: 'list', id: 'item' }),
    );
    expect(changes.shape).toBe(false);
    expect([...changes.cards]).toEqual([b]);
  });

  it('reports adding, moving and deleting as changes of shape', () => {
    expect(
      changesOfTransaction(doc, () => addCard(doc, { quadrant: 'threats', author })).shape,
    ).toBe(true);
    expect(changesOfTransaction(doc, () => moveCard(doc, a, 'weaknesses', 0)).shape).toBe(true);
    expect(changesOfTransaction(doc, () => deleteCard(doc, b)).shape).toBe(true);
  });

  it('reports a replaced Y.Text, whose text box must bind the new one', () => {
    const changes = changesOfTransaction(doc, () => {
      (cardsMap(doc).get(a) as Y.Map<unknown>).set('text', new Y.Text('mới'));
    });
    expect([...changes.replacedText]).toEqual([a]);
    expect(cardText(doc, a)?.toString()).toBe('mới');
  });
});

describe('updateCard', () => {
  it('writes only the fields that changed, so only what reads them runs again', () => {
    const live = liveCard(card('a', 'một'));
    expect(isReactive(live)).toBe(true);
    let textReads = 0;
    let authorReads = 0;
    effect(() => {
      void live.text;
      textReads++;
    });
    effect(() => {
      void live.author.name;
      authorReads++;
    });
    expect(updateCard(live, card('a', 'một!'))).toBe(true);
    expect(live.text).toBe('một!');
    expect([textReads, authorReads]).toEqual([2, 1]);
    expect(updateCard(live, card('a', 'một!'))).toBe(false);
    expect([textReads, authorReads]).toEqual([2, 1]);
    updateCard(live, { ...card('a', 'một!'), author: { ...author, name: 'Anh Minh' } });
    expect([textReads, authorReads]).toEqual([2, 2]);
  });
});

describe('mergeView', () => {
  it('keeps every card’s object, updated in place, and every unchanged quadrant’s array', () => {
    const prev = mergeView(null, view([card('a', 'một', 'a0'), card('b', 'hai', 'a1')]));
    const next = mergeView(prev, view([card('a', 'một', 'a0'), card('b', 'hai!', 'a1')]));
    expect(next.strengths).toBe(prev.strengths);
    expect(next.strengths[1]?.text).toBe('hai!');
    expect(next.threats).toBe(prev.threats);
  });

  it('gives a new array when cards or their order change, still with the same objects', () => {
    const prev = mergeView(null, view([card('a', 'một', 'a0'), card('b', 'hai', 'a1')]));
    const swapped = mergeView(prev, view([card('b', 'hai', 'a1'), card('a', 'một', 'a0')]));
    expect(swapped.strengths).not.toBe(prev.strengths);
    expect(swapped.strengths.map((c) => c.id)).toEqual(['b', 'a']);
    expect(swapped.strengths[0]).toBe(prev.strengths[1]);
    const fewer = mergeView(prev, view([card('b', 'hai', 'a1')]));
    expect(fewer.strengths).toEqual([prev.strengths[1]]);
  });

  it('gives new objects to the cards asked for (a replaced Y.Text) and to new cards', () => {
    const prev = mergeView(null, view([card('a', 'một', 'a0')]));
    const next = mergeView(
      prev,
      view([card('a', 'một', 'a0'), card('c', 'ba', 'a2')]),
      new Set(['a']),
    );
    expect(next.strengths[0]).not.toBe(prev.strengths[0]);
    expect(isReactive(next.strengths[1])).toBe(true);
  });

  it('reads like the document’s own view after a mix of edits', () => {
    const doc = new Y.Doc();
    const a = addCard(doc, { quadrant: 'strengths', author, text: 'một' });
    addCard(doc, { quadrant: 'threats', author, text: 'hai' });
    let live = mergeView(null, boardView(doc));
    editCardText(doc, a, 'một thay đổi');
    moveCard(doc, a, 'opportunities', 0);
    addCard(doc, { quadrant: 'opportunities', author, text: 'ba', index: 0 });
    live = mergeView(live, boardView(doc));
    expect(JSON.parse(JSON.stringify(live))).toEqual(JSON.parse(JSON.stringify(boardView(doc))));
  });
});
