/**
 * `RecordStore` on PostgreSQL; `PostgresStorage` delegates to it. The name history itself is
 * written by the participant writes (rows.ts `insertParticipant`, meeting-store.ts), inside
 * their transactions.
 */
import type pg from 'pg';
import type {
  ImportBundle,
  ImportedUpdate,
  MarkReason,
  NameEntry,
  RecordMarkRecord,
  RecordSettingsRecord,
  RecordStore,
} from '../record-store';
import { appendRows } from './document-store';
import { facilitationWriters } from './facilitation-store';
import { transaction, type Queryable } from './pool';
import { insertBoard, insertMeeting, insertName, insertParticipant } from './rows';
import { voteWriters } from './vote-store';

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

/** Rows per INSERT: a long history goes in several statements of one transaction. */
const CHUNK = 500;

async function insertMark(db: Queryable, m: RecordMarkRecord): Promise<void> {
  await db.query(
    'INSERT INTO record_marks (id, meeting_id, board_id, at, reason, label, participant_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [m.id, m.meetingId, m.boardId, m.at, m.reason, m.label, m.participantId],
  );
}

async function writeSettings(db: Queryable, s: RecordSettingsRecord): Promise<void> {
  await db.query(
    `INSERT INTO record_settings (meeting_id, secretary_id, supervising_body, issuing_body, place, document_number, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (meeting_id) DO UPDATE SET secretary_id = excluded.secretary_id,
       supervising_body = excluded.supervising_body, issuing_body = excluded.issuing_body,
       place = excluded.place, document_number = excluded.document_number, updated_at = excluded.updated_at`,
    [
      s.meetingId,
      s.secretaryId,
      s.supervisingBody,
      s.issuingBody,
      s.place,
      s.documentNumber,
      s.updatedAt,
    ],
  );
}

/** Each document's updates in their history order (the order across documents is free). */
function byDocument(updates: readonly ImportedUpdate[]): Map<string, ImportedUpdate[]> {
  const docs = new Map<string, ImportedUpdate[]>();
  for (const u of updates) {
    const rows = docs.get(u.docId) ?? [];
    rows.push(u);
    docs.set(u.docId, rows);
  }
  return docs;
}

export class PgRecordStore implements RecordStore {
  constructor(private readonly pool: pg.Pool) {}

  async listNameHistory(meetingId: string): Promise<NameEntry[]> {
    const { rows } = await this.pool.query<{
      participant_id: string;
      name: string;
      department: string | null;
      since: number;
    }>(
      'SELECT participant_id, name, department, since FROM participant_names WHERE meeting_id = $1 ORDER BY since, n',
      [meetingId],
    );
    return rows.map((r) => ({
      participantId: r.participant_id,
      name: r.name,
      department: r.department,
      since: r.since,
    }));
  }

  async listParticipantOrigins(meetingId: string): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ participant_id: string; original_id: string }>(
      'SELECT participant_id, original_id FROM participant_origins WHERE meeting_id = $1',
      [meetingId],
    );
    return new Map(rows.map((r) => [r.participant_id, r.original_id]));
  }

  addMark(mark: RecordMarkRecord): Promise<void> {
    return insertMark(this.pool, mark);
  }

  async listMarks(meetingId: string): Promise<RecordMarkRecord[]> {
    const { rows } = await this.pool.query<MarkRow>(
      'SELECT * FROM record_marks WHERE meeting_id = $1 ORDER BY at, id COLLATE "C"',
      [meetingId],
    );
    return rows.map((r) => ({
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
    const { rows } = await this.pool.query<SettingsRow>(
      'SELECT * FROM record_settings WHERE meeting_id = $1',
      [meetingId],
    );
    const r = rows[0];
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

  saveRecordSettings(settings: RecordSettingsRecord): Promise<void> {
    return writeSettings(this.pool, settings);
  }

  async importMeeting(bundle: ImportBundle): Promise<void> {
    const meetingId = bundle.meeting.id;
    await transaction(this.pool, async (db) => {
      await insertMeeting(db, bundle.meeting);
      // The bundle's own name history replaces the single entry a plain insert would write.
      for (const p of bundle.participants) await insertParticipant(db, p, false);
      for (const entry of bundle.nameHistory) await insertName(db, meetingId, entry);
      for (const o of bundle.origins)
        await db.query(
          'INSERT INTO participant_origins (participant_id, meeting_id, original_id) VALUES ($1, $2, $3)',
          [o.participantId, meetingId, o.originalId],
        );
      for (const b of bundle.boards) await insertBoard(db, b);
      for (const [docId, rows] of byDocument(bundle.updates)) {
        for (let i = 0; i < rows.length; i += CHUNK) {
          await appendRows(db, docId, rows.slice(i, i + CHUNK));
        }
      }
      for (const m of bundle.marks) await insertMark(db, m);
      if (bundle.settings) await writeSettings(db, bundle.settings);
      const live = bundle.live;
      if (!live) return;
      await facilitationWriters.insertSteps(db, meetingId, live.agenda);
      if (live.control) await facilitationWriters.insertControl(db, meetingId, live.control);
      for (const h of live.hands) await facilitationWriters.insertHand(db, h);
      for (const d of live.drafts) await facilitationWriters.insertDraft(db, d);
      for (const r of live.voteRounds) await voteWriters.insertRound(db, r);
      for (const b of live.ballots) await voteWriters.upsertBallot(db, b);
      for (const d of live.decisions) await voteWriters.insertDecision(db, d);
    });
  }
}
