/**
 * Names of private drafts (private writing). A participant's draft of a board is its own
 * Yjs document, stored under `draftDocId(board, participant)`; clients reach it at
 * `/yjs/<boardId>/draft`, and the server picks the participant from the token, so no path a
 * client can write names anyone else's draft.
 */

/** Room name a client connects to for its own draft of `boardId`. */
export function draftRoomName(boardId: string): string {
  return `${boardId}/draft`;
}

/** Storage id of `participantId`'s draft of `boardId` (never sent to clients as a path). */
export function draftDocId(boardId: string, participantId: string): string {
  return `${boardId}/draft/${participantId}`;
}

/** What a Yjs endpoint path after `/yjs/` asks for: a board, the caller's draft of one, or nothing valid. */
export type YjsTarget = { kind: 'board'; boardId: string } | { kind: 'draft'; boardId: string };

export function parseYjsTarget(rest: string): YjsTarget | null {
  const parts = rest.split('/');
  if (parts.length === 1 && parts[0]) return { kind: 'board', boardId: parts[0] };
  if (parts.length === 2 && parts[0] && parts[1] === 'draft')
    return { kind: 'draft', boardId: parts[0] };
  return null;
}

/** The board and participant of a draft's storage id, or null for any other document. */
export function parseDraftDocId(docId: string): { boardId: string; participantId: string } | null {
  const parts = docId.split('/');
  if (parts.length === 3 && parts[0] && parts[1] === 'draft' && parts[2])
    return { boardId: parts[0], participantId: parts[2] };
  return null;
}
