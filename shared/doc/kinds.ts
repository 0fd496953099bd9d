/**
 * The registry of board kinds: for each kind, its document header and the collection of
 * entries (cards, items, proposals) with the fields that hold collaborative text. Generic
 * code (the server's per-kind policy, the client's board host) looks a kind up here and
 * never imports a kind's module itself.
 */
import type * as Y from 'yjs';
import type { BoardKind } from '../domain';
import { initProposalsDoc, proposalsMap, PROPOSALS_SCHEMA_VERSION } from './commune-proposals';
import { docKindField, type EntryMap } from './fields';
import {
  initIndicatorsDoc,
  INDICATORS_SCHEMA_VERSION,
  ROW_TEXT_FIELDS,
  rowsMap,
} from './indicators';
import {
  initPriorityDoc,
  itemsMap,
  ITEM_TEXT_FIELDS,
  PRIORITY_SCHEMA_VERSION,
} from './priority-list';
import { cardsMap, initSwotDoc, SWOT_SCHEMA_VERSION } from './swot-board';

/** What the server knows of the meeting when it writes a new board's header. */
export interface BoardInitContext {
  /** The meeting's plan year: an indicator table's last past year is the one before. */
  planYear?: number | null;
}

export interface BoardKindSchema {
  kind: BoardKind;
  schemaVersion: number;
  /** Writes the document header (server, once, when the board is created). */
  init(doc: Y.Doc, context?: BoardInitContext): void;
  /** The root map of the kind's entries. */
  entries(doc: Y.Doc): Y.Map<EntryMap>;
  /** Fields of an entry that hold a Y.Text (bounded by the text limit). */
  textFields: readonly string[];
}

export const BOARD_KIND_SCHEMAS: Readonly<Record<BoardKind, BoardKindSchema>> = {
  swot: {
    kind: 'swot',
    schemaVersion: SWOT_SCHEMA_VERSION,
    init: initSwotDoc,
    entries: cardsMap,
    textFields: ['text'],
  },
  priority: {
    kind: 'priority',
    schemaVersion: PRIORITY_SCHEMA_VERSION,
    init: initPriorityDoc,
    entries: itemsMap,
    textFields: ITEM_TEXT_FIELDS,
  },
  proposals: {
    kind: 'proposals',
    schemaVersion: PROPOSALS_SCHEMA_VERSION,
    init: initProposalsDoc,
    entries: proposalsMap,
    textFields: ['title'],
  },
  indicators: {
    kind: 'indicators',
    schemaVersion: INDICATORS_SCHEMA_VERSION,
    init: (doc, context) =>
      initIndicatorsDoc(doc, context?.planYear ? context.planYear - 1 : undefined),
    entries: rowsMap,
    textFields: ROW_TEXT_FIELDS,
  },
};

/** The schema of `kind`. */
export function boardKindSchema(kind: BoardKind): BoardKindSchema {
  return BOARD_KIND_SCHEMAS[kind];
}

/** The kind written in a document's header, or null when missing or unknown. */
export function kindOfDoc(doc: Y.Doc): BoardKind | null {
  const kind = docKindField(doc);
  return kind !== null && Object.hasOwn(BOARD_KIND_SCHEMAS, kind) ? (kind as BoardKind) : null;
}
