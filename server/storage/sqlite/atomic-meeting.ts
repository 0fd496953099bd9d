/**
 * The checked meeting changes (AtomicMeetingStore) on SQLite: each one is a transaction, so
 * its check and its writes see the same database even if another connection writes too.
 */
import type Database from 'better-sqlite3';
import type {
  FirstUpdate,
  ParticipantChange,
  ParticipantChangeResult,
} from '../atomic-meeting-store';
import type { BoardRecord, MeetingRecord, ParticipantRecord } from '../storage';
import type { SqliteUpdateLog } from './update-log';

/** The row writers of SqliteStorage this module reuses. */
export interface SqliteRowWriters {
  insertMeeting(m: MeetingRecord): void;
  insertParticipant(p: ParticipantRecord): void;
  insertBoard(b: BoardRecord): void;
  getParticipant(id: string): ParticipantRecord | null;
}

export class SqliteAtomicMeetings {
  constructor(
    private readonly db: Database.Database,
    private readonly rows: SqliteRowWriters,
    private readonly log: SqliteUpdateLog,
  ) {}

  createMeetingWithDocuments(
    meeting: MeetingRecord,
    participants: ParticipantRecord[],
    boards: BoardRecord[],
    firstUpdates: FirstUpdate[],
  ): void {
    this.db.transaction(() => {
      this.rows.insertMeeting(meeting);
      for (const p of participants) this.rows.insertParticipant(p);
      for (const b of boards) this.rows.insertBoard(b);
      for (const u of firstUpdates) {
        this.log.appendRows(u.boardId, [
          { update: u.update, participantId: null, createdAt: u.createdAt },
        ]);
      }
    })();
  }

  addBoard(
    board: Omit<BoardRecord, 'position'>,
    firstUpdate: Uint8Array,
    maxBoards: number,
  ): BoardRecord | null {
    // IMMEDIATE: take the write lock before reading, so the count cannot go stale.
    return this.db
      .transaction((): BoardRecord | null => {
        const { n, top } = this.db
          .prepare<[string], { n: number; top: number | null }>(
            'SELECT count(*) AS n, max(position) AS top FROM boards WHERE meeting_id = ?',
          )
          .get(board.meetingId) ?? { n: 0, top: null };
        if (n >= maxBoards) return null;
        const record: BoardRecord = { ...board, position: (top ?? -1) + 1 };
        this.rows.insertBoard(record);
        this.log.appendRows(board.id, [
          { update: firstUpdate, participantId: null, createdAt: board.createdAt },
        ]);
        return record;
      })
      .immediate();
  }

  changeParticipant(
    meetingId: string,
    participantId: string,
    change: ParticipantChange,
  ): ParticipantChangeResult {
    return this.db
      .transaction((): ParticipantChangeResult => {
        const p = this.rows.getParticipant(participantId);
        if (!p || p.meetingId !== meetingId || p.removedAt !== null)
          return { ok: false, reason: 'not_found' };
        const stopsFacilitating =
          p.role === 'facilitator' && ('removedAt' in change || change.role !== 'facilitator');
        if (stopsFacilitating) {
          const others = this.db
            .prepare<[string, string], { n: number }>(
              "SELECT count(*) AS n FROM participants WHERE meeting_id = ? AND role = 'facilitator' AND removed_at IS NULL AND id <> ?",
            )
            .get(meetingId, participantId);
          if ((others?.n ?? 0) === 0) return { ok: false, reason: 'last_facilitator' };
        }
        if ('removedAt' in change)
          this.db
            .prepare('UPDATE participants SET removed_at = ? WHERE id = ?')
            .run(change.removedAt, participantId);
        else
          this.db
            .prepare('UPDATE participants SET role = ? WHERE id = ?')
            .run(change.role, participantId);
        return { ok: true, before: p };
      })
      .immediate();
  }
}
