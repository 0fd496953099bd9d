/**
 * Meeting-level realtime over Socket.io: presence and the board list now, the rest of the
 * meeting state (agenda, timer, locks, votes) later, all as slices of `MeetingState`.
 *
 * Every (re)connect gets the whole state in `state:snapshot`, so a client that was offline
 * needs no replay of missed events; afterwards each change goes out as one `state:slice`.
 * Every payload a client sends is validated with its zod schema from shared/ before a
 * handler sees it; unknown events are logged and ignored.
 */
import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import type { z } from 'zod';
import {
  ClientEventSchemas,
  FACILITATOR_EVENTS,
  type Ack,
  type ClientEventName,
  type ClientToServerEvents,
  type MeetingState,
  type ServerToClientEvents,
  type SliceUpdate,
} from '@shared/schemas/socket';
import { canFacilitate } from '@shared/domain';
import { originAllowed } from '../../http/origin-policy';
import { errorFields, type Logger } from '../../logger';
import { TokenBucket } from '../limits/token-bucket';
import { AppError } from '../../services/errors';
import type { MeetingEvents } from '../../services/meeting-events';
import type { AuthContext, MeetingService } from '../../services/meeting-service';
import { PresenceTracker } from './presence-tracker';

interface SocketData {
  auth: AuthContext;
}
type MeetingSocket = Socket<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;
type MeetingServer = Server<
  ClientToServerEvents,
  ServerToClientEvents,
  Record<string, never>,
  SocketData
>;

export interface MeetingSocketOptions {
  meetings: MeetingService;
  events: MeetingEvents;
  log: Logger;
  /** Largest Socket.io message, in bytes. */
  maxMessageBytes: number;
  /** Sustained events per second per socket; a socket over it is disconnected. */
  eventsPerSecond: number;
  /** Browser origins allowed besides the server's own. */
  allowedOrigins: readonly string[];
}

const roomOf = (meetingId: string): string => `meeting:${meetingId}`;

/** Delay that folds a burst of presence changes into one broadcast. */
const PRESENCE_COALESCE_MS = 50;

