/**
 * A full client: y-websocket's WebsocketProvider on a real Y.Doc, editing through the board
 * accessors (addCard, editCardText) exactly as the browser does. It decodes and applies
 * everything it receives, so its arrival times include Yjs's own work; the light clients'
 * do not. It measures with the same markers, read from the raw bytes of each update the
 * provider applies.
 */
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE_SAVED } from '@shared/constants';
import {
  SWOT_QUADRANTS,
  addCard,
  cardText,
  editCardText,
  type CardAuthor,
} from '@shared/doc/swot-board';
import { readSavedMessage } from '@shared/protocol/saved';
import { markerText, nowUs, scanMarkers, type MarkerVisitor } from './markers';
import type { Samples } from './stats';

/** Transaction origin of this client's own edits. */
const LOCAL = Symbol('bench-local');

export interface FullClientOptions {
  /** Provider server URL (`ws://host:port/yjs` for ours, `ws://host:port` for the reference). */
  serverUrl: string;
  room: string;
  params: Record<string, string>;
  sender: number;
  author: CardAuthor;
  onMarker: MarkerVisitor;
  ackLatencies?: Samples;
  /** Counts the payload bytes the socket receives. */
  countBytes?: boolean;
}

/** What a client's socket saw: payload bytes, and when it opened and got the sync reply. */
export interface SocketTimeline {
  bytes: number;
  /** performance.now() when the provider was created. */
  t0: number;
  /** ms from t0 to the socket's open. */
  openMs: number | null;
  /** ms from t0 to the arrival (before decoding) of the server's sync step 2. */
  step2Ms: number | null;
  /** ms from t0 to the arrival (before decoding) of the latest sync message (type 0). */
  lastSyncMessageMs: number | null;
}

/** A `ws` WebSocket that fills a SocketTimeline, for the provider to use. */
function timelineSocketClass(
  timeline: SocketTimeline,
): new (address: string, protocols?: string | string[]) => WebSocket {
  return class TimelineWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols, { perMessageDeflate: false });
      this.on('open', () => {
        timeline.openMs ??= performance.now() - timeline.t0;
      });
      this.on('message', (data: Buffer | ArrayBuffer) => {
        timeline.bytes += data.byteLength;
        const head = new Uint8Array(
          data instanceof ArrayBuffer ? data : data.buffer,
          data instanceof ArrayBuffer ? 0 : data.byteOffset,
          2,
        );
        if (head[0] !== 0) return;
        timeline.lastSyncMessageMs = performance.now() - timeline.t0;
        if (timeline.step2Ms === null && head[1] === 1)
          timeline.step2Ms = timeline.lastSyncMessageMs;
      });
    }
  };
}

export class FullClient {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly received: SocketTimeline = {
    bytes: 0,
    t0: performance.now(),
    openMs: null,
    step2Ms: null,
    lastSyncMessageMs: null,
  };
  private cardId = '';
  private readonly pendingAcks: { endClock: number; sentUs: number }[] = [];
  private ackHead = 0;
  readonly synced: Promise<void>;

  constructor(private readonly options: FullClientOptions) {
    const ws = timelineSocketClass(this.received);
    this.provider = new WebsocketProvider(options.serverUrl, options.room, this.doc, {
      params: options.params,
      WebSocketPolyfill: ws as unknown as typeof globalThis.WebSocket,
      disableBc: true,
      maxBackoffTime: 1000,
    });
    this.provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => this.onSaved(decoder);
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === this.provider) scanMarkers(update, options.onMarker);
    });
    this.synced = new Promise<void>((resolve) => {
      if (this.provider.synced) resolve();
      else {
        // 'sync' is also emitted with false when the connection drops.
        const onSync = (isSynced: boolean): void => {
          if (!isSynced) return;
          this.provider.off('sync', onSync);
          resolve();
        };
        this.provider.on('sync', onSync);
      }
    });
  }

  /** Edit 0: the client's own card, whose text is the prelude marker. */
  createCard(): void {
    const quadrant = SWOT_QUADRANTS[this.options.sender % SWOT_QUADRANTS.length] ?? 'strengths';
    this.cardId = addCard(
      this.doc,
      { quadrant, author: this.options.author, text: markerText(this.options.sender, 0, nowUs()) },
      LOCAL,
    );
  }

  /** Appends a marker for `seq` to the card (a new card when the text is full). */
  edit(seq: number): void {
    const t = nowUs();
    const marker = markerText(this.options.sender, seq, t);
    const text = cardText(this.doc, this.cardId);
    if (!text || text.length > 1900) {
      const quadrant = SWOT_QUADRANTS[this.options.sender % SWOT_QUADRANTS.length] ?? 'strengths';
      this.cardId = addCard(
        this.doc,
        { quadrant, author: this.options.author, text: marker },
        LOCAL,
      );
    } else {
      editCardText(this.doc, this.cardId, text.toString() + marker, LOCAL);
    }
    if (this.options.ackLatencies) {
      this.pendingAcks.push({ endClock: Y.getState(this.doc.store, this.doc.clientID), sentUs: t });
    }
  }

  private onSaved(decoder: Parameters<typeof readSavedMessage>[0]): void {
    const clock = readSavedMessage(decoder).get(this.doc.clientID) ?? 0;
    const latencies = this.options.ackLatencies;
    if (!latencies) return;
    const now = nowUs();
    while (this.ackHead < this.pendingAcks.length) {
      const p = this.pendingAcks[this.ackHead] as { endClock: number; sentUs: number };
      if (p.endClock > clock) break;
      latencies.add((now - p.sentUs) / 1000);
      this.ackHead++;
    }
  }

  get unacknowledged(): number {
    return this.pendingAcks.length - this.ackHead;
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}
