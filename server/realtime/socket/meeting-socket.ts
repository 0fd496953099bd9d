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
import { Server, type ServerOptions } from 'socket.io';
import { canFacilitate } from '@shared/domain';
import {
  type BoardState,
  type MeetingSnapshot,
  type MeetingState,
  type SliceUpdate,
} from '@shared/schemas/socket';
import { originAllowed } from '../../http/origin-policy';
import { errorFields, type Logger } from '../../logger';
import { TokenBucket } from '../limits/token-bucket';
import type { MeetingEvents } from '../../services/meeting-events';
import type { AuthContext, MeetingService } from '../../services/meeting-service';
import type { Audience, MeetingFeature, SliceSink } from './meeting-feature';
import { LocalPresence, type PresenceStore } from './presence-store';
import type { MeetingServer, MeetingSocket } from './socket-types';
import { ValidatedEvents } from './validated-events';

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
  /** Feature modules (facilitation, voting, …): their events and slices. */
  features?: readonly MeetingFeature[];
  /**
   * The `boards` slice as an audience sees it (facilitators also get draft counts); the
   * plain board list when omitted.
   */
  boards?: (meetingId: string, audience: Audience) => Promise<BoardState[]>;
  /** Where presence is kept; this process's memory unless scaled out (Redis). */
  presence?: PresenceStore;
  /** Socket.io adapter shared by several instances (the Redis Streams adapter). */
  adapter?: ServerOptions['adapter'];
  /**
   * Accept the WebSocket transport only. Several instances behind a balancer without sticky
   * sessions cannot serve HTTP long-polling (each request may reach another instance), so a
   * polling client is refused at its first request instead of failing at random later.
   */
  websocketOnly?: boolean;
}

const roomOf = (meetingId: string): string => `meeting:${meetingId}`;
/** The facilitators of a meeting: slices only they may see (draft counts) go here. */
const facilitatorsOf = (meetingId: string): string => `meeting:${meetingId}:facilitators`;

/** Delay that folds a burst of presence changes into one broadcast. */
const PRESENCE_COALESCE_MS = 50;

export class MeetingRealtime {
  readonly io: MeetingServer;
  private readonly presence: PresenceStore;
  private readonly presenceTimers = new Map<string, NodeJS.Timeout>();
  private readonly features: readonly MeetingFeature[];
  /** Every event handler, for every socket (one table: see validated-events.ts). */
  private readonly handlers: ValidatedEvents;
  /** Slices sent per meeting by this instance (see sendSnapshot); never reset, only compared. */
  private readonly slicesSent = new Map<string, number>();
  /** Board-list refreshes in progress per meeting, with the audiences asked for meanwhile. */
  private readonly boardRefreshes = new Map<string, { pending: Set<Audience> }>();

