import { describe, expect, it } from 'vitest';
import type { RecordCard } from '@shared/schemas/record';
import { diffBoards } from './board-diff';

const card = (
  id: string,
  text: string,
  quadrant: RecordCard['quadrant'] = 'strengths',
): RecordCard => ({
  id,
  quadrant,
  text,
  author: { participantId: 'p', name: 'An', department: null },
  createdAt: 0,
  edits: [],
  deleted: false,
});

describe('diffBoards', () => {
  it.each([
    {
      name: 'nothing',
      before: [card('a', 'x')],
      after: [card('a', 'x')],
      added: [],
      removed: [],
      changed: [],
    },
    { name: 'added', before: [], after: [card('a', 'x')], added: ['a'], removed: [], changed: [] },
    {
      name: 'removed',
      before: [card('a', 'x')],
      after: [],
      added: [],
      removed: ['a'],
      changed: [],
    },
    {
      name: 'edited',
      before: [card('a', 'x')],
      after: [card('a', 'y')],
      added: [],
      removed: [],
      changed: ['a'],
    },
    {
      name: 'moved',
      before: [card('a', 'x')],
      after: [card('a', 'x', 'threats')],
      added: [],
      removed: [],
      changed: ['a'],
    },
  ])('$name', ({ before, after, added, removed, changed }) => {
    const d = diffBoards(before, after);
    expect(d.added.map((c) => c.id)).toEqual(added);
    expect(d.removed.map((c) => c.id)).toEqual(removed);
    expect(d.changed.map((c) => c.after.id)).toEqual(changed);
  });
});
