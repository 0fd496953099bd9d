import type { Migration } from './index';

const migration: Migration = {
  version: 1,
  name: 'init',
  sql: `
CREATE TABLE meetings (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  date TEXT,
  district TEXT NOT NULL DEFAULT '',
  plan_year INTEGER,
  departments TEXT NOT NULL,          -- JSON array of department names
  join_code TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);

CREATE TABLE participants (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  role TEXT NOT NULL,
  name TEXT NOT NULL,
  department TEXT,
  created_at INTEGER NOT NULL,
  removed_at INTEGER
);
CREATE INDEX participants_meeting ON participants(meeting_id);

CREATE TABLE boards (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  department TEXT,
  locked INTEGER NOT NULL DEFAULT 0,
  position INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX boards_meeting ON boards(meeting_id, position);

-- Append-only log of every Yjs update a board received, with who sent it and when.
CREATE TABLE doc_updates (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  board_id TEXT NOT NULL,
  participant_id TEXT,
  created_at INTEGER NOT NULL,
  data BLOB NOT NULL
);
CREATE INDEX doc_updates_board ON doc_updates(board_id, seq);

-- Compacted state for fast loading; the log above stays whole for the record.
CREATE TABLE doc_snapshots (
  board_id TEXT PRIMARY KEY,
  upto_seq INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  data BLOB NOT NULL
);
`,
};

export default migration;
