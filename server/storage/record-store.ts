/**
 * Storage of the session record (issue 11): the name history, record marks, the minutes'
 * settings, imported participants' original ids, and the all-or-nothing import of a meeting.
 *
 * Contract (server/storage/record-store.contract.ts): every adapter appends a name-history
 * entry whenever a participant is created (createMeeting, createParticipant) or renamed
 * (updateParticipant with a name or department), in the same write.
 */
import type { MARK_REASONS } from '@shared/schemas/record';
import type {
  AgendaStepRecord,
  DraftRecord,
  HandRecord,
  MeetingControlRecord,
} from './facilitation-store';
import type { BoardRecord, MeetingRecord, ParticipantRecord } from './storage';
import type { BallotRecord, DecisionRecord, VoteRoundRecord } from './vote-store';

/** Options of `DocumentStore.appendUpdate`. */
export interface AppendOptions {
  /**
   * The server wrote this update itself (BoardWriter, header, limit corrections): the
   * record trusts author fields only inside such updates.
   */
  serverWrite?: boolean;
}

/** One entry of a participant's name history: from `since` on, they were called `name`. */
export interface NameEntry {
  participantId: string;
  name: string;
  department: string | null;
  since: number;
}

/** Why a mark was taken. Agenda steps, reveals and votes come from their features. */
export type MarkReason = (typeof MARK_REASONS)[number];

/** A labelled moment of the record; the state of a board at a mark is its view at `at`. */
export interface RecordMarkRecord {
  id: string;
  meetingId: string;
  /** The board it concerns; null for the whole meeting (an agenda step). */
  boardId: string | null;
  at: number;
  reason: MarkReason;
  label: string;
  /** Who caused it; null for the server. */
  participantId: string | null;
}

/** What the minutes need beyond the meeting record. */
export interface RecordSettingsRecord {
  meetingId: string;
  /** The participant designated secretary (Thư ký): may write the conclusions. */
  secretaryId: string | null;
  supervisingBody: string;
  issuingBody: string;
  place: string;
  documentNumber: string;
  updatedAt: number;
}

/** One stored update of an imported document, in history order. */
export interface ImportedUpdate {
  docId: string;
  update: Uint8Array;
  participantId: string | null;
  createdAt: number;
  serverWrite: boolean;
}

/**
 * Everything `importMeeting` writes. An archive import re-keys it with new ids first; a move
 * between databases (move-meeting.ts) keeps the meeting's own ids and adds `live`. Features
 * that add archive parts (agenda, votes, indicators) add their own optional section here and
 * its writer to each adapter's `importMeeting`, inside the same transaction.
 */
export interface ImportBundle {
  meeting: MeetingRecord;
  participants: ParticipantRecord[];
  nameHistory: NameEntry[];
  /** New participant id → the id it had in the archive. */
  origins: { participantId: string; originalId: string }[];
  boards: BoardRecord[];
  updates: ImportedUpdate[];
  marks: RecordMarkRecord[];
  settings: RecordSettingsRecord | null;
  /** The running meeting's state: a move (move-meeting.ts) carries it, an archive import not. */
  live?: LiveMeetingState;
}

/**
 * What a meeting holds besides its record and documents: the agenda and control state,
 * hands, draft counts (the drafts' documents travel in `updates`), and the votes.
 */
export interface LiveMeetingState {
  agenda: AgendaStepRecord[];
  control: MeetingControlRecord | null;
  hands: HandRecord[];
  drafts: DraftRecord[];
  voteRounds: VoteRoundRecord[];
  ballots: BallotRecord[];
  decisions: DecisionRecord[];
}

export interface RecordStore {
  /** Every name-history entry of a meeting's participants, oldest first. */
  listNameHistory(meetingId: string): Promise<NameEntry[]>;
  /** New participant id → archive id, for participants that came from an import. */
  listParticipantOrigins(meetingId: string): Promise<Map<string, string>>;
  addMark(mark: RecordMarkRecord): Promise<void>;
  /** A meeting's marks, in time order. */
  listMarks(meetingId: string): Promise<RecordMarkRecord[]>;
  getRecordSettings(meetingId: string): Promise<RecordSettingsRecord | null>;
  saveRecordSettings(settings: RecordSettingsRecord): Promise<void>;
  /** Writes a whole imported meeting in one transaction: all of it or, on any error, nothing. */
  importMeeting(bundle: ImportBundle): Promise<void>;
}
