import { describe, expect, it } from 'vitest';
import { draftDocId, draftRoomName, parseDraftDocId, parseYjsTarget } from './drafts';

describe('parseYjsTarget', () => {
  it('reads a board and the caller’s draft of it', () => {
    expect(parseYjsTarget('b1')).toEqual({ kind: 'board', boardId: 'b1' });
    expect(parseYjsTarget(draftRoomName('b1'))).toEqual({ kind: 'draft', boardId: 'b1' });
  });
  it('refuses any path that names a draft directly or has extra parts', () => {
    expect(parseYjsTarget(draftDocId('b1', 'p2'))).toBeNull();
    expect(parseYjsTarget('b1/other')).toBeNull();
    expect(parseYjsTarget('')).toBeNull();
    expect(parseYjsTarget('/draft')).toBeNull();
    expect(parseYjsTarget('b1/draft/')).toBeNull();
  });
});

describe('parseDraftDocId', () => {
  it('reads back what draftDocId wrote, and nothing else', () => {
    expect(parseDraftDocId(draftDocId('b1', 'p2'))).toEqual({ boardId: 'b1', participantId: 'p2' });
    expect(parseDraftDocId('b1')).toBeNull();
    expect(parseDraftDocId('b1/draft')).toBeNull();
  });
});
