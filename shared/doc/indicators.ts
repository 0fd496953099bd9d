/**
 * The indicators document schema (one Y.Doc per board of kind 'indicators'): a table of key
 * development indicators (chỉ tiêu phát triển chủ yếu), one row per indicator, with the
 * actual values of past years, last year's plan and the proposed target, co-edited live like a
 * spreadsheet. Components, the server and the tests reach it only through these functions.
 *
 * Layout of the document (schema version 1):
 *
 *   meta:     Y.Map  { schemaVersion: number, kind: 'indicators' }      written once by the server
 *   settings: Y.Map  { lastYear: number, yearCount: number }
 *               the past years shown are lastYear − yearCount + 1 … lastYear (five by default);
 *               lastYear's plan is evaluated and the plan year is lastYear + 1
 *   rows:     Y.Map<rowId, Y.Map> where each row map holds
 *               id:             string
 *               name:           Y.Text   merged per character
 *               unit:           Y.Text   merged per character
 *               notes:          Y.Text   merged per character
 *               department:     string   the responsible department ('' when none)
 *               higherIsBetter: boolean  false for indicators such as the share of poor households
 *               cells:          Y.Map<cellKey, { raw: string, locale: 'vi' | 'en' }>
 *                 a<year>  actual value of that year        (a2024)
 *                 p<year>  planned value of that year       (p2024: last year's plan)
 *                 t<year>  proposed target of that year     (t2025: the plan year's target)
 *                 gdp, icor, investment, growth             inputs of the ICOR method
 *               order:          string   fractional key (shared/doc/ordering.ts), sorted with id
 *               template:       string   key of the common district indicator it came from, or ''
 *               authorId, authorName: string   who added the row
 *               createdAt:      number
 *               deleted:        boolean  soft delete: the row stays in the record; undo restores it
 *
 * Why each number cell is one plain value `{ raw, locale }` in a per-row map:
 * - Two people editing different cells write different keys (of one row's map, or of two
 *   rows' maps): they never conflict. Two people editing the same cell converge on one whole
 *   entry (last writer wins on one key): the number is never a mix of two people's digits, as
 *   it would be if the cell were a Y.Text merged per character.
 * - The cell keeps exactly the text typed. The number is derived (`cellNumber`), so an invalid
 *   entry stays as typed and is flagged, never turned into zero.
 * - `locale` is the language the text was typed in, so every replica derives the same number:
 *   `1.234` typed in Vietnamese is 1234 for an English reader too, not 1.234.
 * - Cells are keyed by calendar year, not by column position: changing the configured years
 *   shows other columns and loses nothing.
 */
import * as Y from 'yjs';
import { parseLocaleNumber, type Point } from '../forecast';
import { randomId } from '../ids';
import { writeDocHeader, docSchemaVersion, strField, textField, type EntryMap } from './fields';
import { compareOrdered, isOrderKey, keyForIndex } from './ordering';
import { applyTextDiff } from './text-diff';

/** Version of this layout. Bump it and add a migration when the layout changes. */
export const INDICATORS_SCHEMA_VERSION = 1;

/** Fields of a row that hold collaborative text. */
export const ROW_TEXT_FIELDS = ['name', 'unit', 'notes'] as const;
export type RowTextField = (typeof ROW_TEXT_FIELDS)[number];

/** The locales a number may be typed in. */
export type NumberLocale = 'vi' | 'en';

/** Longest text of one number cell. */
export const CELL_TEXT_MAX = 40;

/** Past years shown by default, and the bounds of the setting. */
export const DEFAULT_YEAR_COUNT = 5;
export const YEAR_COUNT_MIN = 2;
export const YEAR_COUNT_MAX = 10;
/** Bounds of `lastYear`. */
export const YEAR_MIN = 1990;
export const YEAR_MAX = 2100;

/** The inputs of the ICOR method, stored as cells of the row. */
export const ICOR_KEYS = ['gdp', 'icor', 'investment', 'growth'] as const;
export type IcorKey = (typeof ICOR_KEYS)[number];

/** A key of the cells map: a<year>, p<year>, t<year> or one of ICOR_KEYS. */
export type CellKey = string;

const CELL_KEY = /^[apt]\d{4}$/;

/** True when `key` names a cell of the layout. */
export function isCellKey(key: unknown): key is CellKey {
  return (
    typeof key === 'string' &&
    (CELL_KEY.test(key) || (ICOR_KEYS as readonly string[]).includes(key))
  );
}

export const actualKey = (year: number): CellKey => `a${year}`;
export const planKey = (year: number): CellKey => `p${year}`;
export const targetKey = (year: number): CellKey => `t${year}`;

