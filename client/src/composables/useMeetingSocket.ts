/**
 * The meeting's Socket.io connection: receives the meeting state (snapshot on every connect,
 * then slices) and sends this person's presence. Payloads reach the store at once and are
 * checked against the shared zod schemas in the background (api/contract.ts), so zod stays off
 * the first page while a server that no longer matches this page is still reported.
 */
import { io, type Socket } from 'socket.io-client';
import {
  onScopeDispose,
  ref,
  shallowRef,
  toValue,
  watch,
  type MaybeRefOrGetter,
  type Ref,
} from 'vue';
import type {
  MeetingSnapshot,
  SocketError,
  SliceUpdate,
  Ack,
  BoardLock,
  ClientEventName,
  ClientToServerEvents,
  PresenceSet,
  ServerToClientEvents,
} from '@shared/schemas/socket';
import { checkInBackground } from '@client/api/contract';

export type SocketStatus = 'connecting' | 'connected' | 'disconnected';

export interface UseMeetingSocketOptions {
  /** Access token; no connection while null. A new token reconnects. */
  token: MaybeRefOrGetter<string | null>;
  /** The whole state, with `receivedAt` (this device's clock) for the clock offset. */
  onSnapshot: (state: MeetingSnapshot, receivedAt: number) => void;
  /** One slice's new value; `clock` is a sample of the server's clock, when the server sent one. */
  onSlice: (update: SliceUpdate, clock: { serverTime: number; receivedAt: number } | null) => void;
  /** Errors the server reports on the channel. */
  onError?: (error: SocketError) => void;
  /** Called after every (re)connect, after the handlers are in place. */
  onConnect?: () => void;
  /** The server says this person's role or profile changed: fetch the meeting again. */
  onMeChanged?: () => void;
}

export interface MeetingSocket {
  status: Ref<SocketStatus>;
  /** The server refused the token; the client stops retrying. */
  refused: Ref<boolean>;
  /** Tells the server which board is open and which card is being edited. */
  emitPresence: (presence: PresenceSet) => void;
  /** Locks or unlocks a board (facilitator); resolves with the server's answer. */
  lockBoard: (payload: BoardLock) => Promise<Ack>;
  /** Sends any client event and resolves with its acknowledgement (never rejects). */
  request: <E extends ClientEventName>(event: E, payload: EventPayloadOf<E>) => Promise<AckOf<E>>;
}

/** The payload of a client event. */
export type EventPayloadOf<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
/** The acknowledgement of a client event. */
export type AckOf<E extends ClientEventName> = Parameters<
  NonNullable<Parameters<ClientToServerEvents[E]>[1]>
>[0];

type TypedSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The server's `<meta name="bantron-socket-transports">` (server/http/static-client.ts). */
function websocketOnly(): boolean {
  return (
    document.querySelector('meta[name="bantron-socket-transports"]')?.getAttribute('content') ===
    'websocket'
  );
}

export function useMeetingSocket(options: UseMeetingSocketOptions): MeetingSocket {
  const status = ref<SocketStatus>('disconnected');
  const refused = ref(false);
  const socket = shallowRef<TypedSocket | null>(null);

  watch(
    () => toValue(options.token),
    (token, _old, onCleanup) => {
      refused.value = false;
      if (!token) {
        status.value = 'disconnected';
        return;
      }
      // Polling first, then the upgrade (Socket.io's default), although the board needs a
      // WebSocket anyway: a browser opens one WebSocket at a time per host (RFC 6455 4.1), so
      // with `transports: ['websocket']` the board's handshake waited for this one, a round
      // trip in series before typing (+2 s on the bench's slow 3G; docs/performance.md).
      // Where several instances share the meeting, the page says so (docs/deploy.md): no
      // sticky sessions there, so no long-polling either.
      const s: TypedSocket = io({
        auth: { token },
        reconnectionDelayMax: 5000,
        ...(websocketOnly() ? { transports: ['websocket'] } : {}),
      });
      socket.value = s;
      status.value = 'connecting';

      s.on('connect', () => {
        status.value = 'connected';
        options.onConnect?.();
      });
      let retry: ReturnType<typeof setTimeout> | null = null;
      s.on('disconnect', (reason) => {
        status.value = s.active ? 'connecting' : 'disconnected';
        // The server closed this socket on purpose (over its event rate, say), so Socket.io
        // will not retry: try again shortly. A removed person's token is gone by then (the
        // page forgets it on `meeting:error` "removed"), which ends this socket first.
        if (reason === 'io server disconnect') {
          if (retry !== null) clearTimeout(retry);
          retry = setTimeout(() => s.connect(), 5000);
        }
      });
      s.on('connect_error', (err) => {
        status.value = 'connecting';
        if (s.active) return;
        // The server's middleware refused the connection, so Socket.io will not retry. A
        // refused token is final; anything else (a server error) is worth another try.
        if (err.message === 'unauthorized') {
          refused.value = true;
          status.value = 'disconnected';
        } else {
          retry = setTimeout(() => s.connect(), 5000);
        }
      });
      s.on('state:snapshot', (payload) => {
        const receivedAt = Date.now();
        void checkInBackground('MeetingSnapshot', payload);
        options.onSnapshot(payload, receivedAt);
      });
      s.on('state:slice', (payload) => {
        const receivedAt = Date.now();
        void checkInBackground('SliceMessage', payload);
        const { serverTime, ...update } = payload;
        options.onSlice(
          update as SliceUpdate,
          serverTime === undefined ? null : { serverTime, receivedAt },
        );
      });
      s.on('meeting:error', (payload) => {
        void checkInBackground('SocketError', payload);
        options.onError?.(payload);
      });
      s.on('me:changed', () => options.onMeChanged?.());

      onCleanup(() => {
        if (retry !== null) clearTimeout(retry);
        s.removeAllListeners();
        s.disconnect();
        if (socket.value === s) socket.value = null;
      });
    },
    { immediate: true },
  );

  onScopeDispose(() => {
    socket.value?.removeAllListeners();
    socket.value?.disconnect();
    socket.value = null;
  });

  function emitPresence(presence: PresenceSet): void {
    const s = socket.value;
    if (s?.connected) s.emit('presence:set', presence);
  }

  function request<E extends ClientEventName>(
    event: E,
    payload: EventPayloadOf<E>,
  ): Promise<AckOf<E>> {
    const s = socket.value;
    const fail = (message: string) =>
      ({ ok: false, error: { code: 'network', message } }) as AckOf<E>;
    if (!s?.connected) return Promise.resolve(fail('not connected'));
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(fail('no answer')), 10_000);
      // The typed emit cannot be called with a generic event name; the map above types it.
      (s as unknown as Socket).emit(event, payload, (result: AckOf<E>) => {
        clearTimeout(timer);
        resolve(result);
      });
    });
  }

  function lockBoard(payload: BoardLock): Promise<Ack> {
    return request('board:lock', payload);
  }

  return { status, refused, emitPresence, lockBoard, request };
}
