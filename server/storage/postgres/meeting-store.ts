/** MeetingStore on PostgreSQL: meetings, participants and boards. */
import type pg from 'pg';
import type { BoardRecord, MeetingRecord, MeetingStore, ParticipantRecord } from '../storage';
import { transaction } from './pool';
import {
  insertBoard,
  insertMeeting,
  insertName,
  insertParticipant,
  toBoard,
  toMeeting,
  toParticipant,
  type BoardRow,
  type MeetingRow,
  type ParticipantRow,
} from './rows';

/** UPDATE of the given fields only; column names come from a fixed map, never from input. */
function setClause(
  columns: Record<string, string>,
  patch: Record<string, unknown>,
): { sets: string; values: unknown[] } {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(columns)) {
    if (patch[key] === undefined) continue;
    values.push(patch[key]);
    sets.push(`${column} = $${values.length}`);
  }
  return { sets: sets.join(', '), values };
}

export class PgMeetingStore implements MeetingStore {
  constructor(private readonly pool: pg.Pool) {}

  async createMeeting(
    meeting: MeetingRecord,
    participants: ParticipantRecord[],
    boards: BoardRecord[],
  ): Promise<void> {
    await transaction(this.pool, async (db) => {
      await insertMeeting(db, meeting);
      for (const p of participants) await insertParticipant(db, p);
      for (const b of boards) await insertBoard(db, b);
    });
  }

  async getMeeting(id: string): Promise<MeetingRecord | null> {
    const { rows } = await this.pool.query<MeetingRow>('SELECT * FROM meetings WHERE id = $1', [
      id,
    ]);
    return rows[0] ? toMeeting(rows[0]) : null;
  }

  async getMeetingByJoinCode(joinCode: string): Promise<MeetingRecord | null> {
    const { rows } = await this.pool.query<MeetingRow>(
      'SELECT * FROM meetings WHERE join_code = $1',
      [joinCode],
    );
    return rows[0] ? toMeeting(rows[0]) : null;
  }

  async updateJoinCode(meetingId: string, joinCode: string): Promise<void> {
    await this.pool.query('UPDATE meetings SET join_code = $1 WHERE id = $2', [
      joinCode,
      meetingId,
    ]);
  }

  async listParticipants(meetingId: string): Promise<ParticipantRecord[]> {
    const { rows } = await this.pool.query<ParticipantRow>(
      'SELECT * FROM participants WHERE meeting_id = $1 ORDER BY created_at, id',
      [meetingId],
    );
    return rows.map(toParticipant);
  }

  async createParticipant(participant: ParticipantRecord): Promise<void> {
    // The participant and their first name-history entry, together.
    await transaction(this.pool, (db) => insertParticipant(db, participant));
  }

  async getParticipant(id: string): Promise<ParticipantRecord | null> {
    const { rows } = await this.pool.query<ParticipantRow>(
      'SELECT * FROM participants WHERE id = $1',
      [id],
    );
    return rows[0] ? toParticipant(rows[0]) : null;
  }

  async updateParticipant(
    id: string,
    patch: Partial<Pick<ParticipantRecord, 'name' | 'department' | 'role' | 'removedAt'>>,
  ): Promise<void> {
    const { sets, values } = setClause(
      { name: 'name', department: 'department', role: 'role', removedAt: 'removed_at' },
      patch,
    );
    if (!sets) return;
    await transaction(this.pool, async (db) => {
      const { rows } = await db.query<ParticipantRow>(
        `UPDATE participants SET ${sets} WHERE id = $${values.length + 1} RETURNING *`,
        [...values, id],
      );
      const row = rows[0];
      if (!row || (patch.name === undefined && patch.department === undefined)) return;
      // The record shows the name in force when each edit was made.
      await insertName(db, row.meeting_id, {
        participantId: id,
        name: row.name,
        department: row.department,
        since: Date.now(),
      });
    });
  }

  async listBoards(meetingId: string): Promise<BoardRecord[]> {
    const { rows } = await this.pool.query<BoardRow>(
      'SELECT * FROM boards WHERE meeting_id = $1 ORDER BY position, created_at',
      [meetingId],
    );
    return rows.map(toBoard);
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const { rows } = await this.pool.query<BoardRow>('SELECT * FROM boards WHERE id = $1', [id]);
    return rows[0] ? toBoard(rows[0]) : null;
  }

  async createBoard(board: BoardRecord): Promise<void> {
    await insertBoard(this.pool, board);
  }

  async updateBoard(
    id: string,
    patch: Partial<Pick<BoardRecord, 'title' | 'locked' | 'position'>>,
  ): Promise<void> {
    const { sets, values } = setClause(
      { title: 'title', locked: 'locked', position: 'position' },
      patch,
    );
    if (!sets) return;
    await this.pool.query(`UPDATE boards SET ${sets} WHERE id = $${values.length + 1}`, [
      ...values,
      id,
    ]);
  }
}
