/**
 * Storage of the facilitator's controls (issue 9): the agenda with its actual times, the
 * timer as a deadline, follow-me and spotlight, raised hands and the counts of private
 * drafts. Everything a screen shows about the running meeting is here, not in a process, so
 * a restart changes nothing and several instances can share it.
 */
import type { TimerStatus } from '@shared/schemas/facilitation';

export interface AgendaStepRecord {
  id: string;
  meetingId: string;
  position: number;
  title: string;
  minutes: number;
  boardId: string | null;
  startedAt: number | null;
  endedAt: number | null;
}

/** The running state of a meeting: where it is, its timer, follow-me. One row per meeting. */
export interface MeetingControlRecord {
  currentStepId: string | null;
  timerStatus: TimerStatus;
  /** Deadline of a running timer (server clock, ms since epoch). */
  timerEndsAt: number | null;
  /** What is left of a paused timer. */
  timerRemainingMs: number | null;
  followOn: boolean;
  followBoardId: string | null;
  followCardId: string | null;
}

export const IDLE_CONTROL: MeetingControlRecord = {
  currentStepId: null,
  timerStatus: 'idle',
  timerEndsAt: null,
  timerRemainingMs: null,
  followOn: false,
  followBoardId: null,
  followCardId: null,
};

export interface HandRecord {
  meetingId: string;
  participantId: string;
  raisedAt: number;
}

/** One participant's draft of one board: how many live cards it holds. */
export interface DraftRecord {
  boardId: string;
  participantId: string;
  cards: number;
  updatedAt: number;
}

export interface FacilitationStore {
  /** The agenda in order. */
  listAgendaSteps(meetingId: string): Promise<AgendaStepRecord[]>;
  /**
   * Replaces the agenda with `steps` (positions are taken from their order), in one
   * transaction. Steps not in the list are deleted; if the current step is one of them, the
   * meeting has no current step any more.
   */
  replaceAgenda(meetingId: string, steps: AgendaStepRecord[]): Promise<void>;
  /**
   * Moves the meeting to `stepId` at `now`, in one transaction: the current step (if another)
   * gets `endedAt = now`; the new one gets `startedAt = now` unless it had started before,
   * and `endedAt = null`; the timer goes back to idle; follow-me moves to the step's board
   * and drops its spotlight. Resolves false if the step is not in the meeting's agenda.
   */
  gotoAgendaStep(meetingId: string, stepId: string, now: number): Promise<boolean>;
  /** The meeting's running state; `IDLE_CONTROL` values when none was stored yet. */
  getMeetingControl(meetingId: string): Promise<MeetingControlRecord>;
  /** Writes some fields of the running state (the others keep their stored values). */
  updateMeetingControl(meetingId: string, patch: Partial<MeetingControlRecord>): Promise<void>;
  /** Raises a hand; raising it again keeps the first time. Resolves true if it was not up. */
  raiseHand(hand: HandRecord): Promise<boolean>;
  /** Lowers a hand. Resolves true if it was up. */
  lowerHand(meetingId: string, participantId: string): Promise<boolean>;
  /** Raised hands, oldest first. */
  listHands(meetingId: string): Promise<HandRecord[]>;
  /** Records how many live cards a draft holds. Resolves true if the count changed. */
  setDraftCount(draft: DraftRecord): Promise<boolean>;
  /** Every draft of a board that was ever written to, empty ones included. */
  listDrafts(boardId: string): Promise<DraftRecord[]>;
  /** Sets private writing on or off for a board. */
  setBoardPrivate(boardId: string, on: boolean): Promise<void>;
}
