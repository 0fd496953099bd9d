import type { PgMigration } from './index';

const migration: PgMigration = {
  version: 1,
  name: 'init',
  sql: `
CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  date TEXT,
  district TEXT NOT NULL DEFAULT '',
  plan_year INTEGER,
  departments JSONB NOT NULL,
  join_code TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL
);

CREATE TABLE participants (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  department TEXT,
  created_at BIGINT NOT NULL,
  removed_at BIGINT
);
CREATE INDEX participants_meeting ON participants(meeting_id);

CREATE TABLE boards (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  department TEXT,
  locked BOOLEAN NOT NULL DEFAULT FALSE,
  position INTEGER NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX boards_meeting ON boards(meeting_id, position);

-- Append-only log of every Yjs update a board received, with who sent it and when. Per
-- board, rows commit in seq order (appends take a per-board advisory lock).
CREATE TABLE doc_updates (
  seq BIGSERIAL PRIMARY KEY,
  board_id TEXT NOT NULL,
  participant_id TEXT,
  created_at BIGINT NOT NULL,
  data BYTEA NOT NULL
);
CREATE INDEX doc_updates_board ON doc_updates(board_id, seq);

-- Compacted state for fast loading; the log above stays whole for the record.
CREATE TABLE doc_snapshots (
  board_id TEXT PRIMARY KEY,
  upto_seq BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  data BYTEA NOT NULL
);
`,
};

export default migration;
