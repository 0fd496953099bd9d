/** Typed Socket.io server and socket of the meeting channel. */
import type { Server, Socket } from 'socket.io';
import type { ClientToServerEvents, ServerToClientEvents } from '@shared/schemas/socket';
import type { AuthContext } from '../../services/meeting-service';

export interface SocketData {
  auth: AuthContext;
}
export type MeetingSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
export type MeetingServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
