/**
 * The facilitator's side of the meeting state, mirrored from the socket: agenda, timer,
 * follow-me and spotlight, raised hands, and each board's private flag and (for facilitators)
 * draft counts. Also the offset of this device's clock from the server's, taken from each
 * snapshot's `serverTime`, so the timer shows the server's deadline on every screen alike.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { clockOffset } from '@shared/facilitation/timer';
import type {
  AgendaSlice,
  FollowSlice,
  HandsSlice,
  TimerSlice,
} from '@shared/schemas/facilitation';
import type { BoardState, MeetingSnapshot, SliceUpdate } from '@shared/schemas/socket';

const EMPTY_AGENDA: AgendaSlice = { steps: [], currentStepId: null };
const IDLE_TIMER: TimerSlice = { status: 'idle', endsAt: null, remainingMs: null };
const NO_FOLLOW: FollowSlice = { on: false, boardId: null, cardId: null };

export const useFacilitationStore = defineStore('facilitation', () => {
  const agenda = shallowRef<AgendaSlice>(EMPTY_AGENDA);
  const timer = shallowRef<TimerSlice>(IDLE_TIMER);
  const follow = shallowRef<FollowSlice>(NO_FOLLOW);
  const hands = shallowRef<HandsSlice>([]);
  const boardStates = shallowRef<BoardState[]>([]);
  /** Add to `Date.now()` to get the server's clock. */
  const offsetMs = ref(0);
  /** A snapshot arrived: the slices are the server's, not the empty defaults. */
  const received = ref(false);

  const currentStep = computed(
    () => agenda.value.steps.find((s) => s.id === agenda.value.currentStepId) ?? null,
  );
  const currentIndex = computed(() =>
    agenda.value.steps.findIndex((s) => s.id === agenda.value.currentStepId),
  );
  const boardState = (boardId: string | null): BoardState | null =>
    boardStates.value.find((b) => b.id === boardId) ?? null;

  /** The server's clock now, as this device best knows it. */
  const serverNow = (): number => Date.now() + offsetMs.value;

  function applySnapshot(state: MeetingSnapshot, receivedAt: number): void {
    offsetMs.value = clockOffset(state.serverTime, receivedAt);
    agenda.value = state.agenda;
    timer.value = state.timer;
    follow.value = state.follow;
    hands.value = state.hands;
    boardStates.value = state.boards;
    received.value = true;
  }

  function applySlice(update: SliceUpdate): void {
    switch (update.slice) {
      case 'agenda':
        agenda.value = update.value;
        break;
      case 'timer':
        timer.value = update.value;
        break;
      case 'follow':
        follow.value = update.value;
        break;
      case 'hands':
        hands.value = update.value;
        break;
      case 'boards':
        boardStates.value = update.value;
        break;
      default:
        break;
    }
  }

  function reset(): void {
    agenda.value = EMPTY_AGENDA;
    timer.value = IDLE_TIMER;
    follow.value = NO_FOLLOW;
    hands.value = [];
    boardStates.value = [];
    received.value = false;
  }

  return {
    agenda,
    timer,
    follow,
    hands,
    boardStates,
    offsetMs,
    received,
    currentStep,
    currentIndex,
    boardState,
    serverNow,
    applySnapshot,
    applySlice,
    reset,
  };
});
