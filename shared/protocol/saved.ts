/**
 * The "saved" message (type MESSAGE_SAVED on the y-websocket endpoint): the server tells a
 * client which state it has stored durably, as a Yjs state vector. The server sends it after
 * the initial sync and after every update from that client has been written to storage, so
 * "saved" in the interface is a real acknowledgement from the server after the write.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MESSAGE_SAVED } from '../constants';

/** Encodes a saved message carrying the stored state vector. */
export function encodeSavedMessage(storedStateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVED);
  encoding.writeVarUint8Array(encoder, storedStateVector);
  return encoding.toUint8Array(encoder);
}

/** Reads the state vector of a saved message whose type has already been read. */
export function readSavedMessage(decoder: decoding.Decoder): Map<number, number> {
  return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
}

/** Raises each clock in `into` to at least the one in `from`. */
export function mergeStateVectors(into: Map<number, number>, from: Map<number, number>): void {
  for (const [client, clock] of from) {
    if ((into.get(client) ?? 0) < clock) into.set(client, clock);
  }
}

/**
 * How many operations of `local` the server has not confirmed yet (0 = everything saved).
 * Counts Yjs clock ticks, roughly one per character typed or field set.
 */
export function unconfirmedCount(
  local: Map<number, number>,
  confirmed: Map<number, number>,
): number {
  let pending = 0;
  for (const [client, clock] of local) {
    pending += Math.max(0, clock - (confirmed.get(client) ?? 0));
  }
  return pending;
}

/**
 * Tracks which local changes the server has confirmed as stored, for one document. Feed it
 * the saved messages; it also counts every update that arrived from the server as stored
 * (the server relays only what it has stored).
 */
export class SaveTracker {
  readonly confirmed = new Map<number, number>();
  private readonly onUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.isFromServer(origin)) {
      // parseUpdateMeta, not encodeStateVectorFromUpdate: the latter counts only updates
      // that start at clock 0, and relayed updates are increments.
      mergeStateVectors(this.confirmed, Y.parseUpdateMeta(update).to);
    }
  };

  constructor(
    private readonly doc: Y.Doc,
    /** True for the transaction origin the network provider uses for server updates. */
    private readonly isFromServer: (origin: unknown) => boolean,
  ) {
    doc.on('update', this.onUpdate);
  }

  /** Reads a saved message (its type already read) and records what it confirms. */
  receive(decoder: decoding.Decoder): void {
    mergeStateVectors(this.confirmed, readSavedMessage(decoder));
  }

  /** Local operations not yet confirmed; 0 when everything is stored on the server. */
  pending(): number {
    return unconfirmedCount(Y.decodeStateVector(Y.encodeStateVector(this.doc)), this.confirmed);
  }

  destroy(): void {
    this.doc.off('update', this.onUpdate);
  }
}
