/**
 * The meeting's search index, built in the browser from the boards' documents: one entry per
 * live card, list item, commune proposal and indicator row, with the text fields that search
 * looks at. Pure (documents in, entries out); matching and highlighting are shared/search.
 */
import type * as Y from 'yjs';
import type { BoardKind } from '@shared/domain';
import { listProposals } from '@shared/doc/commune-proposals';
import { listRows } from '@shared/doc/indicators';
import { listItems } from '@shared/doc/priority-list';
import { allCards, type Quadrant } from '@shared/doc/swot-board';
import { searchItems, type SearchHit } from '@shared/search';

/** What an entry is: a SWOT card, a list item, a proposal or an indicator row. */
export type EntryKind = 'card' | 'item' | 'proposal' | 'indicator';

/** One searchable thing of the meeting, and where it lives. */
export interface SearchEntry {
  kind: EntryKind;
  /** The entry's id in its board (card, item, proposal or row id). */
  id: string;
  boardId: string;
  boardTitle: string;
  /** The main text: the card's text, the item's or proposal's title, the indicator's name. */
  title: string;
  /** Secondary text searched too: description, unit and notes, commune and sector. */
  detail: string;
  /** The department (or commune) it belongs to, '' when none. */
  department: string;
  /** The SWOT quadrant of a card. */
  quadrant?: Quadrant;
}

/** The fields search looks at, most important first (shared/search weighs them in order). */
export const SEARCH_FIELDS = ['title', 'detail', 'department'] as const;

/** The board a document belongs to, as far as the index needs it. */
export interface IndexedBoard {
  id: string;
  kind: BoardKind;
  title: string;
}

/** The live entries of one board's document; a kind without text entries gives none. */
export function entriesOfBoard(board: IndexedBoard, doc: Y.Doc): SearchEntry[] {
  const base = { boardId: board.id, boardTitle: board.title };
  switch (board.kind) {
    case 'swot':
      return allCards(doc)
        .filter((c) => !c.deleted && c.text.trim() !== '')
        .map((c) => ({
          ...base,
          kind: 'card',
          id: c.id,
          title: c.text,
          detail: '',
          department: c.author.department,
          quadrant: c.quadrant,
        }));
    case 'priority':
      return listItems(doc).map((i) => ({
        ...base,
        kind: 'item',
        id: i.id,
        title: i.title,
        detail: i.description,
        department: i.department,
      }));
    case 'proposals':
      return listProposals(doc).map((p) => ({
        ...base,
        kind: 'proposal',
        id: p.id,
        title: p.title,
        detail: p.sector,
        department: p.commune,
      }));
    case 'indicators':
      return listRows(doc).map((r) => ({
        ...base,
        kind: 'indicator',
        id: r.id,
        title: r.name,
        detail: [r.unit, r.notes].filter(Boolean).join(' · '),
        department: r.department,
      }));
    default:
      return [];
  }
}

/** Most results shown at once: a long list helps nobody on a phone. */
export const SEARCH_RESULTS_MAX = 30;

/** The best matches of `query` among `entries`, best first, with their highlight ranges. */
export function searchMeeting(
  query: string,
  entries: readonly SearchEntry[],
  max: number = SEARCH_RESULTS_MAX,
): SearchHit<SearchEntry, (typeof SEARCH_FIELDS)[number]>[] {
  return searchItems(query, entries, SEARCH_FIELDS).slice(0, max);
}
