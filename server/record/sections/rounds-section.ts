/**
 * Section 4's rounds: every dot-vote round (totals per item and per department, the voters'
 * names, never a ballot) and every scoring round (weighted scores, spread, ranking), as the
 * reveal stored them. An open round shows who voted and no result.
 */
import type { ScoreResults, VoteResults } from '@shared/schemas/voting';
import type { RecordScoreRound, RecordVote } from '@shared/schemas/record';
import type { Storage } from '../../storage/storage';
import type { RecordSectionProvider } from '../record-service';

export function roundsSection(storage: Storage): RecordSectionProvider {
  return {
    name: 'rounds',
    async fill(ctx, record) {
      const rounds = await storage.listVoteRounds(ctx.meeting.id);
      for (const r of rounds) {
        const voterNames = await storage.listVoters(r.id);
        const revealed = r.status === 'revealed';
        if (r.method === 'dots') {
          const results = revealed ? (r.results as VoteResults) : null;
          record.votes.push({
            id: r.id,
            boardId: r.boardId,
            round: r.round,
            status: r.status,
            dotsPerVoter: r.dotsPerVoter ?? 0,
            maxPerItem: r.maxPerItem,
            unit: r.unit,
            voters: voterNames.length,
            voterNames,
            closedAt: r.closedAt,
            results: results ?? { totals: {}, byDepartment: {} },
          } satisfies RecordVote);
        } else {
          const results = revealed ? (r.results as ScoreResults) : null;
          const titles = new Map(r.items.map((i) => [i.id, i.title]));
          record.scores.push({
            id: r.id,
            boardId: r.boardId,
            round: r.round,
            status: r.status,
            criteria: r.criteria ?? [],
            voters: voterNames.length,
            voterNames,
            closedAt: r.closedAt,
            items: (results?.ranking ?? []).map((k) => {
              const s = results!.items[k.itemId];
              return {
                itemId: k.itemId,
                title: titles.get(k.itemId) ?? '',
                rank: k.rank,
                tied: k.tied,
                score: s?.score ?? k.value,
                count: s?.count ?? 0,
                min: s?.min ?? 0,
                max: s?.max ?? 0,
                stdev: s?.stdev ?? 0,
                byCriterion: s?.byCriterion ?? {},
              };
            }),
          } satisfies RecordScoreRound);
        }
      }
    },
  };
}
