import { describe, expect, it } from 'vitest';
import type { PresenceEntry } from '@shared/schemas/socket';
import { editedItemExcerpts, editorsByCard, excerpt, groupPresence } from './presence';

function entry(p: Partial<PresenceEntry> & { participantId: string }): PresenceEntry {
  return {
    name: p.participantId,
    department: null,
    role: 'participant',
    boardId: null,
    editingCardId: null,
    ...p,
  };
}

describe('groupPresence', () => {
  it('groups by department, then people without one by role', () => {
    const groups = groupPresence([
      entry({ participantId: 'obs1', role: 'observer' }),
      entry({ participantId: 'b', name: 'Bình', department: 'Phòng Y tế' }),
      entry({ participantId: 'f', role: 'facilitator' }),
      entry({ participantId: 'a', name: 'An', department: 'Phòng Y tế' }),
      entry({ participantId: 'c', name: 'Chi', department: 'Phòng Dân tộc' }),
    ]);
    expect(groups.map((g) => g.key)).toEqual([
      'd:Phòng Dân tộc',
      'd:Phòng Y tế',
      'r:facilitator',
      'r:observer',
    ]);
    expect(groups[1]?.entries.map((e) => e.name)).toEqual(['An', 'Bình']);
  });

  it('lists a person with two tabs once, preferring the tab where they edit', () => {
    const groups = groupPresence([
      entry({ participantId: 'a', department: 'X' }),
      entry({ participantId: 'a', department: 'X', boardId: 'board1', editingCardId: 'card01' }),
    ]);
    expect(groups).toHaveLength(1);
    expect(groups[0]?.entries).toHaveLength(1);
    expect(groups[0]?.entries[0]?.editingCardId).toBe('card01');
  });
});

describe('editorsByCard', () => {
  it('maps cards of the open board to the other people editing them', () => {
    const map = editorsByCard(
      [
        entry({ participantId: 'me', boardId: 'b1', editingCardId: 'c1' }),
        entry({ participantId: 'x', boardId: 'b1', editingCardId: 'c1' }),
        entry({ participantId: 'y', boardId: 'b2', editingCardId: 'c2' }),
      ],
      'b1',
      'me',
    );
    expect([...map.keys()]).toEqual(['c1']);
    expect(map.get('c1')?.map((e) => e.participantId)).toEqual(['x']);
  });
});

describe('excerpt', () => {
  it('shortens long text and folds white space', () => {
    expect(excerpt('a  b\nc')).toBe('a b c');
    expect(excerpt('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('editedItemExcerpts', () => {
  const entries = [
    entry({ participantId: 'me', boardId: 'b1', editingCardId: 'c1' }),
    entry({ participantId: 'x', boardId: 'b1', editingCardId: 'c2' }),
    entry({ participantId: 'y', boardId: 'b2', editingCardId: 'c3' }),
  ];

  it('gives the excerpt of each item edited on the open board, and null when unknown', () => {
    const texts: Record<string, string> = { c1: 'Đường  liên xã', c3: 'khác' };
    const map = editedItemExcerpts(entries, 'b1', (id) => texts[id] ?? null);
    expect([...map]).toEqual([
      ['c1', 'Đường liên xã'],
      ['c2', null],
    ]);
    expect(editedItemExcerpts(entries, null, () => 'x').size).toBe(0);
  });

  it('hands back the previous map while the excerpts read the same, a new one when they change', () => {
    let text = 'a'.repeat(45);
    const first = editedItemExcerpts(entries, 'b1', () => text);
    text += 'b';
    // Typed past the excerpt's length: nothing the list shows changed.
    expect(editedItemExcerpts(entries, 'b1', () => text, first)).toBe(first);
    const changed = editedItemExcerpts(entries, 'b1', () => 'ngắn', first);
    expect(changed).not.toBe(first);
    expect(changed.get('c1')).toBe('ngắn');
    const fewer = editedItemExcerpts(entries.slice(1), 'b1', () => text, first);
    expect(fewer).not.toBe(first);
    expect([...fewer.keys()]).toEqual(['c2']);
  });
});
