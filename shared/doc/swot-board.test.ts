import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  allCards,
  boardView,
  cardsMap,
  cardText,
  createBoardUndoManager,
  deleteCard,
  editCardText,
  initSwotDoc,
  moveCard,
  schemaVersionOf,
  SWOT_SCHEMA_VERSION,
  type Quadrant,
} from './swot-board';

const alice = { id: 'alice0001', name: 'Chị Lan', department: 'Phòng Y tế' };
const bob = { id: 'bob000001', name: 'Anh Minh', department: 'Phòng Giáo dục và Đào tạo' };

function texts(doc: Y.Doc, q: Quadrant): string[] {
  return boardView(doc)[q].map((c) => c.text);
}

/** Two replicas of one board, in sync. */
function pair(): [Y.Doc, Y.Doc] {
  const a = new Y.Doc();
  initSwotDoc(a);
  const b = new Y.Doc();
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
  return [a, b];
}

/** Exchanges the missing updates between two replicas, in the given order. */
function sync(first: Y.Doc, second: Y.Doc): void {
  Y.applyUpdate(second, Y.encodeStateAsUpdate(first, Y.encodeStateVector(second)));
  Y.applyUpdate(first, Y.encodeStateAsUpdate(second, Y.encodeStateVector(first)));
}

/**
 * Runs one edit on each of two replicas from the same start, then merges the two edits in
 * both orders into fresh replicas, checks both orders agree, and returns one of them.
 */
function mergedBothWays(
  setup: (doc: Y.Doc) => void,
  editA: (doc: Y.Doc) => void,
  editB: (doc: Y.Doc) => void,
): Y.Doc {
  const [a, b] = pair();
  setup(a);
  sync(a, b);
  const base = Y.encodeStateVector(a);
  const baseState = Y.encodeStateAsUpdate(a);
  editA(a);
  editB(b);
  const updateA = Y.encodeStateAsUpdate(a, base);
  const updateB = Y.encodeStateAsUpdate(b, base);
  const merged = [
    [updateA, updateB],
    [updateB, updateA],
  ].map((order) => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, baseState);
    for (const u of order) Y.applyUpdate(doc, u);
    return doc;
  });
  const [first, second] = merged as [Y.Doc, Y.Doc];
  expect(boardView(first)).toEqual(boardView(second));
  expect(allCards(first).sort((x, y) => x.id.localeCompare(y.id))).toEqual(
    allCards(second).sort((x, y) => x.id.localeCompare(y.id)),
  );
  return first;
}

describe('swot board document', () => {
  it('writes a versioned header', () => {
    const doc = new Y.Doc();
    expect(schemaVersionOf(doc)).toBe(0);
    initSwotDoc(doc);
    expect(schemaVersionOf(doc)).toBe(SWOT_SCHEMA_VERSION);
  });

  it('adds cards with author and department, in order', () => {
    const doc = new Y.Doc();
    addCard(doc, { quadrant: 'strengths', author: alice, text: 'Đội ngũ y tế xã ổn định' });
    addCard(doc, { quadrant: 'strengths', author: bob, text: 'Trường học kiên cố' });
    addCard(doc, { quadrant: 'strengths', author: bob, text: 'Đầu tiên', index: 0 });
    expect(texts(doc, 'strengths')).toEqual([
      'Đầu tiên',
      'Đội ngũ y tế xã ổn định',
      'Trường học kiên cố',
    ]);
    const card = boardView(doc).strengths[1]!;
    expect(card.author).toEqual(alice);
    expect(card.createdAt).toBeGreaterThan(0);
  });

  it('edits, moves, reorders and deletes', () => {
    const doc = new Y.Doc();
    const a = addCard(doc, { quadrant: 'threats', author: alice, text: 'Lũ quét' });
    const b = addCard(doc, { quadrant: 'threats', author: alice, text: 'Sạt lở' });
    editCardText(doc, a, 'Lũ quét mùa mưa');
    moveCard(doc, b, 'threats', 0);
    expect(texts(doc, 'threats')).toEqual(['Sạt lở', 'Lũ quét mùa mưa']);
    moveCard(doc, a, 'weaknesses', 0);
    expect(texts(doc, 'threats')).toEqual(['Sạt lở']);
    expect(texts(doc, 'weaknesses')).toEqual(['Lũ quét mùa mưa']);
    deleteCard(doc, b);
    expect(texts(doc, 'threats')).toEqual([]);
    // Soft delete: the card stays in the record.
    expect(allCards(doc).find((c) => c.id === b)?.deleted).toBe(true);
  });

  it('skips malformed cards instead of breaking the board', () => {
    const doc = new Y.Doc();
    addCard(doc, { quadrant: 'strengths', author: alice, text: 'ok' });
    const bad = new Y.Map<unknown>();
    bad.set('quadrant', 'nonsense');
    cardsMap(doc).set('broken', bad);
    expect(texts(doc, 'strengths')).toEqual(['ok']);
  });
});

