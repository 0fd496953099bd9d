/**
 * The pre-framed send: the frame is byte for byte RFC 6455's, a real ws client on a real
 * socket receives every message whole and in order with ws's own control frames (pings) in
 * between, and a closing connection gets nothing.
 */
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { assertFramedSendable, binaryFrame, sendFramed } from './framed-send';

const SIZES = [0, 1, 125, 126, 65_535, 65_536, 70_000];

function bytes(n: number, seed: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

describe('binaryFrame', () => {
  it('builds the frame header of RFC 6455 for every payload length class', () => {
    for (const n of SIZES) {
      const frame = binaryFrame(bytes(n, n));
      // FIN + binary opcode, then the length: 7 bits, or 126 + 16 bits, or 127 + 64 bits.
      const header =
        n <= 125
          ? Buffer.from([0x82, n])
          : n <= 65_535
            ? Buffer.from([0x82, 126, n >> 8, n & 0xff])
            : Buffer.concat([
                Buffer.from([0x82, 127]),
                Buffer.from(BigUint64Array.of(BigInt(n)).buffer).reverse(),
              ]);
      expect(frame.subarray(0, header.byteLength).equals(header)).toBe(true);
      expect(frame.subarray(header.byteLength).equals(Buffer.from(bytes(n, n)))).toBe(true);
    }
  });

  it('frames a message once however many times it is sent', () => {
    const message = bytes(300, 7);
    expect(binaryFrame(message)).toBe(binaryFrame(message));
    // A view frames only its own bytes.
    const backing = bytes(1000, 3);
    const view = backing.subarray(100, 200);
    expect(
      binaryFrame(view)
        .subarray(2)
        .equals(Buffer.from(backing.subarray(100, 200))),
    ).toBe(true);
  });
});

async function listening(server: WebSocketServer): Promise<number> {
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return (server.address() as AddressInfo).port;
}

describe('sendFramed on a real socket', () => {
  let wss: WebSocketServer | null = null;
  afterEach(async () => {
    await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
    wss = null;
  });

  it('a ws client receives every message whole and in order, pings in between', async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    assertFramedSendable(wss);
    const messages = SIZES.flatMap((n, i) => [bytes(n, i), bytes(n, i + 100)]);
    wss.on('connection', (ws) => {
      for (const m of messages) {
        sendFramed(ws, m);
        ws.ping();
      }
    });
    const port = await listening(wss);
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    const received: Buffer[] = [];
    let pings = 0;
    client.on('ping', () => pings++);
    await new Promise<void>((resolve, reject) => {
      client.on('error', reject);
      client.on('message', (data: Buffer) => {
        received.push(data);
        if (received.length === messages.length) resolve();
      });
    });
    client.close();
    expect(received.map((r) => r.byteLength)).toEqual(messages.map((m) => m.byteLength));
    received.forEach((r, i) => expect(r.equals(Buffer.from(messages[i]!))).toBe(true));
    expect(pings).toBeGreaterThanOrEqual(messages.length - 1);
  });

  it('writes nothing to the socket of a connection that is closing', async () => {
    wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
    const writesAfterClose = new Promise<number>((resolve) => {
      wss!.on('connection', (ws) => {
        ws.close(1000, 'bye');
        const socket = (ws as unknown as { _socket: { write: (...args: unknown[]) => boolean } })
          ._socket;
        let writes = 0;
        const write = socket.write.bind(socket);
        socket.write = (...args: unknown[]) => {
          writes++;
          return write(...args);
        };
        sendFramed(ws, bytes(10, 1));
        resolve(writes);
      });
    });
    const port = await listening(wss);
    const client = new WebSocket(`ws://127.0.0.1:${port}`);
    const code = await new Promise<number>((resolve) => client.on('close', (c) => resolve(c)));
    expect(code).toBe(1000);
    expect(await writesAfterClose).toBe(0);
  });

  it('refuses a server with compression, whose sender may hold frames back', () => {
    const compressed = new WebSocketServer({ noServer: true, perMessageDeflate: true });
    expect(() => assertFramedSendable(compressed)).toThrow(/perMessageDeflate/);
  });
});
