/**
 * The default storage adapter: one SQLite file in the data directory (better-sqlite3).
 *
 * Durability: WAL journal with `synchronous = FULL`. Every committed write is fsynced to the
 * WAL before the call returns, so an update acknowledged as saved survives a killed process
 * and a power cut, not only a crash of this process. (`NORMAL` would survive a crash of the
 * process but may lose the last commits on power loss; the server is often a laptop that
 * someone unplugs.) better-sqlite3 is synchronous, so a write completes before any other
 * event is handled: "stored before relayed" holds by construction.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { BoardKind } from '@shared/domain';
import type {
  FirstUpdate,
  ParticipantChange,
  ParticipantChangeResult,
} from '../atomic-meeting-store';
import type { AppendResult, NewUpdate } from '../update-log-store';
import { snapshotDigest } from '../snapshot-digest';
import { SqliteAtomicMeetings } from './atomic-meeting';
import { sqliteMigrations } from './migrations/index';
import { SqliteFacilitationStore } from './sqlite-facilitation';
import type {
  AgendaStepRecord,
  DraftRecord,
  HandRecord,
  MeetingControlRecord,
} from '../facilitation-store';
import { SqliteVoteStore } from './sqlite-vote-store';
import { SqliteRecordStore } from './record-sqlite';
import type {
  AppendOptions,
  ImportBundle,
  NameEntry,
  RecordMarkRecord,
  RecordSettingsRecord,
} from '../record-store';
import { SqliteUpdateLog } from './update-log';
import type {
  BoardRecord,
  MeetingRecord,
  ParticipantRecord,
  Storage,
  StoredDocument,
  StoredUpdate,
} from '../storage';
import type { BallotRecord, DecisionRecord, VoteRoundRecord } from '../vote-store';

interface MeetingRow {
  id: string;
  title: string;
  date: string | null;
  district: string;
  plan_year: number | null;
  departments: string;
  join_code: string;
  created_at: number;
}
interface ParticipantRow {
  id: string;
  meeting_id: string;
  role: ParticipantRecord['role'];
  name: string;
  department: string | null;
  created_at: number;
  removed_at: number | null;
}
interface BoardRow {
  id: string;
  meeting_id: string;
  kind: BoardKind;
  title: string;
  department: string | null;
  locked: number;
  private: number;
  position: number;
  created_at: number;
}
interface UpdateRow {
  seq: number;
  data: Buffer;
  participant_id: string | null;
  created_at: number;
  server_write: number;
}

const toMeeting = (r: MeetingRow): MeetingRecord => ({
  id: r.id,
  title: r.title,
  date: r.date,
  district: r.district,
  planYear: r.plan_year,
  departments: JSON.parse(r.departments) as string[],
  joinCode: r.join_code,
  createdAt: r.created_at,
});
const toParticipant = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  role: r.role,
  name: r.name,
  department: r.department,
  createdAt: r.created_at,
  removedAt: r.removed_at,
});
const toBoard = (r: BoardRow): BoardRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  kind: r.kind,
  title: r.title,
  department: r.department,
  locked: r.locked === 1,
  private: r.private === 1,
  position: r.position,
  createdAt: r.created_at,
});
const toUpdate = (r: UpdateRow): StoredUpdate => ({
  seq: r.seq,
  update: new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength),
  participantId: r.participant_id,
  createdAt: r.created_at,
  serverWrite: r.server_write === 1,
});

export interface SqliteOptions {
  /** Path of the database file, or ':memory:'. */
  file: string;
  /** SQLite `synchronous` setting; FULL unless configured otherwise. */
  synchronous?: 'FULL' | 'NORMAL' | 'EXTRA';
}

export class SqliteStorage implements Storage {
  readonly kind = 'sqlite';
  private readonly db: Database.Database;
  /** The database file and its identity when opened; null for ':memory:'. */
  private readonly file: { path: string; dev: number; ino: number } | null;
  private readonly facilitation: SqliteFacilitationStore;
  private readonly record: SqliteRecordStore;
  private readonly updateLog: SqliteUpdateLog;
  private readonly atomic: SqliteAtomicMeetings;

