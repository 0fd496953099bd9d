/**
 * The board state a join answer carries (POST /api/join, docs/api.md): the stored state of
 * the board the new participant lands on, so the meeting page can show it and take typing
 * at once instead of one round trip later (2 s on a slow 3G line), when the board's
 * WebSocket has synced. Which board is `landingBoard`, the rule the client follows too, with
 * the room's stored follow-me state; who may read it is decided by the checks of that
 * board's WebSocket upgrade, run with the token just issued.
 */
import { Limits } from '@shared/constants';
import { landingBoard } from '@shared/landing-board';
import type { FollowSlice } from '@shared/schemas/facilitation';
import type { JoinBoardState, JoinResult } from '@shared/schemas/http';
import { errorFields, type Logger } from '../logger';
import { AppError } from './errors';
import type { MeetingService } from './meeting-service';

/** Where a board's state comes from: the rooms (a loaded room, else storage). */
export interface BoardStateSource {
  /** The whole document as one Yjs update of at most `maxBytes`, or null. */
  stateAsUpdate(docId: string, maxBytes: number): Promise<Uint8Array | null>;
}

export interface JoinBoardOptions {
  meetings: MeetingService;
  /** The room's follow-me state as stored. */
  follow: (meetingId: string) => Promise<FollowSlice>;
  states: BoardStateSource;
  log: Logger;
  /** Largest state carried, in bytes of the update; `Limits.joinBoardStateMaxBytes` by default. */
  maxBytes?: number;
}

const toBase64 = (u: Uint8Array): string =>
  Buffer.from(u.buffer, u.byteOffset, u.byteLength).toString('base64');

export class JoinBoardService {
  constructor(private readonly options: JoinBoardOptions) {}

  /**
   * `joined` with the landing board's state added, when there is one this participant may
   * read within the bound. The person has joined whatever happens here: a failure only
   * leaves the state out, and the board then loads over its WebSocket as before.
   */
  async withBoard(joined: JoinResult): Promise<JoinResult> {
    try {
      const board = await this.stateFor(joined);
      return board ? { ...joined, board } : joined;
    } catch (err) {
      this.options.log.warn('join answer without its board state', {
        meetingId: joined.meetingId,
        ...errorFields(err),
      });
      return joined;
    }
  }

  private async stateFor(joined: JoinResult): Promise<JoinBoardState | null> {
    const { meetings, states } = this.options;
    const view = joined.meeting;
    const target = landingBoard(
      view.boards,
      view.me.department,
      await this.options.follow(view.id),
    );
    if (!target) return null;
    // Exactly what the board's WebSocket upgrade checks: the token, then the board.
    const auth = await meetings.authenticate(joined.token);
    if (!auth) return null;
    try {
      await meetings.boardForConnection(auth, target.id);
    } catch (err) {
      // Refused (another meeting's board, a board gone): the upgrade would close with 4403/4404.
      if (err instanceof AppError) return null;
      throw err;
    }
    const update = await states.stateAsUpdate(
      target.id,
      this.options.maxBytes ?? Limits.joinBoardStateMaxBytes,
    );
    return update ? { boardId: target.id, update: toBase64(update) } : null;
  }
}
