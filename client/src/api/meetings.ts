/**
 * The routes of the meeting API (docs/api.md), one typed function each. Their answers are
 * checked against the shared schemas in the background (contract.ts): this is on the first page.
 */
import type {
  BoardInfo,
  CreateMeetingResult,
  JoinCodeResult,
  JoinPreview,
  JoinResult,
  Me,
  MeetingView,
  ParticipantInfo,
  CreateBoardBody,
  CreateMeetingBody,
  JoinBody,
  UpdateBoardBody,
  UpdateMeBody,
  UpdateParticipantBody,
} from '@shared/schemas/http';
import { request } from './client';
import { checkedLater } from './contract';

const enc = encodeURIComponent;

/** POST /api/meetings: creates a meeting; the answer carries the facilitator and observer tokens. */
export function createMeeting(body: CreateMeetingBody): Promise<CreateMeetingResult> {
  return request(checkedLater('CreateMeetingResult'), '/api/meetings', { method: 'POST', body });
}

/** GET /api/join/:code: what a person about to join sees. 404 when no meeting has the code. */
export function joinPreview(code: string, signal?: AbortSignal): Promise<JoinPreview> {
  return request(checkedLater('JoinPreview'), `/api/join/${enc(code)}`, { signal });
}

/** POST /api/join: joins as a participant. */
export function joinMeeting(body: JoinBody): Promise<JoinResult> {
  return request(checkedLater('JoinResult'), '/api/join', { method: 'POST', body });
}

/** GET /api/meetings/:id: the meeting as the token's holder sees it. 401 when the token is refused. */
export function fetchMeeting(meetingId: string, token: string): Promise<MeetingView> {
  return request(checkedLater('MeetingView'), `/api/meetings/${enc(meetingId)}`, { token });
}

/** POST /api/meetings/:id/boards (facilitator). */
export function createBoard(
  meetingId: string,
  token: string,
  body: CreateBoardBody,
): Promise<BoardInfo> {
  return request(checkedLater('BoardInfo'), `/api/meetings/${enc(meetingId)}/boards`, {
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
  return request(
    checkedLater('BoardInfo'),
    `/api/meetings/${enc(meetingId)}/boards/${enc(boardId)}`,
    {
      method: 'PATCH',
      body,
      token,
    },
  );
}

/** PATCH /api/meetings/:id/me: changes the caller's display name or department. */
export function updateMe(meetingId: string, token: string, body: UpdateMeBody): Promise<Me> {
  return request(checkedLater('Me'), `/api/meetings/${enc(meetingId)}/me`, {
    method: 'PATCH',
    body,
    token,
  });
}

/** GET /api/meetings/:id/participants (facilitator): everyone who joined and was not removed. */
export function listParticipants(meetingId: string, token: string): Promise<ParticipantInfo[]> {
  return request(checkedLater('ParticipantList'), `/api/meetings/${enc(meetingId)}/participants`, {
    token,
  });
}

/** PATCH /api/meetings/:id/participants/:pid (facilitator): makes someone a (co-)facilitator or a participant. */
export function setParticipantRole(
  meetingId: string,
  participantId: string,
  token: string,
  body: UpdateParticipantBody,
): Promise<ParticipantInfo> {
  return request(
    checkedLater('ParticipantInfo'),
    `/api/meetings/${enc(meetingId)}/participants/${enc(participantId)}`,
    { method: 'PATCH', body, token },
  );
}

/** DELETE /api/meetings/:id/participants/:pid (facilitator): 204, no body. */
export async function removeParticipant(
  meetingId: string,
  participantId: string,
  token: string,
): Promise<void> {
  // An empty 204 answer parses as null.
  await request(
    checkedLater('Empty'),
    `/api/meetings/${enc(meetingId)}/participants/${enc(participantId)}`,
    {
      method: 'DELETE',
      token,
    },
  );
}

/** POST /api/meetings/:id/join-code (facilitator): a new join code; the old one stops working. */
export function rotateJoinCode(meetingId: string, token: string): Promise<JoinCodeResult> {
  return request(checkedLater('JoinCodeResult'), `/api/meetings/${enc(meetingId)}/join-code`, {
    method: 'POST',
    token,
  });
}
