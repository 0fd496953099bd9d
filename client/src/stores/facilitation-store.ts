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
/** How long a clock sample counts. */
const CLOCK_SAMPLE_TTL_MS = 5 * 60_000;

export const useFacilitationStore = defineStore('facilitation', () => {
  const agenda = shallowRef<AgendaSlice>(EMPTY_AGENDA);
  const timer = shallowRef<TimerSlice>(IDLE_TIMER);
  const follow = shallowRef<FollowSlice>(NO_FOLLOW);
  const hands = shallowRef<HandsSlice>([]);
  const boardStates = shallowRef<BoardState[]>([]);
  /** Add to `Date.now()` to get the server's clock. */
  const offsetMs = ref(0);
  /**
   * Recent samples of the offset. Each is the true offset minus that message's delivery
   * delay (network, a busy page), so the largest recent one is the best; old ones age out
   * in case this device's clock was reset meanwhile.
   */
  let samples: { offset: number; at: number }[] = [];
  function noteClock(serverTime: number, receivedAt: number): void {
    samples = [
      ...samples.filter((s) => receivedAt - s.at < CLOCK_SAMPLE_TTL_MS),
      { offset: clockOffset(serverTime, receivedAt), at: receivedAt },
    ];
    offsetMs.value = Math.max(...samples.map((s) => s.offset));
  }
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
    noteClock(state.serverTime, receivedAt);
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
    samples = [];
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
    noteClock,
    reset,
  };
});