/** One stored cell: the text typed and the language it was typed in. */
export interface CellValue {
  raw: string;
  locale: NumberLocale;
}

/** A cell as read: its text, the number it stands for, or the flag that it is not a number. */
export interface CellReading {
  raw: string;
  /** The number, or null when the cell is empty or invalid. */
  value: number | null;
  /** Text that is not a number: kept as typed and flagged. */
  invalid: boolean;
}

/** Who added a row. */
export interface RowAuthor {
  id: string;
  name: string;
}

/** A plain snapshot of one row, for rendering and for the record. */
export interface RowView {
  id: string;
  name: string;
  unit: string;
  notes: string;
  department: string;
  higherIsBetter: boolean;
  /** Readable cells by key; a missing key is an empty cell. */
  cells: Record<CellKey, CellValue>;
  order: string;
  template: string;
  author: RowAuthor;
  createdAt: number;
  deleted: boolean;
}

/** The table's years. */
export interface IndicatorSettings {
  lastYear: number;
  yearCount: number;
  /** lastYear − yearCount + 1 … lastYear, ascending. */
  pastYears: number[];
  /** lastYear + 1: the year the targets are for. */
  planYear: number;
}

const SETTINGS = 'settings';
const ROWS = 'rows';

/** The year before `now`'s: the usual last year with actual values at a planning conference. */
export function defaultLastYear(now: Date = new Date()): number {
  return now.getFullYear() - 1;
}

/** Writes the document header and the default years. The server does this once. */
export function initIndicatorsDoc(doc: Y.Doc, lastYear: number = defaultLastYear()): void {
  doc.transact(() => {
    writeDocHeader(doc, 'indicators', INDICATORS_SCHEMA_VERSION);
    const settings = doc.getMap(SETTINGS);
    settings.set('lastYear', isValidLastYear(lastYear) ? lastYear : defaultLastYear());
    settings.set('yearCount', DEFAULT_YEAR_COUNT);
  });
}

/** The root map of rows. Observe it (deep) to re-render. */
export function rowsMap(doc: Y.Doc): Y.Map<EntryMap> {
  return doc.getMap(ROWS);
}

/** The root map of settings. */
export function settingsMap(doc: Y.Doc): Y.Map<unknown> {
  return doc.getMap(SETTINGS);
}

/** The schema version in the header (0 before the header arrived). */
export function indicatorsSchemaVersion(doc: Y.Doc): number {
  return docSchemaVersion(doc);
}

/** True when `n` is an acceptable `lastYear`. */
export function isValidLastYear(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= YEAR_MIN && (n as number) <= YEAR_MAX;
}

/** True when `n` is an acceptable `yearCount`. */
export function isValidYearCount(n: unknown): n is number {
  return Number.isInteger(n) && (n as number) >= YEAR_COUNT_MIN && (n as number) <= YEAR_COUNT_MAX;
}

/** The table's years; malformed settings read as the defaults. */
export function readSettings(doc: Y.Doc): IndicatorSettings {
  const map = settingsMap(doc);
  const ly = map.get('lastYear');
  const yc = map.get('yearCount');
  const lastYear = isValidLastYear(ly) ? ly : defaultLastYear();
  const yearCount = isValidYearCount(yc) ? yc : DEFAULT_YEAR_COUNT;
  const pastYears = Array.from({ length: yearCount }, (_, i) => lastYear - yearCount + 1 + i);
  return { lastYear, yearCount, pastYears, planYear: lastYear + 1 };
}

/** Changes the table's years. Values outside the bounds are ignored. */
export function setSettings(
  doc: Y.Doc,
  next: { lastYear?: number; yearCount?: number },
  origin: unknown = null,
): void {
  const map = settingsMap(doc);
  doc.transact(() => {
    if (isValidLastYear(next.lastYear) && map.get('lastYear') !== next.lastYear)
      map.set('lastYear', next.lastYear);
    if (isValidYearCount(next.yearCount) && map.get('yearCount') !== next.yearCount)
      map.set('yearCount', next.yearCount);
  }, origin);
}

/** `value` when it is a well-formed stored cell, else null. */
export function toCellValue(value: unknown): CellValue | null {
  if (typeof value !== 'object' || value === null) return null;
  const { raw, locale } = value as Partial<CellValue>;
  if (typeof raw !== 'string' || raw.length > CELL_TEXT_MAX) return null;
  if (locale !== 'vi' && locale !== 'en') return null;
  return { raw, locale };
}

/**
 * The number a text stands for when typed in `locale`: that locale's format first, then the
 * other's. The fallback is unambiguous: a text the first format accepts is never re-read, so
 * `1.234` typed in Vietnamese is 1234 and `1234.5` is 1234.5.
 */
