/**
 * The SWOT board document schema (one Y.Doc per board), with typed accessors. Components and
 * the server reach board content only through these functions, never through string keys.
 *
 * Layout of the document (schema version 1):
 *
 *   meta:  Y.Map  { schemaVersion: number, kind: 'swot' }            written once by the server
 *   cards: Y.Map<cardId, Y.Map> where each card map holds
 *            id:         string
 *            quadrant:   'strengths' | 'weaknesses' | 'opportunities' | 'threats'
 *            order:      string   fractional key (shared/doc/ordering.ts), sorted with id
 *            text:       Y.Text   merged per character
 *            authorId, authorName, department: string  who proposed the card
 *            createdAt:  number   ms since epoch, from the author's clock
 *            deleted:    boolean  soft delete: the card stays in the record and undo restores it
 *            promotedTo: Y.Array<{ boardId, id }>  priority items made from the card (written by
 *                        the server on promotion; absent until the first one)
 *
 * Why a map of cards with order keys rather than four Y.Arrays: moving a card between
 * quadrants in a Y.Array is a delete plus an insert, and two people moving the same card at
 * once would duplicate it. Here a move writes two fields of one card; concurrent moves of
 * the same card resolve to one place, and concurrent edits to its text survive a move.
 */
import * as Y from 'yjs';
import { compareOrdered, isOrderKey, keyForIndex } from './ordering';
import { docSchemaVersion, listField, pushToList, sameLink, writeDocHeader } from './fields';
import { readPromotionLink, type PromotionLink } from './links';
import { applyTextDiff } from './text-diff';
import { randomId } from '../ids';

/** Version of this layout. Bump it and add a migration when the layout changes. */
export const SWOT_SCHEMA_VERSION = 1;

/** The four quadrants, in display order. */
export const SWOT_QUADRANTS = ['strengths', 'weaknesses', 'opportunities', 'threats'] as const;
export type Quadrant = (typeof SWOT_QUADRANTS)[number];

/** Who proposed a card, copied onto the card when it is created. */
export interface CardAuthor {
  id: string;
  name: string;
  department: string;
}

/** A plain snapshot of one card, for rendering and for the record. */
export interface CardView {
  id: string;
  quadrant: Quadrant;
  order: string;
  text: string;
  author: CardAuthor;
  createdAt: number;
  deleted: boolean;
  /** Priority items made from this card (shown on the card as "promoted"). */
  promotedTo?: PromotionLink[];
}

/** Root type names. */
const CARDS = 'cards';

type CardMap = Y.Map<unknown>;

export function isQuadrant(value: unknown): value is Quadrant {
  return typeof value === 'string' && (SWOT_QUADRANTS as readonly string[]).includes(value);
}

/** Writes the document header. The server does this once, when the board is created. */
export function initSwotDoc(doc: Y.Doc): void {
  doc.transact(() => {
    writeDocHeader(doc, 'swot', SWOT_SCHEMA_VERSION);
  });
}

/** The schema version written in the document, or 0 when the header is missing. */
export function schemaVersionOf(doc: Y.Doc): number {
  return docSchemaVersion(doc);
}

/** The root map of cards. Observe it (deep) to re-render. */
export function cardsMap(doc: Y.Doc): Y.Map<CardMap> {
  return doc.getMap(CARDS);
}

function cardMap(doc: Y.Doc, id: string): CardMap | undefined {
  const card = cardsMap(doc).get(id);
  return card instanceof Y.Map ? card : undefined;
}

function str(map: CardMap, key: string): string {
  const v = map.get(key);
  return typeof v === 'string' ? v : '';
}

/**
 * Reads one card defensively: content comes from other people's browsers, so a card with a
 * missing or malformed field is skipped (null) rather than breaking the board.
 */
export function readCard(id: string, map: CardMap): CardView | null {
  const quadrant = map.get('quadrant');
  const order = map.get('order');
  const text = map.get('text');
  if (!isQuadrant(quadrant) || !isOrderKey(order) || !(text instanceof Y.Text)) return null;
  const createdAt = map.get('createdAt');
  return {
    id,
    quadrant,
    order,
    text: text.toString(),
    author: {
      id: str(map, 'authorId'),
      name: str(map, 'authorName'),
      department: str(map, 'department'),
    },
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    deleted: map.get('deleted') === true,
    promotedTo: listField(map, 'promotedTo', readPromotionLink),
  };
}

