/**
 * Section 4: every priority list in its final state (items in order with department, cost,
 * sources and the derived author, each with its score and rank) and its confirmed decision.
 * Runs after rounds-section.ts, whose scores it reads.
 */
import * as Y from 'yjs';
import { itemsMap, listItems } from '@shared/doc/priority-list';
import { rankItems } from '@shared/ranking/rank';
import type { ScoreResults, VoteResults } from '@shared/schemas/voting';
import type { RecordPriorityList, RecordSource, SessionRecord } from '@shared/schemas/record';
import type { Storage } from '../../storage/storage';
import type { DecisionRecord } from '../../storage/vote-store';
import { withAttribution } from '../entry-attribution';
import { SERVER_AUTHOR } from '../names';
import type { RecordSectionProvider } from '../record-service';

/**
 * Titles and texts of what items can come from, from sections already filled, by entry id.
 * By id alone: card and proposal ids are random and kept by an import, while the board ids a
 * document's source links name are those of the installation that wrote them.
 */
function sourceTexts(record: SessionRecord): Map<string, { boardTitle: string; text: string }> {
  const out = new Map<string, { boardTitle: string; text: string }>();
  for (const b of record.boards)
    for (const c of b.cards) out.set(c.id, { boardTitle: b.title, text: c.text });
  for (const b of record.proposals)
    for (const c of b.communes)
      for (const s of c.sectors)
        for (const p of s.proposals) out.set(p.id, { boardTitle: b.title, text: p.title });
  return out;
}

export function prioritiesSection(storage: Storage): RecordSectionProvider {
  return {
    name: 'priorities',
    async fill(ctx, record) {
      const rounds = await storage.listVoteRounds(ctx.meeting.id);
      const decisions = await storage.listDecisions(ctx.meeting.id);
      const sources = sourceTexts(record);
      for (const board of ctx.boards) {
        if (board.kind !== 'priority') continue;
        const history = await ctx.history(board.id);
        const decision: DecisionRecord | undefined = decisions
          .filter((d) => d.boardId === board.id)
          .at(-1);
        const decided = new Map(
          ((decision?.ranking ?? []) as { itemId: string; rank: number }[]).map((e) => [
            e.itemId,
            e.rank,
          ]),
        );
        const lastScore = record.scores
          .filter((s) => s.boardId === board.id && s.status === 'revealed')
          .at(-1);
        const lastRanked = rounds
          .filter((r) => r.boardId === board.id && r.status === 'revealed')
          .at(-1);
        const roundRank = new Map<string, number>();
        if (lastRanked) {
          const ranking =
            lastRanked.method === 'score'
              ? (lastRanked.results as ScoreResults).ranking
              : rankItems(
                  lastRanked.items.map((i) => i.id),
                  (lastRanked.results as VoteResults).totals,
                );
          for (const k of ranking) roundRank.set(k.itemId, k.rank);
        }
        const items = withAttribution(
          history,
          history.rows.length,
          ctx.names,
          (doc, attribution): RecordPriorityList['items'] => {
            const maps = itemsMap(doc);
            return listItems(doc).map((item) => {
              const map = maps.get(item.id);
              const a = map instanceof Y.Map ? attribution(map) : null;
              return {
                id: item.id,
                text: item.title,
                description: item.description,
                department: item.department,
                cost: item.cost,
                sources: item.sources.map((s): RecordSource => ({
                  ...s,
                  ...(sources.get(s.id) ?? { boardTitle: '', text: '' }),
                })),
                author: a?.author ?? SERVER_AUTHOR,
                createdAt: a?.createdAt ?? item.createdAt,
                score: lastScore?.items.find((i) => i.itemId === item.id)?.score ?? null,
                rank: decided.get(item.id) ?? roundRank.get(item.id) ?? null,
              };
            });
          },
        );
        const round = decision ? rounds.find((r) => r.id === decision.roundId) : undefined;
        const entries = (decision?.ranking ?? []) as {
          itemId: string;
          title: string;
          rank: number;
          value: number;
          tied: boolean;
        }[];
        record.priorities.push({
          boardId: board.id,
          title: board.title,
          items,
          decision: decision
            ? {
                text: entries.map((e) => `${e.rank}. ${e.title}`).join('; '),
                round: round?.round ?? 0,
                method: round?.method ?? 'dots',
                ranking: entries.map((e) => ({
                  itemId: e.itemId,
                  title: e.title,
                  rank: e.rank,
                  value: e.value,
                  tied: e.tied,
                })),
                confirmedAt: decision.decidedAt,
                confirmedBy: ctx.names.at(decision.decidedBy || null, decision.decidedAt),
              }
            : null,
        });
      }
    },
  };
}
