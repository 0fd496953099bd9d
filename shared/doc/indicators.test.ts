import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  actualKey,
  actualSeries,
  addRow,
  addRows,
  cellId,
  deleteRow,
  editRowText,
  initIndicatorsDoc,
  listRows,
  moveRow,
  parseCellId,
  parseCellText,
  planKey,
  readCell,
  readSettings,
  setCell,
  setHigherIsBetter,
  setSettings,
  CELL_TEXT_MAX,
} from './indicators';
import { DISTRICT_INDICATORS, templateRows } from './indicator-templates';

const author = { id: 'p1', name: 'Lan' };

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('indicator document', () => {
  it('writes the header and five past years ending with last year', () => {
    const doc = new Y.Doc();
    initIndicatorsDoc(doc, 2024);
    expect(readSettings(doc)).toEqual({
      lastYear: 2024,
      yearCount: 5,
      pastYears: [2020, 2021, 2022, 2023, 2024],
      planYear: 2025,
    });
    setSettings(doc, { yearCount: 3, lastYear: 2025 });
    expect(readSettings(doc).pastYears).toEqual([2023, 2024, 2025]);
    setSettings(doc, { yearCount: 99, lastYear: 1.5 });
    expect(readSettings(doc).yearCount).toBe(3);
    expect(readSettings(doc).lastYear).toBe(2025);
  });

  it('adds, edits, orders and soft-deletes rows', () => {
    const doc = new Y.Doc();
    const a = addRow(doc, { author, name: 'Tỷ lệ hộ nghèo', unit: '%', higherIsBetter: false });
    const b = addRow(doc, { author, name: 'Thu nhập', department: 'Phòng Y tế' });
    editRowText(doc, a, 'notes', 'giảm 2%/năm');
    setHigherIsBetter(doc, b, false);
    moveRow(doc, b, 0);
    const rows = listRows(doc);
    expect(rows.map((r) => r.id)).toEqual([b, a]);
    expect(rows[1]).toMatchObject({
      name: 'Tỷ lệ hộ nghèo',
      unit: '%',
      notes: 'giảm 2%/năm',
      higherIsBetter: false,
    });
    expect(rows[0]!.higherIsBetter).toBe(false);
    deleteRow(doc, a);
    expect(listRows(doc).map((r) => r.id)).toEqual([b]);
  });

  it('keeps a cell as typed and derives the number; invalid text is flagged, never zero', () => {
    const doc = new Y.Doc();
    const id = addRow(doc, { author, name: 'x' });
    setCell(doc, id, actualKey(2020), '1.234,5', 'vi');
    setCell(doc, id, actualKey(2021), '1234.5', 'vi');
    setCell(doc, id, actualKey(2022), 'khoảng 12', 'vi');
    setCell(doc, id, actualKey(2023), '1,234.5', 'en');
    setCell(doc, id, planKey(2024), '1.234', 'vi');
    const row = listRows(doc)[0]!;
    expect(row.cells.a2022).toEqual({ raw: 'khoảng 12', locale: 'vi' });
    expect(readCell(row.cells.a2020)).toEqual({ raw: '1.234,5', value: 1234.5, invalid: false });
    expect(readCell(row.cells.a2021).value).toBe(1234.5);
    expect(readCell(row.cells.a2022)).toEqual({ raw: 'khoảng 12', value: null, invalid: true });
    expect(readCell(row.cells.a2023).value).toBe(1234.5);
    // Typed in Vietnamese, `1.234` is 1234 for every reader.
    expect(readCell(row.cells.p2024).value).toBe(1234);
    expect(readCell(undefined)).toEqual({ raw: '', value: null, invalid: false });
    expect(actualSeries(row, [2020, 2021, 2022, 2023, 2024])).toEqual([
      { year: 2020, value: 1234.5 },
      { year: 2021, value: 1234.5 },
      { year: 2023, value: 1234.5 },
    ]);
    setCell(doc, id, actualKey(2022), '', 'vi');
    expect(listRows(doc)[0]!.cells.a2022).toBeUndefined();
    setCell(doc, id, 'nonsense', '5', 'vi');
    expect(Object.keys(listRows(doc)[0]!.cells)).not.toContain('nonsense');
    setCell(doc, id, actualKey(2022), '9'.repeat(100), 'vi');
    expect(listRows(doc)[0]!.cells.a2022!.raw).toHaveLength(CELL_TEXT_MAX);
  });

  it('parses with the typing locale first, then the other', () => {
    expect(parseCellText('1.234,5', 'vi')).toBe(1234.5);
    expect(parseCellText('1234.5', 'vi')).toBe(1234.5);
    expect(parseCellText('1,5', 'vi')).toBe(1.5);
    expect(parseCellText('1,5', 'en')).toBe(1.5);
    expect(parseCellText('1,234', 'en')).toBe(1234);
    expect(parseCellText('1,234', 'vi')).toBe(1.234);
    expect(parseCellText('-3,2', 'vi')).toBe(-3.2);
    expect(parseCellText('12abc', 'vi')).toBeNull();
    expect(parseCellText('  ', 'vi')).toBeNull();
  });

  it('concurrent edits of different cells both survive; of the same cell converge on one whole entry', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    initIndicatorsDoc(a, 2024);
    const id = addRow(a, { author, name: 'x' });
    sync(a, b);
    setCell(a, id, actualKey(2020), '100', 'vi');
    setCell(b, id, actualKey(2021), '200', 'en');
    setCell(a, id, planKey(2024), '1.500', 'vi');
    setCell(b, id, planKey(2024), '1600.5', 'en');
    sync(a, b);
    const ra = listRows(a)[0]!;
    expect(ra).toEqual(listRows(b)[0]);
    expect(readCell(ra.cells.a2020).value).toBe(100);
    expect(readCell(ra.cells.a2021).value).toBe(200);
    expect([1500, 1600.5]).toContain(readCell(ra.cells.p2024).value);
  });

  it('template rows have stable ids, so two people starting the table converge without duplicates', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    addRows(a, templateRows(author, new Set()));
    addRows(b, templateRows({ id: 'p2', name: 'Minh' }, new Set()));
    sync(a, b);
    expect(listRows(a)).toHaveLength(DISTRICT_INDICATORS.length);
    expect(listRows(a).map((r) => r.id)).toEqual(listRows(b).map((r) => r.id));
    expect(listRows(a).every((r) => Object.keys(r.cells).length === 0)).toBe(true);
    expect(templateRows(author, new Set(listRows(a).map((r) => r.id)))).toEqual([]);
  });

  it('cell ids for presence round-trip', () => {
    expect(parseCellId(cellId('abcDEF123', 'a2024'))).toEqual({
      rowId: 'abcDEF123',
      field: 'a2024',
    });
    expect(parseCellId(cellId('tpl_growth', 'name'))).toEqual({
      rowId: 'tpl_growth',
      field: 'name',
    });
    expect(parseCellId('nodash')).toBeNull();
  });
});
