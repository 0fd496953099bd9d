/**
 * The open meeting: its view from the HTTP API, then a mirror of the meeting-level state the
 * socket sends (`state:snapshot` on every connect, `state:slice` on every change).
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { canFacilitate, canWrite } from '@shared/domain';
import { compareBoards } from '@shared/landing-board';
import type {
  BoardInfo,
  CreateBoardBody,
  Me,
  MeetingView,
  UpdateMeBody,
} from '@shared/schemas/http';
import type { MeetingState, PresenceEntry, SliceUpdate } from '@shared/schemas/socket';
import { ApiRequestError } from '@client/api/client';
import * as api from '@client/api/meetings';
import { loadCachedMeeting, saveCachedMeeting } from '@client/lib/storage';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** How long the meeting fetch may take before the cached view is shown instead. */
const CACHE_FALLBACK_MS = 3000;

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
  const boards = computed(() => [...boardList.value].sort(compareBoards));

  function setMeeting(view: MeetingView): void {
    meeting.value = view;
    boardList.value = view.boards;
  }

  /**
   * Shows `view` at once (the answer of POST /api/join carries it): the meeting page opens
   * its sockets without waiting for GET /api/meetings/:id, which `load` still makes.
   */
  function prime(view: MeetingView): void {
    if (meeting.value?.id !== view.id) presence.value = [];
    setMeeting(view);
    fromCache.value = false;
    saveCachedMeeting(view, view.id);
    status.value = 'ready';
    error.value = null;
  }

  /**
   * Fetches the meeting with `token`. A page that shows nothing live yet shows the view this
   * browser cached last at once, so a reload opens its sockets and the board from IndexedDB
   * without waiting a round trip (2 s on a weak hall link); the answer replaces it. That view
   * counts as "from the cache" (the banner) only when the server cannot be reached or has not
   * answered within `CACHE_FALLBACK_MS` (a hall network that swallows packets rather than
   * refusing them): people keep working on boards cached in IndexedDB, and a late answer still
   * replaces it. An answer that refuses (a revoked token, a deleted meeting) takes it away.
   * Only the newest call applies its result.
   */
  let loadSeq = 0;
  async function load(meetingId: string, token: string): Promise<void> {
    const seq = ++loadSeq;
    if (meeting.value?.id !== meetingId) {
      meeting.value = null;
      boardList.value = [];
      presence.value = [];
    }
    status.value = meeting.value ? status.value : 'loading';
    error.value = null;
    const stored = loadCachedMeeting(meetingId);
    const cached = stored?.id === meetingId ? stored : null;
    const showsCached = cached !== null && meeting.value === null;
    if (showsCached) {
      setMeeting(cached);
      status.value = 'ready';
    }
    const useCache = (): boolean => {
      if (!cached) return false;
      if (!meeting.value) setMeeting(cached);
      fromCache.value = true;
      status.value = 'ready';
      return true;
    };
    const fallback = setTimeout(() => {
      // Only a view shown from the cache becomes "the cached copy": without a cached view
      // there is nothing to fall back on, and a live view stays live while it is refetched.
      if (seq === loadSeq && showsCached) useCache();
    }, CACHE_FALLBACK_MS);
    try {
      const view = await api.fetchMeeting(meetingId, token);
      if (seq !== loadSeq) return;
      setMeeting(view);
      fromCache.value = false;
      saveCachedMeeting(view, meetingId);
      status.value = 'ready';
    } catch (err) {
      if (seq !== loadSeq) return;
      const apiError =
        err instanceof ApiRequestError ? err : new ApiRequestError(0, 'network', String(err));
      if (apiError.network && useCache()) return;
      if (showsCached) {
        meeting.value = null;
        boardList.value = [];
      }
      error.value = apiError;
      status.value = 'error';
    } finally {
      clearTimeout(fallback);
    }
  }

  /**
   * Keeps the cached view's board list current, so a board added or locked during the
   * meeting is still there when the page is reloaded offline.
   */
  function cacheBoards(boards: BoardInfo[]): void {
    const current = meeting.value;
    if (current && !fromCache.value) saveCachedMeeting({ ...current, boards }, current.id);
  }

  function applySnapshot(state: MeetingState): void {
    boardList.value = state.boards;
    presence.value = state.presence;
    cacheBoards(state.boards);
  }

  function applySlice(update: SliceUpdate): void {
    if (update.slice === 'boards') {
      boardList.value = update.value;
      cacheBoards(update.value);
    } else if (update.slice === 'presence') presence.value = update.value;
    // Other slices (votes, scores, decisions) are mirrored by their own stores.
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

  /** Replaces the view (and its cached copy) with `change` applied. */
  function patchMeeting(change: Partial<MeetingView>): void {
    const current = meeting.value;
    if (!current) return;
    const next = { ...current, ...change };
    meeting.value = next;
    saveCachedMeeting({ ...next, boards: boardList.value }, next.id);
  }

  /** Changes this person's display name or department (PATCH …/me). */
  async function updateMe(token: string, body: UpdateMeBody): Promise<Me> {
    const id = meeting.value?.id;
    if (!id) throw new ApiRequestError(0, 'not_found', 'no meeting');
    const me = await api.updateMe(id, token, body);
    if (meeting.value?.id === id) patchMeeting({ me });
    return me;
  }

  /** Rotates the join code (facilitator); the old code stops admitting people at once. */
  async function rotateJoinCode(token: string): Promise<string> {
    const id = meeting.value?.id;
    if (!id) throw new ApiRequestError(0, 'not_found', 'no meeting');
    const { joinCode } = await api.rotateJoinCode(id, token);
    if (meeting.value?.id === id) patchMeeting({ joinCode });
    return joinCode;
  }

  function reset(): void {
    loadSeq++;
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
    prime,
    applySnapshot,
    applySlice,
    upsertBoard,
    createBoard,
    renameBoard,
    updateMe,
    rotateJoinCode,
    reset,
  };
});
