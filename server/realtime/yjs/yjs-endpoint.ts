/**
 * The y-websocket endpoint: `ws://HOST/yjs/<boardId>?token=<token>`, and the caller's own
 * private draft of a board at `ws://HOST/yjs/<boardId>/draft?token=<token>` (the server
 * picks the draft from the token; no path names anyone else's).
 *
 * Each connection is authenticated before any document is loaded: no valid token closes
 * with 4401, a board of another meeting with 4403, an unknown board with 4404. Messages that
 * arrive while that check runs are held (a y-websocket client sends its sync step 1 at once)
 * and handed to the room in order afterwards.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CloseCode, YJS_PATH_PREFIX, YJS_TOKEN_PARAM } from '@shared/constants';
import { canWrite } from '@shared/domain';
import { parseYjsTarget } from '@shared/facilitation/drafts';
import { randomId } from '@shared/ids';
import { originAllowed } from '../../http/origin-policy';
import { errorFields, type Logger } from '../../logger';
import { AppError } from '../../services/errors';
import type { MeetingEvents } from '../../services/meeting-events';
import { TokenBucket } from '../limits/token-bucket';
import type { AuthContext, MeetingService } from '../../services/meeting-service';
import { ProtocolError } from './doc-room';
import { assertFramedSendable, sendFramed } from './framed-send';
import type { RoomConnection } from './room-connection';
import type { RoomRegistry } from './room-registry';

export interface YjsEndpointOptions {
  meetings: MeetingService;
  events: MeetingEvents;
  rooms: RoomRegistry;
  log: Logger;
  /** Larger messages close the connection with 4413. */
  maxMessageBytes: number;
  /** Sustained messages per second per connection; more closes it with 4429. */
  messagesPerSecond: number;
  /** Browser origins allowed besides the server's own. */
  allowedOrigins: readonly string[];
  /** Interval of WebSocket pings; a connection that misses one is dropped. */
  heartbeatMs?: number;
  /** Opens the caller's own draft of a board: its document id, or throws forbidden/not_found. */
  drafts?: { openDraft(auth: AuthContext, boardId: string): Promise<string> };
  /**
   * Documents that are not boards (the meeting's conclusions): each resolver recognises its
   * room names and decides access; names no resolver claims are boards.
   */
  documents?: readonly DocumentAccess[];
  /**
   * With several instances: called when bus events may have been lost (Redis reconnected);
   * the lock cache is then re-read from storage.
   */
  onResync?: (listener: () => void) => void;
}

/** Access to a kind of non-board document reached through this endpoint. */
export interface DocumentAccess {
  /**
   * For a room name this resolver owns: whether `auth` may write (checked on every update),
   * or throws AppError forbidden/not_found. Null: not one of its names.
   */
  authorize(auth: AuthContext, name: string): Promise<(() => boolean) | null>;
}

/** Messages held per connection while it is being authenticated. */
const MAX_EARLY_MESSAGES = 64;

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/**
 * The error listener of every upgraded socket. One function for all of them, not a closure
 * per socket: a closure made here would share its scope with the upgrade callback below, and
 * so keep the upgrade request (headers and all) alive as long as the socket is open.
 */
function destroyOnError(this: Duplex): void {
  this.destroy();
}

export class YjsEndpoint {
  private readonly wss: WebSocketServer;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly alive = new WeakSet<WebSocket>();
  /** Open sockets per participant, so removing someone closes them at once. */
  private readonly byParticipant = new Map<string, Set<WebSocket>>();
  /** Lock state per board, kept current by `board-locked` events. */
  private readonly locks = new Map<string, boolean>();
  /** Private-writing state per board, kept current by `board-private` events. */
  private readonly privateBoards = new Map<string, boolean>();
  private accepting = true;

