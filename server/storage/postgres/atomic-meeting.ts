/**
 * The checked meeting changes on PostgreSQL. Each transaction first locks its meeting's row,
 * so two of them on one meeting (from any instances) run one after the other and each check
 * sees the other's write.
 */
import type pg from 'pg';
import type {
  AtomicMeetingStore,
  FirstUpdate,
  ParticipantChange,
  ParticipantChangeResult,
} from '../atomic-meeting-store';
import type { BoardRecord, MeetingRecord, ParticipantRecord } from '../storage';
import { appendRows } from './document-store';
import { transaction, type Queryable } from './pool';
import {
  insertBoard,
  insertMeeting,
  insertParticipant,
  toParticipant,
  type ParticipantRow,
} from './rows';

async function lockMeeting(db: Queryable, meetingId: string): Promise<boolean> {
  const { rowCount } = await db.query('SELECT id FROM meetings WHERE id = $1 FOR UPDATE', [
    meetingId,
  ]);
  return (rowCount ?? 0) > 0;
}

export class PgAtomicMeetings implements AtomicMeetingStore {
  constructor(private readonly pool: pg.Pool) {}

  async createMeetingWithDocuments(
    meeting: MeetingRecord,
    participants: ParticipantRecord[],
    boards: BoardRecord[],
    firstUpdates: FirstUpdate[],
  ): Promise<void> {
    await transaction(this.pool, async (db) => {
      await insertMeeting(db, meeting);
      for (const p of participants) await insertParticipant(db, p);
      for (const b of boards) await insertBoard(db, b);
      for (const u of firstUpdates) {
        await appendRows(db, u.boardId, [
          { update: u.update, participantId: null, createdAt: u.createdAt },
        ]);
      }
    });
  }

  addBoard(
    board: Omit<BoardRecord, 'position'>,
    firstUpdate: Uint8Array,
    maxBoards: number,
  ): Promise<BoardRecord | null> {
    return transaction(this.pool, async (db) => {
      if (!(await lockMeeting(db, board.meetingId))) return null;
      const { rows } = await db.query<{ n: number; top: number | null }>(
        'SELECT count(*)::int AS n, max(position) AS top FROM boards WHERE meeting_id = $1',
        [board.meetingId],
      );
      if ((rows[0]?.n ?? 0) >= maxBoards) return null;
      const record: BoardRecord = { ...board, position: (rows[0]?.top ?? -1) + 1 };
      await insertBoard(db, record);
      await appendRows(db, board.id, [
        { update: firstUpdate, participantId: null, createdAt: board.createdAt },
      ]);
      return record;
    });
  }

  changeParticipant(
    meetingId: string,
    participantId: string,
    change: ParticipantChange,
  ): Promise<ParticipantChangeResult> {
    return transaction(this.pool, async (db): Promise<ParticipantChangeResult> => {
      if (!(await lockMeeting(db, meetingId))) return { ok: false, reason: 'not_found' };
      const found = await db.query<ParticipantRow>('SELECT * FROM participants WHERE id = $1', [
        participantId,
      ]);
      const p = found.rows[0] ? toParticipant(found.rows[0]) : null;
      if (!p || p.meetingId !== meetingId || p.removedAt !== null)
        return { ok: false, reason: 'not_found' };
      const stopsFacilitating =
        p.role === 'facilitator' && ('removedAt' in change || change.role !== 'facilitator');
      if (stopsFacilitating) {
        const others = await db.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM participants WHERE meeting_id = $1 AND role = 'facilitator' AND removed_at IS NULL AND id <> $2",
          [meetingId, participantId],
        );
        if ((others.rows[0]?.n ?? 0) === 0) return { ok: false, reason: 'last_facilitator' };
      }
      if ('removedAt' in change)
        await db.query('UPDATE participants SET removed_at = $1 WHERE id = $2', [
          change.removedAt,
          participantId,
        ]);
      else
        await db.query('UPDATE participants SET role = $1 WHERE id = $2', [
          change.role,
          participantId,
        ]);
      return { ok: true, before: p };
    });
  }
}
