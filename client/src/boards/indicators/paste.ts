/**
 * A block of cells pasted from a spreadsheet: the clipboard holds tab-separated rows (TSV,
 * what LibreOffice, Excel and Google Sheets put there). Pure: parsing and the plan of which
 * cell gets which text; the view applies the plan as one undoable change.
 */
import Papa from 'papaparse';
import type { TableColumn } from './table-columns';

/** Largest block accepted in one paste (rows × columns). */
export const PASTE_MAX_ROWS = 200;
export const PASTE_MAX_COLS = 40;

/** True when pasted text is a block (several cells), not text for one cell. */
export function isBlock(text: string): boolean {
  return /[\t\n\r]/.test(text.replace(/[\r\n]+$/, ''));
}

/**
 * Rows of cells from TSV. Quoted cells (a spreadsheet quotes a cell with a tab or a line
 * break inside) are read by papaparse, so such a cell stays one cell. The trailing line
 * break spreadsheets add is dropped.
 */
export function parseTsv(text: string): string[][] {
  const parsed = Papa.parse<string[]>(text.replace(/(\r\n|\n|\r)$/, ''), {
    delimiter: '\t',
    skipEmptyLines: false,
  });
  return parsed.data
    .slice(0, PASTE_MAX_ROWS)
    .map((row) => row.slice(0, PASTE_MAX_COLS).map((cell) => cell.trim()));
}

export interface PasteWrite {
  /** Index of the row in the table; at or past the end means a new row. */
  row: number;
  column: TableColumn;
  text: string;
}

/** Which cell gets which text when `grid` is pasted with its top-left at (row, col of `columns`). */
export function planPaste(
  grid: readonly string[][],
  columns: readonly TableColumn[],
  start: { row: number; col: number },
): PasteWrite[] {
  const writes: PasteWrite[] = [];
  grid.forEach((cells, r) => {
    cells.forEach((text, c) => {
      const column = columns[start.col + c];
      if (column) writes.push({ row: start.row + r, column, text });
    });
  });
  return writes;
}
