/**
 * Promotion of a SWOT card or a commune proposal into a priority list, as a message of the
 * meeting channel (registered in socket.ts).
 */
import { z } from 'zod';
import { Id } from './http';

/**
 * client → server (anyone who may write the list): copy a card or proposal into the list as
 * a new item that links back to it; the source is marked as promoted. Ack `{ ok: true, itemId }`.
 * Promoting the same source into the same list again answers the existing item.
 */
export const BoardPromote = z.object({
  /** The SWOT or commune-proposals board holding the source. */
  fromBoardId: Id,
  /** The card's or the proposal's id. */
  sourceId: Id,
  /** The priority list. */
  toBoardId: Id,
});
export type BoardPromote = z.infer<typeof BoardPromote>;
