/**
 * `FacilitationStore` on PostgreSQL; `PostgresStorage` delegates to it. The agenda changes
 * lock the meeting's control row (creating it if needed) first, so two facilitators on two
 * instances moving the agenda at once run one after the other.
 */
import type pg from 'pg';
import type { TimerStatus } from '@shared/schemas/facilitation';
import {
  IDLE_CONTROL,
  type AgendaStepRecord,
  type DraftRecord,
  type FacilitationStore,
  type HandRecord,
  type MeetingControlRecord,
} from '../facilitation-store';
import { transaction, type Queryable } from './pool';

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
  follow_on: boolean;
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
  followOn: r.follow_on,
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

async function readSteps(db: Queryable, meetingId: string): Promise<AgendaStepRecord[]> {
  const { rows } = await db.query<StepRow>(
    'SELECT * FROM agenda_steps WHERE meeting_id = $1 ORDER BY position, id COLLATE "C"',
    [meetingId],
  );
  return rows.map(toStep);
}

async function insertSteps(
  db: Queryable,
  meetingId: string,
  steps: AgendaStepRecord[],
): Promise<void> {
  let position = 0;
  for (const s of steps) {
    await db.query(
      'INSERT INTO agenda_steps (id, meeting_id, position, title, minutes, board_id, started_at, ended_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [s.id, meetingId, position++, s.title, s.minutes, s.boardId, s.startedAt, s.endedAt],
    );
  }
}

/** Creates the control row if missing and locks it until the transaction ends. */
async function lockControl(db: Queryable, meetingId: string): Promise<MeetingControlRecord> {
  await db.query(
    'INSERT INTO meeting_control (meeting_id) VALUES ($1) ON CONFLICT (meeting_id) DO NOTHING',
    [meetingId],
  );
  const { rows } = await db.query<ControlRow>(
    'SELECT * FROM meeting_control WHERE meeting_id = $1 FOR UPDATE',
    [meetingId],
  );
  return rows[0] ? toControl(rows[0]) : { ...IDLE_CONTROL };
}

/** Writes some control fields; the row must exist (lockControl). */
async function patchControl(
  db: Queryable,
  meetingId: string,
  patch: Partial<MeetingControlRecord>,
): Promise<void> {
  const sets: string[] = [];
  const values: unknown[] = [];
  for (const [key, column] of Object.entries(CONTROL_COLUMNS)) {
    const value = patch[key as keyof MeetingControlRecord];
    if (value === undefined) continue;
    values.push(value);
    sets.push(`${column} = $${values.length}`);
  }
  if (sets.length === 0) return;
  await db.query(
    `UPDATE meeting_control SET ${sets.join(', ')} WHERE meeting_id = $${values.length + 1}`,
    [...values, meetingId],
  );
}

/** The writers a whole-meeting import or move needs, inside its transaction. */
export const facilitationWriters = {
  insertSteps,
  async insertControl(db: Queryable, meetingId: string, c: MeetingControlRecord): Promise<void> {
    await lockControl(db, meetingId);
    await patchControl(db, meetingId, c);
  },
  async insertHand(db: Queryable, h: HandRecord): Promise<void> {
    await db.query(
      'INSERT INTO hands (meeting_id, participant_id, raised_at) VALUES ($1, $2, $3)',
      [h.meetingId, h.participantId, h.raisedAt],
    );
  },
  async insertDraft(db: Queryable, d: DraftRecord): Promise<void> {
    await db.query(
      'INSERT INTO drafts (board_id, participant_id, cards, updated_at) VALUES ($1, $2, $3, $4)',
      [d.boardId, d.participantId, d.cards, d.updatedAt],
    );
  },
};

export class PgFacilitationStore implements FacilitationStore {
  constructor(private readonly pool: pg.Pool) {}

  listAgendaSteps(meetingId: string): Promise<AgendaStepRecord[]> {
    return readSteps(this.pool, meetingId);
  }

