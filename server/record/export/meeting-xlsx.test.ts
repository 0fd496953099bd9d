import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '@shared/schemas/record';
import { meetingXlsx, SHEETS } from './meeting-xlsx';

const author = { participantId: 'p1', name: 'Phạm Thị An', department: 'Phòng Y tế' };
const record: SessionRecord = {
  version: 1,
  generatedAt: 0,
  meeting: {
    id: 'm',
    title: 'T',
    date: null,
    district: '',
    planYear: null,
    departments: [],
    createdAt: 0,
    startedAt: null,
    endedAt: null,
    supervisingBody: '',
    issuingBody: '',
    place: '',
    documentNumber: '',
    chair: null,
    secretary: null,
  },
  attendance: [],
  agenda: { steps: [] },
  boards: [],
  votes: [
    {
      id: 'v1',
      boardId: 'p',
      round: 1,
      status: 'closed',
      dotsPerVoter: 3,
      maxPerItem: 2,
      unit: 'dot',
      voters: 5,
      results: {
        totals: { a: 9, b: 6 },
        byDepartment: { 'Phòng Y tế': { a: 4, b: 1 }, 'Phòng Dân tộc': { a: 5, b: 5 } },
      },
    },
    {
      id: 'v2',
      boardId: 'p',
      round: 2,
      status: 'closed',
      dotsPerVoter: 3,
      maxPerItem: 2,
      unit: 'dot',
      voters: 5,
      results: { totals: { a: 11, b: 4 }, byDepartment: {} },
    },
  ],
  priorities: [
    {
      boardId: 'p',
      title: 'Ưu tiên',
      items: [
        { id: 'a', text: 'Đường liên xã', author, score: 20, rank: 1 },
        { id: 'b', text: 'Trạm y tế', author, score: 10.5, rank: 2 },
      ],
      decision: null,
    },
  ],
  indicators: [
    {
      boardId: 'i',
      title: 'Chỉ tiêu',
      rows: [
        {
          id: 'r',
          name: 'Tốc độ tăng trưởng',
          unit: '%',
          plan: 8.5,
          actual: 7.9,
          target: 9,
          forecasts: [
            { method: 'CAGR', inputs: '2021–2025', result: 8.1 },
            { method: 'ICOR', inputs: 'I/GDP', result: 8.7 },
          ],
        },
      ],
    },
  ],
  marks: [],
  conclusions: '',
};

describe('meetingXlsx', () => {
  it('parses back to the same numbers: votes per round, per department, scores, indicators', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await meetingXlsx(record, 'vi')) as unknown as ArrayBuffer);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow((r) => out.push((r.values as unknown[]).slice(1)));
      return out;
    };
    const priorities = rows(SHEETS.priorities);
    expect(priorities).toContainEqual([1, 'Đường liên xã', 'Phạm Thị An (Phòng Y tế)', 20, 9, 11]);
    expect(priorities).toContainEqual([2, 'Trạm y tế', 'Phạm Thị An (Phòng Y tế)', 10.5, 6, 4]);
    const byDept = rows(SHEETS.votesByDepartment);
    expect(byDept).toContainEqual([1, 'Phòng Dân tộc', 'Trạm y tế', 5]);
    expect(byDept).toContainEqual([1, 'Phòng Y tế', 'Đường liên xã', 4]);
    const indicators = rows(SHEETS.indicators);
    expect(indicators).toContainEqual([
      'Chỉ tiêu',
      'Tốc độ tăng trưởng',
      '%',
      8.5,
      7.9,
      9,
      'CAGR',
      8.1,
    ]);
    expect(indicators.at(-1)?.slice(-2)).toEqual(['ICOR', 8.7]);
  });
});
