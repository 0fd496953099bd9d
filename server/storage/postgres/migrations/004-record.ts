import type { PgMigration } from './index';

/** The session record (issue 11), SQLite's 004. */
const migration: PgMigration = {
  version: 4,
  name: 'record',
  sql: `
-- TRUE when the server wrote the update itself (board header, limit corrections, BoardWriter:
-- reveal, promotion, import). Only these may carry author fields the record trusts.
ALTER TABLE doc_updates ADD COLUMN server_write BOOLEAN NOT NULL DEFAULT FALSE;
UPDATE doc_updates SET server_write = TRUE WHERE participant_id IS NULL;

-- Who was called what, in which department, from when. Written by the store with every
-- participant insert or rename.
CREATE TABLE participant_names (
  participant_id TEXT NOT NULL,
  meeting_id TEXT NOT NULL,
  name TEXT NOT NULL,
  department TEXT,
  since BIGINT NOT NULL,
  n BIGSERIAL PRIMARY KEY
);
CREATE INDEX participant_names_meeting ON participant_names(meeting_id, since);
INSERT INTO participant_names (participant_id, meeting_id, name, department, since)
  SELECT id, meeting_id, name, department, created_at FROM participants;

-- The id a participant had in the archive it was imported from.
CREATE TABLE participant_origins (
  participant_id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL,
  original_id TEXT NOT NULL
);
CREATE INDEX participant_origins_meeting ON participant_origins(meeting_id);

-- Labelled marks of the record: locks, agenda steps, reveals, votes, and the facilitator's own.
CREATE TABLE record_marks (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL,
  board_id TEXT,
  at BIGINT NOT NULL,
  reason TEXT NOT NULL,
  label TEXT NOT NULL,
  participant_id TEXT
);
CREATE INDEX record_marks_meeting ON record_marks(meeting_id, at);

-- What the minutes need beyond the meeting itself: issuing body, place, number, secretary.
CREATE TABLE record_settings (
  meeting_id TEXT PRIMARY KEY,
  secretary_id TEXT,
  supervising_body TEXT NOT NULL DEFAULT '',
  issuing_body TEXT NOT NULL DEFAULT '',
  place TEXT NOT NULL DEFAULT '',
  document_number TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL
);
`,
};

export default migration;