/** One card by id (deleted ones included), or undefined. */
export function getCard(doc: Y.Doc, id: string): CardView | undefined {
  const map = cardMap(doc, id);
  return (map && readCard(id, map)) ?? undefined;
}

/** Records that the card was promoted to a priority item (server-side, on promotion). */
export function markCardPromoted(
  doc: Y.Doc,
  id: string,
  link: PromotionLink,
  origin: unknown = null,
): void {
  const map = cardMap(doc, id);
  if (!map) return;
  if (listField(map, 'promotedTo', readPromotionLink).some((l) => sameLink(l, link))) return;
  doc.transact(() => pushToList(map, 'promotedTo', { ...link }), origin);
}

/** Every readable card, deleted ones included, in no particular order. */
export function allCards(doc: Y.Doc): CardView[] {
  const out: CardView[] = [];
  cardsMap(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const card = readCard(id, map);
    if (card) out.push(card);
  });
  return out;
}

/** The live cards of each quadrant, in board order. */
export function boardView(doc: Y.Doc): Record<Quadrant, CardView[]> {
  const view: Record<Quadrant, CardView[]> = {
    strengths: [],
    weaknesses: [],
    opportunities: [],
    threats: [],
  };
  for (const card of allCards(doc)) {
    if (!card.deleted) view[card.quadrant].push(card);
  }
  for (const q of SWOT_QUADRANTS) view[q].sort(compareOrdered);
  return view;
}

/** The live cards of one quadrant in order, leaving out `exceptId` (the card being moved). */
function quadrantList(doc: Y.Doc, quadrant: Quadrant, exceptId?: string): CardView[] {
  return boardView(doc)[quadrant].filter((c) => c.id !== exceptId);
}

export interface NewCard {
  quadrant: Quadrant;
  author: CardAuthor;
  text?: string;
  /** Position in the quadrant; the end when omitted. */
  index?: number;
  /** Supplied by tests and imports; generated otherwise. */
  id?: string;
  createdAt?: number;
}

/** Adds a card and returns its id. `origin` marks the transaction (undo tracks local origins). */
export function addCard(doc: Y.Doc, input: NewCard, origin: unknown = null): string {
  const id = input.id ?? randomId();
  const list = quadrantList(doc, input.quadrant);
  const order = keyForIndex(list, input.index ?? list.length);
  doc.transact(() => {
    const map = new Y.Map<unknown>();
    map.set('id', id);
    map.set('quadrant', input.quadrant);
    map.set('order', order);
    map.set('text', new Y.Text(input.text ?? ''));
    map.set('authorId', input.author.id);
    map.set('authorName', input.author.name);
    map.set('department', input.author.department);
    map.set('createdAt', input.createdAt ?? Date.now());
    map.set('deleted', false);
    cardsMap(doc).set(id, map);
  }, origin);
  return id;
}

/** The shared text of a card, for binding to an editor. */
export function cardText(doc: Y.Doc, id: string): Y.Text | undefined {
  const text = cardMap(doc, id)?.get('text');
  return text instanceof Y.Text ? text : undefined;
}

/** Replaces a card's text with `next`, as character-level operations. */
export function editCardText(doc: Y.Doc, id: string, next: string, origin: unknown = null): void {
  const text = cardText(doc, id);
  if (text) applyTextDiff(text, next, origin);
}

/** Moves a card to `index` within `quadrant` (its own quadrant for a reorder). */
export function moveCard(
  doc: Y.Doc,
  id: string,
  quadrant: Quadrant,
  index: number,
  origin: unknown = null,
): void {
  const map = cardMap(doc, id);
  if (!map) return;
  const order = keyForIndex(quadrantList(doc, quadrant, id), index);
  doc.transact(() => {
    if (map.get('quadrant') !== quadrant) map.set('quadrant', quadrant);
    map.set('order', order);
  }, origin);
}

/** Soft-deletes a card: it leaves the board but stays in the record, and undo brings it back. */
export function deleteCard(doc: Y.Doc, id: string, origin: unknown = null): void {
  const map = cardMap(doc, id);
  if (!map || map.get('deleted') === true) return;
  doc.transact(() => map.set('deleted', true), origin);
}

/** An undo manager over the board that tracks only transactions with `localOrigin`. */
export function createBoardUndoManager(doc: Y.Doc, localOrigin: unknown): Y.UndoManager {
  return new Y.UndoManager([cardsMap(doc)], {
    trackedOrigins: new Set([localOrigin]),
    captureTimeout: 500,
  });
}
