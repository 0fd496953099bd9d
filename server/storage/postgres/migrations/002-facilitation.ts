import type { PgMigration } from './index';

/** Issue 9: agenda, timer, follow-me, raised hands, private writing (SQLite's 002). */
const migration: PgMigration = {
  version: 2,
  name: 'facilitation',
  sql: `
ALTER TABLE boards ADD COLUMN private BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE agenda_steps (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  board_id TEXT,
  started_at BIGINT,                -- first time the step became current
  ended_at BIGINT                   -- last time the facilitator moved on from it
);
CREATE INDEX agenda_steps_meeting ON agenda_steps(meeting_id, position);

-- The running state of a meeting; a missing row means idle.
CREATE TABLE meeting_control (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings(id),
  current_step_id TEXT,
  timer_status TEXT NOT NULL DEFAULT 'idle',
  timer_ends_at BIGINT,             -- deadline of a running timer, server clock
  timer_remaining_ms BIGINT,        -- what is left of a paused timer
  follow_on BOOLEAN NOT NULL DEFAULT FALSE,
  follow_board_id TEXT,
  follow_card_id TEXT
);

-- n orders hands raised in the same millisecond (SQLite orders them by rowid).
CREATE TABLE hands (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  participant_id TEXT NOT NULL,
  raised_at BIGINT NOT NULL,
  n BIGSERIAL,
  PRIMARY KEY (meeting_id, participant_id)
);

-- Live card count of each private draft (the draft's content is a document in doc_updates).
CREATE TABLE drafts (
  board_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  cards INTEGER NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (board_id, participant_id)
);
`,
};

export default migration;
