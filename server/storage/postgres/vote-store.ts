/**
 * `VoteStore` on PostgreSQL; `PostgresStorage` delegates to it. A ballot or a close first
 * takes `SELECT … FOR UPDATE` on its round's row: every check-and-write of one round, from
 * any instance, runs one after the other, so concurrent ballots cannot pass a department's
 * budget and a ballot cannot slip in after the close read the ballots.
 */
import type pg from 'pg';
import type { Criterion } from '@shared/ranking/scoring';
import type { BallotRecord, DecisionRecord, VoteRoundRecord, VoteStore } from '../vote-store';
import { transaction, type Queryable } from './pool';

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
  criteria: Criterion[] | null;
  items: VoteRoundRecord['items'];
  opened_by: string | null;
  opened_at: number;
  closed_by: string | null;
  closed_at: number | null;
  results: unknown;
}
interface BallotRow {
  round_id: string;
  participant_id: string;
  name: string;
  department: string | null;
  cast_by: string;
  proxy: boolean;
  content: Record<string, unknown>;
  cast_at: number;
}
interface DecisionRow {
  id: string;
  meeting_id: string;
  board_id: string;
  round_id: string;
  ranking: unknown[];
  decided_by: string;
  decided_by_name: string;
  decided_at: number;
}

// `json` columns come back parsed by pg.
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
  criteria: r.criteria,
  items: r.items,
  openedBy: r.opened_by,
  openedAt: r.opened_at,
  closedBy: r.closed_by,
  closedAt: r.closed_at,
  results: r.results ?? null,
});
const toBallot = (r: BallotRow): BallotRecord => ({
  roundId: r.round_id,
  participantId: r.participant_id,
  name: r.name,
  department: r.department,
  castBy: r.cast_by,
  proxy: r.proxy,
  content: r.content,
  castAt: r.cast_at,
});
const toDecision = (r: DecisionRow): DecisionRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  boardId: r.board_id,
  roundId: r.round_id,
  ranking: r.ranking,
  decidedBy: r.decided_by,
  decidedByName: r.decided_by_name,
  decidedAt: r.decided_at,
});

const json = (v: unknown): string | null =>
  v === null || v === undefined ? null : JSON.stringify(v);

const BALLOT_ORDER = 'ORDER BY first_cast_at, participant_id COLLATE "C"';

