import type { Migration } from './index';

/**
 * The session record (issue 11). Stands alone: it touches only `doc_updates` and
 * `participants` from 001 and adds tables of its own, so it applies whatever 002 and 003 do.
 */
const migration: Migration = {
  version: 4,
  name: 'record',
  sql: `
-- 1 when the server wrote the update itself (board header, limit corrections, BoardWriter:
-- reveal, promotion, import). Only these may carry author fields the record trusts.
ALTER TABLE doc_updates ADD COLUMN server_write INTEGER NOT NULL DEFAULT 0;
UPDATE doc_updates SET server_write = 1 WHERE participant_id IS NULL;

-- Who was called what, in which department, from when: the record shows the name in force
-- when each edit was made. Written by the store with every participant insert or rename.
CREATE TABLE participant_names (
  participant_id TEXT NOT NULL,
  meeting_id TEXT NOT NULL,
  name TEXT NOT NULL,
  department TEXT,
  since INTEGER NOT NULL,
  n INTEGER PRIMARY KEY AUTOINCREMENT
);
CREATE INDEX participant_names_meeting ON participant_names(meeting_id, since);
INSERT INTO participant_names (participant_id, meeting_id, name, department, since)
  SELECT id, meeting_id, name, department, created_at FROM participants;

-- The id a participant had in the archive it was imported from: author fields inside
-- imported documents still name it.
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
  at INTEGER NOT NULL,
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
  updated_at INTEGER NOT NULL
);
`,
};

export default migration;
