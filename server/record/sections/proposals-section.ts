/**
 * Commune proposals in their final state (issue 10, phase 2), grouped by commune and, within
 * a commune, by sector, with counts and known costs; each proposal with its derived author.
 */
import * as Y from 'yjs';
import { groupProposals, listProposals, proposalsMap } from '@shared/doc/commune-proposals';
import type { RecordProposal, RecordProposalBoard } from '@shared/schemas/record';
import { withAttribution } from '../entry-attribution';
import { SERVER_AUTHOR } from '../names';
import type { RecordSectionProvider } from '../record-service';

const totals = (g: { count: number; totalCost: number; withoutCost: number }) => ({
  count: g.count,
  totalCost: g.totalCost,
  withoutCost: g.withoutCost,
});

export const proposalsSection: RecordSectionProvider = {
  name: 'proposals',
  async fill(ctx, record) {
    for (const board of ctx.boards) {
      if (board.kind !== 'proposals') continue;
      const history = await ctx.history(board.id);
      const section = withAttribution(
        history,
        history.rows.length,
        ctx.names,
        (doc, attribution): RecordProposalBoard => {
          const maps = proposalsMap(doc);
          const proposals = listProposals(doc);
          const shown = new Map<string, RecordProposal>();
          for (const p of proposals) {
            const map = maps.get(p.id);
            const a = map instanceof Y.Map ? attribution(map) : null;
            shown.set(p.id, {
              id: p.id,
              title: p.title,
              commune: p.commune,
              sector: p.sector,
              cost: p.cost,
              beneficiaries: p.beneficiaries,
              author: a?.author ?? SERVER_AUTHOR,
              createdAt: a?.createdAt ?? p.createdAt,
              promoted: p.promotedTo.length,
            });
          }
          return {
            boardId: board.id,
            title: board.title,
            communes: groupProposals(proposals, 'commune').map((c) => ({
              commune: c.key,
              ...totals(c),
              sectors: groupProposals(c.proposals, 'sector').map((s) => ({
                sector: s.key,
                ...totals(s),
                proposals: s.proposals.map((p) => shown.get(p.id)!),
              })),
            })),
          };
        },
      );
      record.proposals.push(section);
    }
  },
};
