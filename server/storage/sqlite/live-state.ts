/**
 * Writes a moved meeting's running state (`ImportBundle.live`: agenda, control, hands, draft
 * counts, votes) on SQLite, inside the caller's import transaction. PostgreSQL's counterpart
 * is the writers of postgres/facilitation-store.ts and postgres/vote-store.ts.
 */
import type Database from 'better-sqlite3';
import type { LiveMeetingState } from '../record-store';

const json = (v: unknown): string | null =>
  v === null || v === undefined ? null : JSON.stringify(v);

export function writeLiveState(
  db: Database.Database,
  meetingId: string,
  live: LiveMeetingState,
): void {
  const step = db.prepare(
    'INSERT INTO agenda_steps (id, meeting_id, position, title, minutes, board_id, started_at, ended_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  live.agenda.forEach((s, position) =>
    step.run(s.id, meetingId, position, s.title, s.minutes, s.boardId, s.startedAt, s.endedAt),
  );
  const c = live.control;
  if (c)
    db.prepare(
      `INSERT INTO meeting_control (meeting_id, current_step_id, timer_status, timer_ends_at, timer_remaining_ms,
         follow_on, follow_board_id, follow_card_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      meetingId,
      c.currentStepId,
      c.timerStatus,
      c.timerEndsAt,
      c.timerRemainingMs,
      c.followOn ? 1 : 0,
      c.followBoardId,
      c.followCardId,
    );
  const hand = db.prepare(
    'INSERT INTO hands (meeting_id, participant_id, raised_at) VALUES (?, ?, ?)',
  );
  for (const h of live.hands) hand.run(meetingId, h.participantId, h.raisedAt);
  const draft = db.prepare(
    'INSERT INTO drafts (board_id, participant_id, cards, updated_at) VALUES (?, ?, ?, ?)',
  );
  for (const d of live.drafts) draft.run(d.boardId, d.participantId, d.cards, d.updatedAt);
  const round = db.prepare(
    `INSERT INTO vote_rounds (id, meeting_id, board_id, round, method, status, dots_per_voter, max_per_item,
       unit, criteria, items, opened_by, opened_at, closed_by, closed_at, results)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const r of live.voteRounds)
    round.run(
      r.id,
      meetingId,
      r.boardId,
      r.round,
      r.method,
      r.status,
      r.dotsPerVoter,
      r.maxPerItem,
      r.unit,
      json(r.criteria),
      JSON.stringify(r.items),
      r.openedBy,
      r.openedAt,
      r.closedBy,
      r.closedAt,
      json(r.results),
    );
  const ballot = db.prepare(
    `INSERT INTO ballots (round_id, participant_id, name, department, cast_by, proxy, content, cast_at, first_cast_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const b of live.ballots)
    ballot.run(
      b.roundId,
      b.participantId,
      b.name,
      b.department,
      b.castBy,
      b.proxy ? 1 : 0,
      JSON.stringify(b.content),
      b.castAt,
      b.castAt,
    );
  const decision = db.prepare(
    'INSERT INTO decisions (id, meeting_id, board_id, round_id, ranking, decided_by, decided_by_name, decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  for (const d of live.decisions)
    decision.run(
      d.id,
      meetingId,
      d.boardId,
      d.roundId,
      JSON.stringify(d.ranking),
      d.decidedBy,
      d.decidedByName,
      d.decidedAt,
    );
}
