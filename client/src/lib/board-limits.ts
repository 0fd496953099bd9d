/**
 * The editor's side of the board limits (docs/security.md, Limits): the same numbers the
 * server enforces, taken from the meeting answer, so a person is stopped before typing past
 * them instead of seeing the server cut their text or delete their card afterwards.
 */
import { Limits } from '@shared/constants';
import type { BoardLimitsInfo } from '@shared/schemas/http';

/** Until the meeting answer arrives (or from an old cached view): the compiled-in defaults. */
export const DEFAULT_BOARD_LIMITS: BoardLimitsInfo = {
  cardTextMax: Limits.cardTextMax,
  cardsPerBoardMax: Limits.cardsPerBoardMax,
};

/** True when the board holds as many live cards as the server allows: no card may be added. */
export function boardFull(liveCards: number, limits: BoardLimitsInfo): boolean {
  return liveCards >= limits.cardsPerBoardMax;
}

/** Characters still allowed in a card holding `text` (never negative). */
export function charactersLeft(text: string, limits: BoardLimitsInfo): number {
  return Math.max(0, limits.cardTextMax - text.length);
}
