/**
 * What the rest of the client needs of the indicators kind before its view is loaded: the
 * session hooks and the label of a cell for presence. Kept apart from the view composable so
 * that the page bundle does not carry the table, its forecasts or the paste parser.
 */
import type * as Y from 'yjs';
import {
  createIndicatorsUndoManager,
  indicatorsSchemaVersion,
  listRows,
  parseCellId,
  rowsMap,
} from '@shared/doc/indicators';
import type { BoardSessionKind } from '../useBoardSession';

/** What the generic session needs to know about indicator documents. */
export const indicatorsSessionKind: BoardSessionKind = {
  createUndoManager: createIndicatorsUndoManager,
  hasContent: (doc: Y.Doc) => indicatorsSchemaVersion(doc) > 0 || rowsMap(doc).size > 0,
};

/** A label of the cell someone edits, for "X is editing …": the indicator's name and the field. */
export function indicatorItemLabel(doc: Y.Doc, id: string): string | null {
  const parsed = parseCellId(id);
  if (!parsed) return null;
  const row = listRows(doc).find((r) => r.id === parsed.rowId);
  if (!row) return null;
  const year = /^[apt](\d{4})$/.exec(parsed.field)?.[1];
  return year ? `${row.name} · ${year}` : row.name;
}
