import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addItem,
  addItemSource,
  deleteItem,
  editItemText,
  initPriorityDoc,
  itemFromSource,
  listItems,
  moveItem,
  setItemCost,
} from './priority-list';

const author = { id: 'p1', name: 'Lan' };

function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** Exchanges updates both ways (each side gets what it lacks). */
function sync(a: Y.Doc, b: Y.Doc): void {
  const ua = Y.encodeStateAsUpdate(a, Y.encodeStateVector(b));
  const ub = Y.encodeStateAsUpdate(b, Y.encodeStateVector(a));
  Y.applyUpdate(b, ua);
  Y.applyUpdate(a, ub);
}

describe('priority list document', () => {
  it('adds items at the end or at an index, with fields and sources', () => {
    const doc = new Y.Doc();
    initPriorityDoc(doc);
    const a = addItem(doc, {
      author,
      department: 'Phòng Y tế',
      title: 'Trạm y tế xã',
      cost: 2_500_000_000,
    });
    const b = addItem(doc, { author, department: 'Phòng Y tế', title: 'Đầu', index: 0 });
    expect(listItems(doc).map((i) => i.id)).toEqual([b, a]);
    const item = listItems(doc)[1]!;
    expect(item).toMatchObject({
      title: 'Trạm y tế xã',
      cost: 2_500_000_000,
      department: 'Phòng Y tế',
      sources: [],
    });
    const source = { kind: 'swot' as const, boardId: 'board-1', id: 'card-1' };
    addItemSource(doc, a, source);
    addItemSource(doc, a, source);
    expect(listItems(doc)[1]!.sources).toEqual([source]);
    expect(itemFromSource(doc, source)?.id).toBe(a);
  });

  it('keeps costs to non-negative amounts', () => {
    const doc = new Y.Doc();
    const a = addItem(doc, { author, department: 'D', cost: -5 });
    expect(listItems(doc)[0]!.cost).toBeNull();
    setItemCost(doc, a, 1200);
    expect(listItems(doc)[0]!.cost).toBe(1200);
  });

  it('concurrent moves of the same item end in one place, with no copy; text edits survive', () => {
    const base = new Y.Doc();
    const ids = ['a', 'b', 'c', 'd'].map((t) =>
      addItem(base, { author, department: 'D', title: t, id: `id-${t}` }),
    );
    const x = replicaOf(base);
    const y = replicaOf(base);
    moveItem(x, ids[0]!, 3);
    moveItem(y, ids[0]!, 1);
    editItemText(y, ids[0]!, 'title', 'a, sửa');
    deleteItem(x, ids[2]!);
    sync(x, y);
    const lx = listItems(x);
    expect(lx.map((i) => i.id)).toEqual(listItems(y).map((i) => i.id));
    expect(lx.map((i) => i.id).sort()).toEqual([ids[0], ids[1], ids[3]].sort());
    expect(lx.find((i) => i.id === ids[0])?.title).toBe('a, sửa');
  });
});
