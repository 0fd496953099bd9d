/**
 * The SQLite side of `FacilitationStore`; `SqliteStorage` delegates to it. better-sqlite3 is
 * synchronous, so each method (and each transaction) runs whole before anything else.
 */
import type Database from 'better-sqlite3';
import type { TimerStatus } from '@shared/schemas/facilitation';
import {
  IDLE_CONTROL,
  type AgendaStepRecord,
  type DraftRecord,
  type FacilitationStore,
  type HandRecord,
  type MeetingControlRecord,
} from '../facilitation-store';

interface StepRow {
  id: string;
  meeting_id: string;
  position: number;
  title: string;
  minutes: number;
  board_id: string | null;
  started_at: number | null;
  ended_at: number | null;
}
interface ControlRow {
  current_step_id: string | null;
  timer_status: TimerStatus;
  timer_ends_at: number | null;
  timer_remaining_ms: number | null;
  follow_on: number;
  follow_board_id: string | null;
  follow_card_id: string | null;
}

const toStep = (r: StepRow): AgendaStepRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  position: r.position,
  title: r.title,
  minutes: r.minutes,
  boardId: r.board_id,
  startedAt: r.started_at,
  endedAt: r.ended_at,
});
const toControl = (r: ControlRow): MeetingControlRecord => ({
  currentStepId: r.current_step_id,
  timerStatus: r.timer_status,
  timerEndsAt: r.timer_ends_at,
  timerRemainingMs: r.timer_remaining_ms,
  followOn: r.follow_on === 1,
  followBoardId: r.follow_board_id,
  followCardId: r.follow_card_id,
});

/** Column of each control field; the only names that ever reach SQL text. */
const CONTROL_COLUMNS: Record<keyof MeetingControlRecord, string> = {
  currentStepId: 'current_step_id',
  timerStatus: 'timer_status',
  timerEndsAt: 'timer_ends_at',
  timerRemainingMs: 'timer_remaining_ms',
  followOn: 'follow_on',
  followBoardId: 'follow_board_id',
  followCardId: 'follow_card_id',
};

export class SqliteFacilitationStore implements FacilitationStore {
  constructor(private readonly db: Database.Database) {}

  async listAgendaSteps(meetingId: string): Promise<AgendaStepRecord[]> {
    return this.steps(meetingId);
  }

  private steps(meetingId: string): AgendaStepRecord[] {
    return this.db
      .prepare<[string], StepRow>(
        'SELECT * FROM agenda_steps WHERE meeting_id = ? ORDER BY position, id',
      )
      .all(meetingId)
      .map(toStep);
  }

