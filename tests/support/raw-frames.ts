/**
 * A WebSocket handshake by hand over a bare TCP socket, then arbitrary bytes as "frames":
 * for testing that a malformed frame (which no WebSocket library would send) closes only
 * that connection and never crashes the server.
 */
import crypto from 'node:crypto';
import net from 'node:net';

export interface RawFrameResult {
  /** HTTP status of the upgrade answer. */
  status: number;
  /** Close code of the close frame the server sent, if it sent one. */
  closeCode: number | null;
  /** True when the server ended the TCP connection within the timeout. */
  closedByServer: boolean;
}

/** Opcodes and close codes of the frames in `data` (server frames are never masked). */
function closeCodeIn(data: Buffer): number | null {
  let at = 0;
  while (at + 2 <= data.length) {
    const opcode = data[at]! & 0x0f;
    let len = data[at + 1]! & 0x7f;
    let head = 2;
    if (len === 126) {
      if (at + 4 > data.length) return null;
      len = data.readUInt16BE(at + 2);
      head = 4;
    } else if (len === 127) {
      if (at + 10 > data.length) return null;
      len = Number(data.readBigUInt64BE(at + 2));
      head = 10;
    }
    if (opcode === 8)
      return len >= 2 && at + head + 2 <= data.length ? data.readUInt16BE(at + head) : 1005;
    at += head + len;
  }
  return null;
}

/** Opens `path` as a WebSocket on `port`, then writes `bytes` as they are. */
export function sendRawFrames(
  port: number,
  path: string,
  bytes: Buffer,
  timeoutMs = 5000,
): Promise<RawFrameResult> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let status = 0;
    let headerEnd = -1;
    const timer = setTimeout(() => {
      socket.destroy();
      finish(false);
    }, timeoutMs);
    const finish = (closedByServer: boolean): void => {
      clearTimeout(timer);
      resolve({
        status,
        closeCode: headerEnd < 0 ? null : closeCodeIn(received.subarray(headerEnd)),
        closedByServer,
      });
    };
    socket.on('error', () => {});
    socket.on('connect', () => {
      socket.write(
        `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      );
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (headerEnd >= 0) return;
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      headerEnd = end + 4;
      status = Number(/^HTTP\/1\.1 (\d+)/.exec(received.subarray(0, end).toString())?.[1] ?? 0);
      if (status !== 101) {
        socket.destroy();
        reject(new Error(`upgrade answered ${status}`));
        return;
      }
      socket.write(bytes);
    });
    socket.on('close', () => finish(true));
  });
}

/** A client frame (masked, as the protocol requires) with a chosen first byte. */
export function maskedFrame(firstByte: number, payload: Buffer): Buffer {
  if (payload.length > 125) throw new Error('short frames only');
  const mask = crypto.randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
  return Buffer.concat([Buffer.from([firstByte, 0x80 | payload.length]), mask, masked]);
}

/** A bare-TCP WebSocket client that never answers pings and records every server frame. */
export interface RawFrameSocket {
  /** Opcodes of the frames received so far, in order (1 text, 2 binary, 8 close, 9 ping). */
  readonly opcodes: number[];
  /** Close code of the server's close frame, once one arrived. */
  readonly closeCode: () => number | null;
  /** Resolves when the server ends the TCP connection. */
  readonly ended: Promise<void>;
  destroy(): void;
}

/** Every complete frame in `data` (server frames are never masked): opcode and payload. */
function framesIn(data: Buffer): { opcode: number; payload: Buffer }[] {
  const out: { opcode: number; payload: Buffer }[] = [];
  let at = 0;
  while (at + 2 <= data.length) {
    let len = data[at + 1]! & 0x7f;
    let head = 2;
    if (len === 126) {
      if (at + 4 > data.length) break;
      len = data.readUInt16BE(at + 2);
      head = 4;
    } else if (len === 127) {
      if (at + 10 > data.length) break;
      len = Number(data.readBigUInt64BE(at + 2));
      head = 10;
    }
    if (at + head + len > data.length) break;
    out.push({ opcode: data[at]! & 0x0f, payload: data.subarray(at + head, at + head + len) });
    at += head + len;
  }
  return out;
}

/**
 * Opens `path` by hand; `early` bytes (frames) go out in the same write as the upgrade
 * request, so the server has them before it has even answered, let alone authenticated.
 */
export function openRawFrameSocket(
  port: number,
  path: string,
  early: Buffer = Buffer.alloc(0),
): Promise<RawFrameSocket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = Buffer.alloc(0);
    let headerEnd = -1;
    let resolved = false;
    const ended = new Promise<void>((done) => socket.once('close', () => done()));
    const frames = (): { opcode: number; payload: Buffer }[] =>
      headerEnd < 0 ? [] : framesIn(received.subarray(headerEnd));
    socket.on('error', () => {});
    socket.on('connect', () => {
      socket.write(
        Buffer.concat([
          Buffer.from(
            `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
              `Sec-WebSocket-Key: ${crypto.randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
          ),
          early,
        ]),
      );
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (headerEnd >= 0) return;
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      headerEnd = end + 4;
      const status = Number(
        /^HTTP\/1\.1 (\d+)/.exec(received.subarray(0, end).toString())?.[1] ?? 0,
      );
      if (status !== 101) {
        socket.destroy();
        reject(new Error(`upgrade answered ${status}`));
        return;
      }
      resolved = true;
      resolve({
        get opcodes() {
          return frames().map((f) => f.opcode);
        },
        closeCode: () => {
          const close = frames().find((f) => f.opcode === 8);
          return close && close.payload.length >= 2 ? close.payload.readUInt16BE(0) : null;
        },
        ended,
        destroy: () => socket.destroy(),
      });
    });
    socket.once('close', () => {
      if (!resolved) reject(new Error('connection closed before the upgrade'));
    });
  });
}
