import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { mapIndexThroughDelta, mapSelectionThroughDelta, type DeltaOp } from './caret';

/** Applies `change` to a Y.Text holding `initial` and returns the event delta. */
function deltaOf(initial: string, change: (text: Y.Text) => void): DeltaOp[] {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, initial);
  let delta: DeltaOp[] = [];
  text.observe((event) => {
    delta = event.delta as DeltaOp[];
  });
  doc.transact(() => change(text));
  return delta;
}

describe('mapIndexThroughDelta', () => {
  const cases: Array<{
    name: string;
    initial: string;
    change: (t: Y.Text) => void;
    index: number;
    expected: number;
  }> = [
    {
      name: 'insert before',
      initial: 'hello',
      change: (t) => t.insert(0, 'ab'),
      index: 3,
      expected: 5,
    },
    {
      name: 'insert after',
      initial: 'hello',
      change: (t) => t.insert(4, 'ab'),
      index: 3,
      expected: 3,
    },
    {
      name: 'insert at caret',
      initial: 'hello',
      change: (t) => t.insert(3, 'x'),
      index: 3,
      expected: 4,
    },
    {
      name: 'delete before',
      initial: 'hello',
      change: (t) => t.delete(0, 2),
      index: 4,
      expected: 2,
    },
    {
      name: 'delete after',
      initial: 'hello',
      change: (t) => t.delete(4, 1),
      index: 2,
      expected: 2,
    },
    {
      name: 'delete around',
      initial: 'hello',
      change: (t) => t.delete(1, 3),
      index: 2,
      expected: 1,
    },
    {
      name: 'insert and delete before',
      initial: 'hello world',
      change: (t) => {
        t.delete(0, 5);
        t.insert(0, 'xin chào');
      },
      index: 8,
      expected: 11,
    },
    {
      name: 'vietnamese text',
      initial: 'Điểm mạnh',
      change: (t) => t.insert(0, 'Ưu: '),
      index: 9,
      expected: 13,
    },
    {
      name: 'caret at end, append',
      initial: 'abc',
      change: (t) => t.insert(3, 'd'),
      index: 3,
      expected: 4,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(mapIndexThroughDelta(c.index, deltaOf(c.initial, c.change))).toBe(c.expected);
    });
  }

  it('maps a selection', () => {
    const delta = deltaOf('abcdef', (t) => t.insert(0, 'xx'));
    expect(mapSelectionThroughDelta({ start: 1, end: 4, direction: 'forward' }, delta)).toEqual({
      start: 3,
      end: 6,
      direction: 'forward',
    });
  });
});
