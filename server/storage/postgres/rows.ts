/** Row shapes of the PostgreSQL schema and their records. */
import type { BoardKind } from '@shared/domain';
import type { BoardRecord, MeetingRecord, ParticipantRecord, StoredUpdate } from '../storage';
import type { NameEntry } from '../record-store';
import { fromBuffer, type Queryable } from './pool';

export interface MeetingRow {
  id: string;
  title: string;
  date: string | null;
  district: string;
  plan_year: number | null;
  departments: string[];
  join_code: string;
  created_at: number;
}
export interface ParticipantRow {
  id: string;
  meeting_id: string;
  role: ParticipantRecord['role'];
  name: string;
  department: string | null;
  created_at: number;
  removed_at: number | null;
}
export interface BoardRow {
  id: string;
  meeting_id: string;
  kind: BoardKind;
  title: string;
  department: string | null;
  locked: boolean;
  private: boolean;
  position: number;
  created_at: number;
}
export interface UpdateRow {
  seq: number;
  data: Buffer;
  participant_id: string | null;
  created_at: number;
  server_write: boolean;
}

/** The columns of doc_updates every read of updates selects. */
export const UPDATE_COLUMNS = 'seq, data, participant_id, created_at, server_write';

export const toMeeting = (r: MeetingRow): MeetingRecord => ({
  id: r.id,
  title: r.title,
  date: r.date,
  district: r.district,
  planYear: r.plan_year,
  departments: r.departments,
  joinCode: r.join_code,
  createdAt: r.created_at,
});
export const toParticipant = (r: ParticipantRow): ParticipantRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  role: r.role,
  name: r.name,
  department: r.department,
  createdAt: r.created_at,
  removedAt: r.removed_at,
});
export const toBoard = (r: BoardRow): BoardRecord => ({
  id: r.id,
  meetingId: r.meeting_id,
  kind: r.kind,
  title: r.title,
  department: r.department,
  locked: r.locked,
  private: r.private,
  position: r.position,
  createdAt: r.created_at,
});
export const toUpdate = (r: UpdateRow): StoredUpdate => ({
  seq: r.seq,
  update: fromBuffer(r.data),
  participantId: r.participant_id,
  createdAt: r.created_at,
  serverWrite: r.server_write,
});

export async function insertMeeting(db: Queryable, m: MeetingRecord): Promise<void> {
  await db.query(
    'INSERT INTO meetings (id, title, date, district, plan_year, departments, join_code, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
    [
      m.id,
      m.title,
      m.date,
      m.district,
      m.planYear,
      JSON.stringify(m.departments),
      m.joinCode,
      m.createdAt,
    ],
  );
}

/** Appends a name-history entry (record-store.ts); called inside the participant write's transaction. */
export async function insertName(db: Queryable, meetingId: string, e: NameEntry): Promise<void> {
  await db.query(
    'INSERT INTO participant_names (participant_id, meeting_id, name, department, since) VALUES ($1, $2, $3, $4, $5)',
    [e.participantId, meetingId, e.name, e.department, e.since],
  );
}

/**
 * Inserts a participant and, unless an import brings its own history, their first name
 * entry. Call it inside a transaction: the two inserts belong together.
 */
export async function insertParticipant(
  db: Queryable,
  p: ParticipantRecord,
  withName = true,
): Promise<void> {
  await db.query(
    'INSERT INTO participants (id, meeting_id, role, name, department, created_at, removed_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [p.id, p.meetingId, p.role, p.name, p.department, p.createdAt, p.removedAt],
  );
  if (withName)
    await insertName(db, p.meetingId, {
      participantId: p.id,
      name: p.name,
      department: p.department,
      since: p.createdAt,
    });
}

export async function insertBoard(db: Queryable, b: BoardRecord): Promise<void> {
  await db.query(
    'INSERT INTO boards (id, meeting_id, kind, title, department, locked, private, position, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)',
    [
      b.id,
      b.meetingId,
      b.kind,
      b.title,
      b.department,
      b.locked,
      b.private,
      b.position,
      b.createdAt,
    ],
  );
}
