/**
 * How the room decides: dot votes, scoring rounds and decisions. Ballots are kept only in
 * storage and only this service reads them: while a round is open it publishes who has
 * voted (never how) and nobody, the facilitator included, can read a running total; closing
 * the round computes and stores the results in the same transaction and reveals them.
 *
 * Authorship comes from the authenticated connection: the voter is the caller, or, for a
 * proxy ballot entered by a facilitator, the named participant (recorded as a proxy).
 */
import { canFacilitate, canWrite } from '@shared/domain';
import { listItems } from '@shared/doc/priority-list';
import { randomId } from '@shared/ids';
import { checkDots, tallyDots } from '@shared/ranking/dots';
import { rankItems, TIE_BREAK_RULE, type RankedItem } from '@shared/ranking/rank';
import { scoreResults, type Criterion, type ScoreSheet } from '@shared/ranking/scoring';
import type {
  DecisionInfo,
  Dots,
  ScoreInfo,
  ScoreOpen,
  ScoreResults,
  Scores,
  VoteInfo,
  VoteOpen,
  VoteResults,
} from '@shared/schemas/voting';
import type { BoardWriter } from '../realtime/yjs/board-writer';
import type { Storage } from '../storage/storage';
import type { BallotRecord, RoundMethod, VoteRoundRecord } from '../storage/vote-store';
import { AppError } from './errors';
import type { MeetingEvents } from './meeting-events';
import type { AuthContext } from './meeting-service';

/** The person a ballot counts for. */
interface Voter {
  participantId: string;
  name: string;
  department: string | null;
  proxy: boolean;
}

