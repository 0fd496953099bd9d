import { describe, expect, it } from 'vitest';
import { undoActionOf } from './useUndoShortcuts';

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey', boolean>> = {},
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('undoActionOf', () => {
  it.each([
    [key('z', { ctrlKey: true }), 'undo'],
    [key('Z', { ctrlKey: true, shiftKey: true }), 'redo'],
    [key('y', { ctrlKey: true }), 'redo'],
    [key('z', { metaKey: true }), 'undo'],
    [key('z'), null],
    [key('z', { ctrlKey: true, altKey: true }), null],
    [key('a', { ctrlKey: true }), null],
  ] as const)('%o → %s', (event, expected) => {
    expect(undoActionOf(event)).toBe(expected);
  });
});
