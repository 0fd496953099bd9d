import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '@shared/schemas/record';
import { meetingXlsx, SHEETS } from './meeting-xlsx';

const author = { participantId: 'p1', name: 'Phạm Thị An', department: 'Phòng Y tế' };
const item = {
  description: '',
  department: 'Phòng Y tế',
  cost: null,
  sources: [],
  author,
  createdAt: 0,
};
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
      voterNames: [],
      closedAt: null,
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
      voterNames: [],
      closedAt: null,
      results: { totals: { a: 11, b: 4 }, byDepartment: {} },
    },
  ],
  priorities: [
    {
      boardId: 'p',
      title: 'Ưu tiên',
      items: [
        { ...item, id: 'a', text: 'Đường liên xã', score: 20, rank: 1, cost: 12_500_000_000 },
        { ...item, id: 'b', text: 'Trạm y tế', score: 10.5, rank: 2 },
      ],
      decision: null,
    },
  ],
  scores: [
    {
      id: 's1',
      boardId: 'p',
      round: 3,
      status: 'revealed',
      criteria: [
        { id: 'impact', name: 'Tác động', weight: 2, direction: 'higher' },
        { id: 'cost', name: 'Chi phí', weight: 1, direction: 'lower' },
      ],
      voters: 2,
      voterNames: [
        { participantId: 'p1', name: 'Phạm Thị An' },
        { participantId: 'p2', name: 'Lò Văn Bình' },
      ],
      closedAt: 0,
      items: [
        {
          itemId: 'a',
          title: 'Đường liên xã',
          rank: 1,
          tied: false,
          score: 4.25,
          count: 2,
          min: 4,
          max: 4.5,
          stdev: 0.25,
          byCriterion: { impact: 4.5, cost: 3.5 },
        },
      ],
    },
  ],
  proposals: [],
  indicators: [
    {
      boardId: 'i',
      title: 'Chỉ tiêu',
      lastYear: 2025,
      planYear: 2026,
      rows: [
        {
          id: 'r',
          name: 'Tốc độ tăng trưởng',
          unit: '%',
          department: 'Phòng Tài chính - Kế hoạch',
          author,
          actuals: { '2024': 7.5, '2025': 7.9 },
          plan: 8.5,
          actual: 7.9,
          completion: 92.9,
          status: 'nearly',
          target: 9,
          forecasts: [
            { method: 'cagr', inputs: 'rate=0.05', result: 8.1, gap: 0.11 },
            { method: 'icor-growth', inputs: 'I/GDP', result: 8.7, gap: null },
          ],
          largeGap: false,
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
    expect(priorities).toContainEqual([
      1,
      'Đường liên xã',
      'Phạm Thị An (Phòng Y tế)',
      20,
      9,
      11,
      'Phòng Y tế',
      12_500_000_000,
      '',
    ]);
    expect(priorities.find((r) => r[1] === 'Trạm y tế')?.slice(0, 6)).toEqual([
      2,
      'Trạm y tế',
      'Phạm Thị An (Phòng Y tế)',
      10.5,
      6,
      4,
    ]);
    const scores = rows(SHEETS.scores);
    expect(scores).toContainEqual([1, 'Đường liên xã', 4.25, 4, 4.5, 0.25, 2, 4.5, 3.5]);
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
      'Tốc độ tăng bình quân',
      8.1,
      92.9,
      'Phòng Tài chính - Kế hoạch',
      0.11,
    ]);
    expect(indicators.at(-1)?.slice(6, 8)).toEqual(['ICOR: tăng trưởng từ vốn đầu tư (%)', 8.7]);
  });
});