export function parseCellText(raw: string, locale: NumberLocale): number | null {
  if (raw.trim() === '') return null;
  return parseLocaleNumber(raw, locale) ?? parseLocaleNumber(raw, locale === 'vi' ? 'en' : 'vi');
}

/** Reads a stored cell (undefined: empty). */
export function readCell(cell: CellValue | undefined): CellReading {
  if (!cell || cell.raw.trim() === '') return { raw: cell?.raw ?? '', value: null, invalid: false };
  const value = parseCellText(cell.raw, cell.locale);
  return { raw: cell.raw, value, invalid: value === null };
}

/** The number in `row`'s cell `key`, or null when empty or invalid. */
export function cellNumber(row: RowView, key: CellKey): number | null {
  return readCell(row.cells[key]).value;
}

/** The valid actual values of `row` over `years`, as forecast points. */
export function actualSeries(row: RowView, years: readonly number[]): Point[] {
  const out: Point[] = [];
  for (const year of years) {
    const value = cellNumber(row, actualKey(year));
    if (value !== null) out.push({ year, value });
  }
  return out;
}

function rowMap(doc: Y.Doc, id: string): EntryMap | undefined {
  const row = rowsMap(doc).get(id);
  return row instanceof Y.Map ? row : undefined;
}

function cellsOf(map: EntryMap): Record<CellKey, CellValue> {
  const out: Record<CellKey, CellValue> = {};
  const cells = map.get('cells');
  if (!(cells instanceof Y.Map)) return out;
  cells.forEach((value: unknown, key: string) => {
    const cell = isCellKey(key) ? toCellValue(value) : null;
    if (cell) out[key] = cell;
  });
  return out;
}

/** Reads one row defensively; a row without a readable order or name is skipped (null). */
export function readRow(id: string, map: EntryMap): RowView | null {
  const order = map.get('order');
  if (!isOrderKey(order) || !(map.get('name') instanceof Y.Text)) return null;
  const createdAt = map.get('createdAt');
  return {
    id,
    name: textField(map, 'name'),
    unit: textField(map, 'unit'),
    notes: textField(map, 'notes'),
    department: strField(map, 'department'),
    higherIsBetter: map.get('higherIsBetter') !== false,
    cells: cellsOf(map),
    order,
    template: strField(map, 'template'),
    author: { id: strField(map, 'authorId'), name: strField(map, 'authorName') },
    createdAt: typeof createdAt === 'number' ? createdAt : 0,
    deleted: map.get('deleted') === true,
  };
}

/** Every readable row, deleted ones included, in no particular order. */
export function allRows(doc: Y.Doc): RowView[] {
  const out: RowView[] = [];
  rowsMap(doc).forEach((map, id) => {
    if (!(map instanceof Y.Map)) return;
    const row = readRow(id, map);
    if (row) out.push(row);
  });
  return out;
}

/** The live rows in table order. */
export function listRows(doc: Y.Doc): RowView[] {
  return allRows(doc)
    .filter((r) => !r.deleted)
    .sort(compareOrdered);
}

export interface NewRow {
  author: RowAuthor;
  name?: string;
  unit?: string;
  notes?: string;
  department?: string;
  higherIsBetter?: boolean;
  /** Initial cells; entries with an unknown key or a too long text are left out. */
  cells?: Record<CellKey, CellValue>;
  template?: string;
  /** Position in the table; the end when omitted. */
  index?: number;
  /** Supplied by templates (so two people starting from the same template converge), tests and imports. */
  id?: string;
  createdAt?: number;
}

/** Adds a row and returns its id. `origin` marks the transaction (undo tracks local origins). */
export function addRow(doc: Y.Doc, input: NewRow, origin: unknown = null): string {
  return addRows(doc, [input], origin)[0]!;
}

/** Adds several rows in one transaction (a template, an import, a paste), in order. */
export function addRows(doc: Y.Doc, inputs: readonly NewRow[], origin: unknown = null): string[] {
  const list = listRows(doc);
  const ids: string[] = [];
  doc.transact(() => {
    for (const input of inputs) {
      const id = input.id ?? randomId();
      const order = keyForIndex(list, input.index ?? list.length);
      const map = new Y.Map<unknown>();
      map.set('id', id);
      map.set('name', new Y.Text(input.name ?? ''));
      map.set('unit', new Y.Text(input.unit ?? ''));
      map.set('notes', new Y.Text(input.notes ?? ''));
      map.set('department', input.department ?? '');
      map.set('higherIsBetter', input.higherIsBetter ?? true);
      const cells = new Y.Map<unknown>();
      for (const [key, value] of Object.entries(input.cells ?? {})) {
        const cell = toCellValue(value);
        if (isCellKey(key) && cell && cell.raw !== '') cells.set(key, cell);
      }
      map.set('cells', cells);
      map.set('order', order);
      map.set('template', input.template ?? '');
      map.set('authorId', input.author.id);
      map.set('authorName', input.author.name);
      map.set('createdAt', input.createdAt ?? Date.now());
      map.set('deleted', false);
      rowsMap(doc).set(id, map);
      const at = Math.max(0, Math.min(input.index ?? list.length, list.length));
      list.splice(at, 0, { ...readRow(id, map)! });
      ids.push(id);
    }
  }, origin);
  return ids;
}