  async replaceAgenda(meetingId: string, steps: AgendaStepRecord[]): Promise<void> {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM agenda_steps WHERE meeting_id = ?').run(meetingId);
      const insert = this.db.prepare(
        'INSERT INTO agenda_steps (id, meeting_id, position, title, minutes, board_id, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      );
      steps.forEach((s, position) =>
        insert.run(
          s.id,
          meetingId,
          position,
          s.title,
          s.minutes,
          s.boardId,
          s.startedAt,
          s.endedAt,
        ),
      );
      const control = this.control(meetingId);
      if (control.currentStepId !== null && !steps.some((s) => s.id === control.currentStepId))
        this.patchControl(meetingId, { currentStepId: null });
    })();
  }

  async gotoAgendaStep(meetingId: string, stepId: string, now: number): Promise<boolean> {
    return this.db.transaction(() => {
      const target = this.steps(meetingId).find((s) => s.id === stepId);
      if (!target) return false;
      const { currentStepId } = this.control(meetingId);
      if (currentStepId !== null && currentStepId !== stepId)
        this.db
          .prepare('UPDATE agenda_steps SET ended_at = ? WHERE id = ?')
          .run(now, currentStepId);
      this.db
        .prepare(
          'UPDATE agenda_steps SET started_at = COALESCE(started_at, ?), ended_at = NULL WHERE id = ?',
        )
        .run(now, stepId);
      this.patchControl(meetingId, {
        currentStepId: stepId,
        timerStatus: 'idle',
        timerEndsAt: null,
        timerRemainingMs: null,
        followBoardId: target.boardId,
        followCardId: null,
      });
      return true;
    })();
  }

  async getMeetingControl(meetingId: string): Promise<MeetingControlRecord> {
    return this.control(meetingId);
  }

  private control(meetingId: string): MeetingControlRecord {
    const row = this.db
      .prepare<[string], ControlRow>('SELECT * FROM meeting_control WHERE meeting_id = ?')
      .get(meetingId);
    return row ? toControl(row) : { ...IDLE_CONTROL };
  }

  async updateMeetingControl(
    meetingId: string,
    patch: Partial<MeetingControlRecord>,
  ): Promise<void> {
    this.db.transaction(() => this.patchControl(meetingId, patch))();
  }

  private patchControl(meetingId: string, patch: Partial<MeetingControlRecord>): void {
    this.db.prepare('INSERT OR IGNORE INTO meeting_control (meeting_id) VALUES (?)').run(meetingId);
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, column] of Object.entries(CONTROL_COLUMNS)) {
      const value = patch[key as keyof MeetingControlRecord];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      values.push(typeof value === 'boolean' ? (value ? 1 : 0) : value);
    }
    if (sets.length === 0) return;
    this.db
      .prepare(`UPDATE meeting_control SET ${sets.join(', ')} WHERE meeting_id = ?`)
      .run(...values, meetingId);
  }

  async raiseHand(hand: HandRecord): Promise<boolean> {
    const result = this.db
      .prepare(
        'INSERT OR IGNORE INTO hands (meeting_id, participant_id, raised_at) VALUES (?, ?, ?)',
      )
      .run(hand.meetingId, hand.participantId, hand.raisedAt);
    return result.changes > 0;
  }

  async lowerHand(meetingId: string, participantId: string): Promise<boolean> {
    return (
      this.db
        .prepare('DELETE FROM hands WHERE meeting_id = ? AND participant_id = ?')
        .run(meetingId, participantId).changes > 0
    );
  }

  async listHands(meetingId: string): Promise<HandRecord[]> {
    return this.db
      .prepare<[string], { participant_id: string; raised_at: number }>(
        'SELECT participant_id, raised_at FROM hands WHERE meeting_id = ? ORDER BY raised_at, rowid',
      )
      .all(meetingId)
      .map((r) => ({ meetingId, participantId: r.participant_id, raisedAt: r.raised_at }));
  }

  async setDraftCount(draft: DraftRecord): Promise<boolean> {
    return this.db.transaction(() => {
      const row = this.db
        .prepare<[string, string], { cards: number }>(
          'SELECT cards FROM drafts WHERE board_id = ? AND participant_id = ?',
        )
        .get(draft.boardId, draft.participantId);
      if (row?.cards === draft.cards) return false;
      this.db
        .prepare(
          `INSERT INTO drafts (board_id, participant_id, cards, updated_at) VALUES (?, ?, ?, ?)
           ON CONFLICT(board_id, participant_id) DO UPDATE SET cards = excluded.cards, updated_at = excluded.updated_at`,
        )
        .run(draft.boardId, draft.participantId, draft.cards, draft.updatedAt);
      return true;
    })();
  }

  async listDrafts(boardId: string): Promise<DraftRecord[]> {
    return this.db
      .prepare<[string], { participant_id: string; cards: number; updated_at: number }>(
        'SELECT participant_id, cards, updated_at FROM drafts WHERE board_id = ? ORDER BY participant_id',
      )
      .all(boardId)
      .map((r) => ({
        boardId,
        participantId: r.participant_id,
        cards: r.cards,
        updatedAt: r.updated_at,
      }));
  }

  async setBoardPrivate(boardId: string, on: boolean): Promise<void> {
    this.db.prepare('UPDATE boards SET private = ? WHERE id = ?').run(on ? 1 : 0, boardId);
  }
}
