/**
 * The indicators view of a board session: the table's rows and years for rendering, and the
 * table's operations (cells, texts, rows, years, templates, pasted blocks, imports) made as
 * this person's undoable edits through the typed accessors of shared/doc/indicators.ts. The
 * evaluation and forecasts are derived from the rows by shared/indicators/.
 */
import { computed, toValue, type ComputedRef, type MaybeRefOrGetter } from 'vue';
import * as Y from 'yjs';
import {
  addRows,
  allRows,
  cellId,
  deleteRow as deleteRowInDoc,
  editRowText,
  listRows,
  moveRow as moveRowInDoc,
  readSettings,
  rowText,
  setCell as setCellInDoc,
  setHigherIsBetter as setHigherInDoc,
  setRowDepartment,
  setSettings as setSettingsInDoc,
  type CellKey,
  type IndicatorSettings,
  type NewRow,
  type NumberLocale,
  type RowAuthor,
  type RowTextField,
  type RowView,
} from '@shared/doc/indicators';
import { templateRows } from '@shared/doc/indicator-templates';
import type { BoardSession } from '../useBoardSession';
import { planPaste, type PasteWrite } from './paste';
import type { TableColumn } from './table-columns';

export interface IndicatorsBoard {
  session: BoardSession;
  rows: ComputedRef<RowView[]>;
  settings: ComputedRef<IndicatorSettings>;
  /** Ids of every row ever added (deleted ones too): templates skip them. */
  knownIds: ComputedRef<Set<string>>;
  addRow: (input?: Partial<NewRow>) => string | null;
  setCell: (rowId: string, key: CellKey, raw: string, locale: NumberLocale) => void;
  editText: (rowId: string, field: RowTextField, value: string) => void;
  textOf: (rowId: string, field: RowTextField) => Y.Text | undefined;
  setDepartment: (rowId: string, department: string) => void;
  setHigherIsBetter: (rowId: string, higher: boolean) => void;
  deleteRow: (rowId: string) => void;
  moveRow: (rowId: string, index: number) => void;
  setSettings: (next: { lastYear?: number; yearCount?: number }) => void;
  /** Adds the common district indicators not yet in the table; returns how many. */
  startFromTemplates: () => number;
  /**
   * Writes a pasted block from (row, col) as one undo step. `rowIds` are the rows as shown
   * (a department's filter may hide others); rows are added past the end.
   */
  paste: (
    grid: readonly string[][],
    columns: readonly TableColumn[],
    start: { row: number; col: number },
    rowIds: readonly string[],
    locale: NumberLocale,
  ) => number;
  /**
   * Imports rows as one undo step: a row whose name and department match a live row updates
   * that row's cells (and unit, notes, direction when the file has them); others are added.
   */
  importRows: (rows: readonly Omit<NewRow, 'author'>[]) => { added: number; updated: number };
  cellId: typeof cellId;
}

export interface UseIndicatorsBoardOptions {
  session: BoardSession;
  /** Written on new rows, for display. The server records who really wrote each update. */
  author: MaybeRefOrGetter<RowAuthor | null>;
  /** The department new rows start with (this person's). */
  department?: MaybeRefOrGetter<string | null>;
}

