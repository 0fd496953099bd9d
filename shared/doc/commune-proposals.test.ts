import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addProposal,
  groupProposals,
  listProposals,
  markProposalPromoted,
  updateProposal,
} from './commune-proposals';

const author = { id: 'p1', name: 'Lan', department: 'Phòng Y tế' };

describe('commune proposals', () => {
  it('groups by commune and by sector with counts, totals and unassigned last (worked by hand)', () => {
    const doc = new Y.Doc();
    const a = addProposal(doc, {
      author,
      commune: 'Xã Bắc',
      title: 'Kênh',
      cost: 100,
      beneficiaries: 10,
    });
    addProposal(doc, {
      author,
      commune: 'Xã An',
      title: 'Trường',
      cost: 50,
      sector: 'Phòng Giáo dục và Đào tạo',
    });
    addProposal(doc, { author, commune: 'Xã Bắc', title: 'Đường', cost: null, beneficiaries: 5 });
    updateProposal(doc, a, { sector: 'Phòng Nông nghiệp và PTNT' });
    const byCommune = groupProposals(listProposals(doc), 'commune');
    expect(
      byCommune.map((g) => [g.key, g.count, g.totalCost, g.withoutCost, g.beneficiaries]),
    ).toEqual([
      ['Xã An', 1, 50, 0, 0],
      ['Xã Bắc', 2, 100, 1, 15],
    ]);
    const bySector = groupProposals(listProposals(doc), 'sector');
    expect(bySector.map((g) => [g.key, g.count])).toEqual([
      ['Phòng Giáo dục và Đào tạo', 1],
      ['Phòng Nông nghiệp và PTNT', 1],
      ['', 1],
    ]);
  });

  it('records promotions once', () => {
    const doc = new Y.Doc();
    const a = addProposal(doc, { author, commune: 'Xã A', title: 'x' });
    markProposalPromoted(doc, a, { boardId: 'b', id: 'i' });
    markProposalPromoted(doc, a, { boardId: 'b', id: 'i' });
    expect(listProposals(doc)[0]!.promotedTo).toEqual([{ boardId: 'b', id: 'i' }]);
  });
});