  constructor(private readonly options: YjsEndpointOptions) {
    // ws itself drops frames far over the limit (close 1009) before buffering them; between
    // the limit and that, we close with our own 4413 so the client can say what happened.
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes * 4 });
    assertFramedSendable(this.wss);
    this.wss.on('connection', (ws, req) => void this.onConnection(ws, req));
    this.heartbeat = setInterval(() => this.pingAll(), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
    options.events.on('participant-removed', (_meetingId, participantId) =>
      this.closeParticipant(participantId, CloseCode.forbidden, 'removed from the meeting'),
    );
    options.events.on('participant-role-changed', (_meetingId, participantId) =>
      this.closeParticipant(participantId, CloseCode.roleChanged, 'role changed, reconnect'),
    );
    options.events.on('board-locked', (_meetingId, boardId, locked) =>
      this.locks.set(boardId, locked),
    );
    options.events.on('board-private', (_meetingId, boardId, isPrivate) =>
      this.privateBoards.set(boardId, isPrivate),
    );
    options.onResync?.(() => void this.refreshAfterResync());
  }

  /**
   * Re-reads what bus events would have told us, in case some were lost on the way: every
   * cached lock, and whether each connected participant is still in the meeting.
   */
  private async refreshAfterResync(): Promise<void> {
    for (const participantId of [...this.byParticipant.keys()]) {
      try {
        if (!(await this.options.meetings.participantActive(participantId)))
          this.closeParticipant(participantId, CloseCode.forbidden, 'removed from the meeting');
      } catch (err) {
        this.options.log.warn('participant re-check failed', {
          participantId,
          ...errorFields(err),
        });
      }
    }
    // Both caches are filled together when a connection opens: one read refreshes both.
    for (const boardId of new Set([...this.locks.keys(), ...this.privateBoards.keys()])) {
      try {
        const access = await this.options.meetings.boardAccess(boardId);
        if (access === null) continue;
        this.locks.set(boardId, access.locked);
        this.privateBoards.set(boardId, access.private);
      } catch (err) {
        this.options.log.warn('lock refresh failed', { boardId, ...errorFields(err) });
      }
    }
  }

  private closeParticipant(participantId: string, code: CloseCode, reason: string): void {
    for (const ws of this.byParticipant.get(participantId) ?? []) ws.close(code, reason);
  }

  private track(participantId: string | null, ws: WebSocket): void {
    if (participantId === null) return;
    let set = this.byParticipant.get(participantId);
    if (!set) {
      set = new Set();
      this.byParticipant.set(participantId, set);
    }
    set.add(ws);
    ws.once('close', () => {
      set.delete(ws);
      if (set.size === 0) this.byParticipant.delete(participantId);
    });
  }

  /** True when this endpoint handles the upgrade request (its path is under /yjs/). */
  handles(req: IncomingMessage): boolean {
    return (req.url ?? '').startsWith(YJS_PATH_PREFIX);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', destroyOnError);
    if (!this.accepting) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.wss.emit('connection', ws, req));
  }

  private pingAll(): void {
    for (const ws of this.wss.clients) {
      if (!this.alive.has(ws)) {
        ws.terminate();
        continue;
      }
      this.alive.delete(ws);
      ws.ping();
    }
  }

  private async onConnection(ws: WebSocket, req: IncomingMessage): Promise<void> {
    const { log } = this.options;
    const connId = randomId();
    // A bad frame must never crash the process: every socket gets an error listener.
    ws.on('error', (err) => log.warn('yjs socket error', { conn: connId, ...errorFields(err) }));
    this.alive.add(ws);
    ws.on('pong', () => this.alive.add(ws));

    if (!originAllowed(req, this.options.allowedOrigins)) {
      ws.close(CloseCode.forbidden, 'origin not allowed');
      return;
    }
    const bucket = new TokenBucket(
      this.options.messagesPerSecond,
      this.options.messagesPerSecond * 3,
    );
    const early: Uint8Array[] = [];
    let onMessage: (data: Uint8Array) => void = (data) => {
      if (early.length >= MAX_EARLY_MESSAGES) {
        ws.close(CloseCode.tooManyRequests, 'too many messages before authentication');
        return;
      }
      early.push(data);
    };
    ws.on('message', (data, isBinary) => {
      if (ws.readyState !== ws.OPEN) return;
      if (!isBinary) {
        ws.close(CloseCode.badMessage, 'binary messages only');
        return;
      }
      const bytes = toBytes(data);
      if (bytes.byteLength > this.options.maxMessageBytes) {
        log.warn('yjs message too large; closing connection', {
          conn: connId,
          bytes: bytes.byteLength,
        });
        ws.close(CloseCode.tooLarge, 'message too large');
        return;
      }
      if (!bucket.take()) {
        log.warn('yjs connection over its message rate; closing', { conn: connId });
        ws.close(CloseCode.tooManyRequests, 'too many messages');
        return;
      }
      onMessage(bytes);
    });

    const url = new URL(req.url ?? '/', 'http://localhost');
    /** The room name after /yjs/: a board, `<board>/draft`, or another document's name. */
    const name = decodeURIComponent(url.pathname.slice(YJS_PATH_PREFIX.length));
    const target = parseYjsTarget(name);
    const token = url.searchParams.get(YJS_TOKEN_PARAM);
    const boardId = target?.boardId ?? name;
    /** The document this connection edits: the board, or the caller's draft of it. */
    let docId = boardId;

    let auth: AuthContext | null;
    let documentWrite: (() => boolean) | null = null;
    try {
      auth = await this.options.meetings.authenticate(token);
      if (!auth) {
        ws.close(CloseCode.unauthorized, 'invalid or expired token');
        return;
      }
      // A document that is not a board (the conclusions) is claimed by its resolver.
      for (const access of this.options.documents ?? []) {
        documentWrite ??= await access.authorize(auth, name);
      }
      if (documentWrite !== null) docId = name;
      else {
        if (!target || (target.kind === 'draft' && !this.options.drafts))
          throw new AppError('not_found', 'no such document');
        const board = await this.options.meetings.boardForConnection(auth, boardId);
        // Only when unknown: a lock event that arrived meanwhile is newer than this read.
        if (!this.locks.has(boardId)) this.locks.set(boardId, board.locked);
        if (!this.privateBoards.has(boardId)) this.privateBoards.set(boardId, board.private);
        if (target.kind === 'draft' && this.options.drafts)
          docId = await this.options.drafts.openDraft(auth, boardId);
      }
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found')
        ws.close(CloseCode.notFound, 'no such board');
      else if (err instanceof AppError && err.code === 'forbidden')
        ws.close(CloseCode.forbidden, err.message);
      else {
        log.error('yjs connection setup failed', { conn: connId, ...errorFields(err) });
        ws.close(CloseCode.internalError, 'server error');
      }
      return;
    }
    if (ws.readyState !== ws.OPEN) return;

    const role = auth.role;
    // During private writing participants write to their drafts; the shared board takes
    // only the facilitator's writes (and the server's reveal), as on a locked board.
    const writesShared = target?.kind !== 'draft';
    const boardWrite = (): boolean =>
      canWrite(role) &&
      (role === 'facilitator' ||
        (this.locks.get(boardId) !== true &&
          !(writesShared && this.privateBoards.get(boardId) === true)));
    const conn: RoomConnection = {
      id: connId,
      participantId: auth.participantId,
      canWrite: documentWrite ?? boardWrite,
      send: (message) => {
        sendFramed(ws, message);
      },
      close: (code, reason) => ws.close(code, reason),
    };

    let room;
    try {
      room = await this.options.rooms.acquire(docId);
    } catch (err) {
      log.error('board failed to load', { boardId, docId, ...errorFields(err) });
      ws.close(CloseCode.internalError, 'board failed to load');
      return;
    }
    if (ws.readyState !== ws.OPEN) return;
    room.addConnection(conn);
    this.track(auth.participantId, ws);
    log.debug('yjs connected', { conn: connId, docId, participantId: auth.participantId, role });

    ws.on('close', () => room.removeConnection(conn));
    const deliver = (data: Uint8Array): void => {
      if (ws.readyState !== ws.OPEN) return;
      try {
        room.handleMessage(conn, data);
      } catch (err) {
        const reason = err instanceof ProtocolError ? err.message : 'bad message';
        log.warn('malformed yjs message; closing connection', { conn: connId, boardId, reason });
        ws.close(CloseCode.badMessage, 'malformed message');
      }
    };
    onMessage = deliver;
    for (const data of early.splice(0)) deliver(data);
  }

  /** Stops accepting new connections. */
  stopAccepting(): void {
    this.accepting = false;
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
  }
}
