/**
 * The priority-list document schema (one Y.Doc per board of kind 'priority'), with typed
 * accessors. Components and the server reach list content only through these functions.
 *
 * Layout of the document (schema version 1):
 *
 *   meta:  Y.Map  { schemaVersion: number, kind: 'priority' }        written once by the server
 *   items: Y.Map<itemId, Y.Map> where each item map holds
 *            id:          string
 *            title:       Y.Text   merged per character
 *            description: Y.Text   merged per character
 *            department:  string   the proposing department
 *            cost:        number | null   estimated cost in VND (whole đồng), null when unknown
 *            order:       string   fractional key (shared/doc/ordering.ts), sorted with id
 *            sources:     Y.Array<{ kind: 'swot' | 'proposal', boardId, id }>  where it came from
 *            authorId, authorName: string   who added the item (the promoter, for a promotion)
 *            createdAt:   number   ms since epoch, from the author's clock
 *            deleted:     boolean  soft delete: the item stays in the record and undo restores it
 *
 * Why a map with order keys rather than a Y.Array of items: in a Y.Array a move is a delete
 * plus an insert of a copy, so two people moving the same item at once would duplicate it and
 * an edit made to the old copy during the move would be lost. Here a move writes one field of
 * one item: concurrent moves of the same item end in one place (last writer wins on `order`),
 * moves of different items never conflict, and the text survives every move.
 */
import * as Y from 'yjs';
import { randomId } from '../ids';
import {
  amountField,
  writeDocHeader,
  listField,
  pushToList,
  sameLink,
  strField,
  toAmount,
  type EntryMap,
} from './fields';
import { readSourceLink, type SourceLink } from './links';
import { compareOrdered, isOrderKey, keyForIndex } from './ordering';
import { applyTextDiff } from './text-diff';

/** Version of this layout. Bump it and add a migration when the layout changes. */
export const PRIORITY_SCHEMA_VERSION = 1;

/** Fields of an item that hold collaborative text. */
export const ITEM_TEXT_FIELDS = ['title', 'description'] as const;
export type ItemTextField = (typeof ITEM_TEXT_FIELDS)[number];

/** Who added an item. */
export interface ItemAuthor {
  id: string;
  name: string;
}

/** A plain snapshot of one item, for rendering and for the record. */
export interface ItemView {
  id: string;
  title: string;
  description: string;
  department: string;
  cost: number | null;
  order: string;
  sources: SourceLink[];
  author: ItemAuthor;
  createdAt: number;
  deleted: boolean;
}

const ITEMS = 'items';

/** Writes the document header. The server does this once, when the board is created. */
export function initPriorityDoc(doc: Y.Doc): void {
  doc.transact(() => {
    writeDocHeader(doc, 'priority', PRIORITY_SCHEMA_VERSION);
  });
}

/** The root map of items. Observe it (deep) to re-render. */
export function itemsMap(doc: Y.Doc): Y.Map<EntryMap> {
  return doc.getMap(ITEMS);
}

function itemMap(doc: Y.Doc, id: string): EntryMap | undefined {
  const item = itemsMap(doc).get(id);
  return item instanceof Y.Map ? item : undefined;
}

/** Reads one item defensively; an item without a readable order or title is skipped (null). */
export function readItem(id: string, map: EntryMap): ItemView | null {
  const order = map.get('order');
  const title = map.get('title');
  if (!isOrderKey(order) || !(title instanceof Y.Text)) return null;
  const description = map.get('description');
  const createdAt = map.get('createdAt');
  return {
    id,
    title: title.toString(),
    description: description instanceof Y.Text ? description.toString() : '',
    department: strField(map, 'department'),
    cost: amountField(map, 'cost'),
    order,
    sources: listField(map, 'sources', readSourceLink),
    author: { id: strField(map, 'authorId'), name: strField(map, 'authorName') },
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    deleted: map.get('deleted') === true,
  };
}

/** Every readable item, deleted ones included, in no particular order. */
export function allItems(doc: Y.Doc): ItemView[] {
  const out: ItemView[] = [];
  itemsMap(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const item = readItem(id, map);
    if (item) out.push(item);
  });
  return out;
}

/** The live items in list order. */
export function listItems(doc: Y.Doc): ItemView[] {
  return allItems(doc)
    .filter((i) => !i.deleted)
    .sort(compareOrdered);
}