describe('concurrent edits merge the same in both orders', () => {
  it('two people add cards to the same quadrant', () => {
    const doc = mergedBothWays(
      () => {},
      (a) => addCard(a, { quadrant: 'opportunities', author: alice, text: 'Du lịch cộng đồng' }),
      (b) => addCard(b, { quadrant: 'opportunities', author: bob, text: 'Chương trình 135' }),
    );
    expect(texts(doc, 'opportunities').sort()).toEqual(['Chương trình 135', 'Du lịch cộng đồng']);
  });

  it('two people type in the same card: every character survives', () => {
    let id = '';
    const doc = mergedBothWays(
      (d) => {
        id = addCard(d, { quadrant: 'weaknesses', author: alice, text: 'Giao thông' });
      },
      (a) => editCardText(a, id, 'Giao thông khó khăn'),
      (b) => editCardText(b, id, 'Hạ tầng Giao thông'),
    );
    expect(texts(doc, 'weaknesses')).toEqual(['Hạ tầng Giao thông khó khăn']);
  });

  it('two people move the same card to different quadrants: it ends in exactly one', () => {
    let id = '';
    const doc = mergedBothWays(
      (d) => {
        id = addCard(d, { quadrant: 'strengths', author: alice, text: 'Rừng' });
      },
      (a) => moveCard(a, id, 'opportunities', 0),
      (b) => moveCard(b, id, 'threats', 0),
    );
    const all = Object.values(boardView(doc)).flat();
    expect(all.filter((c) => c.id === id)).toHaveLength(1);
  });

  it('one moves a card while another edits it: the edit follows the card', () => {
    let id = '';
    const doc = mergedBothWays(
      (d) => {
        id = addCard(d, { quadrant: 'strengths', author: alice, text: 'Rừng' });
      },
      (a) => moveCard(a, id, 'opportunities', 0),
      (b) => editCardText(b, id, 'Rừng đầu nguồn'),
    );
    expect(texts(doc, 'opportunities')).toEqual(['Rừng đầu nguồn']);
  });

  it('one deletes a card while another edits it: deleted, but the text is kept for the record', () => {
    let id = '';
    const doc = mergedBothWays(
      (d) => {
        id = addCard(d, { quadrant: 'strengths', author: alice, text: 'Rừng' });
      },
      (a) => deleteCard(a, id),
      (b) => editCardText(b, id, 'Rừng đầu nguồn'),
    );
    expect(texts(doc, 'strengths')).toEqual([]);
    expect(allCards(doc).find((c) => c.id === id)?.text).toBe('Rừng đầu nguồn');
  });

  it('two people reorder different cards of one quadrant: no card lost or duplicated', () => {
    const ids: string[] = [];
    const doc = mergedBothWays(
      (d) => {
        for (const t of ['1', '2', '3', '4'])
          ids.push(addCard(d, { quadrant: 'threats', author: alice, text: t }));
      },
      (a) => moveCard(a, ids[3]!, 'threats', 0),
      (b) => moveCard(b, ids[0]!, 'threats', 3),
    );
    expect(texts(doc, 'threats').sort()).toEqual(['1', '2', '3', '4']);
    ids.length = 0;
  });
});

describe('undo', () => {
  it("undoes only my own edits, never someone else's", () => {
    const [a, b] = pair();
    const LOCAL = Symbol('local');
    const undo = createBoardUndoManager(a, LOCAL);
    const mine = addCard(a, { quadrant: 'strengths', author: alice, text: 'của tôi' }, LOCAL);
    sync(a, b);
    addCard(b, { quadrant: 'strengths', author: bob, text: 'của anh Minh' });
    sync(b, a);
    undo.undo();
    expect(texts(a, 'strengths')).toEqual(['của anh Minh']);
    undo.redo();
    expect(texts(a, 'strengths').sort()).toEqual(['của anh Minh', 'của tôi']);
    expect(cardText(a, mine)?.toString()).toBe('của tôi');
  });

  it('undoes a delete and a move', () => {
    const doc = new Y.Doc();
    const LOCAL = Symbol('local');
    const undo = createBoardUndoManager(doc, LOCAL);
    const id = addCard(doc, { quadrant: 'strengths', author: alice, text: 'x' }, LOCAL);
    undo.stopCapturing();
    moveCard(doc, id, 'threats', 0, LOCAL);
    undo.stopCapturing();
    deleteCard(doc, id, LOCAL);
    undo.undo();
    expect(texts(doc, 'threats')).toEqual(['x']);
    undo.undo();
    expect(texts(doc, 'strengths')).toEqual(['x']);
  });
});
