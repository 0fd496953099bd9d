/**
 * The routes of the meeting API (docs/api.md), one typed function each.
 */
import {
  BoardInfo,
  CreateMeetingResult,
  JoinPreview,
  JoinResult,
  Me,
  MeetingView,
  type CreateBoardBody,
  type CreateMeetingBody,
  type JoinBody,
  type UpdateBoardBody,
  type UpdateMeBody,
} from '@shared/schemas/http';
import { request } from './client';

const enc = encodeURIComponent;

/** POST /api/meetings: creates a meeting; the answer carries the facilitator and observer tokens. */
export function createMeeting(body: CreateMeetingBody): Promise<CreateMeetingResult> {
  return request(CreateMeetingResult, '/api/meetings', { method: 'POST', body });
}

/** GET /api/join/:code: what a person about to join sees. 404 when no meeting has the code. */
export function joinPreview(code: string, signal?: AbortSignal): Promise<JoinPreview> {
  return request(JoinPreview, `/api/join/${enc(code)}`, { signal });
}

/** POST /api/join: joins as a participant. */
export function joinMeeting(body: JoinBody): Promise<JoinResult> {
  return request(JoinResult, '/api/join', { method: 'POST', body });
}

/** GET /api/meetings/:id: the meeting as the token's holder sees it. 401 when the token is refused. */
export function fetchMeeting(meetingId: string, token: string): Promise<MeetingView> {
  return request(MeetingView, `/api/meetings/${enc(meetingId)}`, { token });
}

/** POST /api/meetings/:id/boards (facilitator). */
export function createBoard(
  meetingId: string,
  token: string,
  body: CreateBoardBody,
): Promise<BoardInfo> {
  return request(BoardInfo, `/api/meetings/${enc(meetingId)}/boards`, {
    method: 'POST',
    body,
    token,
  });
}

/** PATCH /api/meetings/:id/boards/:boardId (facilitator). */
export function updateBoard(
  meetingId: string,
  boardId: string,
  token: string,
  body: UpdateBoardBody,
): Promise<BoardInfo> {
  return request(BoardInfo, `/api/meetings/${enc(meetingId)}/boards/${enc(boardId)}`, {
    method: 'PATCH',
    body,
    token,
  });
}

/** PATCH /api/meetings/:id/me: changes the caller's display name or department. */
export function updateMe(meetingId: string, token: string, body: UpdateMeBody): Promise<Me> {
  return request(Me, `/api/meetings/${enc(meetingId)}/me`, { method: 'PATCH', body, token });
}
