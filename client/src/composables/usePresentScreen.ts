/**
 * The projector screen's wiring: the token it was opened with (the observer link), the
 * meeting, the live state, and the board to show, which follows the facilitator (follow-me's
 * board, else the current step's, else the district-wide board). Read-only throughout.
 */
import { computed, onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { boardView, type CardView, type Quadrant } from '@shared/doc/swot-board';
import { CLIENT_BOARD_KINDS } from '@client/boards/board-kinds';
import { useBoardSession } from '@client/boards/useBoardSession';
import { loadPresentToken } from '@client/lib/links';
import { useFacilitationStore } from '@client/stores/facilitation-store';
import { useMeetingStore } from '@client/stores/meeting-store';
import { useSessionStore } from '@client/stores/session-store';
import { useVotingStore } from '@client/stores/voting-store';
import { useMeetingSocket } from './useMeetingSocket';

export interface UsePresentScreenOptions {
  meetingId: MaybeRefOrGetter<string>;
}

const EMPTY: Record<Quadrant, CardView[]> = {
  strengths: [],
  weaknesses: [],
  opportunities: [],
  threats: [],
};

export function usePresentScreen(options: UsePresentScreenOptions) {
  const store = useMeetingStore();
  const state = useFacilitationStore();
  const voting = useVotingStore();
  const session = useSessionStore();
  const meetingId = computed(() => toValue(options.meetingId));
  const token = computed(
    () => loadPresentToken(meetingId.value) ?? session.tokenFor(meetingId.value),
  );

  watch(
    [meetingId, token],
    ([id, t]) => {
      if (t) void store.load(id, t);
    },
    { immediate: true },
  );
  const liveToken = computed(() =>
    store.status === 'ready' && store.meeting?.id === meetingId.value ? token.value : null,
  );
  const socket = useMeetingSocket({
    token: liveToken,
    onSnapshot: (snapshot, receivedAt) => {
      store.applySnapshot(snapshot);
      state.applySnapshot(snapshot, receivedAt);
      voting.applySnapshot(snapshot);
    },
    onSlice: (update, clock) => {
      store.applySlice(update);
      state.applySlice(update);
      voting.applySlice(update);
      if (clock) state.noteClock(clock.serverTime, clock.receivedAt);
    },
    // The join code was rotated: show the new one.
    onMeChanged: () => {
      if (token.value) void store.load(meetingId.value, token.value);
    },
  });
  onScopeDispose(() => state.reset());

  const board = computed(() => {
    const id =
      state.follow.boardId ??
      state.currentStep?.boardId ??
      store.boards.find((b) => b.department === null)?.id ??
      null;
    return store.boards.find((b) => b.id === id) ?? null;
  });

  const boardSession = useBoardSession({
    // Any kind: SWOT boards are drawn here, the others by their projector views.
    room: () => board.value?.id ?? null,
    kind: () => (board.value ? CLIENT_BOARD_KINDS[board.value.kind].session : null),
    token: liveToken,
    readonly: true,
  });
  const cards = computed(() => {
    void boardSession.revision.value;
    const doc = boardSession.doc.value;
    return doc && board.value?.kind === 'swot' ? boardView(doc) : EMPTY;
  });
  const spotlight = computed(() => {
    const id = board.value && state.follow.boardId === board.value.id ? state.follow.cardId : null;
    if (!id) return null;
    for (const list of Object.values(cards.value)) {
      const card = list.find((c) => c.id === id);
      if (card) return card;
    }
    return null;
  });

  /** People online per department (each person once, whatever their number of tabs). */
  const onlineByDepartment = computed(() => {
    const seen = new Map<string, Set<string>>();
    for (const p of store.presence) {
      if (p.role === 'observer') continue;
      const key = p.department ?? '';
      const set = seen.get(key) ?? new Set<string>();
      set.add(p.participantId);
      seen.set(key, set);
    }
    return [...seen.entries()]
      .map(([department, people]) => ({ department, count: people.size }))
      .sort((a, b) => a.department.localeCompare(b.department, 'vi'));
  });

  return {
    store,
    state,
    voting,
    socket,
    token,
    board,
    boardSession,
    cards,
    spotlight,
    onlineByDepartment,
  };
}