  async replaceAgenda(meetingId: string, steps: AgendaStepRecord[]): Promise<void> {
    await transaction(this.pool, async (db) => {
      const control = await lockControl(db, meetingId);
      await db.query('DELETE FROM agenda_steps WHERE meeting_id = $1', [meetingId]);
      await insertSteps(db, meetingId, steps);
      if (control.currentStepId !== null && !steps.some((s) => s.id === control.currentStepId))
        await patchControl(db, meetingId, { currentStepId: null });
    });
  }

  gotoAgendaStep(meetingId: string, stepId: string, now: number): Promise<boolean> {
    return transaction(this.pool, async (db) => {
      const { currentStepId } = await lockControl(db, meetingId);
      const target = (await readSteps(db, meetingId)).find((s) => s.id === stepId);
      if (!target) return false;
      if (currentStepId !== null && currentStepId !== stepId)
        await db.query('UPDATE agenda_steps SET ended_at = $1 WHERE id = $2', [now, currentStepId]);
      await db.query(
        'UPDATE agenda_steps SET started_at = COALESCE(started_at, $1), ended_at = NULL WHERE id = $2',
        [now, stepId],
      );
      await patchControl(db, meetingId, {
        currentStepId: stepId,
        timerStatus: 'idle',
        timerEndsAt: null,
        timerRemainingMs: null,
        followBoardId: target.boardId,
        followCardId: null,
      });
      return true;
    });
  }

  async getMeetingControl(meetingId: string): Promise<MeetingControlRecord> {
    const { rows } = await this.pool.query<ControlRow>(
      'SELECT * FROM meeting_control WHERE meeting_id = $1',
      [meetingId],
    );
    return rows[0] ? toControl(rows[0]) : { ...IDLE_CONTROL };
  }

  async updateMeetingControl(
    meetingId: string,
    patch: Partial<MeetingControlRecord>,
  ): Promise<void> {
    await transaction(this.pool, async (db) => {
      await lockControl(db, meetingId);
      await patchControl(db, meetingId, patch);
    });
  }

  async raiseHand(hand: HandRecord): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'INSERT INTO hands (meeting_id, participant_id, raised_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
      [hand.meetingId, hand.participantId, hand.raisedAt],
    );
    return (rowCount ?? 0) > 0;
  }

  async lowerHand(meetingId: string, participantId: string): Promise<boolean> {
    const { rowCount } = await this.pool.query(
      'DELETE FROM hands WHERE meeting_id = $1 AND participant_id = $2',
      [meetingId, participantId],
    );
    return (rowCount ?? 0) > 0;
  }

  async listHands(meetingId: string): Promise<HandRecord[]> {
    const { rows } = await this.pool.query<{ participant_id: string; raised_at: number }>(
      'SELECT participant_id, raised_at FROM hands WHERE meeting_id = $1 ORDER BY raised_at, n',
      [meetingId],
    );
    return rows.map((r) => ({ meetingId, participantId: r.participant_id, raisedAt: r.raised_at }));
  }

  async setDraftCount(draft: DraftRecord): Promise<boolean> {
    // One statement: the upsert writes (and counts a row) only when the count differs.
    const { rowCount } = await this.pool.query(
      `INSERT INTO drafts (board_id, participant_id, cards, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (board_id, participant_id) DO UPDATE SET cards = excluded.cards, updated_at = excluded.updated_at
       WHERE drafts.cards <> excluded.cards`,
      [draft.boardId, draft.participantId, draft.cards, draft.updatedAt],
    );
    return (rowCount ?? 0) > 0;
  }

  async listDrafts(boardId: string): Promise<DraftRecord[]> {
    const { rows } = await this.pool.query<{
      participant_id: string;
      cards: number;
      updated_at: number;
    }>(
      'SELECT participant_id, cards, updated_at FROM drafts WHERE board_id = $1 ORDER BY participant_id COLLATE "C"',
      [boardId],
    );
    return rows.map((r) => ({
      boardId,
      participantId: r.participant_id,
      cards: r.cards,
      updatedAt: r.updated_at,
    }));
  }

  async setBoardPrivate(boardId: string, on: boolean): Promise<void> {
    await this.pool.query('UPDATE boards SET private = $1 WHERE id = $2', [on, boardId]);
  }
}
