import { describe, expect, it } from 'vitest';
import type { SessionRecord } from '@shared/schemas/record';
import { mdEscape, recordMarkdown } from './record-markdown';

const author = { participantId: 'p1', name: 'Phạm Thị An', department: 'Phòng Y tế' };

const record: SessionRecord = {
  version: 1,
  generatedAt: Date.UTC(2026, 11, 1, 3, 0),
  meeting: {
    id: 'm1',
    title: 'Hội nghị *mẫu*',
    date: '2026-12-01',
    district: 'Huyện Mẫu',
    planYear: 2026,
    departments: ['Phòng Y tế'],
    createdAt: 0,
    startedAt: Date.UTC(2026, 11, 1, 1, 0),
    endedAt: Date.UTC(2026, 11, 1, 2, 30),
    supervisingBody: '',
    issuingBody: '',
    place: 'Huyện Mẫu',
    documentNumber: '',
    chair: { participantId: 'f', name: 'Chủ trì', department: null },
    secretary: null,
  },
  attendance: [
    {
      department: 'Phòng Y tế',
      present: true,
      people: [{ participantId: 'p1', name: 'Phạm Thị An', role: 'participant' }],
    },
  ],
  agenda: {
    steps: [
      {
        id: 's1',
        title: 'Phân tích SWOT',
        minutes: 30,
        boardId: 'b1',
        startedAt: Date.UTC(2026, 11, 1, 1, 0),
        endedAt: Date.UTC(2026, 11, 1, 1, 30),
      },
    ],
  },
  boards: [
    {
      id: 'b1',
      kind: 'swot',
      title: 'SWOT – Phòng Y tế',
      department: 'Phòng Y tế',
      locked: true,
      cards: [
        {
          id: 'c1',
          quadrant: 'strengths',
          text: '# Trạm y tế\n- đạt chuẩn',
          author,
          createdAt: Date.UTC(2026, 11, 1, 1, 5),
          edits: [],
          deleted: false,
        },
      ],
    },
  ],
  votes: [
    {
      id: 'v1',
      boardId: 'p',
      round: 1,
      status: 'closed',
      dotsPerVoter: 3,
      maxPerItem: 2,
      unit: 'dot',
      voters: 4,
      voterNames: [{ participantId: 'p1', name: 'Phạm Thị An' }],
      closedAt: 0,
      results: { totals: { i1: 7 }, byDepartment: { 'Phòng Y tế': { i1: 3 } } },
    },
  ],
  priorities: [
    {
      boardId: 'p',
      title: 'Ưu tiên',
      items: [
        {
          id: 'i1',
          text: 'Đường liên xã',
          description: '',
          department: 'Phòng Y tế',
          cost: null,
          sources: [],
          author,
          createdAt: 0,
          score: 7,
          rank: 1,
        },
      ],
      decision: {
        text: 'Chọn đường liên xã',
        round: 1,
        method: 'dots',
        ranking: [{ itemId: 'i1', title: 'Đường liên xã', rank: 1, value: 7, tied: false }],
        confirmedAt: 0,
        confirmedBy: author,
      },
    },
  ],
  scores: [],
  proposals: [],
  indicators: [],
  marks: [],
  conclusions: 'Thống nhất.',
};

describe('recordMarkdown', () => {
  it('renders every section from the record, in the hall’s time zone', () => {
    const md = recordMarkdown(record, 'vi');
    expect(md).toContain('# Hội nghị \\*mẫu\\*');
    for (const n of [1, 2, 3, 4, 5, 6]) expect(md).toContain(`## ${n}.`);
    expect(md).toContain('1. Phân tích SWOT (30 phút) — Bắt đầu: 08:00');
    expect(md).toContain('Đề xuất: Phạm Thị An (Phòng Y tế)');
    expect(md).toContain('| 1 | Đường liên xã | Phòng Y tế |  | 7 | Phạm Thị An (Phòng Y tế) |  |');
    expect(md).toContain('Người bỏ phiếu: Phạm Thị An');
    expect(md).toContain('- Đường liên xã: 7');
    expect(md).toContain('**Quyết định:** Chọn đường liên xã');
    expect(md).toContain('Thống nhất.');
    expect(recordMarkdown(record, 'en')).toContain('## 6. Conclusions');
  });

  it('escapes what a participant typed so it cannot forge structure', () => {
    expect(mdEscape('# x\n- y | z')).toBe('\\# x  \n\\- y \\| z');
    expect(mdEscape('a_b*c')).toBe('a\\_b\\*c');
  });
});