async function insertRound(db: Queryable, r: VoteRoundRecord): Promise<void> {
  await db.query(
    `INSERT INTO vote_rounds (id, meeting_id, board_id, round, method, status, dots_per_voter, max_per_item,
       unit, criteria, items, opened_by, opened_at, closed_by, closed_at, results)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
    [
      r.id,
      r.meetingId,
      r.boardId,
      r.round,
      r.method,
      r.status,
      r.dotsPerVoter,
      r.maxPerItem,
      r.unit,
      json(r.criteria),
      JSON.stringify(r.items),
      r.openedBy,
      r.openedAt,
      r.closedBy,
      r.closedAt,
      json(r.results),
    ],
  );
}

/** Inserts or replaces a ballot; its first cast time stays that of the first cast. */
async function upsertBallot(db: Queryable, b: BallotRecord): Promise<void> {
  await db.query(
    `INSERT INTO ballots (round_id, participant_id, name, department, cast_by, proxy, content, cast_at, first_cast_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     ON CONFLICT (round_id, participant_id) DO UPDATE SET name = excluded.name, department = excluded.department,
       cast_by = excluded.cast_by, proxy = excluded.proxy, content = excluded.content, cast_at = excluded.cast_at`,
    [
      b.roundId,
      b.participantId,
      b.name,
      b.department,
      b.castBy,
      b.proxy,
      JSON.stringify(b.content),
      b.castAt,
    ],
  );
}

async function insertDecision(db: Queryable, d: DecisionRecord): Promise<void> {
  await db.query(
    'INSERT INTO decisions (id, meeting_id, board_id, round_id, ranking, decided_by, decided_by_name, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [
      d.id,
      d.meetingId,
      d.boardId,
      d.roundId,
      JSON.stringify(d.ranking),
      d.decidedBy,
      d.decidedByName,
      d.decidedAt,
    ],
  );
}

/** The writers a whole-meeting import or move needs, inside its transaction. */
export const voteWriters = { insertRound, upsertBallot, insertDecision };

async function lockRound(db: Queryable, id: string): Promise<VoteRoundRecord | null> {
  const { rows } = await db.query<RoundRow>('SELECT * FROM vote_rounds WHERE id = $1 FOR UPDATE', [
    id,
  ]);
  return rows[0] ? toRound(rows[0]) : null;
}

export class PgVoteStore implements VoteStore {
  constructor(private readonly pool: pg.Pool) {}

  createVoteRound(round: VoteRoundRecord): Promise<VoteRoundRecord | null> {
    return transaction(this.pool, async (db) => {
      // The board's row lock orders two openings of one board: the second sees the first's round.
      await db.query('SELECT id FROM boards WHERE id = $1 FOR UPDATE', [round.boardId]);
      const { rows } = await db.query<{ open: number; last: number | null }>(
        `SELECT count(*) FILTER (WHERE status = 'open')::int AS open, max(round) AS last
         FROM vote_rounds WHERE board_id = $1`,
        [round.boardId],
      );
      if ((rows[0]?.open ?? 0) > 0) return null;
      const stored: VoteRoundRecord = { ...round, round: (rows[0]?.last ?? 0) + 1 };
      await insertRound(db, stored);
      return stored;
    });
  }

  async getVoteRound(id: string): Promise<VoteRoundRecord | null> {
    const { rows } = await this.pool.query<RoundRow>('SELECT * FROM vote_rounds WHERE id = $1', [
      id,
    ]);
    return rows[0] ? toRound(rows[0]) : null;
  }

  async listVoteRounds(meetingId: string): Promise<VoteRoundRecord[]> {
    const { rows } = await this.pool.query<RoundRow>(
      'SELECT * FROM vote_rounds WHERE meeting_id = $1 ORDER BY board_id COLLATE "C", round',
      [meetingId],
    );
    return rows.map(toRound);
  }

  async castBallot(
    ballot: BallotRecord,
    department: string | null,
    check: (round: VoteRoundRecord | null, others: BallotRecord[]) => void,
  ): Promise<void> {
    await transaction(this.pool, async (db) => {
      const round = await lockRound(db, ballot.roundId);
      const others = (
        department === null
          ? await db.query<BallotRow>(
              'SELECT * FROM ballots WHERE round_id = $1 AND participant_id <> $2',
              [ballot.roundId, ballot.participantId],
            )
          : await db.query<BallotRow>(
              'SELECT * FROM ballots WHERE round_id = $1 AND participant_id <> $2 AND department = $3',
              [ballot.roundId, ballot.participantId, department],
            )
      ).rows.map(toBallot);
      check(round, others);
      await upsertBallot(db, ballot);
    });
  }

  async getBallot(roundId: string, participantId: string): Promise<BallotRecord | null> {
    const { rows } = await this.pool.query<BallotRow>(
      'SELECT * FROM ballots WHERE round_id = $1 AND participant_id = $2',
      [roundId, participantId],
    );
    return rows[0] ? toBallot(rows[0]) : null;
  }

  async listVoters(roundId: string): Promise<{ participantId: string; name: string }[]> {
    const { rows } = await this.pool.query<{ participant_id: string; name: string }>(
      `SELECT participant_id, name FROM ballots WHERE round_id = $1 ${BALLOT_ORDER}`,
      [roundId],
    );
    return rows.map((r) => ({ participantId: r.participant_id, name: r.name }));
  }

  async listBallots(roundId: string): Promise<BallotRecord[]> {
    const { rows } = await this.pool.query<BallotRow>(
      `SELECT * FROM ballots WHERE round_id = $1 ${BALLOT_ORDER}`,
      [roundId],
    );
    return rows.map(toBallot);
  }

  closeVoteRound(
    id: string,
    closedBy: string | null,
    closedAt: number,
    results: (round: VoteRoundRecord, ballots: BallotRecord[]) => unknown,
  ): Promise<VoteRoundRecord | null> {
    return transaction(this.pool, async (db) => {
      const round = await lockRound(db, id);
      if (!round || round.status !== 'open') return null;
      const ballots = (
        await db.query<BallotRow>(`SELECT * FROM ballots WHERE round_id = $1 ${BALLOT_ORDER}`, [id])
      ).rows.map(toBallot);
      const value = results(round, ballots);
      await db.query(
        "UPDATE vote_rounds SET status = 'revealed', closed_by = $1, closed_at = $2, results = $3 WHERE id = $4",
        [closedBy, closedAt, JSON.stringify(value), id],
      );
      return { ...round, status: 'revealed' as const, closedBy, closedAt, results: value };
    });
  }

  async createDecision(d: DecisionRecord): Promise<void> {
    await transaction(this.pool, async (db) => {
      await insertDecision(db, d);
      await db.query('UPDATE boards SET locked = TRUE WHERE id = $1', [d.boardId]);
    });
  }

  async listDecisions(meetingId: string): Promise<DecisionRecord[]> {
    const { rows } = await this.pool.query<DecisionRow>(
      'SELECT * FROM decisions WHERE meeting_id = $1 ORDER BY decided_at, id COLLATE "C"',
      [meetingId],
    );
    return rows.map(toDecision);
  }
}