export class VotingService {
  constructor(
    private readonly storage: Storage,
    private readonly writer: BoardWriter,
    private readonly events: MeetingEvents,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private assertFacilitator(auth: AuthContext): void {
    if (!canFacilitate(auth.role))
      throw new AppError('forbidden', 'only the facilitator can do this');
  }

  /** The priority list `boardId` of the caller's meeting, with its live items in order. */
  private async listOf(
    auth: AuthContext,
    boardId: string,
  ): Promise<{ id: string; title: string }[]> {
    const board = await this.storage.getBoard(boardId);
    if (!board || board.meetingId !== auth.meetingId)
      throw new AppError('not_found', 'board not found');
    if (board.kind !== 'priority')
      throw new AppError('board_kind_mismatch', 'votes and scoring run on priority lists');
    const items = await this.writer.read(boardId, (doc) =>
      listItems(doc).map((i) => ({ id: i.id, title: i.title })),
    );
    if (items.length === 0) throw new AppError('vote_no_items', 'the list has no items to vote on');
    return items;
  }

  private async open(
    auth: AuthContext,
    boardId: string,
    fields: Partial<VoteRoundRecord>,
  ): Promise<string> {
    this.assertFacilitator(auth);
    const items = await this.listOf(auth, boardId);
    const record: VoteRoundRecord = {
      id: randomId(),
      meetingId: auth.meetingId,
      boardId,
      round: 0,
      method: 'dots',
      status: 'open',
      dotsPerVoter: null,
      maxPerItem: null,
      unit: 'person',
      criteria: null,
      items,
      openedBy: auth.participantId,
      openedAt: this.now(),
      closedBy: null,
      closedAt: null,
      results: null,
      ...fields,
    };
    const stored = await this.storage.createVoteRound(record);
    if (!stored)
      throw new AppError(
        'vote_already_open',
        'this list already has an open round; close it first',
      );
    this.events.emit('rounds-changed', auth.meetingId, stored.method);
    return stored.id;
  }

  /** Opens a dot vote (facilitator). */
  openVote(auth: AuthContext, p: VoteOpen): Promise<string> {
    return this.open(auth, p.boardId, {
      method: 'dots',
      dotsPerVoter: p.dotsPerVoter,
      maxPerItem: p.maxPerItem ?? null,
      unit: p.unit,
    });
  }

  /** Opens a scoring round (facilitator). */
  openScoring(auth: AuthContext, p: ScoreOpen): Promise<string> {
    return this.open(auth, p.boardId, { method: 'score', criteria: p.criteria, unit: 'person' });
  }

  /** The round `voteId` of the caller's meeting run with `method`; any other is not found. */
  private async roundOf(
    auth: AuthContext,
    voteId: string,
    method: RoundMethod,
  ): Promise<VoteRoundRecord> {
    const round = await this.storage.getVoteRound(voteId);
    if (!round || round.meetingId !== auth.meetingId || round.method !== method)
      throw new AppError('not_found', 'no such round');
    return round;
  }

  /** Who the ballot is for: the caller, or (facilitators only) the participant named. */
  private async voterFor(auth: AuthContext, onBehalfOf: string | undefined): Promise<Voter> {
    if (!canWrite(auth.role) || auth.participantId === null)
      throw new AppError('forbidden', 'observers do not vote');
    if (onBehalfOf === undefined || onBehalfOf === auth.participantId)
      return {
        participantId: auth.participantId,
        name: auth.name,
        department: auth.department,
        proxy: false,
      };
    if (!canFacilitate(auth.role))
      throw new AppError(
        'vote_proxy_forbidden',
        'only a facilitator may cast a ballot for someone else',
      );
    const p = await this.storage.getParticipant(onBehalfOf);
    if (!p || p.meetingId !== auth.meetingId || p.removedAt !== null)
      throw new AppError('not_found', 'participant not found');
    return { participantId: p.id, name: p.name, department: p.department, proxy: true };
  }

  private async cast(
    auth: AuthContext,
    round: VoteRoundRecord,
    voter: Voter,
    content: Record<string, unknown>,
    check: (others: BallotRecord[]) => void,
  ): Promise<void> {
    const shared = round.unit === 'department';
    if (shared && voter.department === null)
      throw new AppError('vote_no_department', 'this vote is by department; the voter has none');
    if (round.status !== 'open') throw new AppError('vote_closed', 'the vote is closed');
    await this.storage.castBallot(
      {
        roundId: round.id,
        participantId: voter.participantId,
        name: voter.name,
        department: voter.department,
        castBy: auth.participantId ?? voter.participantId,
        proxy: voter.proxy,
        content,
        castAt: this.now(),
      },
      shared ? voter.department : null,
      (current, others) => {
        // Checked again inside the transaction: a close may have landed since the read above.
        if (current?.status !== 'open') throw new AppError('vote_closed', 'the vote is closed');
        check(others);
      },
    );
    this.events.emit('rounds-changed', auth.meetingId, round.method);
  }

  /** Replaces the voter's dots (`vote:cast`). */
  async castDots(
    auth: AuthContext,
    voteId: string,
    dots: Dots,
    onBehalfOf?: string,
  ): Promise<void> {
    const voter = await this.voterFor(auth, onBehalfOf);
    const round = await this.roundOf(auth, voteId, 'dots');
    const rules = {
      dotsPerVoter: round.dotsPerVoter ?? 0,
      maxPerItem: round.maxPerItem,
      itemIds: round.items.map((i) => i.id),
    };
    const refuse = (others: readonly Dots[]): void => {
      const refusal = checkDots(dots, rules, others);
      if (refusal) throw new AppError(refusal, REFUSAL_MESSAGES[refusal](round));
    };
    refuse([]);
    // A department's members share one budget: their colleagues' ballots count too.
    await this.cast(auth, round, voter, dots, (others) =>
      refuse(round.unit === 'department' ? others.map((b) => b.content as Dots) : []),
    );
  }

  /** Replaces the voter's score sheet (`score:cast`). */
  async castScores(
    auth: AuthContext,
    voteId: string,
    scores: Scores,
    onBehalfOf?: string,
  ): Promise<void> {
    const voter = await this.voterFor(auth, onBehalfOf);
    const round = await this.roundOf(auth, voteId, 'score');
    const itemIds = new Set(round.items.map((i) => i.id));
    const criteria = round.criteria ?? [];
    for (const [itemId, sheet] of Object.entries(scores)) {
      if (!itemIds.has(itemId))
        throw new AppError('vote_unknown_item', 'an item named is not on the list');
      if (
        criteria.some((c) => sheet[c.id] === undefined) ||
        Object.keys(sheet).length !== criteria.length
      )
        throw new AppError('score_incomplete', 'score each item on every criterion of the round');
    }
    await this.cast(auth, round, voter, scores, () => {});
  }

  /** The caller's own ballot content in a round, `{}` before they cast one. */
  private async mine(
    auth: AuthContext,
    voteId: string,
    method: RoundMethod,
  ): Promise<Record<string, unknown>> {
    if (auth.participantId === null) throw new AppError('forbidden', 'observers do not vote');
    await this.roundOf(auth, voteId, method);
    return (await this.storage.getBallot(voteId, auth.participantId))?.content ?? {};
  }

  async myDots(auth: AuthContext, voteId: string): Promise<Dots> {
    return (await this.mine(auth, voteId, 'dots')) as Dots;
  }

  async myScores(auth: AuthContext, voteId: string): Promise<Scores> {
    return (await this.mine(auth, voteId, 'score')) as Scores;
  }

  /** Closes a round and reveals it (facilitator). */
  async close(auth: AuthContext, voteId: string, method: RoundMethod): Promise<void> {
    this.assertFacilitator(auth);
    const round = await this.roundOf(auth, voteId, method);
    if (round.status !== 'open') throw new AppError('vote_closed', 'the round is already closed');
    const closed = await this.storage.closeVoteRound(
      voteId,
      auth.participantId,
      this.now(),
      (r, ballots) => computeResults(r, ballots),
    );
    if (!closed) throw new AppError('vote_closed', 'the round is already closed');
    this.events.emit('rounds-changed', auth.meetingId, method);
    await this.mark(auth, 'vote', closed);
  }

  /** Confirms the ranking of a revealed round as the decision; the list is locked (facilitator). */
  async decide(auth: AuthContext, voteId: string): Promise<string> {
    this.assertFacilitator(auth);
    const round = await this.storage.getVoteRound(voteId);
    if (!round || round.meetingId !== auth.meetingId)
      throw new AppError('not_found', 'no such round');
    if (round.status !== 'revealed')
      throw new AppError('vote_not_revealed', 'close the round before deciding');
    const decisions = await this.storage.listDecisions(auth.meetingId);
    if (decisions.some((d) => d.roundId === voteId))
      throw new AppError('already_decided', 'this round was already confirmed');
    const titles = new Map(round.items.map((i) => [i.id, i.title]));
    const id = randomId();
    await this.storage.createDecision({
      id,
      meetingId: auth.meetingId,
      boardId: round.boardId,
      roundId: round.id,
      ranking: rankingOf(round).map((r) => ({ ...r, title: titles.get(r.itemId) ?? '' })),
      decidedBy: auth.participantId ?? '',
      decidedByName: auth.name,
      decidedAt: this.now(),
    });
    this.events.emit('decisions-changed', auth.meetingId);
    this.events.emit('board-locked', auth.meetingId, round.boardId, true);
    this.events.emit('boards-changed', auth.meetingId);
    await this.mark(auth, 'decision', round);
    return id;
  }

  /** A snapshot of the record (issue 11) at a reveal or a decision: "<list> · <round>". */
  private async mark(
    auth: AuthContext,
    reason: 'vote' | 'decision',
    round: VoteRoundRecord,
  ): Promise<void> {
    const board = await this.storage.getBoard(round.boardId);
    this.events.emit('record-mark', auth.meetingId, {
      reason,
      label: `${board?.title ?? ''} · ${round.round}`,
      boardId: round.boardId,
      participantId: auth.participantId,
      at: this.now(),
    });
  }

  /** The `votes` and `scores` slices: voters by name, results only once revealed. */
  async rounds(meetingId: string): Promise<{ votes: VoteInfo[]; scores: ScoreInfo[] }> {
    const votes: VoteInfo[] = [];
    const scores: ScoreInfo[] = [];
    for (const r of await this.storage.listVoteRounds(meetingId)) {
      const voters = await this.storage.listVoters(r.id);
      const revealed = r.status === 'revealed';
      if (r.method === 'dots') {
        votes.push({
          id: r.id,
          boardId: r.boardId,
          round: r.round,
          status: r.status,
          dotsPerVoter: r.dotsPerVoter ?? 0,
          maxPerItem: r.maxPerItem,
          unit: r.unit,
          voters,
          results: revealed ? (r.results as VoteResults) : null,
        });
      } else {
        scores.push({
          id: r.id,
          boardId: r.boardId,
          round: r.round,
          status: r.status,
          criteria: r.criteria ?? [],
          voters,
          results: revealed ? (r.results as ScoreResults) : null,
        });
      }
    }
    return { votes, scores };
  }

  /** The `decisions` slice. */
  async decisions(meetingId: string): Promise<DecisionInfo[]> {
    const rounds = new Map((await this.storage.listVoteRounds(meetingId)).map((r) => [r.id, r]));
    return (await this.storage.listDecisions(meetingId)).map((d) => ({
      id: d.id,
      boardId: d.boardId,
      voteId: d.roundId,
      round: rounds.get(d.roundId)?.round ?? 0,
      method: rounds.get(d.roundId)?.method ?? 'dots',
      ranking: d.ranking as DecisionInfo['ranking'],
      tieBreak: TIE_BREAK_RULE,
      decidedAt: d.decidedAt,
      decidedBy: { participantId: d.decidedBy, name: d.decidedByName },
    }));
  }
}

const REFUSAL_MESSAGES = {
  vote_unknown_item: () => 'an item named is not on the list',
  vote_over_budget: (r: VoteRoundRecord) =>
    `at most ${r.dotsPerVoter} dots${r.unit === 'department' ? ' per department' : ''}`,
  vote_over_cap: (r: VoteRoundRecord) => `at most ${r.maxPerItem} dots on one item`,
} as const;

/** The results stored at the reveal. */
function computeResults(
  round: VoteRoundRecord,
  ballots: BallotRecord[],
): VoteResults | ScoreResults {
  const itemIds = round.items.map((i) => i.id);
  if (round.method === 'dots')
    return tallyDots(ballots.map((b) => ({ department: b.department, dots: b.content as Dots })));
  return scoreResults(
    itemIds,
    (round.criteria ?? []) as Criterion[],
    ballots.map((b) => b.content as ScoreSheet),
  );
}

/** The ranking of a revealed round (ties shared, list order within a tie). */
function rankingOf(round: VoteRoundRecord): RankedItem[] {
  if (round.method === 'score') return (round.results as ScoreResults).ranking;
  return rankItems(
    round.items.map((i) => i.id),
    (round.results as VoteResults).totals,
  );
}
