/**
 * A Socket.io client written by hand over a bare WebSocket (Engine.IO 4 framing), recording
 * every frame the server sends exactly as it arrives: secrecy tests search these raw frames,
 * not what a library chose to surface. It answers pings so the connection stays up, and can
 * emit events with acknowledgements.
 */
import WebSocket from 'ws';
import { waitFor } from './wait-for';

export interface RawSocketIo {
  /** Every text frame received, in order (Engine.IO packets: "0…" open, "2" ping, "42[…]" event). */
  readonly frames: string[];
  /** The events among the frames, decoded: [name, payload]. */
  events(): [string, unknown][];
  /** Emits an event and resolves with its acknowledgement. */
  emit(event: string, payload: unknown): Promise<unknown>;
  waitConnected(): Promise<void>;
  close(): void;
}

export function connectRawSocketIo(url: string, token: string): RawSocketIo {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  const frames: string[] = [];
  const acks = new Map<number, (value: unknown) => void>();
  let connected = false;
  let nextAck = 1;
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) {
      frames.push(`<binary ${data.toString('hex')}>`);
      return;
    }
    const frame = data.toString();
    frames.push(frame);
    if (frame.startsWith('0')) ws.send(`40${JSON.stringify({ token })}`);
    else if (frame === '2') ws.send('3');
    else if (frame.startsWith('40')) connected = true;
    else if (frame.startsWith('43')) {
      const match = /^43(\d+)(.*)$/s.exec(frame);
      if (match) {
        const [value] = JSON.parse(match[2]!) as unknown[];
        acks.get(Number(match[1]))?.(value);
        acks.delete(Number(match[1]));
      }
    }
  });
  return {
    frames,
    events: () =>
      frames
        .filter((f) => f.startsWith('42'))
        .map((f) => JSON.parse(f.slice(2)) as [string, unknown]),
    emit: (event, payload) =>
      new Promise((resolve) => {
        const id = nextAck++;
        acks.set(id, resolve);
        ws.send(`42${id}${JSON.stringify([event, payload])}`);
      }),
    waitConnected: () =>
      waitFor(() => {
        if (!connected) throw new Error('not connected');
      }),
    close: () => ws.close(),
  };
}

/** A bare WebSocket on the Yjs endpoint recording every binary frame it receives. */
export function connectRawYjs(
  wsUrl: string,
  boardId: string,
  token: string,
): { frames: Buffer[]; close(): void } {
  const ws = new WebSocket(`${wsUrl}/yjs/${boardId}?token=${encodeURIComponent(token)}`);
  const frames: Buffer[] = [];
  ws.on('message', (data: Buffer) => frames.push(Buffer.from(data)));
  return { frames, close: () => ws.close() };
}
