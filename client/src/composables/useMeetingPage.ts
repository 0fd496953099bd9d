/**
 * Everything the meeting workspace needs, wired together: the token of this meeting, the
 * meeting view and its live state (HTTP then Socket.io), the open board's document, presence
 * reporting, the connection indicator and the undo shortcuts. The view only renders.
 */
import {
  computed,
  onScopeDispose,
  ref,
  shallowRef,
  toValue,
  watch,
  type MaybeRefOrGetter,
} from 'vue';
import { useRouter } from 'vue-router';
import { CloseCode } from '@shared/constants';
import type { CardAuthor } from '@shared/doc/swot-board';
import type { BoardKind, Role } from '@shared/domain';
import { landingBoard } from '@shared/landing-board';
import type { BoardInfo, UpdateMeBody } from '@shared/schemas/http';
import type { SocketError } from '@shared/schemas/socket';
import { useFacilitationStore } from '@client/stores/facilitation-store';
import { useMeetingStore } from '@client/stores/meeting-store';
import { useSessionStore } from '@client/stores/session-store';
import { useVotingStore } from '@client/stores/voting-store';
import { CLIENT_BOARD_KINDS } from '@client/boards/board-kinds';
import { heldJoinBoardId, takeJoinBoardState } from '@client/boards/join-board-state';
import { useBoardSession } from '@client/boards/useBoardSession';
import { draftRoomName } from '@shared/facilitation/drafts';
import { editedItemExcerpts } from '@client/lib/presence';
import { useConnection } from './useConnection';
import { useFacilitation } from './useFacilitation';
import { useMeetingSocket } from './useMeetingSocket';
import { useParticipants } from './useParticipants';
import { usePresenceReporter } from './usePresenceReporter';
import { useUndoShortcuts } from './useUndoShortcuts';

/** Wait before loading the meeting again after the server could not be reached. */
const LOAD_RETRY_MS = 4000;

/** `meeting:error` code the server sends to a participant it removes. */
const REMOVED_CODE = 'removed';
/** Reason of the Yjs close (4403) that removal causes; other 4403s are other refusals. */
const REMOVED_REASON = /removed/i;

export interface UseMeetingPageOptions {
  meetingId: MaybeRefOrGetter<string>;
  boardId: MaybeRefOrGetter<string | null>;
}

