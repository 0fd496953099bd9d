/**
 * The facilitator's running of the room: agenda, timer, follow-me and spotlight, raised
 * hands. Every change is written to storage first and then announced on the `MeetingEvents`
 * bus; nothing is kept in this process, so a restart or another instance sees the same room.
 * The timer is a stored deadline: no process counts down.
 */
import { DEFAULT_AGENDA } from '@shared/facilitation/default-agenda';
import { canFacilitate } from '@shared/domain';
import { randomId } from '@shared/ids';
import type {
  AgendaSet,
  AgendaSlice,
  FollowSlice,
  HandsSlice,
  TimerSlice,
} from '@shared/schemas/facilitation';
import type { AgendaStepRecord, MeetingControlRecord } from '../storage/facilitation-store';
import type { BoardRecord, Storage } from '../storage/storage';
import { AppError } from './errors';
import type { MeetingEvents } from './meeting-events';
import type { AuthContext } from './meeting-service';

/** The default agenda of a new meeting, its SWOT step linked to the district-wide board. */
export function defaultAgendaSteps(meetingId: string, boards: BoardRecord[]): AgendaStepRecord[] {
  const district = boards.find((b) => b.department === null) ?? null;
  return DEFAULT_AGENDA.map((step, position) => ({
    id: randomId(),
    meetingId,
    position,
    title: step.title,
    minutes: step.minutes,
    boardId: step.board === 'district' ? (district?.id ?? null) : null,
    startedAt: null,
    endedAt: null,
  }));
}

export function timerSlice(c: MeetingControlRecord): TimerSlice {
  return { status: c.timerStatus, endsAt: c.timerEndsAt, remainingMs: c.timerRemainingMs };
}

export class FacilitationService {
  constructor(
    private readonly storage: Storage,
    private readonly events: MeetingEvents,
    private readonly now: () => number = () => Date.now(),
  ) {}

  private assertFacilitator(auth: AuthContext): void {
    if (!canFacilitate(auth.role))
      throw new AppError('forbidden', 'only the facilitator can do this');
  }

  /** Throws unless `boardId` is a board of the caller's meeting. */
  private async assertBoard(auth: AuthContext, boardId: string): Promise<void> {
    const board = await this.storage.getBoard(boardId);
    if (!board || board.meetingId !== auth.meetingId)
      throw new AppError('not_found', `board ${boardId} is not in this meeting`);
  }

  // ─── agenda ───────────────────────────────────────────────────────────────

  async agenda(meetingId: string): Promise<AgendaSlice> {
    const [steps, control] = await Promise.all([
      this.storage.listAgendaSteps(meetingId),
      this.storage.getMeetingControl(meetingId),
    ]);
    return {
      steps: steps.map((s) => ({
        id: s.id,
        title: s.title,
        minutes: s.minutes,
        boardId: s.boardId,
        startedAt: s.startedAt,
        endedAt: s.endedAt,
      })),
      currentStepId: control.currentStepId,
    };
  }

  /** Replaces the agenda; steps named by id keep their recorded times. */
  async setAgenda(auth: AuthContext, body: AgendaSet): Promise<AgendaSlice> {
    this.assertFacilitator(auth);
    const existing = new Map(
      (await this.storage.listAgendaSteps(auth.meetingId)).map((s) => [s.id, s]),
    );
    const boardIds = new Set(body.steps.flatMap((s) => (s.boardId ? [s.boardId] : [])));
    for (const boardId of boardIds) await this.assertBoard(auth, boardId);
    const steps = body.steps.map((s, position): AgendaStepRecord => {
      const old = s.id === undefined ? undefined : existing.get(s.id);
      if (s.id !== undefined && !old)
        throw new AppError('not_found', `agenda step ${s.id} does not exist`);
      return {
        id: old?.id ?? randomId(),
        meetingId: auth.meetingId,
        position,
        title: s.title,
        minutes: s.minutes,
        boardId: s.boardId ?? null,
        startedAt: old?.startedAt ?? null,
        endedAt: old?.endedAt ?? null,
      };
    });
    await this.storage.replaceAgenda(auth.meetingId, steps);
    this.events.emit('agenda-changed', auth.meetingId);
    return this.agenda(auth.meetingId);
  }

  /**
   * Moves the meeting to a step (next, back or any): records the times, resets the timer and
   * brings follow-me to the step's board.
   */
  async gotoStep(auth: AuthContext, stepId: string): Promise<void> {
    this.assertFacilitator(auth);
    const now = this.now();
    if (!(await this.storage.gotoAgendaStep(auth.meetingId, stepId, now)))
      throw new AppError('not_found', `agenda step ${stepId} does not exist`);
    const step = (await this.storage.listAgendaSteps(auth.meetingId)).find((s) => s.id === stepId);
    this.events.emit('agenda-changed', auth.meetingId);
    // Each step change is a snapshot of the record (issue 11): its board, or the whole meeting.
    this.events.emit('record-mark', auth.meetingId, {
      reason: 'agenda-step',
      label: step?.title ?? '',
      boardId: step?.boardId ?? null,
      participantId: auth.participantId,
      at: now,
    });
    this.events.emit('timer-changed', auth.meetingId);
    this.events.emit('follow-changed', auth.meetingId);
  }

  // ─── timer ────────────────────────────────────────────────────────────────