/** The shared text of a row's name, unit or notes, for binding to an editor. */
export function rowText(doc: Y.Doc, id: string, field: RowTextField): Y.Text | undefined {
  const text = rowMap(doc, id)?.get(field);
  return text instanceof Y.Text ? text : undefined;
}

/** Replaces a row's name, unit or notes with `next`, as character-level operations. */
export function editRowText(
  doc: Y.Doc,
  id: string,
  field: RowTextField,
  next: string,
  origin: unknown = null,
): void {
  const text = rowText(doc, id, field);
  if (text) applyTextDiff(text, next, origin);
}

/** Sets the responsible department. */
export function setRowDepartment(
  doc: Y.Doc,
  id: string,
  department: string,
  origin: unknown = null,
): void {
  const map = rowMap(doc, id);
  if (map && map.get('department') !== department)
    doc.transact(() => map.set('department', department), origin);
}

/** Sets whether a higher value is better. */
export function setHigherIsBetter(
  doc: Y.Doc,
  id: string,
  higherIsBetter: boolean,
  origin: unknown = null,
): void {
  const map = rowMap(doc, id);
  if (map && map.get('higherIsBetter') !== higherIsBetter)
    doc.transact(() => map.set('higherIsBetter', higherIsBetter), origin);
}

/**
 * Writes the text typed in one cell, as typed (an empty text empties the cell). Only that
 * cell's key changes. A text longer than CELL_TEXT_MAX is cut there, as the editor does.
 */
export function setCell(
  doc: Y.Doc,
  id: string,
  key: CellKey,
  raw: string,
  locale: NumberLocale,
  origin: unknown = null,
): void {
  const map = rowMap(doc, id);
  if (!map || !isCellKey(key)) return;
  const text = raw.slice(0, CELL_TEXT_MAX);
  doc.transact(() => {
    let cells = map.get('cells');
    if (!(cells instanceof Y.Map)) {
      cells = new Y.Map<unknown>();
      map.set('cells', cells);
    }
    const target = cells as Y.Map<unknown>;
    const current = toCellValue(target.get(key));
    if (text === '') {
      if (target.has(key)) target.delete(key);
    } else if (!current || current.raw !== text || current.locale !== locale) {
      target.set(key, { raw: text, locale });
    }
  }, origin);
}

/** Moves a row to `index` of the table: one field of one row changes. */
export function moveRow(doc: Y.Doc, id: string, index: number, origin: unknown = null): void {
  const map = rowMap(doc, id);
  if (!map) return;
  const order = keyForIndex(
    listRows(doc).filter((r) => r.id !== id),
    index,
  );
  doc.transact(() => map.set('order', order), origin);
}

/** Soft-deletes a row: it leaves the table but stays in the record, and undo brings it back. */
export function deleteRow(doc: Y.Doc, id: string, origin: unknown = null): void {
  const map = rowMap(doc, id);
  if (!map || map.get('deleted') === true) return;
  doc.transact(() => map.set('deleted', true), origin);
}

/** An undo manager over the table that tracks only transactions with `localOrigin`. */
export function createIndicatorsUndoManager(doc: Y.Doc, localOrigin: unknown): Y.UndoManager {
  return new Y.UndoManager([rowsMap(doc), settingsMap(doc)], {
    trackedOrigins: new Set([localOrigin]),
    captureTimeout: 500,
  });
}

/** Fields of a row someone can be editing, besides its cells. */
export const ROW_EDIT_FIELDS = ['name', 'unit', 'notes', 'department', 'higherIsBetter'] as const;

/**
 * The id of one editable cell of the table, for presence ("X is editing …"): the row id and
 * the field or cell key, joined by '-' (row ids never hold '-'; presence ids allow it).
 */
export function cellId(rowId: string, field: string): string {
  return `${rowId}-${field}`;
}

/** The row and field of a cell id, or null. */
export function parseCellId(id: string): { rowId: string; field: string } | null {
  const at = id.lastIndexOf('-');
  if (at <= 0 || at === id.length - 1) return null;
  return { rowId: id.slice(0, at), field: id.slice(at + 1) };
}
