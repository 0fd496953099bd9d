/**
 * The one encoder of each y-websocket message we send or forge: the server, the test
 * support code and the bench all build their messages here, so a change of the wire format
 * is made once. Pure functions, no state: safe to import from both bundles.
 *
 * The layout (y-protocols): `varUint type`, then for sync messages `varUint subtype` and a
 * `varUint8Array` payload (a state vector for step 1, an update for step 2 and update); an
 * awareness message carries one `varUint8Array` awareness update.
 */
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { MESSAGE_AWARENESS, MESSAGE_SYNC, MESSAGE_SYNC_STATUS } from '../constants';

export { encodeSavedMessage as savedMessage } from './saved';

/** Sync message subtypes, as y-protocols numbers them. */
export const SyncSubtype = {
  /** "Here is my state vector; send me what I miss." */
  step1: syncProtocol.messageYjsSyncStep1,
  /** The answer to step 1: an update with what the asker misses. */
  step2: syncProtocol.messageYjsSyncStep2,
  /** An incremental update. */
  update: syncProtocol.messageYjsUpdate,
} as const;

function build(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/**
 * A sync message of any subtype with `payload` as it is, unchecked: the base of the others,
 * and what tests use to forge messages that no well-behaved peer sends.
 */
export function syncMessage(subtype: number, payload: Uint8Array): Uint8Array {
  return build((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, subtype);
    encoding.writeVarUint8Array(e, payload);
  });
}

/** Sync step 1 carrying an encoded state vector. */
export function syncStep1FromStateVector(stateVector: Uint8Array): Uint8Array {
  return syncMessage(SyncSubtype.step1, stateVector);
}

/** Sync step 1 with `doc`'s state vector. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  return build((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(e, doc);
  });
}

/** Sync step 2: what `doc` has beyond `stateVector`. */
export function syncStep2Message(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  return build((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep2(e, doc, stateVector);
  });
}

/** A sync update message carrying one Yjs update. */
export function syncUpdateMessage(update: Uint8Array): Uint8Array {
  return syncMessage(SyncSubtype.update, update);
}

/** An awareness message with an already encoded awareness update. */
export function awarenessUpdateMessage(update: Uint8Array): Uint8Array {
  return build((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}

/** An awareness message with the states of `clients` in `awareness`. */
export function awarenessMessage(
  awareness: awarenessProtocol.Awareness,
  clients: number[],
): Uint8Array {
  return awarenessUpdateMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

/**
 * An awareness message made of raw entries `[clientID, clock, JSON text]`, the JSON text
 * written as it is (tests forge invalid ones with it).
 */
export function rawAwarenessMessage(entries: readonly [number, number, string][]): Uint8Array {
  return awarenessUpdateMessage(
    build((e) => {
      encoding.writeVarUint(e, entries.length);
      for (const [client, clock, json] of entries) {
        encoding.writeVarUint(e, client);
        encoding.writeVarUint(e, clock);
        encoding.writeVarString(e, json);
      }
    }),
  );
}

/** Hocuspocus-style sync status: whether the update just received was applied (1) or refused (0). */
export function syncStatusMessage(applied: boolean): Uint8Array {
  return build((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC_STATUS);
    encoding.writeVarUint(e, applied ? 1 : 0);
  });
}
