import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTextDiff, textDiff } from './text-diff';

describe('textDiff', () => {
  it.each([
    ['', 'abc', { index: 0, remove: 0, insert: 'abc' }],
    ['abc', '', { index: 0, remove: 3, insert: '' }],
    ['abc', 'abXc', { index: 2, remove: 0, insert: 'X' }],
    ['Điểm mạnh', 'Điểm yếu', { index: 5, remove: 4, insert: 'yếu' }],
    ['aaa', 'aaaa', { index: 3, remove: 0, insert: 'a' }],
  ])('%j → %j', (prev, next, expected) => {
    expect(textDiff(prev, next)).toEqual(expected);
  });

  it('never splits a surrogate pair', () => {
    const d = textDiff('x😀y', 'x😃y');
    expect(d.remove).toBe(2);
    expect(d.insert).toBe('😃');
  });
});

describe('applyTextDiff', () => {
  it("keeps both people's characters when two replicas edit at once", () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'Nông nghiệp');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    applyTextDiff(a.getText('t'), 'Nông nghiệp sạch');
    applyTextDiff(b.getText('t'), 'Phát triển Nông nghiệp');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(a.getText('t').toString()).toBe('Phát triển Nông nghiệp sạch');
    expect(b.getText('t').toString()).toBe(a.getText('t').toString());
  });
});
