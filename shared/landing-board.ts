/**
 * Which board a person lands on when they open a meeting without naming one: the one rule
 * the client follows to pick the board it opens, and the server follows to pick the board
 * whose state it sends with the join answer (POST /api/join), so both name the same board.
 * Type imports only: the participant's first page carries this module, and zod must stay off
 * that page.
 */
import type { BoardInfo } from './schemas/http';
import type { FollowSlice } from './schemas/facilitation';

/** The order of a meeting's board list: by position, then by title as Vietnamese sorts it. */
export function compareBoards(a: BoardInfo, b: BoardInfo): number {
  return a.position - b.position || a.title.localeCompare(b.title, 'vi');
}

/**
 * The board a person lands on: the room's board while follow-me is on (every screen is taken
 * there as soon as it knows the follow state), else their department's, else the district-wide
 * one, else the first. `follow` is null while it is not known yet (a page whose meeting socket
 * has not sent its snapshot).
 */
export function landingBoard(
  boards: readonly BoardInfo[],
  department: string | null,
  follow: Pick<FollowSlice, 'on' | 'boardId'> | null,
): BoardInfo | null {
  const sorted = [...boards].sort(compareBoards);
  const followed =
    follow?.on === true && follow.boardId !== null
      ? sorted.find((b) => b.id === follow.boardId)
      : undefined;
  return (
    followed ??
    (department !== null ? sorted.find((b) => b.department === department) : undefined) ??
    sorted.find((b) => b.department === null) ??
    sorted[0] ??
    null
  );
}