export class MeetingRealtime {
  readonly io: MeetingServer;
  private readonly presence = new PresenceTracker();
  private readonly presenceTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    httpServer: HttpServer,
    private readonly options: MeetingSocketOptions,
  ) {
    this.io = new Server(httpServer, {
      // The Yjs endpoint shares the HTTP server's upgrade event: do not end its sockets.
      destroyUpgrade: false,
      maxHttpBufferSize: options.maxMessageBytes,
      serveClient: false,
      allowRequest: (req, callback) => callback(null, originAllowed(req, options.allowedOrigins)),
    });
    this.io.use((socket, next) => {
      const token: unknown = (socket.handshake.auth as Record<string, unknown> | undefined)?.token;
      options.meetings
        .authenticate(token)
        .then((auth) => {
          if (!auth) {
            const err = new Error('unauthorized') as Error & { data?: unknown };
            err.data = { code: 'unauthorized', message: 'invalid or expired token' };
            next(err);
            return;
          }
          socket.data.auth = auth;
          next();
        })
        .catch((err: unknown) => {
          options.log.error('socket auth failed', errorFields(err));
          next(new Error('internal'));
        });
    });
    this.io.on('connection', (socket) => void this.onConnection(socket));

    options.events.on('boards-changed', (meetingId) => void this.publishBoards(meetingId));
    options.events.on('participant-removed', (meetingId, participantId) => {
      for (const socket of this.socketsOf(meetingId, participantId)) {
        socket.emit('meeting:error', {
          code: 'removed',
          message: 'you were removed from the meeting',
        });
        socket.disconnect(true);
      }
    });
    options.events.on('participant-role-changed', (meetingId, participantId) => {
      void this.refreshRole(meetingId, participantId);
    });
    options.events.on('participant-changed', (meetingId, p) => {
      this.presence.rename(meetingId, p.participantId, p.name, p.department);
      this.schedulePresence(meetingId);
    });
  }

  /** The sockets of one participant in one meeting. */
  private socketsOf(meetingId: string, participantId: string): MeetingSocket[] {
    const out: MeetingSocket[] = [];
    for (const socket of this.io.of('/').sockets.values()) {
      const auth = socket.data.auth as AuthContext | undefined;
      if (auth?.meetingId === meetingId && auth.participantId === participantId) out.push(socket);
    }
    return out;
  }

  /** Picks up a participant's new role on their open sockets and tells them to refetch. */
  private async refreshRole(meetingId: string, participantId: string): Promise<void> {
    const sockets = this.socketsOf(meetingId, participantId);
    if (sockets.length === 0) return;
    const token = sockets[0]?.handshake.auth as Record<string, unknown> | undefined;
    const auth = await this.options.meetings.authenticate(token?.token);
    for (const socket of sockets) {
      if (auth) {
        socket.data.auth = auth;
        this.presence.add(socket.id, auth);
        socket.emit('me:changed');
      } else socket.disconnect(true);
    }
    this.schedulePresence(meetingId);
  }

  private async onConnection(socket: MeetingSocket): Promise<void> {
    const { log } = this.options;
    const meetingId = socket.data.auth.meetingId;
    await socket.join(roomOf(meetingId));
    this.presence.add(socket.id, socket.data.auth);

    const bucket = new TokenBucket(this.options.eventsPerSecond, this.options.eventsPerSecond * 3);
    socket.use((_packet, next) => {
      if (bucket.take()) {
        next();
        return;
      }
      log.warn('socket over its event rate; disconnecting', { socket: socket.id });
      socket.emit('meeting:error', { code: 'rate_limited', message: 'too many messages' });
      socket.disconnect(true);
    });
    socket.onAny((event: string) => {
      if (!Object.hasOwn(ClientEventSchemas, event))
        log.warn('unknown socket event ignored', { event, socket: socket.id });
    });

    this.on(socket, 'presence:set', (payload) => {
      if (this.presence.update(meetingId, socket.id, payload)) this.schedulePresence(meetingId);
    });
    this.on(socket, 'board:lock', async (payload) => {
      await this.options.meetings.setBoardLocked(socket.data.auth, payload.boardId, payload.locked);
    });
    socket.on('disconnect', () => {
      this.presence.remove(meetingId, socket.id);
      this.schedulePresence(meetingId);
    });

    try {
      socket.emit('state:snapshot', await this.snapshot(meetingId));
    } catch (err) {
      log.error('state snapshot failed', { meetingId, ...errorFields(err) });
      socket.emit('meeting:error', {
        code: 'internal',
        message: 'could not load the meeting state',
      });
    }
    this.schedulePresence(meetingId);
  }

  /**
   * Registers a handler that only ever sees a payload its schema accepted. A rejected
   * payload is answered with a `validation_failed` error (ack and `meeting:error`).
   */
  private on<E extends ClientEventName>(
    socket: MeetingSocket,
    event: E,
    handler: (payload: z.infer<(typeof ClientEventSchemas)[E]>) => void | Promise<void>,
  ): void {
    const schema = ClientEventSchemas[event];
    const listener = async (payload: unknown, ack?: unknown): Promise<void> => {
      const reply = (result: Ack): void => {
        if (typeof ack === 'function') (ack as (r: Ack) => void)(result);
      };
      if (FACILITATOR_EVENTS.has(event) && !canFacilitate(socket.data.auth.role)) {
        const error = { code: 'forbidden', message: `${event}: only the facilitator can do this` };
        socket.emit('meeting:error', error);
        reply({ ok: false, error });
        return;
      }
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const error = {
          code: 'validation_failed',
          message: `${event}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'payload'}: ${i.message}`).join('; ')}`,
        };
        socket.emit('meeting:error', error);
        reply({ ok: false, error });
        return;
      }
      try {
        await handler(parsed.data as z.infer<(typeof ClientEventSchemas)[E]>);
        reply({ ok: true });
      } catch (err) {
        const error =
          err instanceof AppError
            ? { code: err.code, message: err.message }
            : { code: 'internal', message: 'server error' };
        if (!(err instanceof AppError))
          this.options.log.error('socket handler failed', { event, ...errorFields(err) });
        socket.emit('meeting:error', error);
        reply({ ok: false, error });
      }
    };
    // Socket.io's typed `on` cannot express "validated later"; the listener takes unknown on purpose.
    (socket as unknown as Socket).on(event as string, (payload: unknown, ack?: unknown) => {
      void listener(payload, ack);
    });
  }

  async snapshot(meetingId: string): Promise<MeetingState> {
    return {
      boards: await this.options.meetings.listBoards(meetingId),
      presence: this.presence.list(meetingId),
    };
  }

  private emitSlice(meetingId: string, update: SliceUpdate): void {
    this.io.to(roomOf(meetingId)).emit('state:slice', update);
  }

  private async publishBoards(meetingId: string): Promise<void> {
    try {
      this.emitSlice(meetingId, {
        slice: 'boards',
        value: await this.options.meetings.listBoards(meetingId),
      });
    } catch (err) {
      this.options.log.error('board list broadcast failed', { meetingId, ...errorFields(err) });
    }
  }

  private schedulePresence(meetingId: string): void {
    if (this.presenceTimers.has(meetingId)) return;
    const timer = setTimeout(() => {
      this.presenceTimers.delete(meetingId);
      this.emitSlice(meetingId, { slice: 'presence', value: this.presence.list(meetingId) });
    }, PRESENCE_COALESCE_MS);
    this.presenceTimers.set(meetingId, timer);
  }

  async close(): Promise<void> {
    for (const t of this.presenceTimers.values()) clearTimeout(t);
    this.presenceTimers.clear();
    // No disconnect packet: clients see a transport close and reconnect on their own once
    // the server is back (a server-side disconnect would tell them not to).
    await new Promise<void>((resolve) => {
      void this.io.close(() => resolve());
    });
  }
}
