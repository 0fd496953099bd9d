/**
 * The facilitator's controls and what they do to each screen: agenda moves, the timer,
 * follow-me ("bring everyone here", "back to the facilitator"), spotlight, private writing
 * and reveal, raised hands. Actions go to the server as socket events (the server decides);
 * screens move when the `follow` slice says so.
 */
import { computed, ref, toValue, watch, type MaybeRefOrGetter } from 'vue';
import { useRouter } from 'vue-router';
import type { AgendaStepInput } from '@shared/schemas/facilitation';
import type { z } from 'zod';
import type { ClientEventName, ClientEventSchemas, SocketError } from '@shared/schemas/socket';
import { useFacilitationStore } from '@client/stores/facilitation-store';
import type { MeetingSocket } from './useMeetingSocket';

export interface UseFacilitationOptions {
  meetingId: MaybeRefOrGetter<string>;
  socket: MeetingSocket;
  /** The board open on this screen. */
  activeBoardId: MaybeRefOrGetter<string | null>;
  isFacilitator: MaybeRefOrGetter<boolean>;
  /** A refused action (the server's code is shown translated). */
  onError: (error: SocketError) => void;
  /** Route name to navigate within (the workspace, or the projector screen). */
  routeName?: string;
}

export function useFacilitation(options: UseFacilitationOptions) {
  const router = useRouter();
  const state = useFacilitationStore();
  const isFacilitator = computed(() => toValue(options.isFacilitator));
  const activeBoardId = computed(() => toValue(options.activeBoardId));
  /** Last result of a reveal, for the facilitator's notice. */
  const lastRevealed = ref<number | null>(null);
  const busy = ref(false);

  async function send<E extends ClientEventName>(
    event: E,
    payload: z.input<(typeof ClientEventSchemas)[E]>,
  ): Promise<Record<string, unknown> | null> {
    busy.value = true;
    try {
      const answer = await options.socket.request(event, payload);
      if (!answer.ok) {
        options.onError(answer.error);
        return null;
      }
      return answer;
    } finally {
      busy.value = false;
    }
  }

  const goTo = (boardId: string): void => {
    if (boardId === activeBoardId.value) return;
    void router.push({
      name: options.routeName ?? 'meeting',
      params: { meetingId: toValue(options.meetingId), boardId },
    });
  };

  // Follow-me: when the facilitator moves the room (a step with a board, "bring everyone
  // here", a spotlight), every screen goes there; a screen that joins or reloads lands there.
  watch(
    () => [state.received, state.follow.on, state.follow.boardId, state.follow.cardId] as const,
    ([received, on, boardId]) => {
      if (received && on && boardId) goTo(boardId);
    },
    { immediate: true },
  );

  // The facilitator leads: while follow-me is on, opening a board takes everyone along.
  watch(activeBoardId, (boardId) => {
    if (!isFacilitator.value || !state.follow.on || !boardId) return;
    if (boardId !== state.follow.boardId) void send('focus:set', { boardId, cardId: null });
  });

  /** Follow-me is on and this participant is looking at another board than the room. */
  const away = computed(
    () =>
      !isFacilitator.value &&
      state.follow.on &&
      state.follow.boardId !== null &&
      activeBoardId.value !== state.follow.boardId,
  );
  const backToFacilitator = (): void => {
    if (state.follow.boardId) goTo(state.follow.boardId);
  };

  const steps = computed(() => state.agenda.steps);
  const goto = (stepId: string) => send('agenda:goto', { stepId });
  const next = () => {
    const step = steps.value[state.currentIndex + 1];
    return step ? goto(step.id) : Promise.resolve(null);
  };
  const previous = () => {
    const step = steps.value[state.currentIndex - 1];
    return step ? goto(step.id) : Promise.resolve(null);
  };

  async function reveal(boardId: string): Promise<void> {
    const answer = await send('board:reveal', { boardId });
    if (answer && typeof answer.revealed === 'number') lastRevealed.value = answer.revealed;
  }

  return {
    state,
    busy,
    away,
    lastRevealed,
    backToFacilitator,
    goto,
    next,
    previous,
    setAgenda: (input: AgendaStepInput[]) => send('agenda:set', { steps: input }),
    startTimer: (seconds: number) => send('timer:start', { seconds }),
    pauseTimer: () => send('timer:pause', {}),
    resumeTimer: () => send('timer:resume', {}),
    resetTimer: () => send('timer:reset', {}),
    addToTimer: (seconds: number) => send('timer:add', { seconds }),
    setFollow: (on: boolean) => send('follow:set', { on }),
    /** "Bring everyone here": follow-me on, everyone to this board. */
    async bringEveryone(boardId: string): Promise<void> {
      if (!state.follow.on) await send('follow:set', { on: true });
      await send('focus:set', { boardId, cardId: null });
    },
    spotlight: (boardId: string, cardId: string | null) => send('focus:set', { boardId, cardId }),
    setPrivate: (boardId: string, on: boolean) => send('board:private', { boardId, on }),
    reveal,
    raiseHand: () => send('hand:raise', {}),
    lowerHand: () => send('hand:lower', {}),
    clearHand: (participantId: string) => send('hand:clear', { participantId }),
  };
}

export type Facilitation = ReturnType<typeof useFacilitation>;
