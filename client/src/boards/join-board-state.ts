/**
 * The board state that came with the join answer (POST /api/join), handed from the join page
 * to the board session that opens that board. One-shot: taken once, by id, and never kept
 * beyond this page's memory; a reconnect or a later visit syncs as usual (IndexedDB keeps the
 * state once applied, like every update).
 */
import type { JoinBoardState } from '@shared/schemas/http';

let held: JoinBoardState | null = null;

/** Keeps the join answer's board state (or forgets the previous one when there is none). */
export function holdJoinBoardState(state: JoinBoardState | undefined): void {
  held = state ?? null;
}

/**
 * The board the held state is for, without taking it. The server chose it with the stored
 * follow-me state, which the meeting page does not know before its meeting socket's snapshot:
 * landing there at once saves opening another board first and moving a moment later.
 */
export function heldJoinBoardId(): string | null {
  return held?.boardId ?? null;
}

/**
 * The held state as a Yjs update if `room` is its board, and forgets it; null otherwise (a
 * draft, another board, nothing held, or base64 that does not decode).
 */
export function takeJoinBoardState(room: string): Uint8Array | null {
  if (held === null || held.boardId !== room) return null;
  const { update } = held;
  held = null;
  try {
    const binary = atob(update);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}
