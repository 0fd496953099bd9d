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
 * Tracks which changes of one document the server has confirmed as stored. Feed it the saved
 * messages (and, after a reload, the vector it had confirmed before); it also counts every
 * transaction that came from the server as stored, since the server relays only what it has
 * stored. The clocks such a transaction advanced are read from its before/after state
 * vectors: `Y.encodeStateVectorFromUpdate` would report only clients whose structs start at
 * clock 0 and miss incremental updates, so a pure reader's count would grow without end.
 */
export class SaveTracker {
  readonly confirmed = new Map<number, number>();
  private readonly onTransaction = (transaction: Y.Transaction): void => {
    let changed = false;
    if (this.isFromServer(transaction.origin)) {
      for (const [client, clock] of transaction.afterState) {
        if (
          clock > (transaction.beforeState.get(client) ?? 0) &&
          (this.confirmed.get(client) ?? 0) < clock
        ) {
          this.confirmed.set(client, clock);
          changed = true;
        }
      }
    }
    this.onChange(changed);
  };

  constructor(
    private readonly doc: Y.Doc,
    /** True for the transaction origin the network provider uses for server updates. */
    private readonly isFromServer: (origin: unknown) => boolean,
    /** Called after every transaction and confirmation; `confirmedChanged` says whether `confirmed` grew. */
    private readonly onChange: (confirmedChanged: boolean) => void = () => {},
  ) {
    doc.on('afterTransaction', this.onTransaction);
  }

  /** Reads a saved message (its type already read) and records what it confirms. */
  receive(decoder: decoding.Decoder): void {
    this.confirm(readSavedMessage(decoder));
  }

  /** Records a state vector known to be stored (e.g. the one kept in IndexedDB before a reload). */
  confirm(stateVector: Map<number, number>): void {
    mergeStateVectors(this.confirmed, stateVector);
    this.onChange(true);
  }

  /** Local operations not yet confirmed; 0 when everything is stored on the server. */
  pending(): number {
    // The clocks are read from the store: encoding the state vector to decode it again did
    // the same walk twice, and this runs after every burst of transactions.
    const store = this.doc.store;
    const local = new Map<number, number>();
    for (const client of store.clients.keys()) local.set(client, Y.getState(store, client));
    return unconfirmedCount(local, this.confirmed);
  }

  destroy(): void {
    this.doc.off('afterTransaction', this.onTransaction);
  }
}
