import type { Migration } from './index';

/** Issue 9: agenda, timer, follow-me, raised hands, private writing. */
const migration: Migration = {
  version: 2,
  name: 'facilitation',
  sql: `
ALTER TABLE boards ADD COLUMN private INTEGER NOT NULL DEFAULT 0;

CREATE TABLE agenda_steps (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  board_id TEXT,
  started_at INTEGER,               -- first time the step became current
  ended_at INTEGER                  -- last time the facilitator moved on from it
);
CREATE INDEX agenda_steps_meeting ON agenda_steps(meeting_id, position);

-- The running state of a meeting; a missing row means idle.
CREATE TABLE meeting_control (
  meeting_id TEXT PRIMARY KEY REFERENCES meetings(id),
  current_step_id TEXT,
  timer_status TEXT NOT NULL DEFAULT 'idle',
  timer_ends_at INTEGER,            -- deadline of a running timer, server clock
  timer_remaining_ms INTEGER,       -- what is left of a paused timer
  follow_on INTEGER NOT NULL DEFAULT 0,
  follow_board_id TEXT,
  follow_card_id TEXT
);

CREATE TABLE hands (
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  participant_id TEXT NOT NULL,
  raised_at INTEGER NOT NULL,
  PRIMARY KEY (meeting_id, participant_id)
);

-- Live card count of each private draft (the draft's content is a document in doc_updates).
CREATE TABLE drafts (
  board_id TEXT NOT NULL,
  participant_id TEXT NOT NULL,
  cards INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (board_id, participant_id)
);
`,
};

export default migration;
