/**
 * The priority-list view of a board session: live items in order, and the item operations
 * of shared/doc/priority-list.ts made as this person's undoable edits.
 */
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import type * as Y from 'yjs';
import {
  addItem as addItemToDoc,
  createListUndoManager,
  deleteItem as deleteItemInDoc,
  editItemText,
  itemText,
  itemsMap,
  listItems,
  moveItem as moveItemInDoc,
  PRIORITY_SCHEMA_VERSION,
  setItemCost,
  setItemDepartment,
  type ItemTextField,
  type ItemView,
} from '@shared/doc/priority-list';
import { docSchemaVersion } from '@shared/doc/fields';
import type { BoardSession, BoardSessionKind } from '../useBoardSession';

/** What the generic session needs to know about priority-list documents. */
export const prioritySessionKind: BoardSessionKind = {
  createUndoManager: createListUndoManager,
  hasContent: (doc: Y.Doc) =>
    docSchemaVersion(doc) === PRIORITY_SCHEMA_VERSION || itemsMap(doc).size > 0,
};

/** The title of an item, for "X is editing …". */
export function priorityItemLabel(doc: Y.Doc, id: string): string | null {
  return itemText(doc, id, 'title')?.toString() ?? null;
}

export interface ListAuthor {
  id: string;
  name: string;
  department: string;
}

export interface PriorityList {
  items: ComputedRef<ItemView[]>;
  addItem: (index?: number) => string | null;
  editText: (itemId: string, field: ItemTextField, value: string) => void;
  textOf: (itemId: string, field: ItemTextField) => Y.Text | undefined;
  setDepartment: (itemId: string, department: string) => void;
  setCost: (itemId: string, cost: number | null) => void;
  /** Moves an item to `index` (0-based, in the list without the item). */
  moveItem: (itemId: string, index: number) => void;
  deleteItem: (itemId: string) => void;
}

export function usePriorityList(options: {
  session: BoardSession;
  author: MaybeRefOrGetter<ListAuthor | null>;
}): PriorityList {
  const { session } = options;
  const items = computed<ItemView[]>(() => {
    void session.revision.value;
    const doc = session.doc.value;
    return doc ? listItems(doc) : [];
  });
  return {
    items,
    addItem: (index) => {
      const author = toValue(options.author);
      if (!author) return null;
      return session.change((doc) =>
        addItemToDoc(doc, {
          author: { id: author.id, name: author.name },
          department: author.department,
          index,
        }),
      );
    },
    editText: (itemId, field, value) =>
      session.type(`${itemId}:${field}`, (doc) => editItemText(doc, itemId, field, value)),
    textOf: (itemId, field) => {
      const doc = session.doc.value;
      return doc ? itemText(doc, itemId, field) : undefined;
    },
    setDepartment: (itemId, department) =>
      void session.change((doc) => setItemDepartment(doc, itemId, department)),
    setCost: (itemId, cost) => void session.change((doc) => setItemCost(doc, itemId, cost)),
    moveItem: (itemId, index) => void session.change((doc) => moveItemInDoc(doc, itemId, index)),
    deleteItem: (itemId) => void session.change((doc) => deleteItemInDoc(doc, itemId)),
  };
}
