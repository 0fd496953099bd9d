/**
 * The y-websocket endpoint: `ws://HOST/yjs/<boardId>?token=<token>`.
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
import { randomId } from '@shared/ids';
import { errorFields, type Logger } from '../../logger';
import { AppError } from '../../services/errors';
import type { AuthContext, MeetingService } from '../../services/meeting-service';
import { ProtocolError } from './doc-room';
import type { RoomConnection } from './room-connection';
import type { RoomRegistry } from './room-registry';

export interface YjsEndpointOptions {
  meetings: MeetingService;
  rooms: RoomRegistry;
  log: Logger;
  maxMessageBytes: number;
  /** Interval of WebSocket pings; a connection that misses one is dropped. */
  heartbeatMs?: number;
}

/** Messages held per connection while it is being authenticated. */
const MAX_EARLY_MESSAGES = 64;

function toBytes(data: RawData): Uint8Array {
  if (Array.isArray(data)) return new Uint8Array(Buffer.concat(data));
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

export class YjsEndpoint {
  private readonly wss: WebSocketServer;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly alive = new WeakSet<WebSocket>();
  private accepting = true;

  constructor(private readonly options: YjsEndpointOptions) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes });
    this.wss.on('connection', (ws, req) => void this.onConnection(ws, req));
    this.heartbeat = setInterval(() => this.pingAll(), options.heartbeatMs ?? 30_000);
    this.heartbeat.unref();
  }

  /** True when this endpoint handles the upgrade request (its path is under /yjs/). */
  handles(req: IncomingMessage): boolean {
    return (req.url ?? '').startsWith(YJS_PATH_PREFIX);
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
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

    const early: Uint8Array[] = [];
    let onMessage: (data: Uint8Array) => void = (data) => {
      if (early.length >= MAX_EARLY_MESSAGES) {
        ws.close(CloseCode.tooManyRequests, 'too many messages before authentication');
        return;
      }
      early.push(data);
    };
    ws.on('message', (data, isBinary) => {
      if (!isBinary) {
        ws.close(CloseCode.badMessage, 'binary messages only');
        return;
      }
      onMessage(toBytes(data));
    });

    const url = new URL(req.url ?? '/', 'http://localhost');
    const boardId = decodeURIComponent(url.pathname.slice(YJS_PATH_PREFIX.length));
    const token = url.searchParams.get(YJS_TOKEN_PARAM);

    let auth: AuthContext | null;
    let locked: boolean;
    try {
      auth = await this.options.meetings.authenticate(token);
      if (!auth) {
        ws.close(CloseCode.unauthorized, 'invalid or expired token');
        return;
      }
      const board = await this.options.meetings.boardForConnection(auth, boardId);
      locked = board.locked;
    } catch (err) {
      if (err instanceof AppError && err.code === 'not_found') ws.close(CloseCode.notFound, 'no such board');
      else if (err instanceof AppError && err.code === 'forbidden') ws.close(CloseCode.forbidden, err.message);
      else {
        log.error('yjs connection setup failed', { conn: connId, ...errorFields(err) });
        ws.close(CloseCode.internalError, 'server error');
      }
      return;
    }
    if (ws.readyState !== ws.OPEN) return;

    const role = auth.role;
    const conn: RoomConnection = {
      id: connId,
      participantId: auth.participantId,
      canWrite: () => canWrite(role) && (!locked || role === 'facilitator'),
      send: (message) => {
        if (ws.readyState === ws.OPEN) ws.send(message);
      },
      close: (code, reason) => ws.close(code, reason),
    };

    let room;
    try {
      room = await this.options.rooms.acquire(boardId);
    } catch (err) {
      log.error('board failed to load', { boardId, ...errorFields(err) });
      ws.close(CloseCode.internalError, 'board failed to load');
      return;
    }
    if (ws.readyState !== ws.OPEN) return;
    room.addConnection(conn);
    log.debug('yjs connected', { conn: connId, boardId, participantId: auth.participantId, role });

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
