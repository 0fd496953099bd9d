import { describe, expect, it } from 'vitest';
import { isBlock, parseTsv, planPaste } from './paste';
import { pasteColumns, tableColumns, moveCell, moveForKey } from './table-columns';

const settings = {
  lastYear: 2024,
  yearCount: 5,
  pastYears: [2020, 2021, 2022, 2023, 2024],
  planYear: 2025,
};

describe('pasting a block from a spreadsheet', () => {
  it('tells a block from one value', () => {
    expect(isBlock('1.234,5')).toBe(false);
    expect(isBlock('1.234,5\n')).toBe(false);
    expect(isBlock('1\t2')).toBe(true);
    expect(isBlock('1\n2\n')).toBe(true);
  });

  it('parses TSV with quoted cells and drops the trailing line break', () => {
    expect(parseTsv('a\tb\r\n1,5\t"x\ty"\r\n')).toEqual([
      ['a', 'b'],
      ['1,5', 'x\ty'],
    ]);
  });

  it('plans the writes from the focused cell, right and down, past the last row too', () => {
    const cols = pasteColumns(tableColumns(settings));
    expect(cols.map((c) => c.key)).toEqual([
      'name',
      'unit',
      'a2020',
      'a2021',
      'a2022',
      'a2023',
      'a2024',
      'p2024',
      't2025',
      'notes',
    ]);
    const start = cols.findIndex((c) => c.key === 'a2023');
    const writes = planPaste([['1', '2', '3', '4', '5', '6'], ['7']], cols, { row: 2, col: start });
    expect(writes.map((w) => [w.row, w.column.key, w.text])).toEqual([
      [2, 'a2023', '1'],
      [2, 'a2024', '2'],
      [2, 'p2024', '3'],
      [2, 't2025', '4'],
      [2, 'notes', '5'],
      [3, 'a2023', '7'],
    ]);
  });
});

describe('keyboard navigation between cells', () => {
  it('moves within the table and stops at its edges', () => {
    expect(moveCell({ row: 0, col: 0 }, 'down', 3, 4)).toEqual({ row: 1, col: 0 });
    expect(moveCell({ row: 0, col: 0 }, 'up', 3, 4)).toBeNull();
    expect(moveCell({ row: 2, col: 3 }, 'right', 3, 4)).toBeNull();
    expect(moveCell({ row: 2, col: 3 }, 'left', 3, 4)).toEqual({ row: 2, col: 2 });
  });

  it('left and right leave a cell only from the ends of its text; Enter goes down', () => {
    const input = (caret: number, length: number) => ({
      kind: 'input' as const,
      caret,
      length,
      selection: false,
    });
    expect(moveForKey('ArrowLeft', input(0, 3))).toBe('left');
    expect(moveForKey('ArrowLeft', input(1, 3))).toBeNull();
    expect(moveForKey('ArrowRight', input(3, 3))).toBe('right');
    expect(moveForKey('Enter', input(1, 3))).toBe('down');
    expect(
      moveForKey('ArrowDown', { kind: 'select', caret: null, length: 0, selection: false }),
    ).toBeNull();
    expect(
      moveForKey('ArrowRight', { kind: 'select', caret: null, length: 0, selection: false }),
    ).toBe('right');
    expect(moveForKey('a', input(0, 0))).toBeNull();
  });
});
