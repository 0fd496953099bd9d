/**
 * A light y-websocket protocol client: a raw `ws` socket that speaks just enough of the
 * protocol to be a well-behaved peer (sync step 1 with an empty state vector, an empty
 * sync step 2 in answer to the server's step 1), sends pre-encoded edits, and counts what
 * arrives by scanning for markers (markers.ts) without a Y.Doc. One Node process cannot
 * apply a 200-way fan-out into 200 Y.Docs on one core; it can count it.
 *
 * With `trackAcks` it also reads our server's "saved" message (type 4) and times each edit
 * until a saved state vector covers its clock.
 */
import * as decoding from 'lib0/decoding';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { MESSAGE_SAVED, MESSAGE_SYNC } from '@shared/constants';
import { SyncSubtype, syncMessage, syncStep1FromStateVector } from '@shared/protocol/messages';
import { readSavedMessage } from '@shared/protocol/saved';
import { nowUs, scanMarkers, writeTimeDigits, type MarkerVisitor } from './markers';
import type { ScriptedEdit } from './edit-script';
import type { Samples } from './stats';

/** Our sync step 1: "I have nothing", so the server's step 2 carries the whole board. */
const STEP1_EMPTY = Buffer.from(syncStep1FromStateVector(Y.encodeStateVector(new Y.Doc())));
/** Our answer to the server's step 1: an empty update (edits are sent separately). */
const STEP2_EMPTY = Buffer.from(syncMessage(SyncSubtype.step2, Y.encodeStateAsUpdate(new Y.Doc())));

export interface LightClientOptions {
  url: string;
  clientId: number;
  /** Called for every marker in what the server sends (sync step 2 or update). */
  onMarker: MarkerVisitor;
  /** Where to record edit → saved latencies (ms); no ack tracking when absent. */
  ackLatencies?: Samples;
}

export class LightClient {
  readonly ws: WebSocket;
  bytesIn = 0;
  messagesIn = 0;
  savedMessages = 0;
  closeCode: number | null = null;
  /** The highest clock of ours the server has confirmed as stored. */
  savedClock = 0;
  private syncedFlag = false;
  private readonly pendingAcks: { endClock: number; sentUs: number; timed: boolean }[] = [];
  private ackHead = 0;
  readonly opened: Promise<void>;
  readonly synced: Promise<void>;

  constructor(private readonly options: LightClientOptions) {
    this.ws = new WebSocket(options.url, { perMessageDeflate: false });
    this.ws.binaryType = 'nodebuffer';
    let resolveSynced!: () => void;
    let rejectSynced!: (err: Error) => void;
    this.synced = new Promise<void>((resolve, reject) => {
      resolveSynced = resolve;
      rejectSynced = reject;
    });
    this.synced.catch(() => undefined);
    this.opened = new Promise<void>((resolve, reject) => {
      this.ws.once('open', () => {
        this.ws.send(STEP1_EMPTY);
        resolve();
      });
      this.ws.once('error', reject);
    });
    this.opened.catch(() => undefined);
    this.ws.on('error', () => undefined);
    this.ws.on('close', (code) => {
      this.closeCode = code;
      rejectSynced(new Error(`closed with ${code} before sync`));
    });
    this.ws.on('message', (data: Buffer) => {
      this.bytesIn += data.length;
      this.messagesIn++;
      const type = data[0];
      if (type === MESSAGE_SYNC) {
        const subtype = data[1];
        if (subtype === SyncSubtype.step1) {
          this.ws.send(STEP2_EMPTY);
        } else if (subtype === SyncSubtype.step2 || subtype === SyncSubtype.update) {
          scanMarkers(data, options.onMarker);
          if (subtype === SyncSubtype.step2 && !this.syncedFlag) {
            this.syncedFlag = true;
            resolveSynced();
          }
        }
      } else if (type === MESSAGE_SAVED) {
        this.savedMessages++;
        this.onSaved(data);
      }
      // Awareness (1) and anything else: counted, not parsed.
    });
  }

  get isSynced(): boolean {
    return this.syncedFlag;
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /**
   * Stamps `edit` with the current time and sends it; returns the stamp (µs). Ack latency
   * is recorded for timed edits (seq > 0), not for the card-creating prelude.
   */
  send(edit: ScriptedEdit): number {
    const t = nowUs();
    writeTimeDigits(edit.message, edit.timeOffset, t);
    if (this.options.ackLatencies)
      this.pendingAcks.push({ endClock: edit.endClock, sentUs: t, timed: edit.seq > 0 });
    this.ws.send(edit.message);
    return t;
  }

  /** Sends an already encoded message as is. */
  sendRaw(message: Uint8Array): void {
    this.ws.send(message);
  }

  /** Edits sent and not yet confirmed as stored. */
  get unacknowledged(): number {
    return this.pendingAcks.length - this.ackHead;
  }

  private onSaved(data: Buffer): void {
    const decoder = decoding.createDecoder(data);
    decoding.readVarUint(decoder);
    const clock = readSavedMessage(decoder).get(this.options.clientId) ?? 0;
    if (clock > this.savedClock) this.savedClock = clock;
    const latencies = this.options.ackLatencies;
    if (!latencies) return;
    const now = nowUs();
    while (this.ackHead < this.pendingAcks.length) {
      const p = this.pendingAcks[this.ackHead] as {
        endClock: number;
        sentUs: number;
        timed: boolean;
      };
      if (p.endClock > clock) break;
      if (p.timed) latencies.add((now - p.sentUs) / 1000);
      this.ackHead++;
    }
  }

  close(): void {
    this.ws.close();
  }

  /** Closes and resolves once the socket is gone (or after 2 s). */
  async closeAndWait(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, 2000);
      this.ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.close();
    });
  }
}