export interface NewItem {
  author: ItemAuthor;
  /** The proposing department. */
  department: string;
  title?: string;
  description?: string;
  cost?: number | null;
  sources?: SourceLink[];
  /** Position in the list; the end when omitted. */
  index?: number;
  /** Supplied by tests, imports and promotions; generated otherwise. */
  id?: string;
  createdAt?: number;
}

/** Adds an item and returns its id. `origin` marks the transaction (undo tracks local origins). */
export function addItem(doc: Y.Doc, input: NewItem, origin: unknown = null): string {
  const id = input.id ?? randomId();
  const list = listItems(doc);
  const order = keyForIndex(list, input.index ?? list.length);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('id', id);
    map.set('title', new Y.Text(input.title ?? ''));
    map.set('description', new Y.Text(input.description ?? ''));
    map.set('department', input.department);
    map.set('cost', toAmount(input.cost));
    map.set('order', order);
    map.set('sources', Y.Array.from<object>((input.sources ?? []).map((s) => ({ ...s }))));
    map.set('authorId', input.author.id);
    map.set('authorName', input.author.name);
    map.set('createdAt', input.createdAt ?? Date.now());
    map.set('deleted', false);
    itemsMap(doc).set(id, map);
  }, origin);
  return id;
}

/** The shared text of an item's title or description, for binding to an editor. */
export function itemText(doc: Y.Doc, id: string, field: ItemTextField): Y.Text | undefined {
  const text = itemMap(doc, id)?.get(field);
  return text instanceof Y.Text ? text : undefined;
}

/** Replaces an item's title or description with `next`, as character-level operations. */
export function editItemText(
  doc: Y.Doc,
  id: string,
  field: ItemTextField,
  next: string,
  origin: unknown = null,
): void {
  const text = itemText(doc, id, field);
  if (text) applyTextDiff(text, next, origin);
}

/** Sets the proposing department. */
export function setItemDepartment(
  doc: Y.Doc,
  id: string,
  department: string,
  origin: unknown = null,
): void {
  const map = itemMap(doc, id);
  if (map && map.get('department') !== department)
    doc.transact(() => map.set('department', department), origin);
}

/** Sets the estimated cost in VND (null: unknown). Anything but a non-negative amount is null. */
export function setItemCost(
  doc: Y.Doc,
  id: string,
  cost: number | null,
  origin: unknown = null,
): void {
  const map = itemMap(doc, id);
  const value = toAmount(cost);
  if (map && map.get('cost') !== value) doc.transact(() => map.set('cost', value), origin);
}

/** Moves an item to `index` of the list: one field of one item changes, never a copy. */
export function moveItem(doc: Y.Doc, id: string, index: number, origin: unknown = null): void {
  const map = itemMap(doc, id);
  if (!map) return;
  const order = keyForIndex(
    listItems(doc).filter((i) => i.id !== id),
    index,
  );
  doc.transact(() => map.set('order', order), origin);
}

/** Soft-deletes an item: it leaves the list but stays in the record, and undo brings it back. */
export function deleteItem(doc: Y.Doc, id: string, origin: unknown = null): void {
  const map = itemMap(doc, id);
  if (!map || map.get('deleted') === true) return;
  doc.transact(() => map.set('deleted', true), origin);
}

/** Adds a source link to an item unless it is already there. */
export function addItemSource(
  doc: Y.Doc,
  id: string,
  source: SourceLink,
  origin: unknown = null,
): void {
  const map = itemMap(doc, id);
  if (!map) return;
  if (listField(map, 'sources', readSourceLink).some((s) => sameLink(s, source))) return;
  doc.transact(() => pushToList(map, 'sources', { ...source }), origin);
}

/** The live item that came from `source`, if any (a promotion is made once per list). */
export function itemFromSource(doc: Y.Doc, source: SourceLink): ItemView | undefined {
  return listItems(doc).find((i) => i.sources.some((s) => sameLink(s, source)));
}

/** An undo manager over the list that tracks only transactions with `localOrigin`. */
export function createListUndoManager(doc: Y.Doc, localOrigin: unknown): Y.UndoManager {
  return new Y.UndoManager([itemsMap(doc)], {
    trackedOrigins: new Set([localOrigin]),
    captureTimeout: 500,
  });
}
