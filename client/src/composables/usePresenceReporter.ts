/**
 * Tells the meeting which board this person has open and which card they are typing in.
 * Changes are throttled (focus hopping between cards sends one message), and the current
 * presence is sent again after every reconnect because the server forgets it on disconnect.
 */
import { onScopeDispose, toValue, watch, type MaybeRefOrGetter } from 'vue';
import type { PresenceSet } from '@shared/schemas/socket';
import { throttle } from '@client/lib/throttle';
import type { MeetingSocket } from './useMeetingSocket';

export interface UsePresenceReporterOptions {
  socket: MeetingSocket;
  boardId: MaybeRefOrGetter<string | null>;
  editingCardId: MaybeRefOrGetter<string | null>;
  /** Least time between two messages. */
  intervalMs?: number;
}

export function usePresenceReporter(options: UsePresenceReporterOptions): void {
  const current = (): PresenceSet => ({
    boardId: toValue(options.boardId),
    editingCardId: toValue(options.editingCardId),
  });
  const send = throttle((presence: PresenceSet) => {
    options.socket.emitPresence(presence);
  }, options.intervalMs ?? 300);

  watch([() => toValue(options.boardId), () => toValue(options.editingCardId)], () =>
    send.call(current()),
  );
  watch(options.socket.status, (status) => {
    if (status === 'connected') {
      send.cancel();
      options.socket.emitPresence(current());
    }
  });
  onScopeDispose(() => send.cancel());
}
