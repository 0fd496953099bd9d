/**
 * The server's policy for a kind of board: the header a new document starts with, and the
 * limits and validation every update to it must meet. `DocRoom` calls a policy and knows no
 * kind; the registry hands each room the policy of its board's kind (from the board record).
 */
import type * as Y from 'yjs';
import type { BoardKind } from '@shared/domain';
import { boardKindSchema } from '@shared/doc/kinds';
import { initialBoardUpdate } from '../../services/board-documents';
import {
  enforceEntryLimits,
  prepareEntryLimits,
  type BoardLimits,
  type EntryShape,
} from './board-limits';
import { enforceIndicatorLimits, prepareIndicatorLimits } from './indicator-limits';

/** What a room enforces on every update of its document, whatever the document is. */
export interface DocumentPolicy {
  /** Prepares a loaded document (defines the root types the checks watch). */
  prepare(doc: Y.Doc): void;
  /**
   * Checks what `transaction` changed; when a limit is broken, applies a correcting
   * transaction with `origin` and returns true.
   */
  enforce(doc: Y.Doc, transaction: Y.Transaction, origin: unknown): boolean;
}

/** The policy of a kind of board: a document policy, and the header a new board starts with. */
export interface BoardPolicy extends DocumentPolicy {
  readonly kind: BoardKind;
  /** The first stored update of a new board of this kind: its document header. */
  initialUpdate(): Uint8Array;
}

/** Finds the policy of a document by its name (a board id, or another document's name). */
export type PolicyLookup = (docId: string) => Promise<DocumentPolicy>;

/** Amount fields each kind validates (cost, beneficiaries). */
const AMOUNT_FIELDS: Readonly<Record<BoardKind, readonly string[]>> = {
  swot: [],
  priority: ['cost'],
  proposals: ['cost', 'beneficiaries'],
  indicators: [],
};

/** Checks a kind adds to the generic entry limits (cells and settings of an indicator table). */
const EXTRA_CHECKS: Partial<
  Record<
    BoardKind,
    {
      prepare(doc: Y.Doc): void;
      enforce(doc: Y.Doc, tr: Y.Transaction, origin: unknown): boolean;
    }
  >
> = {
  indicators: { prepare: prepareIndicatorLimits, enforce: enforceIndicatorLimits },
};

/** The policy of `kind` under `limits`. */
export function boardPolicy(kind: BoardKind, limits: BoardLimits): BoardPolicy {
  const schema = boardKindSchema(kind);
  const shape: EntryShape = {
    entries: schema.entries,
    textFields: schema.textFields,
    amountFields: AMOUNT_FIELDS[kind],
  };
  const extra = EXTRA_CHECKS[kind];
  return {
    kind,
    initialUpdate: () => initialBoardUpdate(kind),
    prepare: (doc) => {
      prepareEntryLimits(doc, shape);
      extra?.prepare(doc);
    },
    enforce: (doc, tr, origin) => {
      // Both run: each corrects its own part of one transaction.
      const entries = enforceEntryLimits(doc, tr, shape, limits, origin);
      const own = extra ? extra.enforce(doc, tr, origin) : false;
      return entries || own;
    },
  };
}

/** One policy per kind, built once. */
export function boardPolicies(limits: BoardLimits): Readonly<Record<BoardKind, BoardPolicy>> {
  return {
    swot: boardPolicy('swot', limits),
    priority: boardPolicy('priority', limits),
    proposals: boardPolicy('proposals', limits),
    indicators: boardPolicy('indicators', limits),
  };
}
