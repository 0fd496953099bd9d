/**
 * The session record's routes (docs/api.md): the record, a board's history and its state at a
 * moment, marks, the minutes' settings, and the exports as files.
 */
import { z } from 'zod';
import {
  BoardAtView,
  HistoryEntry,
  RecordMark,
  RecordSettings,
  SessionRecord,
  type UpdateRecordSettingsBody,
} from '@shared/schemas/record';
import { ApiError } from '@shared/schemas/http';
import { readWithProgress, type TransferProgress } from '@client/lib/read-progress';
import { ApiRequestError, CLIENT_ERROR_CODES, request } from './client';

const enc = encodeURIComponent;
const base = (meetingId: string) => `/api/meetings/${enc(meetingId)}`;

/** GET /api/meetings/:id/record */
export function fetchRecord(
  meetingId: string,
  token: string,
  signal?: AbortSignal,
): Promise<SessionRecord> {
  return request(SessionRecord, `${base(meetingId)}/record`, { token, signal });
}

/** GET …/boards/:boardId/history: the whole history, page by page (1000 a page). */
export async function fetchHistory(
  meetingId: string,
  boardId: string,
  token: string,
): Promise<HistoryEntry[]> {
  const all: HistoryEntry[] = [];
  let after = 0;
  for (let page = 0; page < 1000; page++) {
    const entries = await request(
      z.array(HistoryEntry),
      `${base(meetingId)}/boards/${enc(boardId)}/history?after=${after}&limit=1000`,
      { token },
    );
    all.push(...entries);
    if (entries.length < 1000) break;
    after = entries.at(-1)!.seq;
  }
  return all;
}

/** GET …/boards/:boardId/view?at= */
export function fetchViewAt(
  meetingId: string,
  boardId: string,
  token: string,
  at: number,
  signal?: AbortSignal,
): Promise<BoardAtView> {
  return request(BoardAtView, `${base(meetingId)}/boards/${enc(boardId)}/view?at=${at}`, {
    token,
    signal,
  });
}

/** POST …/marks (facilitator): a labelled snapshot. */
export function createMark(meetingId: string, token: string, label: string): Promise<RecordMark> {
  return request(RecordMark, `${base(meetingId)}/marks`, {
    method: 'POST',
    token,
    body: { label },
  });
}

/** GET …/record/settings */
export function fetchRecordSettings(meetingId: string, token: string): Promise<RecordSettings> {
  return request(RecordSettings, `${base(meetingId)}/record/settings`, { token });
}

/** PATCH …/record/settings (facilitator) */
export function updateRecordSettings(
  meetingId: string,
  token: string,
  body: UpdateRecordSettingsBody,
): Promise<RecordSettings> {
  return request(RecordSettings, `${base(meetingId)}/record/settings`, {
    method: 'PATCH',
    token,
    body,
  });
}

export const EXPORT_FILES = ['minutes.docx', 'record.md', 'meeting.xlsx', 'archive.json'] as const;
export type ExportFile = (typeof EXPORT_FILES)[number];

/**
 * GET …/export/<file>: the file as a Blob, with the name the server gave it. onProgress hears
 * the bytes as they arrive (against Content-Length, which the export routes send).
 */
export async function downloadExport(
  meetingId: string,
  token: string,
  file: ExportFile,
  lang: string,
  onProgress: (p: TransferProgress) => void = () => {},
): Promise<{ blob: Blob; name: string }> {
  let res: Response;
  try {
    res = await window.fetch(`${base(meetingId)}/export/${file}?lang=${enc(lang)}`, {
      headers: { Authorization: `Bearer ${token}` },
      credentials: 'same-origin',
    });
  } catch (err) {
    throw new ApiRequestError(0, CLIENT_ERROR_CODES.network, String(err));
  }
  if (!res.ok) {
    const parsed = ApiError.safeParse(await res.json().catch(() => null));
    if (parsed.success)
      throw new ApiRequestError(res.status, parsed.data.error.code, parsed.data.error.message);
    throw new ApiRequestError(res.status, `http_${res.status}`, res.statusText);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  let blob: Blob;
  try {
    blob = await readWithProgress(res, onProgress);
  } catch (err) {
    // The link dropped halfway through the body.
    throw new ApiRequestError(0, CLIENT_ERROR_CODES.network, String(err));
  }
  return { blob, name: match ? decodeURIComponent(match[1]!) : file };
}
