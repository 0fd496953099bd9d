/**
 * Storage of the room's decisions: voting and scoring rounds, their secret ballots, and
 * confirmed rankings. Ballots are read back only by the voting service, which publishes who
 * has voted while a round is open and the results once it is revealed.
 *
 * The methods that check and write in one go take a callback that runs inside the
 * adapter's transaction (synchronously for SQLite; a PostgreSQL adapter runs it between its
 * SELECT … FOR UPDATE and its write): the rule stays in the service, the atomicity in storage.
 */
import type { Criterion } from '@shared/ranking/scoring';

export type RoundMethod = 'dots' | 'score';

export interface VoteRoundRecord {
  id: string;
  meetingId: string;
  boardId: string;
  /** 1, 2, … per board, across both methods; assigned by storage on creation. */
  round: number;
  method: RoundMethod;
  status: 'open' | 'revealed';
  /** Dot votes: dots per voter, cap per item (null: none), who holds a budget. */
  dotsPerVoter: number | null;
  maxPerItem: number | null;
  unit: 'person' | 'department';
  /** Scoring rounds: the criteria. */
  criteria: Criterion[] | null;
  /** The list's items when the round opened, in list order: what may be voted on. */
  items: { id: string; title: string }[];
  openedBy: string | null;
  openedAt: number;
  closedBy: string | null;
  closedAt: number | null;
  /** The revealed results (VoteResults or ScoreResults), null while open. */
  results: unknown;
}

export interface BallotRecord {
  roundId: string;
  /** Whose ballot it is (the voter). */
  participantId: string;
  /** The voter's name and department when the ballot was cast. */
  name: string;
  department: string | null;
  /** Who entered it: the voter, or the facilitator for a proxy ballot. */
  castBy: string;
  proxy: boolean;
  /** Dots (item → n) or scores (item → criterion → 1..5). */
  content: Record<string, unknown>;
  castAt: number;
}

export interface DecisionRecord {
  id: string;
  meetingId: string;
  boardId: string;
  roundId: string;
  /** The confirmed ranking (DecisionInfo['ranking']). */
  ranking: unknown[];
  decidedBy: string;
  decidedByName: string;
  decidedAt: number;
}

export interface VoteStore {
  /**
   * Creates a round with the next round number of its board (the given `round` is ignored),
   * unless the board already has an open round: then nothing is written and null returned.
   */
  createVoteRound(round: VoteRoundRecord): Promise<VoteRoundRecord | null>;
  getVoteRound(id: string): Promise<VoteRoundRecord | null>;
  /** Every round of a meeting, by board then round number. */
  listVoteRounds(meetingId: string): Promise<VoteRoundRecord[]>;
  /**
   * Replaces `ballot.participantId`'s ballot in its round. In one transaction: reads the
   * round and the other ballots of the round (only those of `department` when it is given),
   * calls `check` (which throws to refuse: nothing is written), then writes.
   */
  castBallot(
    ballot: BallotRecord,
    department: string | null,
    check: (round: VoteRoundRecord | null, others: BallotRecord[]) => void,
  ): Promise<void>;
  getBallot(roundId: string, participantId: string): Promise<BallotRecord | null>;
  /** Who has voted in a round, oldest ballot first: names only, no content. */
  listVoters(roundId: string): Promise<{ participantId: string; name: string }[]>;
  /** Every ballot of a round (for the reveal and the record). */
  listBallots(roundId: string): Promise<BallotRecord[]>;
  /**
   * Closes an open round: in one transaction reads its ballots, stores `results(ballots)`
   * and the close. Null (nothing written) when the round is missing or already closed.
   */
  closeVoteRound(
    id: string,
    closedBy: string | null,
    closedAt: number,
    results: (round: VoteRoundRecord, ballots: BallotRecord[]) => unknown,
  ): Promise<VoteRoundRecord | null>;
  /** Stores a decision and locks its board, both or neither. */
  createDecision(decision: DecisionRecord): Promise<void>;
  listDecisions(meetingId: string): Promise<DecisionRecord[]>;
}
