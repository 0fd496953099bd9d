/**
 * Meeting changes whose checks and writes must happen together. With one SQLite process a
 * sequence of awaits happened to be safe; with several instances on one PostgreSQL they race,
 * so each of these is one transaction in every adapter.
 */
import type { BoardRecord, MeetingRecord, ParticipantRecord } from './storage';

/** The first update of a board's document (its server-written header). */
export interface FirstUpdate {
  boardId: string;
  update: Uint8Array;
  createdAt: number;
}

/** A role change or a removal; the last facilitator of a meeting can undergo neither. */
export type ParticipantChange = { role: ParticipantRecord['role'] } | { removedAt: number };

export type ParticipantChangeResult =
  { ok: true; before: ParticipantRecord } | { ok: false; reason: 'not_found' | 'last_facilitator' };

export interface AtomicMeetingStore {
  /** Creates a meeting, its participants, its boards and their first updates, all or nothing. */
  createMeetingWithDocuments(
    meeting: MeetingRecord,
    participants: ParticipantRecord[],
    boards: BoardRecord[],
    firstUpdates: FirstUpdate[],
  ): Promise<void>;
  /**
   * Adds a board at the end of its meeting's list with its first update, unless the meeting
   * already has `maxBoards` boards (then null). The count, the position and both inserts are
   * one transaction, so two facilitators adding boards at once cannot pass the limit or share
   * a position.
   */
  addBoard(
    board: Omit<BoardRecord, 'position'>,
    firstUpdate: Uint8Array,
    maxBoards: number,
  ): Promise<BoardRecord | null>;
  /**
   * Changes a current participant's role or removes them, refusing when that would leave the
   * meeting without a facilitator. Check and write are one transaction: two facilitators
   * demoting each other at once cannot both succeed.
   */
  changeParticipant(
    meetingId: string,
    participantId: string,
    change: ParticipantChange,
  ): Promise<ParticipantChangeResult>;
}
