/**
 * True authorship of the entries of any board kind (SWOT cards, priority items, commune
 * proposals, indicator rows), derived from the update log: an entry's Yjs items are mapped to
 * the stored updates that inserted or deleted them (UpdateIndex), and each stored update names
 * the participant whose connection sent it. The author fields written inside an entry are a
 * claim and are ignored, except in updates the server wrote itself (a revealed draft names its
 * owner; a promotion names the promoter).
 */
import * as Y from 'yjs';
import type { RecordAuthor, RecordEdit } from '@shared/schemas/record';
import type { BoardHistory } from './board-history';
import { SERVER_AUTHOR, type NameBook } from './names';

/** Who created an entry and who edited it since, as the update log says. */
export interface EntryAttribution {
  author: RecordAuthor;
  createdAt: number;
  /** Every later edit (text, field, move, delete), oldest first. */
  edits: RecordEdit[];
}

/** Every item that belongs to an entry: its map, each field's values past and present, its texts. */
function entryItems(map: Y.Map<unknown>): Y.Item[] {
  const items: Y.Item[] = [];
  if (map._item) items.push(map._item);
  for (const item of map._map.values()) {
    for (let it: Y.Item | null = item; it; it = it.left) items.push(it);
  }
  map.forEach((value) => {
    // Nested texts (titles, names) and nested maps or arrays (cells, sources) count too.
    if (value instanceof Y.Text || value instanceof Y.Array) {
      for (let it = value._start; it; it = it.right) items.push(it);
    } else if (value instanceof Y.Map) {
      for (const item of value._map.values()) {
        for (let it: Y.Item | null = item; it; it = it.left) items.push(it);
      }
    }
  });
  return items;
}

/** The author of an entry created by row `row`, whose claimed author id is `claimedId`. */
function authorOf(
  history: BoardHistory,
  row: number | null,
  claimedId: string,
  names: NameBook,
): { author: RecordAuthor; at: number } {
  if (row === null) return { author: SERVER_AUTHOR, at: 0 };
  const stored = history.rows[row]!;
  let participantId = stored.participantId;
  if (stored.serverWrite && claimedId) {
    // Only the server sets author fields it vouches for (reveal: the draft's owner).
    participantId = names.resolve(claimedId) ?? participantId;
  }
  return { author: names.at(participantId, stored.createdAt), at: stored.createdAt };
}

/** The attribution of the entry `map` in the document made of the first `count` rows. */
export function attributeEntry(
  history: BoardHistory,
  count: number,
  names: NameBook,
  map: Y.Map<unknown>,
): EntryAttribution {
  const claimed = map.get('authorId');
  const createdRow = map._item ? history.index.rowOf(map._item.id) : null;
  const { author, at } = authorOf(
    history,
    createdRow,
    typeof claimed === 'string' ? claimed : '',
    names,
  );
  const rows = new Set<number>();
  for (const item of entryItems(map)) {
    const r = history.index.rowOf(item.id);
    if (r !== null && r < count) rows.add(r);
    if (item.deleted) {
      for (const d of history.index.deletersOf(item.id.client, item.id.clock, item.length, count))
        rows.add(d);
    }
  }
  if (createdRow !== null) rows.delete(createdRow);
  const edits = [...rows]
    .sort((a, b) => a - b)
    .map((r): RecordEdit => {
      const stored = history.rows[r]!;
      return { ...names.at(stored.participantId, stored.createdAt), at: stored.createdAt };
    });
  return { author, createdAt: at, edits };
}

/**
 * Reads the document of the first `count` rows with `read`, which gets each entry's
 * attribution on demand (`attribution(map)`); the document is destroyed afterwards.
 */
export function withAttribution<R>(
  history: BoardHistory,
  count: number,
  names: NameBook,
  read: (doc: Y.Doc, attribution: (map: Y.Map<unknown>) => EntryAttribution) => R,
): R {
  const doc = history.docAt(count);
  try {
    return read(doc, (map) => attributeEntry(history, count, names, map));
  } finally {
    doc.destroy();
  }
}