  constructor(
    httpServer: HttpServer,
    private readonly options: MeetingSocketOptions,
  ) {
    this.presence = options.presence ?? new LocalPresence();
    this.io = new Server(httpServer, {
      ...(options.adapter ? { adapter: options.adapter } : {}),
      ...(options.websocketOnly ? { transports: ['websocket' as const] } : {}),
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

    this.features = options.features ?? [];
    this.handlers = new ValidatedEvents(options.log);
    const on = this.handlers.on;
    on('presence:set', async (payload, auth, socketId) => {
      if (await this.presence.update(auth.meetingId, socketId, payload))
        this.presenceChanged(auth.meetingId);
    });
    on('board:lock', async (payload, auth) => {
      await options.meetings.setBoardLocked(auth, payload.boardId, payload.locked);
    });
    for (const feature of this.features) feature.register(on);
    const sink: SliceSink = {
      emit: (meetingId, update, audience) => this.emitSlice(meetingId, update, audience),
    };
    for (const feature of this.features) feature.start?.(sink);

    options.events.on('boards-changed', (meetingId) =>
      this.refreshBoards(meetingId, ['everyone', 'facilitators']),
    );
    // Draft counts are for facilitators only: nobody else's slice changes.
    options.events.on('drafts-changed', (meetingId) =>
      this.refreshBoards(meetingId, ['facilitators']),
    );
    options.events.on('participant-removed', (meetingId, participantId) => {
      for (const socket of this.socketsOf(meetingId, participantId)) {
        socket.emit('meeting:error', {
          code: 'removed',
          message: 'you were removed from the meeting',
        });
        socket.disconnect(true);
      }
    });
    // Those who see the join code (facilitators, the projector) fetch the meeting again.
    options.events.on('join-code-changed', (meetingId) => {
      for (const socket of this.io.of('/').sockets.values()) {
        const auth = socket.data.auth as AuthContext | undefined;
        if (auth?.meetingId === meetingId && auth.role !== 'participant') socket.emit('me:changed');
      }
    });
    options.events.on('participant-role-changed', (meetingId, participantId) => {
      void this.refreshRole(meetingId, participantId);
    });
    options.events.on('participant-changed', (meetingId, p) => {
      void this.guard(meetingId, async () => {
        await this.presence.rename(meetingId, p.participantId, p.name, p.department);
        this.presenceChanged(meetingId);
      });
    });
    // Every instance hears of every presence change and re-reads the shared list for its own
    // sockets; reading after the write makes each instance's last broadcast the latest.
    options.events.on('presence-changed', (meetingId) => this.schedulePresence(meetingId));
  }

  /** Runs presence work; a failure (Redis away) is logged, and the next change repairs it. */
  private async guard(meetingId: string, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      this.options.log.warn('presence update failed', { meetingId, ...errorFields(err) });
    }
  }

  /** Tells every instance (this one included) that a meeting's presence changed. */
  private presenceChanged(meetingId: string): void {
    this.options.events.emit('presence-changed', meetingId);
  }

  /** The sockets of one participant in one meeting, on this instance. */
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
        await this.guard(meetingId, () => this.presence.add(socket.id, auth));
        await this.joinAudiences(socket);
        socket.emit('me:changed');
        // Slices differ by role (a facilitator sees draft counts): send the new view whole.
        await this.sendSnapshot(socket);
      } else socket.disconnect(true);
    }
    this.presenceChanged(meetingId);
  }

  /** Puts the socket in the meeting's room, and in its facilitators' room if it is one. */
  private async joinAudiences(socket: MeetingSocket): Promise<void> {
    const { meetingId, role } = socket.data.auth;
    await socket.join(roomOf(meetingId));
    if (canFacilitate(role)) await socket.join(facilitatorsOf(meetingId));
    else await socket.leave(facilitatorsOf(meetingId));
  }

  private async onConnection(socket: MeetingSocket): Promise<void> {
    const { log } = this.options;
    const meetingId = socket.data.auth.meetingId;
    await this.joinAudiences(socket);
    await this.guard(meetingId, () => this.presence.add(socket.id, socket.data.auth));

    // The socket's one middleware: its rate limit, then the shared handler table. Handlers
    // are not Socket.io listeners (see validated-events.ts), so `next` is never called: no
    // listener waits for these events.
    const bucket = new TokenBucket(this.options.eventsPerSecond, this.options.eventsPerSecond * 3);
    socket.use((packet) => {
      if (bucket.take()) {
        this.handlers.dispatch(socket, packet);
        return;
      }
      log.warn('socket over its event rate; disconnecting', { socket: socket.id });
      socket.emit('meeting:error', { code: 'rate_limited', message: 'too many messages' });
      socket.disconnect(true);
    });
    socket.on('disconnect', () => {
      void this.guard(meetingId, async () => {
        await this.presence.remove(meetingId, socket.id);
        this.presenceChanged(meetingId);
      });
    });

    await this.sendSnapshot(socket);
    this.presenceChanged(meetingId);
  }

  /**
   * Sends the whole state. The socket is already in the meeting's rooms, so a slice sent
   * while the snapshot was being read reaches it first; a snapshot read before that change
   * would then overwrite the newer slice on the client. So the snapshot is read again until
   * no slice of the meeting went out meanwhile; the check and the send are one synchronous
   * step, so nothing can slip in between.
   */
  private async sendSnapshot(socket: MeetingSocket): Promise<void> {
    const { meetingId } = socket.data.auth;
    try {
      for (let attempt = 0; ; attempt++) {
        const sent = this.slicesSent.get(meetingId) ?? 0;
        const snapshot = await this.snapshot(socket.data.auth);
        // After a few tries in a very busy meeting, send it anyway: the slices that follow
        // bring the client up to date, as on any change.
        if ((this.slicesSent.get(meetingId) ?? 0) === sent || attempt >= 4) {
          socket.emit('state:snapshot', snapshot);
          return;
        }
      }
    } catch (err) {
      this.options.log.error('state snapshot failed', {
        meetingId: socket.data.auth.meetingId,
        ...errorFields(err),
      });
      socket.emit('meeting:error', {
        code: 'internal',
        message: 'could not load the meeting state',
      });
    }
  }

  /**
   * The whole state as `auth`'s role may see it: the core slices plus every feature's, and
   * the server's clock, so screens can correct for their own clock's offset.
   */
  async snapshot(auth: AuthContext): Promise<MeetingSnapshot> {
    const { meetingId } = auth;
    const parts = await Promise.all(this.features.map((f) => f.snapshot(auth)));
    const boards = await this.boardList(
      meetingId,
      canFacilitate(auth.role) ? 'facilitators' : 'everyone',
    );
    // Each feature owns its slices; together with the core ones they make the whole state.
    const state = Object.assign(
      { boards, presence: await this.presence.list(meetingId) },
      ...parts,
    ) as MeetingState;
    return { ...state, serverTime: Date.now() };
  }

  private async boardList(meetingId: string, audience: Audience): Promise<BoardState[]> {
    if (this.options.boards) return this.options.boards(meetingId, audience);
    const boards = await this.options.meetings.listBoards(meetingId);
    return boards.map((b) => ({ ...b, private: false }));
  }

  private emitSlice(meetingId: string, update: SliceUpdate, audience: Audience = 'everyone'): void {
    this.slicesSent.set(meetingId, (this.slicesSent.get(meetingId) ?? 0) + 1);
    const room = audience === 'facilitators' ? facilitatorsOf(meetingId) : roomOf(meetingId);
    // This instance's sockets only: every instance hears every bus event and sends the
    // slice to its own sockets, so a broadcast through the adapter would arrive N times.
    this.io.local.to(room).emit('state:slice', { ...update, serverTime: Date.now() });
  }

  /**
   * Sends the `boards` slice again for `audiences`, after reading it fresh. The lists are read
   * asynchronously, so two refreshes running at once could finish out of order and a list read
   * before a change (a reveal ending private mode, say) would overwrite the one read after it.
   * So refreshes of one meeting run one at a time, and a request made while one runs makes one
   * more run afterwards (with every audience asked for meanwhile), whose reads see the change.
   */
  private refreshBoards(meetingId: string, audiences: readonly Audience[]): void {
    const running = this.boardRefreshes.get(meetingId);
    if (running) {
      for (const a of audiences) running.pending.add(a);
      return;
    }
    const state = { pending: new Set<Audience>(audiences) };
    this.boardRefreshes.set(meetingId, state);
    void (async () => {
      try {
        while (state.pending.size > 0) {
          const now = [...state.pending];
          state.pending.clear();
          await this.publishBoards(meetingId, now);
        }
      } finally {
        this.boardRefreshes.delete(meetingId);
      }
    })();
  }

  /** Sends the `boards` slice: facilitators get their own version (with draft counts). */
  private async publishBoards(meetingId: string, audiences: readonly Audience[]): Promise<void> {
    try {
      for (const audience of audiences) {
        const value = await this.boardList(meetingId, audience);
        const update: SliceUpdate = { slice: 'boards', value };
        if (audience === 'facilitators') this.emitSlice(meetingId, update, 'facilitators');
        else {
          this.slicesSent.set(meetingId, (this.slicesSent.get(meetingId) ?? 0) + 1);
          // This instance's sockets only, as in emitSlice: every instance hears the event.
          this.io.local
            .to(roomOf(meetingId))
            .except(facilitatorsOf(meetingId))
            .emit('state:slice', { ...update, serverTime: Date.now() });
        }
      }
    } catch (err) {
      this.options.log.error('board list broadcast failed', { meetingId, ...errorFields(err) });
    }
  }

  private schedulePresence(meetingId: string): void {
    if (this.presenceTimers.has(meetingId)) return;
    const timer = setTimeout(() => {
      this.presenceTimers.delete(meetingId);
      void this.guard(meetingId, async () => {
        this.emitSlice(meetingId, {
          slice: 'presence',
          value: await this.presence.list(meetingId),
        });
      });
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
    await this.presence.close();
  }
}
