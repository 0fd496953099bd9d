/**
 * Sends a binary WebSocket message as one ready-made frame, framed once however many
 * connections it goes to (issue 14).
 *
 * A relayed update goes to every connection of the board: 199 sends at 200 clients. `ws.send`
 * frames each of them again (a new header buffer) and writes header and payload as two chunks
 * (cork, two writes, uncork, then `writev`); that bookkeeping was about a sixth of the
 * server's CPU in the 200-client benchmark. Here ws's own framer (`Sender.frame`) builds the
 * frame, header and payload in one buffer, the first time a message is sent; every other
 * connection writes that same buffer to its socket in one call.
 *
 * Writing to the socket beside ws is safe only while ws's sender writes every frame at once,
 * as it does without compression and without Blob payloads: then its frames (pongs, the close
 * frame) and ours never interleave within a frame. The endpoint's WebSocketServer therefore
 * keeps `perMessageDeflate: false` (`assertFramedSendable`), and nothing sends Blobs.
 */
import type { Socket } from 'node:net';
import * as wsModule from 'ws';
import type { WebSocket, WebSocketServer } from 'ws';

interface FrameOptions {
  fin: boolean;
  rsv1: boolean;
  opcode: number;
  mask: boolean;
  readOnly: boolean;
}
/** ws exports its framer (`Sender.frame`), which @types/ws does not declare. */
const { Sender } = wsModule as unknown as {
  Sender: { frame(data: Buffer, options: FrameOptions): Buffer[] };
};

/**
 * The frame of each message sent so far, while the message is alive. Keyed by identity, so a
 * message must not change once sent: every sender builds a new array per message (lib0's
 * `toUint8Array`), and the room sends one array to all of a fan-out's connections.
 */
const frames = new WeakMap<Uint8Array, Buffer>();

const BINARY_FRAME: FrameOptions = {
  fin: true,
  rsv1: false,
  opcode: 0x02,
  mask: false,
  readOnly: false,
};

/** `message` as one unmasked, final binary frame: header and payload in one buffer. */
export function binaryFrame(message: Uint8Array): Buffer {
  let frame = frames.get(message);
  if (!frame) {
    const payload = Buffer.from(message.buffer, message.byteOffset, message.byteLength);
    frame = Buffer.concat(Sender.frame(payload, BINARY_FRAME));
    frames.set(message, frame);
  }
  return frame;
}

/** Sends `message` on `ws` if it is open; the same message framed once for every socket. */
export function sendFramed(ws: WebSocket, message: Uint8Array): void {
  if (ws.readyState !== ws.OPEN) return;
  // ws keeps its socket in `_socket` (not in its typings; stable across ws 8).
  (ws as unknown as { _socket: Socket })._socket.write(binaryFrame(message));
}

/** Throws if `wss` could make ws's sender hold frames back (compression), see above. */
export function assertFramedSendable(wss: WebSocketServer): void {
  if (wss.options.perMessageDeflate) {
    throw new Error('sendFramed needs a WebSocketServer without perMessageDeflate');
  }
}