export function useMeetingPage(options: UseMeetingPageOptions) {
  const router = useRouter();
  const session = useSessionStore();
  const store = useMeetingStore();
  const facilitationState = useFacilitationStore();
  const voting = useVotingStore();
  const meetingId = computed(() => toValue(options.meetingId));
  const token = computed(() => session.tokenFor(meetingId.value));
  const socketError = shallowRef<SocketError | null>(null);
  /** The token was refused (HTTP 401, socket refusal or WebSocket 4401). */
  const tokenRefused = ref(false);
  /** The facilitator removed this person (now, or before this page was loaded). */
  const removed = computed(() => session.isRemoved(meetingId.value));

  /**
   * Removal arrives as Socket.io `meeting:error {code: "removed"}` and as a Yjs close 4403
   * "removed from the meeting", in either order. Both channels are closed by the server and
   * neither is retried; forgetting the token also closes what is left on this side.
   */
  function onRemoved(): void {
    if (removed.value) return;
    session.markRemoved(meetingId.value);
  }

  // --- meeting view and live state ------------------------------------------------
  async function load(): Promise<void> {
    const t = token.value;
    if (!t) return;
    await store.load(meetingId.value, t);
    const view = store.meeting;
    if (store.error?.unauthorized) {
      tokenRefused.value = true;
      session.clearToken(meetingId.value);
      return;
    }
    if (view && !store.fromCache) {
      const known = session.knownMeeting(view.id);
      session.remember({
        id: view.id,
        title: view.title,
        district: view.district,
        date: view.date,
        role: view.me.role,
        joinCode: view.joinCode ?? known?.joinCode ?? null,
      });
    }
  }

  watch(
    [meetingId, token],
    ([, t]) => {
      if (!t) return;
      tokenRefused.value = false;
      socketError.value = null;
      void load();
    },
    { immediate: true },
  );

  // A first load that failed for want of a network (and had no cached copy to fall back
  // on) is tried again on its own, and at once when the browser says it is back online:
  // nobody in the hall should have to find the retry button when the Wi-Fi returns.
  const loadFailedForNetwork = computed(
    () =>
      store.status === 'error' &&
      store.error !== null &&
      (store.error.network || store.error.status >= 500),
  );
  let loadRetry: ReturnType<typeof setTimeout> | null = null;
  const retryLoad = (): void => {
    if (loadRetry !== null) clearTimeout(loadRetry);
    loadRetry = null;
    if (loadFailedForNetwork.value && token.value) void load();
  };
  watch(loadFailedForNetwork, (failed) => {
    if (loadRetry !== null) clearTimeout(loadRetry);
    loadRetry = failed ? setTimeout(retryLoad, LOAD_RETRY_MS) : null;
  });
  window.addEventListener('online', retryLoad);
  onScopeDispose(() => {
    if (loadRetry !== null) clearTimeout(loadRetry);
    window.removeEventListener('online', retryLoad);
  });

  const liveToken = computed(() =>
    store.status === 'ready' && store.meeting?.id === meetingId.value ? token.value : null,
  );

  const socket = useMeetingSocket({
    token: liveToken,
    onSnapshot: (state, receivedAt) => {
      store.applySnapshot(state);
      facilitationState.applySnapshot(state, receivedAt);
      voting.applySnapshot(state);
    },
    onSlice: (update, clock) => {
      store.applySlice(update);
      facilitationState.applySlice(update);
      voting.applySlice(update);
      if (clock) facilitationState.noteClock(clock.serverTime, clock.receivedAt);
    },
    onError: (error) => {
      if (error.code === REMOVED_CODE) onRemoved();
      else socketError.value = error;
    },
    onConnect: () => {
      // The view came from the cache while offline: fetch the real one now.
      if (store.fromCache) void load();
    },
    onMeChanged: () => void load(),
  });
  watch(socket.refused, (refused) => {
    if (refused) tokenRefused.value = true;
  });

  // --- which board is open ----------------------------------------------------------
  const routeBoardId = computed(() => toValue(options.boardId) ?? null);
  const activeBoard = computed(() => store.boards.find((b) => b.id === routeBoardId.value) ?? null);
  const boardMissing = computed(
    () => routeBoardId.value !== null && store.status === 'ready' && activeBoard.value === null,
  );

  watch(
    [() => store.boards, routeBoardId, () => store.status],
    () => {
      if (routeBoardId.value !== null || store.status !== 'ready') return;
      // Follow-me is not known before the meeting socket's snapshot; when it is on, useFacilitation
      // takes this screen to the room's board as soon as the snapshot comes.
      const follow = facilitationState.received ? facilitationState.follow : null;
      // Before the snapshot, the board the join answer carried is the server's landing board
      // under the stored follow state.
      const carried = follow === null ? heldJoinBoardId() : null;
      const board =
        store.boards.find((b) => b.id === carried) ??
        landingBoard(store.boards, store.me?.department ?? null, follow);
      if (board) {
        void router.replace({
          name: 'meeting',
          params: { meetingId: meetingId.value, boardId: board.id },
        });
      }
    },
    { immediate: true },
  );

  /**
   * Private writing on the open board: participants write into their own draft, and the
   * shared board is read-only for them meanwhile (nobody is influenced before the reveal).
   */
  const privateWriting = computed(
    () =>
      activeBoard.value !== null &&
      facilitationState.boardState(activeBoard.value.id)?.private === true,
  );
  const writesToDraft = computed(
    () => privateWriting.value && store.canEdit && !store.isFacilitator,
  );
  const boardReadonly = computed(() => {
    if (!store.canEdit) return true;
    if (writesToDraft.value) return true;
    return activeBoard.value?.locked === true && !store.isFacilitator;
  });

  const author = computed<CardAuthor | null>(() => {
    const me = store.me;
    if (!me) return null;
    return { id: me.participantId ?? me.role, name: me.name, department: me.department ?? '' };
  });

  const activeKind = computed(() =>
    activeBoard.value ? CLIENT_BOARD_KINDS[activeBoard.value.kind] : null,
  );
  const board = useBoardSession({
    room: () => (tokenRefused.value || removed.value ? null : (activeBoard.value?.id ?? null)),
    kind: () => activeKind.value?.session ?? null,
    token: liveToken,
    readonly: boardReadonly,
    // The landing board's state from the join answer: shown before its WebSocket syncs.
    initialState: takeJoinBoardState,
  });
  /** This person's own draft of the open board, open while private writing is on. */
  const draft = useBoardSession({
    room: () =>
      tokenRefused.value || removed.value || !writesToDraft.value || !activeBoard.value
        ? null
        : draftRoomName(activeBoard.value.id),
    kind: () => activeKind.value?.session ?? null,
    token: liveToken,
    readonly: () => activeBoard.value?.locked === true,
  });

  const facilitation = useFacilitation({
    meetingId,
    socket,
    activeBoardId: () => activeBoard.value?.id ?? null,
    isFacilitator: () => store.isFacilitator,
    onError: (error) => {
      socketError.value = error;
    },
  });
  onScopeDispose(() => facilitationState.reset());

  /**
   * Excerpts of the items people edit on the open board, for "X is editing …" in the presence
   * list. The same map (and so the same function below) while they read the same: the list,
   * and the page that passes it, then do not re-render on every keystroke.
   */
  const editedExcerpts = computed<ReadonlyMap<string, string | null>>((previous) => {
    void board.revision.value;
    const doc = board.doc.value;
    const kind = activeKind.value;
    return editedItemExcerpts(
      store.presence,
      activeBoard.value?.id ?? null,
      (itemId) => (doc && kind ? kind.itemLabel(doc, itemId) : null),
      previous,
    );
  });
  /** Label (its excerpt) of an item of the open board, for the presence list. */
  const itemLabel = computed(() => {
    const excerpts = editedExcerpts.value;
    return (itemId: string): string | null => excerpts.get(itemId) ?? null;
  });
  watch(board.closed, (closed) => {
    if (closed?.code === CloseCode.unauthorized) tokenRefused.value = true;
    if (closed?.code === CloseCode.forbidden && REMOVED_REASON.test(closed.reason)) onRemoved();
  });

  // --- role changes ('me:changed' refetches the view) -----------------------------------
  /** The role this person was given while the page was open, until dismissed. */
  const roleChangedTo = ref<Role | null>(null);
  watch(
    () => store.me?.role,
    (role, previous) => {
      if (role && previous && role !== previous) roleChangedTo.value = role;
    },
  );

  const boardRoot = ref<HTMLElement | null>(null);

  usePresenceReporter({
    socket,
    boardId: () => activeBoard.value?.id ?? null,
    editingCardId: () => board.editingItemId.value,
  });

  useUndoShortcuts({
    root: boardRoot,
    enabled: () => !boardReadonly.value && board.loaded.value,
    undo: board.undo,
    redo: board.redo,
  });

  // --- the connection indicator -----------------------------------------------------
  const hasBoard = computed(() => activeBoard.value !== null);
  const connection = useConnection({
    linkStatus: () => (hasBoard.value ? board.status.value : socket.status.value),
    ready: () => (hasBoard.value ? board.synced.value : true),
    unsaved: () => board.unsaved.value + draft.unsaved.value,
    closed: () => board.closed.value !== null || socket.refused.value,
  });

  // --- facilitator actions ------------------------------------------------------------
  async function createBoard(input: {
    kind?: BoardKind;
    title: string;
    department: string | null;
  }): Promise<BoardInfo> {
    const t = token.value;
    if (!t) throw new Error('no token');
    const created = await store.createBoard(t, {
      kind: input.kind ?? 'swot',
      title: input.title,
      ...(input.department ? { department: input.department } : {}),
    });
    await router.push({
      name: 'meeting',
      params: { meetingId: meetingId.value, boardId: created.id },
    });
    return created;
  }

  /** Locks or unlocks the open board (facilitator); the boards slice brings the new state. */
  async function toggleLock(): Promise<void> {
    const current = activeBoard.value;
    if (!current) return;
    const result = await socket.lockBoard({ boardId: current.id, locked: !current.locked });
    if (!result.ok) socketError.value = result.error;
  }

  async function renameBoard(boardId: string, title: string): Promise<void> {
    const t = token.value;
    if (!t) throw new Error('no token');
    await store.renameBoard(t, boardId, title);
  }

  /** Issues a new join code (facilitator); the shown code and QR follow. */
  async function rotateJoinCode(): Promise<string> {
    const t = token.value;
    if (!t) throw new Error('no token');
    const joinCode = await store.rotateJoinCode(t);
    const view = store.meeting;
    if (view) {
      session.remember({
        id: view.id,
        title: view.title,
        district: view.district,
        date: view.date,
        role: view.me.role,
        joinCode,
      });
    }
    return joinCode;
  }

  // --- the participant list (facilitator) ------------------------------------------------
  const participantsOpen = ref(false);
  watch(
    () => store.isFacilitator,
    (isFacilitator) => {
      if (!isFacilitator) participantsOpen.value = false;
    },
  );
  const participants = useParticipants({
    meetingId,
    token,
    enabled: () => store.isFacilitator && participantsOpen.value && !removed.value,
    presence: () => store.presence,
    departments: () => store.meeting?.departments ?? [],
  });

  // --- my display name and department ------------------------------------------------------
  /** Changes my name (and, for participants, department); the presence slice follows. */
  async function updateProfile(body: UpdateMeBody): Promise<void> {
    const t = token.value;
    if (!t) throw new Error('no token');
    const me = await store.updateMe(t, body);
    if (me.role === 'participant' && me.department !== null) {
      session.setProfile({ name: me.name, department: me.department });
    }
  }

  return {
    store,
    session,
    token,
    tokenRefused,
    loadFailedForNetwork,
    removed,
    roleChangedTo,
    socket,
    socketError,
    activeBoard,
    boardMissing,
    boardReadonly,
    author,
    board,
    draft,
    privateWriting,
    writesToDraft,
    facilitation,
    itemLabel,
    boardRoot,
    connection,
    load,
    createBoard,
    renameBoard,
    toggleLock,
    rotateJoinCode,
    participantsOpen,
    participants,
    updateProfile,
  };
}
