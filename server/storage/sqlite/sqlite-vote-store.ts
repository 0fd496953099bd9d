/**
 * The SQLite side of `VoteStore`. better-sqlite3 is synchronous, so each check-and-write runs
 * inside one `db.transaction`: no other write can slip between the check and the write.
 */
import type Database from 'better-sqlite3';
import type { Criterion } from '@shared/ranking/scoring';
import type { BallotRecord, DecisionRecord, VoteRoundRecord, VoteStore } from '../vote-store';

interface RoundRow {
  id: string;
  meeting_id: string;
  board_id: string;
  round: number;
  method: VoteRoundRecord['method'];
  status: VoteRoundRecord['status'];
  dots_per_voter: number | null;
  max_per_item: number | null;
  unit: VoteRoundRecord['unit'];
  criteria: string | null;
  items: string;
  opened_by: string | null;
  opened_at: number;
  closed_by: string | null;
  closed_at: number | null;
  results: string | null;
}
interface BallotRow {
  round_id: string;
  participant_id: string;
  name: string;
  department: string | null;
  cast_by: string;
  proxy: number;
  content: string;
  cast_at: number;
}
interface DecisionRow {
  id: string;
  meeting_id: string;
  board_id: string;
  round_id: string;
  ranking: string;
  decided_by: string;
  decided_by_name: string;
  decided_at: number;
}

const toRound = (r: RoundRow): VoteRoundRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  boardId: r.board_id,
  round: r.round,
  method: r.method,
  status: r.status,
  dotsPerVoter: r.dots_per_voter,
  maxPerItem: r.max_per_item,
  unit: r.unit,
  criteria: r.criteria === null ? null : (JSON.parse(r.criteria) as Criterion[]),
  items: JSON.parse(r.items) as VoteRoundRecord['items'],
  openedBy: r.opened_by,
  openedAt: r.opened_at,
  closedBy: r.closed_by,
  closedAt: r.closed_at,
  results: r.results === null ? null : (JSON.parse(r.results) as unknown),
});
const toBallot = (r: BallotRow): BallotRecord => ({
  roundId: r.round_id,
  participantId: r.participant_id,
  name: r.name,
  department: r.department,
  castBy: r.cast_by,
  proxy: r.proxy === 1,
  content: JSON.parse(r.content) as Record<string, unknown>,
  castAt: r.cast_at,
});
const toDecision = (r: DecisionRow): DecisionRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  boardId: r.board_id,
  roundId: r.round_id,
  ranking: JSON.parse(r.ranking) as unknown[],
  decidedBy: r.decided_by,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at,
});

export class SqliteVoteStore implements VoteStore {
  constructor(private readonly db: Database.Database) {}

  private round(id: string): VoteRoundRecord | null {
    const row = this.db
      .prepare<[string], RoundRow>('SELECT * FROM vote_rounds WHERE id = ?')
      .get(id);
    return row ? toRound(row) : null;
  }

