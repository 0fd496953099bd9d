/**
 * Import and export of a department's indicator table as .xlsx (exceljs) and .csv
 * (papaparse). The matrix conversions are pure and tested; the libraries are loaded only when
 * someone imports or exports (exceljs is large, and participants never need it to join).
 *
 * The sheet: one header row, then one row per indicator. Headers are written in the
 * interface's language and read in either: name, unit, department, better-when (higher /
 * lower), one column per year of actual values ("TH 2024" / "Actual 2024", or just "2024"),
 * last year's plan ("KH 2024" / "Plan 2024"), the target ("Mục tiêu 2025" / "Target 2025")
 * and notes. A valid number is exported as a number; an entry that is not a number as its text.
 */
import {
  actualKey,
  CELL_TEXT_MAX,
  planKey,
  readCell,
  targetKey,
  type CellValue,
  type IndicatorSettings,
  type NewRow,
  type NumberLocale,
  type RowView,
} from '@shared/doc/indicators';

export type Matrix = (string | number)[][];

export interface IoLabels {
  name: string;
  unit: string;
  department: string;
  direction: string;
  actual: (year: number) => string;
  plan: (year: number) => string;
  target: (year: number) => string;
  notes: string;
  higher: string;
  lower: string;
}

/** Largest file read, in bytes. */
export const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
/** Most rows read from one file. */
export const IMPORT_MAX_ROWS = 500;

function cellOut(cell: CellValue | undefined): string | number {
  const r = readCell(cell);
  return r.value !== null ? r.value : r.raw;
}

/** The rows as a sheet: header row first. */
export function tableToMatrix(
  rows: readonly RowView[],
  settings: IndicatorSettings,
  labels: IoLabels,
): Matrix {
  const header = [
    labels.name,
    labels.unit,
    labels.department,
    labels.direction,
    ...settings.pastYears.map(labels.actual),
    labels.plan(settings.lastYear),
    labels.target(settings.planYear),
    labels.notes,
  ];
  const body = rows.map((row) => [
    row.name,
    row.unit,
    row.department,
    row.higherIsBetter ? labels.higher : labels.lower,
    ...settings.pastYears.map((y) => cellOut(row.cells[actualKey(y)])),
    cellOut(row.cells[planKey(settings.lastYear)]),
    cellOut(row.cells[targetKey(settings.planYear)]),
    row.notes,
  ]);
  return [header, ...body];
}

type Field = 'name' | 'unit' | 'department' | 'direction' | 'notes';
const FIELD_HEADERS: Record<Field, readonly string[]> = {
  name: ['chỉ tiêu', 'tên chỉ tiêu', 'indicator', 'name'],
  unit: ['đơn vị', 'đơn vị tính', 'unit'],
  department: ['phòng ban', 'department'],
  direction: ['chiều tốt', 'better when', 'direction'],
  notes: ['ghi chú', 'notes', 'note'],
};
const YEAR_HEADERS: readonly { prefix: RegExp; key: (year: number) => string }[] = [
  { prefix: /^(th|thực hiện|actual)?$/, key: actualKey },
  { prefix: /^(kh|kế hoạch|plan)$/, key: planKey },
  { prefix: /^(mt|mục tiêu|target)$/, key: targetKey },
];
const LOWER_WORDS = [
  'thấp',
  'lower',
  'giảm',
  'thấp hơn tốt',
  'càng thấp càng tốt',
  'lower is better',
];

type Column = { field: Field } | { cell: string } | null;

function columnOf(header: unknown): Column {
  const text = String(header ?? '')
    .normalize('NFC')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, ' ');
  for (const [field, names] of Object.entries(FIELD_HEADERS) as [Field, readonly string[]][]) {
    if (names.includes(text)) return { field };
  }
  const m = /^(.*?)\s*(\d{4})$/.exec(text);
  if (m) {
    const year = Number(m[2]);
    for (const h of YEAR_HEADERS) if (h.prefix.test(m[1] ?? '')) return { cell: h.key(year) };
  }
  return null;
}

function textOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return String(value).trim();
}

/**
 * The rows of a sheet (header row first). A numeric cell becomes its plain text ("1234.5",
 * read as typed in English); a text cell is kept as written, typed in `locale`. Rows without a
 * name and without any value are skipped. Returns null when no header is recognised.
 */
export function matrixToRows(
  matrix: readonly (readonly unknown[])[],
  locale: NumberLocale,
): Omit<NewRow, 'author'>[] | null {
  const headerIndex = matrix.findIndex((row) => row.some((h) => columnOf(h) !== null));
  if (headerIndex < 0) return null;
  const columns = matrix[headerIndex]!.map(columnOf);
  if (!columns.some((c) => c && 'field' in c && c.field === 'name')) return null;
  const out: Omit<NewRow, 'author'>[] = [];
  for (const line of matrix.slice(headerIndex + 1, headerIndex + 1 + IMPORT_MAX_ROWS)) {
    const row: Omit<NewRow, 'author'> & { cells: Record<string, CellValue> } = { cells: {} };
    columns.forEach((column, i) => {
      if (!column) return;
      const value = line[i];
      const text = textOf(value);
      if ('cell' in column) {
        if (text !== '')
          row.cells[column.cell] = {
            raw: text.slice(0, CELL_TEXT_MAX),
            locale: typeof value === 'number' ? 'en' : locale,
          };
      } else if (column.field === 'direction') {
        row.higherIsBetter = !LOWER_WORDS.includes(text.toLowerCase());
      } else {
        row[column.field] = text;
      }
    });
    if ((row.name ?? '') === '' && Object.keys(row.cells).length === 0) continue;
    out.push(row);
  }
  return out;
}

/** The value of an exceljs cell as a number or text (formulas give their result). */
function excelValue(value: unknown): unknown {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (value instanceof Date) return value.getFullYear();
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: string };
    if ('result' in v) return excelValue(v.result);
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if (typeof v.text === 'string') return v.text;
  }
  return String(value);
}

/** The sheet of a file (.xlsx or .csv). */
export async function readTableFile(file: File): Promise<unknown[][]> {
  if (file.size > IMPORT_MAX_BYTES) throw new RangeError('too_large');
  if (/\.csv$/i.test(file.name) || file.type === 'text/csv') {
    const { default: Papa } = await import('papaparse');
    const text = (await file.text()).replace(/^\ufeff/, '');
    return Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
  }
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await file.arrayBuffer());
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const out: unknown[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = row.values as unknown[];
    // exceljs rows are 1-based: values[0] is empty.
    out.push(values.slice(1).map(excelValue));
  });
  return out;
}

/** A file of the matrix, as .xlsx or .csv (UTF-8 with a BOM, so spreadsheets read the diacritics). */
export async function writeTableFile(
  matrix: Matrix,
  format: 'xlsx' | 'csv',
  sheetName: string,
): Promise<Blob> {
  if (format === 'csv') {
    const { default: Papa } = await import('papaparse');
    return new Blob([`\ufeff${Papa.unparse(matrix)}`], { type: 'text/csv;charset=utf-8' });
  }
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
  sheet.addRows(matrix);
  sheet.getRow(1).font = { bold: true };
  sheet.columns.forEach((col, i) => {
    col.width = i === 0 ? 40 : i === 2 ? 28 : 14;
  });
  const buffer = await workbook.xlsx.writeBuffer();
  return new Blob([buffer], {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  });
}