export function useIndicatorsBoard(options: UseIndicatorsBoardOptions): IndicatorsBoard {
  const { session } = options;

  const rows = computed<RowView[]>(() => {
    void session.revision.value;
    const doc = session.doc.value;
    return doc ? listRows(doc) : [];
  });
  const settings = computed<IndicatorSettings>(() => {
    void session.revision.value;
    const doc = session.doc.value;
    return readSettings(doc ?? emptyDoc());
  });
  const knownIds = computed(() => {
    void session.revision.value;
    const doc = session.doc.value;
    return new Set(doc ? allRows(doc).map((r) => r.id) : []);
  });

  const author = (): RowAuthor | null => toValue(options.author);
  const department = (): string => toValue(options.department) ?? '';

  function applyWrite(doc: Y.Doc, rowId: string, write: PasteWrite, locale: NumberLocale): void {
    const { column, text } = write;
    if (column.kind === 'number') setCellInDoc(doc, rowId, column.key, text, locale);
    else if (column.kind === 'text') editRowText(doc, rowId, column.key as RowTextField, text);
  }

  return {
    session,
    rows,
    settings,
    knownIds,
    addRow: (input = {}) => {
      const who = author();
      if (!who) return null;
      return session.change(
        (doc) => addRows(doc, [{ department: department(), ...input, author: who }])[0]!,
      );
    },
    setCell: (rowId, key, raw, locale) =>
      session.type(cellId(rowId, key), (doc) => setCellInDoc(doc, rowId, key, raw, locale)),
    editText: (rowId, field, value) =>
      session.type(cellId(rowId, field), (doc) => editRowText(doc, rowId, field, value)),
    textOf: (rowId, field) => {
      const doc = session.doc.value;
      return doc ? rowText(doc, rowId, field) : undefined;
    },
    setDepartment: (rowId, dep) => void session.change((doc) => setRowDepartment(doc, rowId, dep)),
    setHigherIsBetter: (rowId, higher) =>
      void session.change((doc) => setHigherInDoc(doc, rowId, higher)),
    deleteRow: (rowId) => void session.change((doc) => deleteRowInDoc(doc, rowId)),
    moveRow: (rowId, index) => void session.change((doc) => moveRowInDoc(doc, rowId, index)),
    setSettings: (next) => void session.change((doc) => setSettingsInDoc(doc, next)),
    startFromTemplates: () => {
      const who = author();
      if (!who) return 0;
      const fresh = templateRows(who, knownIds.value);
      if (fresh.length === 0) return 0;
      session.change((doc) => addRows(doc, fresh));
      return fresh.length;
    },
    paste: (grid, columns, start, rowIds, locale) => {
      const who = author();
      if (!who) return 0;
      const writes = planPaste(grid, columns, start);
      if (writes.length === 0) return 0;
      const done = session.change((doc) => {
        const ids = [...rowIds];
        const lastRow = Math.max(...writes.map((w) => w.row));
        if (lastRow >= ids.length) {
          const extra = Array.from({ length: lastRow - ids.length + 1 }, () => ({
            author: who,
            department: department(),
          }));
          ids.push(...addRows(doc, extra));
        }
        for (const write of writes) applyWrite(doc, ids[write.row]!, write, locale);
        return writes.length;
      });
      return done ?? 0;
    },
    importRows: (input) => {
      const who = author();
      const counts = { added: 0, updated: 0 };
      if (!who || input.length === 0) return counts;
      session.change((doc) => {
        const byKey = new Map(listRows(doc).map((r) => [matchKey(r.name, r.department), r]));
        const fresh: NewRow[] = [];
        for (const row of input) {
          const existing = byKey.get(matchKey(row.name ?? '', row.department ?? ''));
          if (!existing) {
            fresh.push({ ...row, author: who });
            continue;
          }
          for (const [key, cell] of Object.entries(row.cells ?? {}))
            setCellInDoc(doc, existing.id, key, cell.raw, cell.locale);
          if (row.unit) editRowText(doc, existing.id, 'unit', row.unit);
          if (row.notes) editRowText(doc, existing.id, 'notes', row.notes);
          if (row.higherIsBetter !== undefined)
            setHigherInDoc(doc, existing.id, row.higherIsBetter);
          counts.updated++;
        }
        addRows(doc, fresh);
        counts.added = fresh.length;
      });
      return counts;
    },
    cellId,
  };
}

/** Rows of a file and of the table are the same indicator when name and department match. */
function matchKey(name: string, department: string): string {
  return `${name.normalize('NFC').trim().toLowerCase().replace(/\s+/g, ' ')}\u0000${department.trim()}`;
}

let empty: Y.Doc | null = null;
/** Settings of no document read as the defaults. */
function emptyDoc(): Y.Doc {
  return (empty ??= new Y.Doc());
}
