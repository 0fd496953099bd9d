/**
 * The open meeting: its view from the HTTP API, then a mirror of the meeting-level state the
 * socket sends (`state:snapshot` on every connect, `state:slice` on every change).
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { canFacilitate, canWrite } from '@shared/domain';
import type { BoardInfo, CreateBoardBody, MeetingView } from '@shared/schemas/http';
import type { MeetingState, PresenceEntry, SliceUpdate } from '@shared/schemas/socket';
import { ApiRequestError } from '@client/api/client';
import * as api from '@client/api/meetings';
import { loadCachedMeeting, saveCachedMeeting } from '@client/lib/storage';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

function byPosition(a: BoardInfo, b: BoardInfo): number {
  return a.position - b.position || a.title.localeCompare(b.title, 'vi');
}

export const useMeetingStore = defineStore('meeting', () => {
  const meeting = shallowRef<MeetingView | null>(null);
  const boardList = shallowRef<BoardInfo[]>([]);
  const presence = shallowRef<PresenceEntry[]>([]);
  const status = ref<LoadStatus>('idle');
  const error = shallowRef<ApiRequestError | null>(null);
  /** The view shown comes from this browser's cache because the server could not be reached. */
  const fromCache = ref(false);

  const me = computed(() => meeting.value?.me ?? null);
  const role = computed(() => me.value?.role ?? 'observer');
  const canEdit = computed(() => canWrite(role.value));
  const isFacilitator = computed(() => canFacilitate(role.value));
  const boards = computed(() => [...boardList.value].sort(byPosition));

  function setMeeting(view: MeetingView): void {
    meeting.value = view;
    boardList.value = view.boards;
  }

  /**
   * Fetches the meeting with `token`. A network failure falls back to the last view cached
   * in this browser so people can keep working on boards cached in IndexedDB.
   */
  async function load(meetingId: string, token: string): Promise<void> {
    if (meeting.value?.id !== meetingId) {
      meeting.value = null;
      boardList.value = [];
      presence.value = [];
    }
    status.value = meeting.value ? status.value : 'loading';
    error.value = null;
    try {
      const view = await api.fetchMeeting(meetingId, token);
      setMeeting(view);
      fromCache.value = false;
      saveCachedMeeting(view, meetingId);
      status.value = 'ready';
    } catch (err) {
      const apiError =
        err instanceof ApiRequestError ? err : new ApiRequestError(0, 'network', String(err));
      const cached = apiError.network ? loadCachedMeeting(meetingId) : null;
      if (cached && cached.id === meetingId) {
        if (!meeting.value) setMeeting(cached);
        fromCache.value = true;
        status.value = 'ready';
        return;
      }
      error.value = apiError;
      status.value = 'error';
    }
  }

  function applySnapshot(state: MeetingState): void {
    boardList.value = state.boards;
    presence.value = state.presence;
  }

  function applySlice(update: SliceUpdate): void {
    if (update.slice === 'boards') boardList.value = update.value;
    else presence.value = update.value;
  }

  /** Puts a board returned by the API into the list before the socket's slice arrives. */
  function upsertBoard(board: BoardInfo): void {
    const rest = boardList.value.filter((b) => b.id !== board.id);
    boardList.value = [...rest, board];
  }

  async function createBoard(token: string, body: CreateBoardBody): Promise<BoardInfo> {
    const id = meeting.value?.id;
    if (!id) throw new ApiRequestError(0, 'not_found', 'no meeting');
    const board = await api.createBoard(id, token, body);
    upsertBoard(board);
    return board;
  }

  async function renameBoard(token: string, boardId: string, title: string): Promise<BoardInfo> {
    const id = meeting.value?.id;
    if (!id) throw new ApiRequestError(0, 'not_found', 'no meeting');
    const board = await api.updateBoard(id, boardId, token, { title });
    upsertBoard(board);
    return board;
  }

  function reset(): void {
    meeting.value = null;
    boardList.value = [];
    presence.value = [];
    status.value = 'idle';
    error.value = null;
    fromCache.value = false;
  }

  return {
    meeting,
    boards,
    presence,
    status,
    error,
    fromCache,
    me,
    role,
    canEdit,
    isFacilitator,
    load,
    applySnapshot,
    applySlice,
    upsertBoard,
    createBoard,
    renameBoard,
    reset,
  };
});
