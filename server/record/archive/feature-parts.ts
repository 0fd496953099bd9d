/**
 * The archive parts of the features (shared/schemas/archive-features.ts): `facilitation`
 * (agenda with actual times, current step, timer, follow-me) and `voting` (rounds with their
 * ballots, decisions). Export names boards by their id (the core part's board `key`) and
 * participants by their archive id; import re-keys both with the IdMap and gives steps,
 * rounds and decisions new ids. Item ids inside documents are kept as they are.
 */
import { randomId } from '@shared/ids';
import { FacilitationArchivePart, VotingArchivePart } from '@shared/schemas/archive-features';
import type { AgendaStepRecord } from '../../storage/facilitation-store';
import type { ImportBundle, LiveMeetingState } from '../../storage/record-store';
import type { Storage } from '../../storage/storage';
import type { BallotRecord, DecisionRecord, VoteRoundRecord } from '../../storage/vote-store';
import type { ArchivePart } from './archive-part';

/**
 * The running state an import writes, as far as the parts filled it so far. An archive
 * carries no raised hands and no drafts (private, never revealed).
 */
function liveOf(bundle: ImportBundle): LiveMeetingState {
  return (
    bundle.live ?? {
      agenda: [],
      control: null,
      hands: [],
      drafts: [],
      voteRounds: [],
      ballots: [],
      decisions: [],
    }
  );
}

const byParticipant = (a: { participantId: string }, b: { participantId: string }) =>
  a.participantId < b.participantId ? -1 : a.participantId > b.participantId ? 1 : 0;

export function facilitationPart(storage: Storage): ArchivePart<FacilitationArchivePart> {
  return {
    name: 'facilitation',
    schema: FacilitationArchivePart,
    async export(meetingId) {
      const steps = await storage.listAgendaSteps(meetingId);
      const c = await storage.getMeetingControl(meetingId);
      const current = steps.findIndex((s) => s.id === c.currentStepId);
      return {
        steps: steps.map((s) => ({
          title: s.title,
          minutes: s.minutes,
          boardKey: s.boardId,
          startedAt: s.startedAt,
          endedAt: s.endedAt,
        })),
        control: {
          currentStep: current < 0 ? null : current,
          timerStatus: c.timerStatus,
          timerEndsAt: c.timerEndsAt,
          timerRemainingMs: c.timerRemainingMs,
          followOn: c.followOn,
          followBoardKey: c.followBoardId,
          followCardId: c.followCardId,
        },
      };
    },
    import(data, ids, bundle) {
      const steps = data.steps.map((s, position): AgendaStepRecord => ({
        id: randomId(),
        meetingId: ids.meetingId,
        position,
        title: s.title,
        minutes: s.minutes,
        boardId: s.boardKey === null ? null : ids.board(s.boardKey),
        startedAt: s.startedAt,
        endedAt: s.endedAt,
      }));
      const c = data.control;
      if (c.currentStep !== null && c.currentStep >= steps.length)
        throw new Error('control.currentStep: no such step');
      bundle.live = {
        ...liveOf(bundle),
        agenda: steps,
        control: {
          currentStepId: c.currentStep === null ? null : steps[c.currentStep]!.id,
          timerStatus: c.timerStatus,
          timerEndsAt: c.timerEndsAt,
          timerRemainingMs: c.timerRemainingMs,
          followOn: c.followOn,
          followBoardId: c.followBoardKey === null ? null : ids.board(c.followBoardKey),
          followCardId: c.followCardId,
        },
      };
    },
  };
}

export function votingPart(storage: Storage): ArchivePart<VotingArchivePart> {
  return {
    name: 'voting',
    schema: VotingArchivePart,
    async export(meetingId, aid) {
      const rounds = await storage.listVoteRounds(meetingId);
      const numberOf = new Map(rounds.map((r) => [r.id, r]));
      const nullable = (id: string | null) => (id === null ? null : aid(id));
      return {
        rounds: await Promise.all(
          rounds.map(async (r) => ({
            boardKey: r.boardId,
            round: r.round,
            method: r.method,
            status: r.status,
            dotsPerVoter: r.dotsPerVoter,
            maxPerItem: r.maxPerItem,
            unit: r.unit,
            criteria: r.criteria,
            items: r.items,
            openedBy: nullable(r.openedBy),
            openedAt: r.openedAt,
            closedBy: nullable(r.closedBy),
            closedAt: r.closedAt,
            results: r.results as VotingArchivePart['rounds'][number]['results'],
            // Sorted by voter, so an archive does not depend on the order ballots came in.
            ballots: (await storage.listBallots(r.id))
              .map((b) => ({
                participantId: aid(b.participantId),
                name: b.name,
                department: b.department,
                castBy: aid(b.castBy),
                proxy: b.proxy,
                content: b.content,
                castAt: b.castAt,
              }))
              .sort(byParticipant),
          })),
        ),
        decisions: (await storage.listDecisions(meetingId)).flatMap((d) => {
          const round = numberOf.get(d.roundId);
          if (!round) return [];
          return [
            {
              boardKey: d.boardId,
              round: round.round,
              ranking: d.ranking as VotingArchivePart['decisions'][number]['ranking'],
              decidedBy: d.decidedBy === '' ? '' : aid(d.decidedBy),
              decidedByName: d.decidedByName,
              decidedAt: d.decidedAt,
            },
          ];
        }),
      };
    },
    import(data, ids, bundle) {
      const nullable = (id: string | null) => (id === null ? null : ids.participant(id));
      const rounds: VoteRoundRecord[] = [];
      const ballots: BallotRecord[] = [];
      const roundIds = new Map<string, string>();
      for (const r of data.rounds) {
        const boardId = ids.board(r.boardKey);
        const key = `${r.boardKey}#${r.round}`;
        if (roundIds.has(key)) throw new Error(`rounds: round ${r.round} of a board twice`);
        const id = randomId();
        roundIds.set(key, id);
        rounds.push({
          id,
          meetingId: ids.meetingId,
          boardId,
          round: r.round,
          method: r.method,
          status: r.status,
          dotsPerVoter: r.dotsPerVoter,
          maxPerItem: r.maxPerItem,
          unit: r.unit,
          criteria: r.criteria,
          items: r.items,
          openedBy: nullable(r.openedBy),
          openedAt: r.openedAt,
          closedBy: nullable(r.closedBy),
          closedAt: r.closedAt,
          results: r.results,
        });
        for (const b of r.ballots)
          ballots.push({
            roundId: id,
            participantId: ids.participant(b.participantId),
            name: b.name,
            department: b.department,
            castBy: ids.participant(b.castBy),
            proxy: b.proxy,
            content: b.content,
            castAt: b.castAt,
          });
      }
      const decisions = data.decisions.map((d): DecisionRecord => {
        const roundId = roundIds.get(`${d.boardKey}#${d.round}`);
        if (!roundId) throw new Error(`decisions: round ${d.round} is not in the archive`);
        return {
          id: randomId(),
          meetingId: ids.meetingId,
          boardId: ids.board(d.boardKey),
          roundId,
          ranking: d.ranking,
          decidedBy: d.decidedBy === '' ? '' : ids.participant(d.decidedBy),
          decidedByName: d.decidedByName,
          decidedAt: d.decidedAt,
        };
      });
      bundle.live = { ...liveOf(bundle), voteRounds: rounds, ballots, decisions };
    },
  };
}
