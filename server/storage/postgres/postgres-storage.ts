/**
 * The PostgreSQL storage adapter, chosen when DATABASE_URL is set: the shared database of
 * several server instances. Each part of the Storage interface lives in its own file
 * (meeting-store.ts, document-store.ts, atomic-meeting.ts) and this class delegates to them,
 * so further store parts are added beside them.
 *
 * Durability: PostgreSQL's default `synchronous_commit = on` makes a commit durable before
 * it returns, the same promise as SQLite's synchronous=FULL.
 */
import type pg from 'pg';
import type {
  FirstUpdate,
  ParticipantChange,
  ParticipantChangeResult,
} from '../atomic-meeting-store';
import type {
  BoardRecord,
  MeetingRecord,
  ParticipantRecord,
  Storage,
  StoredDocument,
  StoredUpdate,
} from '../storage';
import type { AppendResult, NewUpdate } from '../update-log-store';
import { PgAtomicMeetings } from './atomic-meeting';
import { PgDocumentStore } from './document-store';
import { importMeeting, type MeetingExport } from './import-meeting';
import { PgMeetingStore } from './meeting-store';
import { migratePostgres } from './migrate';
import { createPool } from './pool';

export interface PostgresOptions {
  /** postgres://user@host:port/database */
  url: string;
  /** Connections in the pool. */
  poolSize?: number;
}

export class PostgresStorage implements Storage {
  readonly kind = 'postgres';
  private readonly meetings: PgMeetingStore;
  private readonly documents: PgDocumentStore;
  private readonly atomic: PgAtomicMeetings;

  private constructor(private readonly pool: pg.Pool) {
    this.meetings = new PgMeetingStore(pool);
    this.documents = new PgDocumentStore(pool);
    this.atomic = new PgAtomicMeetings(pool);
  }

  /** Connects and applies pending migrations; rejects if the database cannot be reached. */
  static async open(options: PostgresOptions): Promise<PostgresStorage> {
    const pool = createPool(options.url, options.poolSize);
    // An idle client that loses its server must not crash the process; the pool replaces it.
    pool.on('error', () => {});
    try {
      await migratePostgres(pool);
    } catch (err) {
      await pool.end();
      throw err;
    }
    return new PostgresStorage(pool);
  }

  /** Copies a whole meeting in (see import-meeting.ts); rejects if it already exists. */
  importMeeting(data: MeetingExport): Promise<void> {
    return importMeeting(this.pool, data);
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  createMeeting(m: MeetingRecord, p: ParticipantRecord[], b: BoardRecord[]): Promise<void> {
    return this.meetings.createMeeting(m, p, b);
  }
  getMeeting(id: string): Promise<MeetingRecord | null> {
    return this.meetings.getMeeting(id);
  }
  getMeetingByJoinCode(joinCode: string): Promise<MeetingRecord | null> {
    return this.meetings.getMeetingByJoinCode(joinCode);
  }
  updateJoinCode(meetingId: string, joinCode: string): Promise<void> {
    return this.meetings.updateJoinCode(meetingId, joinCode);
  }
  listParticipants(meetingId: string): Promise<ParticipantRecord[]> {
    return this.meetings.listParticipants(meetingId);
  }
  createParticipant(participant: ParticipantRecord): Promise<void> {
    return this.meetings.createParticipant(participant);
  }
  getParticipant(id: string): Promise<ParticipantRecord | null> {
    return this.meetings.getParticipant(id);
  }
  updateParticipant(
    id: string,
    patch: Partial<Pick<ParticipantRecord, 'name' | 'department' | 'role' | 'removedAt'>>,
  ): Promise<void> {
    return this.meetings.updateParticipant(id, patch);
  }
  listBoards(meetingId: string): Promise<BoardRecord[]> {
    return this.meetings.listBoards(meetingId);
  }
  getBoard(id: string): Promise<BoardRecord | null> {
    return this.meetings.getBoard(id);
  }
  createBoard(board: BoardRecord): Promise<void> {
    return this.meetings.createBoard(board);
  }
  updateBoard(
    id: string,
    patch: Partial<Pick<BoardRecord, 'title' | 'locked' | 'position'>>,
  ): Promise<void> {
    return this.meetings.updateBoard(id, patch);
  }

  appendUpdate(
    boardId: string,
    update: Uint8Array,
    participantId: string | null,
    createdAt: number,
  ): Promise<number> {
    return this.documents.appendUpdate(boardId, update, participantId, createdAt);
  }
  appendUpdates(boardId: string, rows: readonly NewUpdate[]): Promise<AppendResult> {
    return this.documents.appendUpdates(boardId, rows);
  }
  loadDocument(boardId: string): Promise<StoredDocument> {
    return this.documents.loadDocument(boardId);
  }
  saveSnapshot(boardId: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    return this.documents.saveSnapshot(boardId, state, uptoSeq);
  }
  listUpdates(boardId: string, afterSeq?: number, limit?: number): Promise<StoredUpdate[]> {
    return this.documents.listUpdates(boardId, afterSeq, limit);
  }

  createMeetingWithDocuments(
    meeting: MeetingRecord,
    participants: ParticipantRecord[],
    boards: BoardRecord[],
    firstUpdates: FirstUpdate[],
  ): Promise<void> {
    return this.atomic.createMeetingWithDocuments(meeting, participants, boards, firstUpdates);
  }
  addBoard(
    board: Omit<BoardRecord, 'position'>,
    firstUpdate: Uint8Array,
    maxBoards: number,
  ): Promise<BoardRecord | null> {
    return this.atomic.addBoard(board, firstUpdate, maxBoards);
  }
  changeParticipant(
    meetingId: string,
    participantId: string,
    change: ParticipantChange,
  ): Promise<ParticipantChangeResult> {
    return this.atomic.changeParticipant(meetingId, participantId, change);
  }
}
