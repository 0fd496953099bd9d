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
