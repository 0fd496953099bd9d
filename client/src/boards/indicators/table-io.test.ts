import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addRow, initIndicatorsDoc, listRows, readSettings, setCell } from '@shared/doc/indicators';
import { matrixToRows, tableToMatrix, type IoLabels } from './table-io';

const labels: IoLabels = {
  name: 'Chỉ tiêu',
  unit: 'Đơn vị',
  department: 'Phòng ban',
  direction: 'Chiều tốt',
  actual: (y) => `TH ${y}`,
  plan: (y) => `KH ${y}`,
  target: (y) => `Mục tiêu ${y}`,
  notes: 'Ghi chú',
  higher: 'cao',
  lower: 'thấp',
};

describe('table import and export', () => {
  it('round-trips a row: numbers as numbers, an invalid entry as its text', () => {
    const doc = new Y.Doc();
    initIndicatorsDoc(doc, 2024);
    const id = addRow(doc, {
      author: { id: 'p', name: 'n' },
      name: 'Tỷ lệ hộ nghèo',
      unit: '%',
      higherIsBetter: false,
      department: 'Phòng Y tế',
    });
    setCell(doc, id, 'a2020', '12,5', 'vi');
    setCell(doc, id, 'a2021', 'chưa có', 'vi');
    setCell(doc, id, 'p2024', '8', 'vi');
    setCell(doc, id, 't2025', '7,2', 'vi');
    const settings = readSettings(doc);
    const matrix = tableToMatrix(listRows(doc), settings, labels);
    expect(matrix[0]).toEqual([
      'Chỉ tiêu',
      'Đơn vị',
      'Phòng ban',
      'Chiều tốt',
      'TH 2020',
      'TH 2021',
      'TH 2022',
      'TH 2023',
      'TH 2024',
      'KH 2024',
      'Mục tiêu 2025',
      'Ghi chú',
    ]);
    expect(matrix[1]).toEqual([
      'Tỷ lệ hộ nghèo',
      '%',
      'Phòng Y tế',
      'thấp',
      12.5,
      'chưa có',
      '',
      '',
      '',
      8,
      7.2,
      '',
    ]);
    const rows = matrixToRows(matrix, 'en')!;
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      name: 'Tỷ lệ hộ nghèo',
      unit: '%',
      department: 'Phòng Y tế',
      higherIsBetter: false,
    });
    expect(rows[0]!.cells).toEqual({
      a2020: { raw: '12.5', locale: 'en' },
      a2021: { raw: 'chưa có', locale: 'en' },
      p2024: { raw: '8', locale: 'en' },
      t2025: { raw: '7.2', locale: 'en' },
    });
  });

  it("reads English headers, bare years and texts typed in the importer's language", () => {
    const rows = matrixToRows(
      [
        ['Some title'],
        ['Indicator', 'Unit', '2022', '2023', 'Plan 2023', 'Target 2024', 'Better when'],
        ['Food output', 'tonnes', '1.234,5', 1300, '1.250', '1.400', 'higher'],
        ['', '', '', '', '', '', ''],
      ],
      'vi',
    )!;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.cells).toEqual({
      a2022: { raw: '1.234,5', locale: 'vi' },
      a2023: { raw: '1300', locale: 'en' },
      p2023: { raw: '1.250', locale: 'vi' },
      t2024: { raw: '1.400', locale: 'vi' },
    });
    expect(rows[0]!.higherIsBetter).toBe(true);
  });

  it('a sheet without a recognised header is refused', () => {
    expect(
      matrixToRows(
        [
          ['a', 'b'],
          [1, 2],
        ],
        'vi',
      ),
    ).toBeNull();
  });
});
