/**
 * Copies a whole meeting into PostgreSQL in one transaction: the meeting, its participants,
 * its boards and every stored board update with its author and time (so the session record
 * survives the move). Used by `scripts/move-meeting.ts` to bring a meeting held on a hall
 * laptop's SQLite to the shared database.
 */
import type pg from 'pg';
import type { BoardRecord, MeetingRecord, ParticipantRecord } from '../storage';
import type { NewUpdate } from '../update-log-store';
import { appendRows } from './document-store';
import { transaction } from './pool';
import { insertBoard, insertMeeting, insertParticipant } from './rows';

export interface MeetingExport {
  meeting: MeetingRecord;
  participants: ParticipantRecord[];
  boards: BoardRecord[];
  /** Every stored update of each board, oldest first. */
  updates: Map<string, NewUpdate[]>;
}

/** Rows per INSERT: a long history goes in several statements of one transaction. */
const CHUNK = 500;

export async function importMeeting(pool: pg.Pool, data: MeetingExport): Promise<void> {
  await transaction(pool, async (db) => {
    const exists = await db.query('SELECT 1 FROM meetings WHERE id = $1', [data.meeting.id]);
    if ((exists.rowCount ?? 0) > 0)
      throw new Error(`meeting ${data.meeting.id} already exists in this database`);
    await insertMeeting(db, data.meeting);
    for (const p of data.participants) await insertParticipant(db, p);
    for (const b of data.boards) await insertBoard(db, b);
    for (const [boardId, rows] of data.updates) {
      for (let i = 0; i < rows.length; i += CHUNK) {
        await appendRows(db, boardId, rows.slice(i, i + CHUNK));
      }
    }
  });
}