  constructor(options: SqliteOptions) {
    if (options.file !== ':memory:') fs.mkdirSync(path.dirname(options.file), { recursive: true });
    this.db = new Database(options.file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('busy_timeout = 5000');
    this.migrate();
    if (options.file === ':memory:') this.file = null;
    else {
      const stat = fs.statSync(options.file);
      this.file = { path: options.file, dev: stat.dev, ino: stat.ino };
    }
    this.facilitation = new SqliteFacilitationStore(this.db);
    this.votes = new SqliteVoteStore(this.db);
    this.record = new SqliteRecordStore(this.db, {
      insertMeeting: (m) => this.insertMeeting(m),
      insertParticipant: (p, withName) => this.insertParticipant(p, withName),
      insertBoard: (b) => this.insertBoard(b),
    });
    this.updateLog = new SqliteUpdateLog(this.db);
    this.atomic = new SqliteAtomicMeetings(
      this.db,
      {
        insertMeeting: (m) => this.insertMeeting(m),
        insertParticipant: (p) => this.insertParticipant(p),
        insertBoard: (b) => this.insertBoard(b),
        getParticipant: (id) => {
          const row = this.db
            .prepare<[string], ParticipantRow>('SELECT * FROM participants WHERE id = ?')
            .get(id);
          return row ? toParticipant(row) : null;
        },
      },
      this.updateLog,
    );
  }

  /** Rounds, ballots and decisions (sqlite-vote-store.ts). */
  private readonly votes: SqliteVoteStore;

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

  /** Applies the migrations this database has not seen, each in its own transaction. */
  private migrate(): void {
    this.db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)',
    );
    const applied = new Set(
      this.db
        .prepare<[], { version: number }>('SELECT version FROM schema_migrations')
        .all()
        .map((r) => r.version),
    );
    for (const m of [...sqliteMigrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(m.version)) continue;
      this.db.transaction(() => {
        this.db.exec(m.sql);
        this.db
          .prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)')
          .run(m.version, m.name, Date.now());
      })();
    }
  }

  /**
   * Rejects when storage is gone: the connection is closed, the database cannot be read, or
   * its file was deleted or replaced under the running server (SQLite would go on writing to
   * the unlinked file, and everything written from then on would be lost at the next start).
   */
  async ping(): Promise<void> {
    this.db.prepare('SELECT version FROM schema_migrations LIMIT 1').get();
    if (this.file) {
      const stat = fs.statSync(this.file.path);
      if (stat.dev !== this.file.dev || stat.ino !== this.file.ino)
        throw new Error(`${this.file.path} was replaced since it was opened`);
    }
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }

  async createMeeting(
    meeting: MeetingRecord,
    participants: ParticipantRecord[],
    boards: BoardRecord[],
  ): Promise<void> {
    this.db.transaction(() => {
      this.insertMeeting(meeting);
      for (const p of participants) this.insertParticipant(p);
      for (const b of boards) this.insertBoard(b);
    })();
  }

  private insertMeeting(meeting: MeetingRecord): void {
    this.db
      .prepare(
        'INSERT INTO meetings (id, title, date, district, plan_year, departments, join_code, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        meeting.id,
        meeting.title,
        meeting.date,
        meeting.district,
        meeting.planYear,
        JSON.stringify(meeting.departments),
        meeting.joinCode,
        meeting.createdAt,
      );
  }

  async createMeetingWithDocuments(
    meeting: MeetingRecord,
    participants: ParticipantRecord[],
    boards: BoardRecord[],
    firstUpdates: FirstUpdate[],
  ): Promise<void> {
    this.atomic.createMeetingWithDocuments(meeting, participants, boards, firstUpdates);
  }

  async addBoard(
    board: Omit<BoardRecord, 'position'>,
    firstUpdate: Uint8Array,
    maxBoards: number,
  ): Promise<BoardRecord | null> {
    return this.atomic.addBoard(board, firstUpdate, maxBoards);
  }

  async changeParticipant(
    meetingId: string,
    participantId: string,
    change: ParticipantChange,
  ): Promise<ParticipantChangeResult> {
    return this.atomic.changeParticipant(meetingId, participantId, change);
  }

  async getMeeting(id: string): Promise<MeetingRecord | null> {
    const row = this.db
      .prepare<[string], MeetingRow>('SELECT * FROM meetings WHERE id = ?')
      .get(id);
    return row ? toMeeting(row) : null;
  }

  async getMeetingByJoinCode(joinCode: string): Promise<MeetingRecord | null> {
    const row = this.db
      .prepare<[string], MeetingRow>('SELECT * FROM meetings WHERE join_code = ?')
      .get(joinCode);
    return row ? toMeeting(row) : null;
  }

  async updateJoinCode(meetingId: string, joinCode: string): Promise<void> {
    this.db.prepare('UPDATE meetings SET join_code = ? WHERE id = ?').run(joinCode, meetingId);
  }

  async listParticipants(meetingId: string): Promise<ParticipantRecord[]> {
    return this.db
      .prepare<[string], ParticipantRow>(
        'SELECT * FROM participants WHERE meeting_id = ? ORDER BY created_at, id',
      )
      .all(meetingId)
      .map(toParticipant);
  }

  /** Inserts a participant and, unless an import brings its own, their first name entry. */
  private insertParticipant(p: ParticipantRecord, withName = true): void {
    this.db
      .prepare(
        'INSERT INTO participants (id, meeting_id, role, name, department, created_at, removed_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(p.id, p.meetingId, p.role, p.name, p.department, p.createdAt, p.removedAt);
    if (withName) {
      this.record.appendName(p.meetingId, {
        participantId: p.id,
        name: p.name,
        department: p.department,
        since: p.createdAt,
      });
    }
  }

  async createParticipant(p: ParticipantRecord): Promise<void> {
    this.db.transaction(() => this.insertParticipant(p))();
  }

  async getParticipant(id: string): Promise<ParticipantRecord | null> {
    const row = this.db
      .prepare<[string], ParticipantRow>('SELECT * FROM participants WHERE id = ?')
      .get(id);
    return row ? toParticipant(row) : null;
  }

  async updateParticipant(
    id: string,
    patch: Partial<Pick<ParticipantRecord, 'name' | 'department' | 'role' | 'removedAt'>>,
  ): Promise<void> {
    const columns: Record<string, string> = {
      name: 'name',
      department: 'department',
      role: 'role',
      removedAt: 'removed_at',
    };
    this.db.transaction(() => {
      this.updateRow('participants', columns, id, patch);
      if (patch.name === undefined && patch.department === undefined) return;
      const row = this.db
        .prepare<[string], ParticipantRow>('SELECT * FROM participants WHERE id = ?')
        .get(id);
      if (!row) return;
      // The record shows the name in force when each edit was made.
      this.record.appendName(row.meeting_id, {
        participantId: id,
        name: row.name,
        department: row.department,
        since: Date.now(),
      });
    })();
  }

  private insertBoard(b: BoardRecord): void {
    this.db
      .prepare(
        'INSERT INTO boards (id, meeting_id, kind, title, department, locked, private, position, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        b.id,
        b.meetingId,
        b.kind,
        b.title,
        b.department,
        b.locked ? 1 : 0,
        b.private ? 1 : 0,
        b.position,
        b.createdAt,
      );
  }

  async listBoards(meetingId: string): Promise<BoardRecord[]> {
    return this.db
      .prepare<[string], BoardRow>(
        'SELECT * FROM boards WHERE meeting_id = ? ORDER BY position, created_at',
      )
      .all(meetingId)
      .map(toBoard);
  }

  async getBoard(id: string): Promise<BoardRecord | null> {
    const row = this.db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?').get(id);
    return row ? toBoard(row) : null;
  }

  async createBoard(board: BoardRecord): Promise<void> {
    this.insertBoard(board);
  }

  async updateBoard(
    id: string,
    patch: Partial<Pick<BoardRecord, 'title' | 'locked' | 'position'>>,
  ): Promise<void> {
    const values = {
      ...patch,
      locked: patch.locked === undefined ? undefined : patch.locked ? 1 : 0,
    };
    this.updateRow(
      'boards',
      { title: 'title', locked: 'locked', position: 'position' },
      id,
      values,
    );
  }

  /** UPDATE of the given fields only; column names come from the caller's fixed map, never from input. */
  private updateRow(
    table: 'boards' | 'participants',
    columns: Record<string, string>,
    id: string,
    patch: Record<string, unknown>,
  ): void {
    const sets: string[] = [];
    const values: unknown[] = [];
    for (const [key, column] of Object.entries(columns)) {
      if (patch[key] === undefined) continue;
      sets.push(`${column} = ?`);
      values.push(patch[key]);
    }
    if (sets.length === 0) return;
    this.db.prepare(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = ?`).run(...values, id);
  }

  async appendUpdate(
    boardId: string,
    update: Uint8Array,
    participantId: string | null,
    createdAt: number,
    options: AppendOptions = {},
  ): Promise<number> {
    const { seqs } = this.updateLog.append(boardId, [
      { update, participantId, createdAt, serverWrite: options.serverWrite },
    ]);
    return seqs[0] ?? 0;
  }

  appendUpdates(boardId: string, rows: readonly NewUpdate[]): Promise<AppendResult> {
    if (rows.length === 0) return Promise.resolve(this.updateLog.append(boardId, rows));
    return this.updateLog.appendSoon(boardId, rows);
  }

  async loadDocument(boardId: string): Promise<StoredDocument> {
    return this.db.transaction(() => {
      const snap = this.db
        .prepare<[string], { upto_seq: number; data: Buffer; digest: Buffer | null }>(
          'SELECT upto_seq, data, digest FROM doc_snapshots WHERE board_id = ?',
        )
        .get(boardId);
      const snapshotSeq = snap?.upto_seq ?? 0;
      const updates = this.db
        .prepare<[string, number], UpdateRow>(
          'SELECT seq, data, participant_id, created_at, server_write FROM doc_updates WHERE board_id = ? AND seq > ? ORDER BY seq',
        )
        .all(boardId, snapshotSeq)
        .map(toUpdate);
      return {
        snapshot: snap
          ? new Uint8Array(snap.data.buffer, snap.data.byteOffset, snap.data.byteLength)
          : null,
        snapshotDigest: snap?.digest ?? null,
        snapshotSeq,
        updates,
      };
    })();
  }

  async saveSnapshot(boardId: string, state: Uint8Array, uptoSeq: number): Promise<void> {
    this.db
      .prepare(
        `INSERT INTO doc_snapshots (board_id, upto_seq, created_at, data, digest) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT(board_id) DO UPDATE SET upto_seq = excluded.upto_seq, created_at = excluded.created_at, data = excluded.data, digest = excluded.digest
         WHERE excluded.upto_seq > doc_snapshots.upto_seq`,
      )
      .run(
        boardId,
        uptoSeq,
        Date.now(),
        Buffer.from(state.buffer, state.byteOffset, state.byteLength),
        snapshotDigest(state),
      );
  }

  async listUpdates(boardId: string, afterSeq = 0, limit = 10_000): Promise<StoredUpdate[]> {
    return this.db
      .prepare<[string, number, number], UpdateRow>(
        'SELECT seq, data, participant_id, created_at, server_write FROM doc_updates WHERE board_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      )
      .all(boardId, afterSeq, limit)
      .map(toUpdate);
  }

  // FacilitationStore (sqlite-facilitation.ts)
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

  // Session record (server/storage/record-store.ts), delegated.
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
  importMeeting(bundle: ImportBundle): Promise<void> {
    return this.record.importMeeting(bundle);
  }
}
