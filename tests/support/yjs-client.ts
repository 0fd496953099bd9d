/**
 * A real y-websocket client (WebsocketProvider over the `ws` package) on a fresh Y.Doc, plus
 * helpers to wait for sync and for the server's "saved" acknowledgement.
 */
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE_SAVED } from '@shared/constants';
import { SaveTracker } from '@shared/protocol/saved';
import { waitFor } from './wait-for';

export interface TestDocClient {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** What the server has confirmed as stored. */
  saved: SaveTracker;
  /** Close events the provider saw. */
  closes: { code: number; reason: string }[];
  waitSynced(timeout?: number): Promise<void>;
  /** Resolves when the server has confirmed every local change as stored. */
  waitSaved(timeout?: number): Promise<void>;
  destroy(): void;
}

export interface ConnectDocOptions {
  /** Sees every frame this client receives, as received (for secrecy tests). */
  onFrame?: (data: Uint8Array) => void;
  /**
   * A state the server sent outside the sync (the join answer's board), applied before the
   * socket opens with the provider as origin, as the app's board session does.
   */
  initialState?: Uint8Array;
  /** Runs on the document after the initial state, before the socket opens (offline edits). */
  beforeConnect?: (doc: Y.Doc) => void;
}

/** The `ws` WebSocket, reporting each received frame to `onFrame` before the provider sees it. */
function recordingWebSocket(onFrame: (data: Uint8Array) => void): typeof WebSocket {
  return class RecordingWebSocket extends WebSocket {
    constructor(address: string | URL, protocols?: string | string[]) {
      super(address, protocols);
      this.on('message', (data: Buffer) => onFrame(new Uint8Array(data)));
    }
  } as typeof WebSocket;
}

/** `boardId` is a board id, or `<boardId>/draft` for the caller's own draft of it. */
export function connectDoc(
  wsUrl: string,
  boardId: string,
  token: string,
  options: ConnectDocOptions = {},
): TestDocClient {
  const doc = new Y.Doc();
  const closes: { code: number; reason: string }[] = [];
  const provider = new WebsocketProvider(`${wsUrl}/yjs`, boardId, doc, {
    params: { token },
    WebSocketPolyfill: (options.onFrame
      ? recordingWebSocket(options.onFrame)
      : WebSocket) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    maxBackoffTime: 500,
  });
  const saved = new SaveTracker(doc, (origin) => origin === provider);
  if (options.initialState) Y.applyUpdate(doc, options.initialState, provider);
  options.beforeConnect?.(doc);
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => saved.receive(decoder);
  provider.on('connection-close', (event) => {
    if (event) closes.push({ code: event.code, reason: event.reason });
  });
  return {
    doc,
    provider,
    saved,
    closes,
    waitSynced: (timeout = 20_000) =>
      waitFor(
        () => {
          if (!provider.synced) throw new Error('not synced');
        },
        { timeout },
      ),
    waitSaved: (timeout = 20_000) =>
      waitFor(
        () => {
          const pending = saved.pending();
          if (pending > 0) throw new Error(`${pending} changes not confirmed`);
        },
        { timeout },
      ),
    destroy: () => {
      saved.destroy();
      provider.destroy();
      doc.destroy();
    },
  };
}
