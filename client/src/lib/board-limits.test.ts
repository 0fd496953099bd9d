import { describe, expect, it } from 'vitest';
import { boardFull, charactersLeft } from './board-limits';

const limits = { cardTextMax: 40, cardsPerBoardMax: 5 };

describe('board limits in the editor', () => {
  it('a board is full at the server’s card count, not before', () => {
    expect(boardFull(4, limits)).toBe(false);
    expect(boardFull(5, limits)).toBe(true);
    expect(boardFull(7, limits)).toBe(true);
  });

  it('counts the characters left against the server’s text length', () => {
    expect(charactersLeft('', limits)).toBe(40);
    expect(charactersLeft('x'.repeat(39), limits)).toBe(1);
    expect(charactersLeft('x'.repeat(45), limits)).toBe(0);
  });
});
