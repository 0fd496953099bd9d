/**
 * A real socket.io-client connected to a test server, recording every meeting-state event
 * it receives so tests can assert exactly what each client saw.
 */
import { io, type Socket } from 'socket.io-client';
import type {
  ClientToServerEvents,
  MeetingState,
  ServerToClientEvents,
  SocketError,
} from '@shared/schemas/socket';

export interface TestSocketClient {
  socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  /** The meeting state as this client mirrors it. */
  state: MeetingState | null;
  errors: SocketError[];
  snapshots: number;
  close(): void;
}

export function connectSocket(url: string, token: string | undefined): TestSocketClient {
  const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(url, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnectionDelay: 100,
    reconnectionDelayMax: 500,
  });
  const client: TestSocketClient = {
    socket,
    state: null,
    errors: [],
    snapshots: 0,
    close: () => socket.close(),
  };
  socket.on('state:snapshot', (state) => {
    client.state = state;
    client.snapshots++;
  });
  socket.on('state:slice', (update) => {
    if (!client.state) return;
    client.state = { ...client.state, [update.slice]: update.value };
  });
  socket.on('meeting:error', (error) => client.errors.push(error));
  return client;
}

/** A meeting event's acknowledgement (docs/api.md): `ok`, with a result or an error. */
export type AckResult =
  { ok: true; [k: string]: unknown } | { ok: false; error: { code: string; message?: string } };

/**
 * Sends `event` and resolves with the server's acknowledgement; the 5 s cap only stops a hang
 * (an event the server never answers rejects).
 */
export async function ask(
  client: TestSocketClient,
  event: string,
  payload: unknown,
): Promise<AckResult> {
  const timed = client.socket.timeout(5000) as unknown as {
    emitWithAck(e: string, p: unknown): Promise<unknown>;
  };
  return (await timed.emitWithAck(event, payload)) as AckResult;
}

/**
 * The facilitator turns follow-me on, on `boardId`, over a meeting socket of its own, and
 * closes it once both events are acknowledged.
 */
export async function followBoard(
  url: string,
  facilitatorToken: string,
  boardId: string,
): Promise<void> {
  const facilitator = connectSocket(url, facilitatorToken);
  try {
    for (const [event, payload] of [
      ['focus:set', { boardId, cardId: null }],
      ['follow:set', { on: true }],
    ] as const) {
      const ack = await ask(facilitator, event, payload);
      if (!ack.ok) throw new Error(`${event}: ${ack.error.code}`);
    }
  } finally {
    facilitator.close();
  }
}
