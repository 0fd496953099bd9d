/**
 * The SQLite side of `RecordStore` (server/storage/record-store.ts). `SqliteStorage`
 * delegates to it and calls `appendName` from its own participant writes, inside their
 * transactions.
 */
import type Database from 'better-sqlite3';
import type {
  ImportBundle,
  MarkReason,
  NameEntry,
  RecordMarkRecord,
  RecordSettingsRecord,
  RecordStore,
} from '../record-store';
import { writeLiveState } from './live-state';

interface NameRow {
  participant_id: string;
  name: string;
  department: string | null;
  since: number;
}
interface MarkRow {
  id: string;
  meeting_id: string;
  board_id: string | null;
  at: number;
  reason: MarkReason;
  label: string;
  participant_id: string | null;
}
interface SettingsRow {
  meeting_id: string;
  secretary_id: string | null;
  supervising_body: string;
  issuing_body: string;
  place: string;
  document_number: string;
  updated_at: number;
}

const toBlob = (u: Uint8Array): Buffer => Buffer.from(u.buffer, u.byteOffset, u.byteLength);

/** The writers of the core tables that an import needs, supplied by SqliteStorage. */
export interface CoreWriters {
  insertMeeting(bundle: ImportBundle['meeting']): void;
  insertParticipant(p: ImportBundle['participants'][number], withName: boolean): void;
  insertBoard(b: ImportBundle['boards'][number]): void;
}

export class SqliteRecordStore implements RecordStore {
  constructor(
    private readonly db: Database.Database,
    private readonly core: CoreWriters,
  ) {}

  /** Appends a name-history entry; called inside the participant write's transaction. */
  appendName(meetingId: string, entry: NameEntry): void {
    this.db
      .prepare(
        'INSERT INTO participant_names (participant_id, meeting_id, name, department, since) VALUES (?, ?, ?, ?, ?)',
      )
      .run(entry.participantId, meetingId, entry.name, entry.department, entry.since);
  }

  async listNameHistory(meetingId: string): Promise<NameEntry[]> {
    return this.db
      .prepare<[string], NameRow>(
        'SELECT participant_id, name, department, since FROM participant_names WHERE meeting_id = ? ORDER BY since, n',
      )
      .all(meetingId)
      .map((r) => ({
        participantId: r.participant_id,
        name: r.name,
        department: r.department,
        since: r.since,
      }));
  }

  async listParticipantOrigins(meetingId: string): Promise<Map<string, string>> {
    const rows = this.db
      .prepare<[string], { participant_id: string; original_id: string }>(
        'SELECT participant_id, original_id FROM participant_origins WHERE meeting_id = ?',
      )
      .all(meetingId);
    return new Map(rows.map((r) => [r.participant_id, r.original_id]));
  }

  private insertMark(m: RecordMarkRecord): void {
    this.db
      .prepare(
        'INSERT INTO record_marks (id, meeting_id, board_id, at, reason, label, participant_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(m.id, m.meetingId, m.boardId, m.at, m.reason, m.label, m.participantId);
  }

  async addMark(mark: RecordMarkRecord): Promise<void> {
    this.insertMark(mark);
  }

  async listMarks(meetingId: string): Promise<RecordMarkRecord[]> {
    return this.db
      .prepare<[string], MarkRow>('SELECT * FROM record_marks WHERE meeting_id = ? ORDER BY at, id')
      .all(meetingId)
      .map((r) => ({
        id: r.id,
        meetingId: r.meeting_id,
        boardId: r.board_id,
        at: r.at,
        reason: r.reason,
        label: r.label,
        participantId: r.participant_id,
      }));
  }

  async getRecordSettings(meetingId: string): Promise<RecordSettingsRecord | null> {
    const r = this.db
      .prepare<[string], SettingsRow>('SELECT * FROM record_settings WHERE meeting_id = ?')
      .get(meetingId);
    return r
      ? {
          meetingId: r.meeting_id,
          secretaryId: r.secretary_id,
          supervisingBody: r.supervising_body,
          issuingBody: r.issuing_body,
          place: r.place,
          documentNumber: r.document_number,
          updatedAt: r.updated_at,
        }
      : null;
  }

  private writeSettings(s: RecordSettingsRecord): void {
    this.db
      .prepare(
        `INSERT INTO record_settings (meeting_id, secretary_id, supervising_body, issuing_body, place, document_number, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(meeting_id) DO UPDATE SET secretary_id = excluded.secretary_id,
           supervising_body = excluded.supervising_body, issuing_body = excluded.issuing_body,
           place = excluded.place, document_number = excluded.document_number, updated_at = excluded.updated_at`,
      )
      .run(
        s.meetingId,
        s.secretaryId,
        s.supervisingBody,
        s.issuingBody,
        s.place,
        s.documentNumber,
        s.updatedAt,
      );
  }

  async saveRecordSettings(settings: RecordSettingsRecord): Promise<void> {
    this.writeSettings(settings);
  }

  async importMeeting(bundle: ImportBundle): Promise<void> {
    const meetingId = bundle.meeting.id;
    const insertUpdate = this.db.prepare(
      'INSERT INTO doc_updates (board_id, participant_id, created_at, data, server_write) VALUES (?, ?, ?, ?, ?)',
    );
    const insertOrigin = this.db.prepare(
      'INSERT INTO participant_origins (participant_id, meeting_id, original_id) VALUES (?, ?, ?)',
    );
    this.db.transaction(() => {
      this.core.insertMeeting(bundle.meeting);
      // The archive's own name history replaces the single entry a plain insert would write.
      for (const p of bundle.participants) this.core.insertParticipant(p, false);
      for (const entry of bundle.nameHistory) this.appendName(meetingId, entry);
      for (const o of bundle.origins) insertOrigin.run(o.participantId, meetingId, o.originalId);
      for (const b of bundle.boards) this.core.insertBoard(b);
      for (const u of bundle.updates) {
        insertUpdate.run(
          u.docId,
          u.participantId,
          u.createdAt,
          toBlob(u.update),
          u.serverWrite ? 1 : 0,
        );
      }
      for (const m of bundle.marks) this.insertMark(m);
      if (bundle.settings) this.writeSettings(bundle.settings);
      if (bundle.live) writeLiveState(this.db, meetingId, bundle.live);
    })();
  }
}
