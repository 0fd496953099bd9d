import type { PgMigration } from './index';

/**
 * Voting and scoring rounds, their ballots, and decisions (SQLite's 003). JSON columns are
 * `json`, not `jsonb`: they keep the text as written, key order included, like SQLite's.
 */
const migration: PgMigration = {
  version: 3,
  name: 'voting',
  sql: `
CREATE TABLE vote_rounds (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  board_id TEXT NOT NULL REFERENCES boards(id),
  round INTEGER NOT NULL,
  method TEXT NOT NULL,                -- 'dots' | 'score'
  status TEXT NOT NULL,                -- 'open' | 'revealed'
  dots_per_voter INTEGER,
  max_per_item INTEGER,
  unit TEXT NOT NULL,                  -- 'person' | 'department'
  criteria JSON,                       -- criteria of scoring rounds
  items JSON NOT NULL,                 -- [{ id, title }]: the list when the round opened
  opened_by TEXT,
  opened_at BIGINT NOT NULL,
  closed_by TEXT,
  closed_at BIGINT,
  results JSON,                        -- set on reveal
  UNIQUE (board_id, round)
);
CREATE INDEX vote_rounds_meeting ON vote_rounds(meeting_id, board_id, round);
-- At most one open round per board.
CREATE UNIQUE INDEX vote_rounds_one_open ON vote_rounds(board_id) WHERE status = 'open';

-- Secret ballots: one per voter and round, replaced on each cast.
CREATE TABLE ballots (
  round_id TEXT NOT NULL REFERENCES vote_rounds(id),
  participant_id TEXT NOT NULL,
  name TEXT NOT NULL,
  department TEXT,
  cast_by TEXT NOT NULL,
  proxy BOOLEAN NOT NULL DEFAULT FALSE,
  content JSON NOT NULL,               -- dots or scores
  cast_at BIGINT NOT NULL,
  first_cast_at BIGINT NOT NULL,
  PRIMARY KEY (round_id, participant_id)
);

CREATE TABLE decisions (
  id TEXT PRIMARY KEY,
  meeting_id TEXT NOT NULL REFERENCES meetings(id),
  board_id TEXT NOT NULL REFERENCES boards(id),
  round_id TEXT NOT NULL REFERENCES vote_rounds(id),
  ranking JSON NOT NULL,
  decided_by TEXT NOT NULL,
  decided_by_name TEXT NOT NULL,
  decided_at BIGINT NOT NULL
);
CREATE INDEX decisions_meeting ON decisions(meeting_id, decided_at);
`,
};

export default migration;
