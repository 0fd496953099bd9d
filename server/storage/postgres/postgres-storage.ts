/**
 * The PostgreSQL storage adapter, chosen when DATABASE_URL is set: the shared database of
 * several server instances. Each part of the Storage interface lives in its own file
 * (meeting-store.ts, document-store.ts, atomic-meeting.ts, facilitation-store.ts,
 * vote-store.ts, record-store.ts) and this class delegates to them, as SqliteStorage does.
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
import type {
  AgendaStepRecord,
  DraftRecord,
  HandRecord,
  MeetingControlRecord,
} from '../facilitation-store';
import type {
  AppendOptions,
  ImportBundle,
  NameEntry,
  RecordMarkRecord,
  RecordSettingsRecord,
} from '../record-store';
import type { BallotRecord, DecisionRecord, VoteRoundRecord } from '../vote-store';
import { PgAtomicMeetings } from './atomic-meeting';
import { PgDocumentStore } from './document-store';
import { PgFacilitationStore } from './facilitation-store';
import { PgMeetingStore } from './meeting-store';
import { PgRecordStore } from './record-store';
import { PgVoteStore } from './vote-store';
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
  private readonly facilitation: PgFacilitationStore;
  private readonly votes: PgVoteStore;
  private readonly record: PgRecordStore;

  private constructor(private readonly pool: pg.Pool) {
    this.meetings = new PgMeetingStore(pool);
    this.documents = new PgDocumentStore(pool);
    this.atomic = new PgAtomicMeetings(pool);
    this.facilitation = new PgFacilitationStore(pool);
    this.votes = new PgVoteStore(pool);
    this.record = new PgRecordStore(pool);
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

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  private closing: Promise<void> | null = null;

  /** Ends the pool; closing again waits for the same end (shutdown paths may race). */
  close(): Promise<void> {
    this.closing ??= this.pool.end();
    return this.closing;
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
    options?: AppendOptions,
  ): Promise<number> {
    return this.documents.appendUpdate(boardId, update, participantId, createdAt, options);
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

  listAgendaSteps(meetingId: string): Promise<AgendaStepRecord[]> {
    return this.facilitation.listAgendaSteps(meetingId);
  }
  replaceAgenda(meetingId: string, steps: AgendaStepRecord[]): Promise<void> {
    return this.facilitation.replaceAgenda(meetingId, steps);
  }
  gotoAgendaStep(meetingId: string, stepId: string, now: number): Promise<boolean> {
    return this.facilitation.gotoAgendaStep(meetingId, stepId, now);
  }
  getMeetingControl(meetingId: string): Promise<MeetingControlRecord> {
    return this.facilitation.getMeetingControl(meetingId);
  }
  updateMeetingControl(meetingId: string, patch: Partial<MeetingControlRecord>): Promise<void> {
    return this.facilitation.updateMeetingControl(meetingId, patch);
  }
  raiseHand(hand: HandRecord): Promise<boolean> {
    return this.facilitation.raiseHand(hand);
  }
  lowerHand(meetingId: string, participantId: string): Promise<boolean> {
    return this.facilitation.lowerHand(meetingId, participantId);
  }
  listHands(meetingId: string): Promise<HandRecord[]> {
    return this.facilitation.listHands(meetingId);
  }
  setDraftCount(draft: DraftRecord): Promise<boolean> {
    return this.facilitation.setDraftCount(draft);
  }
  listDrafts(boardId: string): Promise<DraftRecord[]> {
    return this.facilitation.listDrafts(boardId);
  }
  setBoardPrivate(boardId: string, on: boolean): Promise<void> {
    return this.facilitation.setBoardPrivate(boardId, on);
  }

  createVoteRound(round: VoteRoundRecord): Promise<VoteRoundRecord | null> {
    return this.votes.createVoteRound(round);
  }
  getVoteRound(id: string): Promise<VoteRoundRecord | null> {
    return this.votes.getVoteRound(id);
  }
  listVoteRounds(meetingId: string): Promise<VoteRoundRecord[]> {
    return this.votes.listVoteRounds(meetingId);
  }
  castBallot(
    ballot: BallotRecord,
    department: string | null,
    check: (round: VoteRoundRecord | null, others: BallotRecord[]) => void,
  ): Promise<void> {
    return this.votes.castBallot(ballot, department, check);
  }
  getBallot(roundId: string, participantId: string): Promise<BallotRecord | null> {
    return this.votes.getBallot(roundId, participantId);
  }
  listVoters(roundId: string): Promise<{ participantId: string; name: string }[]> {
    return this.votes.listVoters(roundId);
  }
  listBallots(roundId: string): Promise<BallotRecord[]> {
    return this.votes.listBallots(roundId);
  }
  closeVoteRound(
    id: string,
    closedBy: string | null,
    closedAt: number,
    results: (round: VoteRoundRecord, ballots: BallotRecord[]) => unknown,
  ): Promise<VoteRoundRecord | null> {
    return this.votes.closeVoteRound(id, closedBy, closedAt, results);
  }
  createDecision(decision: DecisionRecord): Promise<void> {
    return this.votes.createDecision(decision);
  }
  listDecisions(meetingId: string): Promise<DecisionRecord[]> {
    return this.votes.listDecisions(meetingId);
  }

  listNameHistory(meetingId: string): Promise<NameEntry[]> {
    return this.record.listNameHistory(meetingId);
  }
  listParticipantOrigins(meetingId: string): Promise<Map<string, string>> {
    return this.record.listParticipantOrigins(meetingId);
  }
  addMark(mark: RecordMarkRecord): Promise<void> {
    return this.record.addMark(mark);
  }
  listMarks(meetingId: string): Promise<RecordMarkRecord[]> {
    return this.record.listMarks(meetingId);
  }
  getRecordSettings(meetingId: string): Promise<RecordSettingsRecord | null> {
    return this.record.getRecordSettings(meetingId);
  }
  saveRecordSettings(settings: RecordSettingsRecord): Promise<void> {
    return this.record.saveRecordSettings(settings);
  }
  /** Writes a whole meeting in one transaction (an archive import, or a move with `live`). */
  importMeeting(bundle: ImportBundle): Promise<void> {
    return this.record.importMeeting(bundle);
  }
}
