import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addProposal, initProposalsDoc } from '@shared/doc/commune-proposals';
import { addRow, deleteRow, initIndicatorsDoc } from '@shared/doc/indicators';
import { addItem, initPriorityDoc } from '@shared/doc/priority-list';
import { addCard, deleteCard, initSwotDoc } from '@shared/doc/swot-board';
import { highlightSegments } from '@shared/search';
import { entriesOfBoard, searchMeeting, type SearchEntry } from './meeting-index';

const author = { id: 'p1', name: 'Chị Lan', department: 'Phòng Y tế' };

/** A meeting of four boards, one of each kind, with an entry or two each. */
function meetingEntries(): SearchEntry[] {
  const swot = new Y.Doc();
  initSwotDoc(swot);
  addCard(swot, { quadrant: 'threats', text: 'Thách thức: sạt lở đất mùa mưa', author, id: 'c1' });
  addCard(swot, { quadrant: 'strengths', text: 'Đường liên xã đã cứng hóa', author, id: 'c2' });
  deleteCard(swot, addCard(swot, { quadrant: 'threats', text: 'Thách thức đã xóa', author }));
  addCard(swot, { quadrant: 'opportunities', text: '   ', author });

  const list = new Y.Doc();
  initPriorityDoc(list);
  addItem(list, {
    title: 'Kè chống sạt lở',
    description: 'Bảo vệ dân cư',
    department: 'Phòng Nông nghiệp và PTNT',
    author,
    id: 'i1',
  });

  const proposals = new Y.Doc();
  initProposalsDoc(proposals);
  addProposal(proposals, {
    title: 'Nước sạch cho bản',
    commune: 'Xã Đồng Tâm',
    sector: 'Y tế',
    author,
    id: 'pr1',
  });

  const table = new Y.Doc();
  initIndicatorsDoc(table, 2025);
  addRow(table, {
    name: 'Tỷ lệ hộ nghèo',
    unit: '%',
    notes: 'theo chuẩn đa chiều',
    author,
    id: 'r1',
  });
  deleteRow(table, addRow(table, { name: 'Tỷ lệ đã xóa', author }));

  return [
    ...entriesOfBoard({ id: 'b1', kind: 'swot', title: 'Toàn huyện' }, swot),
    ...entriesOfBoard({ id: 'b2', kind: 'priority', title: 'Ưu tiên' }, list),
    ...entriesOfBoard({ id: 'b3', kind: 'proposals', title: 'Đề xuất xã' }, proposals),
    ...entriesOfBoard({ id: 'b4', kind: 'indicators', title: 'Chỉ tiêu' }, table),
  ];
}

describe('the meeting search index', () => {
  it('holds one entry per live card, item, proposal and row, and leaves out deleted and empty ones', () => {
    const entries = meetingEntries();
    expect(entries.map((e) => [e.kind, e.id, e.boardId])).toEqual([
      ['card', 'c1', 'b1'],
      ['card', 'c2', 'b1'],
      ['item', 'i1', 'b2'],
      ['proposal', 'pr1', 'b3'],
      ['indicator', 'r1', 'b4'],
    ]);
    expect(entries[0]).toMatchObject({
      quadrant: 'threats',
      department: 'Phòng Y tế',
      boardTitle: 'Toàn huyện',
    });
    expect(entries[3]).toMatchObject({
      title: 'Nước sạch cho bản',
      detail: 'Y tế',
      department: 'Xã Đồng Tâm',
    });
    expect(entries[4]).toMatchObject({ detail: '% · theo chuẩn đa chiều' });
  });

  it('finds "thach thuc" in a card "Thách thức …" with its highlight, ignoring diacritics', () => {
    const hits = searchMeeting('thach thuc', meetingEntries());
    expect(hits.map((h) => h.item.id)).toEqual(['c1']);
    const title = hits[0]!.matches.find((m) => m.field === 'title')!;
    expect(
      highlightSegments(title.text, title.ranges)
        .filter((s) => s.match)
        .map((s) => s.text),
    ).toEqual(['Thách', 'thức']);
  });

  it('matches across kinds and fields: đ with d, detail and department', () => {
    const entries = meetingEntries();
    // Equal scores keep the meeting's order: the card's board comes first.
    expect(searchMeeting('sat lo', entries).map((h) => h.item.id)).toEqual(['c1', 'i1']);
    expect(searchMeeting('dong tam', entries).map((h) => h.item.id)).toEqual(['pr1']);
    expect(searchMeeting('da chieu', entries).map((h) => h.item.id)).toEqual(['r1']);
    expect(searchMeeting('', entries)).toEqual([]);
  });

  it('caps the number of results', () => {
    const doc = new Y.Doc();
    initSwotDoc(doc);
    for (let i = 0; i < 50; i++)
      addCard(doc, { quadrant: 'strengths', text: `Điểm mạnh ${i}`, author });
    const entries = entriesOfBoard({ id: 'b', kind: 'swot', title: 'B' }, doc);
    expect(searchMeeting('diem manh', entries)).toHaveLength(30);
    expect(searchMeeting('diem manh', entries, 5)).toHaveLength(5);
  });
});