  private insertRound(stored: VoteRoundRecord): void {
    this.db
      .prepare(
        `INSERT INTO vote_rounds (id, meeting_id, board_id, round, method, status, dots_per_voter, max_per_item,
           unit, criteria, items, opened_by, opened_at, closed_by, closed_at, results)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        stored.id,
        stored.meetingId,
        stored.boardId,
        stored.round,
        stored.method,
        stored.status,
        stored.dotsPerVoter,
        stored.maxPerItem,
        stored.unit,
        stored.criteria === null ? null : JSON.stringify(stored.criteria),
        JSON.stringify(stored.items),
        stored.openedBy,
        stored.openedAt,
        stored.closedBy,
        stored.closedAt,
        stored.results === null ? null : JSON.stringify(stored.results),
      );
  }

  private insertDecision(d: DecisionRecord): void {
    this.db
      .prepare(
        'INSERT INTO decisions (id, meeting_id, board_id, round_id, ranking, decided_by, decided_by_name, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        d.id,
        d.meetingId,
        d.boardId,
        d.roundId,
        JSON.stringify(d.ranking),
        d.decidedBy,
        d.decidedByName,
        d.decidedAt,
      );
  }

  async createVoteRound(round: VoteRoundRecord): Promise<VoteRoundRecord | null> {
    return this.db.transaction(() => {
      const open = this.db
        .prepare<[string], { n: number }>(
          "SELECT COUNT(*) AS n FROM vote_rounds WHERE board_id = ? AND status = 'open'",
        )
        .get(round.boardId);
      if ((open?.n ?? 0) > 0) return null;
      const last = this.db
        .prepare<[string], { n: number | null }>(
          'SELECT MAX(round) AS n FROM vote_rounds WHERE board_id = ?',
        )
        .get(round.boardId);
      const stored: VoteRoundRecord = { ...round, round: (last?.n ?? 0) + 1 };
      this.insertRound(stored);
      return stored;
    })();
  }

  async getVoteRound(id: string): Promise<VoteRoundRecord | null> {
    return this.round(id);
  }

  async listVoteRounds(meetingId: string): Promise<VoteRoundRecord[]> {
    return this.db
      .prepare<[string], RoundRow>(
        'SELECT * FROM vote_rounds WHERE meeting_id = ? ORDER BY board_id, round',
      )
      .all(meetingId)
      .map(toRound);
  }

  async castBallot(
    ballot: BallotRecord,
    department: string | null,
    check: (round: VoteRoundRecord | null, others: BallotRecord[]) => void,
  ): Promise<void> {
    this.db.transaction(() => {
      const round = this.round(ballot.roundId);
      const others = (
        department === null
          ? this.db
              .prepare<[string, string], BallotRow>(
                'SELECT * FROM ballots WHERE round_id = ? AND participant_id <> ?',
              )
              .all(ballot.roundId, ballot.participantId)
          : this.db
              .prepare<[string, string, string], BallotRow>(
                'SELECT * FROM ballots WHERE round_id = ? AND participant_id <> ? AND department = ?',
              )
              .all(ballot.roundId, ballot.participantId, department)
      ).map(toBallot);
      check(round, others);
      this.db
        .prepare(
          `INSERT INTO ballots (round_id, participant_id, name, department, cast_by, proxy, content, cast_at, first_cast_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
           ON CONFLICT(round_id, participant_id) DO UPDATE SET name = excluded.name, department = excluded.department,
             cast_by = excluded.cast_by, proxy = excluded.proxy, content = excluded.content, cast_at = excluded.cast_at`,
        )
        .run(
          ballot.roundId,
          ballot.participantId,
          ballot.name,
          ballot.department,
          ballot.castBy,
          ballot.proxy ? 1 : 0,
          JSON.stringify(ballot.content),
          ballot.castAt,
          ballot.castAt,
        );
    })();
  }

  async getBallot(roundId: string, participantId: string): Promise<BallotRecord | null> {
    const row = this.db
      .prepare<[string, string], BallotRow>(
        'SELECT * FROM ballots WHERE round_id = ? AND participant_id = ?',
      )
      .get(roundId, participantId);
    return row ? toBallot(row) : null;
  }

  async listVoters(roundId: string): Promise<{ participantId: string; name: string }[]> {
    return this.db
      .prepare<[string], { participant_id: string; name: string }>(
        'SELECT participant_id, name FROM ballots WHERE round_id = ? ORDER BY first_cast_at, participant_id',
      )
      .all(roundId)
      .map((r) => ({ participantId: r.participant_id, name: r.name }));
  }

  async listBallots(roundId: string): Promise<BallotRecord[]> {
    return this.db
      .prepare<[string], BallotRow>(
        'SELECT * FROM ballots WHERE round_id = ? ORDER BY first_cast_at, participant_id',
      )
      .all(roundId)
      .map(toBallot);
  }

  async closeVoteRound(
    id: string,
    closedBy: string | null,
    closedAt: number,
    results: (round: VoteRoundRecord, ballots: BallotRecord[]) => unknown,
  ): Promise<VoteRoundRecord | null> {
    return this.db.transaction(() => {
      const round = this.round(id);
      if (!round || round.status !== 'open') return null;
      const ballots = this.db
        .prepare<[string], BallotRow>(
          'SELECT * FROM ballots WHERE round_id = ? ORDER BY first_cast_at, participant_id',
        )
        .all(id)
        .map(toBallot);
      const value = results(round, ballots);
      this.db
        .prepare(
          "UPDATE vote_rounds SET status = 'revealed', closed_by = ?, closed_at = ?, results = ? WHERE id = ?",
        )
        .run(closedBy, closedAt, JSON.stringify(value), id);
      return { ...round, status: 'revealed' as const, closedBy, closedAt, results: value };
    })();
  }

  async createDecision(d: DecisionRecord): Promise<void> {
    this.db.transaction(() => {
      this.insertDecision(d);
      this.db.prepare('UPDATE boards SET locked = 1 WHERE id = ?').run(d.boardId);
    })();
  }

  async listDecisions(meetingId: string): Promise<DecisionRecord[]> {
    return this.db
      .prepare<[string], DecisionRow>(
        'SELECT * FROM decisions WHERE meeting_id = ? ORDER BY decided_at, id',
      )
      .all(meetingId)
      .map(toDecision);
  }
}