  async timer(meetingId: string): Promise<TimerSlice> {
    return timerSlice(await this.storage.getMeetingControl(meetingId));
  }

  private async setTimer(auth: AuthContext, patch: Partial<MeetingControlRecord>): Promise<void> {
    await this.storage.updateMeetingControl(auth.meetingId, patch);
    this.events.emit('timer-changed', auth.meetingId);
  }

  async startTimer(auth: AuthContext, seconds: number): Promise<void> {
    this.assertFacilitator(auth);
    await this.setTimer(auth, {
      timerStatus: 'running',
      timerEndsAt: this.now() + seconds * 1000,
      timerRemainingMs: null,
    });
  }

  async pauseTimer(auth: AuthContext): Promise<void> {
    this.assertFacilitator(auth);
    const c = await this.storage.getMeetingControl(auth.meetingId);
    if (c.timerStatus !== 'running' || c.timerEndsAt === null)
      throw new AppError('timer_not_running', 'the timer is not running');
    await this.setTimer(auth, {
      timerStatus: 'paused',
      timerEndsAt: null,
      timerRemainingMs: Math.max(0, c.timerEndsAt - this.now()),
    });
  }

  async resumeTimer(auth: AuthContext): Promise<void> {
    this.assertFacilitator(auth);
    const c = await this.storage.getMeetingControl(auth.meetingId);
    if (c.timerStatus !== 'paused' || c.timerRemainingMs === null)
      throw new AppError('timer_not_paused', 'the timer is not paused');
    await this.setTimer(auth, {
      timerStatus: 'running',
      timerEndsAt: this.now() + c.timerRemainingMs,
      timerRemainingMs: null,
    });
  }

  async resetTimer(auth: AuthContext): Promise<void> {
    this.assertFacilitator(auth);
    await this.setTimer(auth, { timerStatus: 'idle', timerEndsAt: null, timerRemainingMs: null });
  }

  /** Adds (or with a negative number takes away) time; a timer past zero restarts from now. */
  async addToTimer(auth: AuthContext, seconds: number): Promise<void> {
    this.assertFacilitator(auth);
    const c = await this.storage.getMeetingControl(auth.meetingId);
    const now = this.now();
    if (c.timerStatus === 'running' && c.timerEndsAt !== null) {
      await this.setTimer(auth, {
        timerEndsAt: Math.max(now, c.timerEndsAt) + seconds * 1000,
      });
    } else if (c.timerStatus === 'paused' && c.timerRemainingMs !== null) {
      await this.setTimer(auth, {
        timerRemainingMs: Math.max(0, c.timerRemainingMs + seconds * 1000),
      });
    } else throw new AppError('timer_idle', 'start the timer first');
  }

  // ─── follow-me and spotlight ──────────────────────────────────────────────

  async follow(meetingId: string): Promise<FollowSlice> {
    const c = await this.storage.getMeetingControl(meetingId);
    return { on: c.followOn, boardId: c.followBoardId, cardId: c.followCardId };
  }

  async setFollow(auth: AuthContext, on: boolean): Promise<void> {
    this.assertFacilitator(auth);
    await this.storage.updateMeetingControl(auth.meetingId, { followOn: on });
    this.events.emit('follow-changed', auth.meetingId);
  }

  /** Brings everyone to a board and spotlights one of its cards (or none). */
  async setFocus(auth: AuthContext, boardId: string, cardId: string | null): Promise<void> {
    this.assertFacilitator(auth);
    await this.assertBoard(auth, boardId);
    await this.storage.updateMeetingControl(auth.meetingId, {
      followBoardId: boardId,
      followCardId: cardId,
    });
    this.events.emit('follow-changed', auth.meetingId);
  }

  // ─── raised hands ─────────────────────────────────────────────────────────

  async hands(meetingId: string): Promise<HandsSlice> {
    const [hands, people] = await Promise.all([
      this.storage.listHands(meetingId),
      this.storage.listParticipants(meetingId),
    ]);
    const byId = new Map(people.map((p) => [p.id, p]));
    return hands.flatMap((h) => {
      const p = byId.get(h.participantId);
      // A removed person's request leaves the queue with them.
      if (!p || p.removedAt !== null) return [];
      return [
        { participantId: p.id, name: p.name, department: p.department, raisedAt: h.raisedAt },
      ];
    });
  }

  private assertParticipant(auth: AuthContext): string {
    if (auth.role !== 'participant' || auth.participantId === null)
      throw new AppError('forbidden', 'only participants raise a hand');
    return auth.participantId;
  }

  async raiseHand(auth: AuthContext): Promise<void> {
    const participantId = this.assertParticipant(auth);
    const raised = await this.storage.raiseHand({
      meetingId: auth.meetingId,
      participantId,
      raisedAt: this.now(),
    });
    if (raised) this.events.emit('hands-changed', auth.meetingId);
  }

  async lowerHand(auth: AuthContext): Promise<void> {
    const participantId = this.assertParticipant(auth);
    if (await this.storage.lowerHand(auth.meetingId, participantId))
      this.events.emit('hands-changed', auth.meetingId);
  }

  async clearHand(auth: AuthContext, participantId: string): Promise<void> {
    this.assertFacilitator(auth);
    if (await this.storage.lowerHand(auth.meetingId, participantId))
      this.events.emit('hands-changed', auth.meetingId);
  }
}
