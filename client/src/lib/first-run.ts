/**
 * What an empty meeting says first (issue 15, "first run"). The facilitator is told how to
 * prepare the room (boards, agenda, the join link, or the sample meeting to try things); a
 * delegate is told to wait or, once a board is open, that one tap adds their first card; an
 * observer (the projector) only that the meeting has not started.
 */

/** Which explanation an empty meeting or board shows, or null when it has content. */
export type FirstRunGuide =
  | 'facilitator-setup'
  | 'facilitator-no-boards'
  | 'participant-no-boards'
  | 'observer-no-boards'
  | 'facilitator-empty-board'
  | 'participant-empty-board'
  | 'observer-empty-board';

/** The role as the first-run path sees it. */
export type FirstRunRole = 'facilitator' | 'participant' | 'observer';

/**
 * The guide for this screen: `boards` is how many boards the meeting has; `items` how many
 * entries the open board has (null when no board is open or it is still loading).
 */
export function firstRunGuide(input: {
  role: FirstRunRole;
  boards: number;
  items: number | null;
}): FirstRunGuide | null {
  if (input.boards === 0) return `${input.role}-no-boards`;
  if (input.items === 0) return `${input.role}-empty-board`;
  return null;
}

/**
 * Whether the facilitator's preparation steps show above the board: always while there is
 * no board, and until the meeting starts (a new meeting already has its department boards
 * and a default agenda) unless the facilitator has hidden them for this meeting. Nothing is
 * shown before the room's state has arrived (`known`), so a running meeting never flashes it.
 */
export function showSetupGuide(input: {
  known: boolean;
  boards: number;
  started: boolean;
  dismissed: boolean;
}): boolean {
  if (!input.known) return false;
  return input.boards === 0 || (!input.started && !input.dismissed);
}

/** The role of a meeting member for the first-run path. */
export function firstRunRole(can: { facilitate: boolean; edit: boolean }): FirstRunRole {
  return can.facilitate ? 'facilitator' : can.edit ? 'participant' : 'observer';
}
