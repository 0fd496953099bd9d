import { describe, expect, it } from 'vitest';
import type { CardView } from '@shared/doc/swot-board';
import { reuseUnchangedCards, type CardsByQuadrant } from './stable-cards';

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

describe('reuseUnchangedCards', () => {
  it('hands back the previous object of every unchanged card and a new one for the edited card', () => {
    const prev = view([card('a', 'một', 'a0'), card('b', 'hai', 'a1')]);
    const next = reuseUnchangedCards(prev, view([card('a', 'một', 'a0'), card('b', 'hai!', 'a1')]));
    expect(next.strengths[0]).toBe(prev.strengths[0]);
    expect(next.strengths[1]).not.toBe(prev.strengths[1]);
    expect(next.strengths[1]?.text).toBe('hai!');
    expect(next.strengths).not.toBe(prev.strengths);
    // Untouched quadrants keep their arrays, so their components are skipped too.
    expect(next.threats).toBe(prev.threats);
  });

  it('keeps a quadrant array only when its cards and their order are the same', () => {
    const prev = view([card('a', 'một', 'a0'), card('b', 'hai', 'a1')]);
    const same = reuseUnchangedCards(prev, view([card('a', 'một', 'a0'), card('b', 'hai', 'a1')]));
    expect(same.strengths).toBe(prev.strengths);
    const swapped = reuseUnchangedCards(
      prev,
      view([card('b', 'hai', 'a1'), card('a', 'một', 'a0')]),
    );
    expect(swapped.strengths).not.toBe(prev.strengths);
    expect(swapped.strengths.map((c) => c.id)).toEqual(['b', 'a']);
  });

  it('sees a change of promotion links, author or order as a change', () => {
    const prev = view([card('a', 'một')]);
    const promoted: CardView = { ...card('a', 'một'), promotedTo: [{ boardId: 'x', id: 'y' }] };
    expect(reuseUnchangedCards(prev, view([promoted])).strengths[0]).not.toBe(prev.strengths[0]);
    const renamed = { ...card('a', 'một'), author: { ...author, name: 'Anh Minh' } };
    expect(reuseUnchangedCards(prev, view([renamed])).strengths[0]).not.toBe(prev.strengths[0]);
    expect(reuseUnchangedCards(prev, view([card('a', 'một', 'b0')])).strengths[0]).not.toBe(
      prev.strengths[0],
    );
  });
});
