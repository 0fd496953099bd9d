/**
 * Storage interfaces. Services and realtime handlers depend on these, never on a database
 * driver: the SQLite adapter is the default, a PostgreSQL adapter implements the same
 * interfaces for scale-out, and both pass the same contract tests (storage.contract.ts).
 *
 * Every method is async even where SQLite answers synchronously, so callers are already
 * written for a networked database.
 */
import type { BoardKind, Role } from '@shared/domain';
import type { FacilitationStore } from './facilitation-store';
import type { VoteStore } from './vote-store';
import type { AppendOptions, RecordStore } from './record-store';
import type { AtomicMeetingStore } from './atomic-meeting-store';
import type { UpdateLogStore } from './update-log-store';

export interface MeetingRecord {
  id: string;
  title: string;
  /** ISO date of the conference, or null. */
  date: string | null;
  district: string;
  planYear: number | null;
  departments: string[];
  joinCode: string;
  createdAt: number;
}

export interface ParticipantRecord {
  id: string;
  meetingId: string;
  role: Exclude<Role, 'observer'>;
  name: string;
  department: string | null;
  createdAt: number;
  /** Set when the facilitator removes the person; their tokens stop working. */
  removedAt: number | null;
}

export interface BoardRecord {
  id: string;
  meetingId: string;
  kind: BoardKind;
  title: string;
  department: string | null;
  locked: boolean;
  /** Private writing: participants' new cards go to their own drafts (facilitation-store.ts). */
  private: boolean;
  position: number;
  createdAt: number;
}

/** One update of a board's Yjs document, as received and attributed. */
export interface StoredUpdate {
  /** Increasing across the whole store; orders a board's history. */
  seq: number;
  update: Uint8Array;
  /** Who sent it; null for updates the server wrote itself (the document header). */
  participantId: string | null;
  createdAt: number;
  /** Written by the server itself (see AppendOptions); the record trusts its author fields. */
  serverWrite?: boolean;
}

/** What loading a board needs: the latest snapshot and the updates stored after it. */
export interface StoredDocument {
  snapshot: Uint8Array | null;
  /**
   * The SHA-256 the adapter stored with the snapshot (storage/snapshot-digest.ts); null
   * without a snapshot and for one stored before digests were kept. Compared only by a reader
   * that is about to send the bytes unread, so a load that builds the board never hashes.
   */
  snapshotDigest: Uint8Array | null;
  /** The last seq folded into the snapshot (0 without one). */
  snapshotSeq: number;
  updates: StoredUpdate[];
}

export interface MeetingStore {
  /** Creates a meeting with its first participants and boards, all or nothing. */
  createMeeting(
    meeting: MeetingRecord,
    participants: ParticipantRecord[],
    boards: BoardRecord[],
  ): Promise<void>;
  getMeeting(id: string): Promise<MeetingRecord | null>;
  getMeetingByJoinCode(joinCode: string): Promise<MeetingRecord | null>;
  /** Replaces the join code; the old one stops admitting people at once. */
  updateJoinCode(meetingId: string, joinCode: string): Promise<void>;
  /** Every participant of a meeting, removed ones included, oldest first. */
  listParticipants(meetingId: string): Promise<ParticipantRecord[]>;
  createParticipant(participant: ParticipantRecord): Promise<void>;
  getParticipant(id: string): Promise<ParticipantRecord | null>;
  updateParticipant(
    id: string,
    patch: Partial<Pick<ParticipantRecord, 'name' | 'department' | 'role' | 'removedAt'>>,
  ): Promise<void>;
  listBoards(meetingId: string): Promise<BoardRecord[]>;
  getBoard(id: string): Promise<BoardRecord | null>;
  createBoard(board: BoardRecord): Promise<void>;
  updateBoard(
    id: string,
    patch: Partial<Pick<BoardRecord, 'title' | 'locked' | 'position'>>,
  ): Promise<void>;
}

export interface DocumentStore {
  /** Appends one update durably and returns its seq. Resolves only after the write is durable. */
  appendUpdate(
    boardId: string,
    update: Uint8Array,
    participantId: string | null,
    createdAt: number,
    options?: AppendOptions,
  ): Promise<number>;
  /** The latest snapshot and every update after it. */
  loadDocument(boardId: string): Promise<StoredDocument>;
  /**
   * Stores a snapshot of the board's state including every update up to `uptoSeq` (it may
   * include later ones too: loading applies the rows after `uptoSeq` again, harmlessly). A
   * snapshot never replaces one with a higher `uptoSeq`. Callers pass the seq up to which they
   * have applied every row of the board, not merely their own last write, so a snapshot taken
   * by one instance cannot skip rows another instance wrote. `state` must be the encoding of
   * a built document (`Y.encodeStateAsUpdate`): a load that finds these exact bytes again
   * (their `snapshotDigest` matches) sends them to clients without reading them.
   */
  saveSnapshot(boardId: string, state: Uint8Array, uptoSeq: number): Promise<void>;
  /** The board's full history (for the session record), in order, from `afterSeq`. */
  listUpdates(boardId: string, afterSeq?: number, limit?: number): Promise<StoredUpdate[]>;
}

export interface Storage
  extends
    MeetingStore,
    DocumentStore,
    UpdateLogStore,
    AtomicMeetingStore,
    FacilitationStore,
    VoteStore,
    RecordStore {
  /** Name of the adapter, for logs and /healthz. */
  readonly kind: string;
  /** Rejects when the database cannot be reached. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
