/**
 * Message makers and a local oracle for fuzzing the Yjs endpoint.
 *
 * "Garbage" has to be well defined, because a mutated message can by chance be a valid
 * message, even a valid edit. `classifyMessage` replays what the server does with one
 * message (server/realtime/yjs/doc-room.ts `handleMessage`, with the server's own
 * `checkUpdate`) against a scratch copy of the board:
 * - `garbage`: the server must refuse it and close the connection;
 * - `edit`: a valid update that would change the board (or leave structs waiting for missing
 *   ones): not garbage, the fuzzer does not send it;
 * - `harmless`: valid and changes nothing (a sync request, an awareness update, a duplicate):
 *   not garbage either, not sent.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '@shared/constants';
import { checkUpdate } from '@server/realtime/yjs/update-guard';
import type { Rng } from './prng';

export type Verdict = 'garbage' | 'edit' | 'harmless';

/** Same bound as the server's (doc-room.ts): one browser controls one awareness state. */
const MAX_AWARENESS_ENTRIES = 8;

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.byteLength !== b.byteLength) return false;
  for (let i = 0; i < a.byteLength; i++) if (a[i] !== b[i]) return false;
  return true;
}

function classifyUpdate(update: Uint8Array, board: Y.Doc): Verdict {
  if (!checkUpdate(update).ok) return 'garbage';
  const scratch = new Y.Doc();
  try {
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(board));
    const before = Y.encodeStateAsUpdate(scratch);
    try {
      Y.applyUpdate(scratch, update);
    } catch {
      return 'garbage';
    }
    const waiting = scratch.store.pendingStructs !== null || scratch.store.pendingDs !== null;
    return waiting || !sameBytes(before, Y.encodeStateAsUpdate(scratch)) ? 'edit' : 'harmless';
  } finally {
    scratch.destroy();
  }
}

/** What the server should make of `message` on a writable connection to `board`. */
export function classifyMessage(message: Uint8Array, board: Y.Doc): Verdict {
  try {
    const decoder = decoding.createDecoder(message);
    const type = decoding.readVarUint(decoder);
    if (type === MESSAGE_SYNC) {
      const subtype = decoding.readVarUint(decoder);
      if (subtype === syncProtocol.messageYjsSyncStep1) {
        Y.decodeStateVector(decoding.readVarUint8Array(decoder));
        return 'harmless';
      }
      if (
        subtype === syncProtocol.messageYjsSyncStep2 ||
        subtype === syncProtocol.messageYjsUpdate
      ) {
        return classifyUpdate(decoding.readVarUint8Array(decoder), board);
      }
      return 'garbage';
    }
    if (type === MESSAGE_AWARENESS) {
      const update = decoding.readVarUint8Array(decoder);
      if (decoding.readVarUint(decoding.createDecoder(update)) > MAX_AWARENESS_ENTRIES)
        return 'garbage';
      const scratch = new awarenessProtocol.Awareness(new Y.Doc());
      try {
        awarenessProtocol.applyAwarenessUpdate(scratch, update, 'fuzz');
      } finally {
        scratch.destroy();
        scratch.doc.destroy();
      }
      return 'harmless';
    }
    if (type === MESSAGE_QUERY_AWARENESS) return 'harmless';
    return 'garbage';
  } catch {
    return 'garbage';
  }
}

function message(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

export function syncStep1Message(doc: Y.Doc): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    syncProtocol.writeSyncStep1(e, doc);
  });
}

export function syncMessage(subtype: number, update: Uint8Array): Uint8Array {
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_SYNC);
    encoding.writeVarUint(e, subtype);
    encoding.writeVarUint8Array(e, update);
  });
}

/** An awareness message carrying raw entries: [clientID, clock, JSON text]. */
export function awarenessMessage(entries: readonly [number, number, string][]): Uint8Array {
  const update = message((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const [client, clock, json] of entries) {
      encoding.writeVarUint(e, client);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, json);
    }
  });
  return message((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}

/** A varuint written with more continuation bytes than any 53-bit integer needs. */
const OVERLONG_VARINT = [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01];

/**
 * The known bad inputs: yjs issue 498 (zero-length update), 479 (an invalid varint, the
 * reporter's `Buffer.from('garbagedoc', 'base64')`), over-long varints, and updates that
 * claim a huge number of clients or structs in a few bytes (issue 687's idea in the v1
 * encoding the protocol uses).
 */
export function knownBadMessages(): { name: string; bytes: Uint8Array }[] {
  const hugeStructs = message((e) => {
    encoding.writeVarUint(e, 1); // one client
    encoding.writeVarUint(e, 2 ** 31); // claims 2^31 structs
    encoding.writeVarUint(e, 12345); // client
    encoding.writeVarUint(e, 0); // clock
    encoding.writeUint8(e, 0); // a GC struct...
    encoding.writeVarUint(e, 1); // ...of length 1, then nothing
  });
  const hugeClients = message((e) => {
    encoding.writeVarUint(e, 2 ** 32 - 1);
    encoding.writeVarUint(e, 1);
  });
  const hugeString = message((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 4242);
    encoding.writeVarUint(e, 0);
    encoding.writeUint8(e, 4); // ContentString, no origins: the parent follows
    encoding.writeVarUint(e, 1); // the parent is a root type, by name
    encoding.writeVarString(e, 'cards');
    encoding.writeVarUint(e, 2 ** 30); // a string of 2^30 characters follows (it does not)
    encoding.writeUint8(e, 0x61);
  });
  const hugeAny = message((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 4243);
    encoding.writeVarUint(e, 0);
    encoding.writeUint8(e, 8); // ContentAny
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, 'cards');
    encoding.writeVarUint(e, 2 ** 31); // 2^31 values follow (they do not)
  });
  // Decodes (so checkUpdate passes) but names as parent a struct of its own client that comes
  // later: Y.applyUpdate throws half-way through integrating it (found by this fuzzer).
  const forwardParent = message((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 2);
    encoding.writeVarUint(e, 5000);
    encoding.writeVarUint(e, 0);
    encoding.writeUint8(e, 7 | 0x20); // ContentType with a key: cards.ghost = new Y.Map
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, 'cards');
    encoding.writeVarString(e, 'ghost');
    encoding.writeVarUint(e, 1);
    encoding.writeUint8(e, 8 | 0x20); // ContentAny with a key, in the parent (5000, 5)
    encoding.writeVarUint(e, 0);
    encoding.writeVarUint(e, 5000);
    encoding.writeVarUint(e, 5);
    encoding.writeVarString(e, 'x');
    encoding.writeVarUint(e, 1);
    encoding.writeAny(e, 'v');
    encoding.writeVarUint(e, 0);
  });
  const forwardOrigin = message((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, 5001);
    encoding.writeVarUint(e, 0);
    encoding.writeUint8(e, 4 | 0x80); // ContentString after its origin (5001, 9)
    encoding.writeVarUint(e, 5001);
    encoding.writeVarUint(e, 9);
    encoding.writeVarString(e, 'x');
    encoding.writeVarUint(e, 0);
  });
  return [
    { name: 'empty message', bytes: new Uint8Array(0) },
    {
      name: 'zero-length update (yjs 498)',
      bytes: syncMessage(syncProtocol.messageYjsUpdate, new Uint8Array(0)),
    },
    {
      name: 'zero-length sync step 2',
      bytes: syncMessage(syncProtocol.messageYjsSyncStep2, new Uint8Array(0)),
    },
    {
      name: "Buffer.from('garbagedoc', 'base64') (yjs 479)",
      bytes: syncMessage(2, new Uint8Array(Buffer.from('garbagedoc', 'base64'))),
    },
    { name: 'over-long varint message type', bytes: new Uint8Array(OVERLONG_VARINT) },
    {
      name: 'over-long varint update length',
      bytes: new Uint8Array([MESSAGE_SYNC, 2, ...OVERLONG_VARINT]),
    },
    {
      name: 'over-long varint inside the update',
      bytes: syncMessage(2, new Uint8Array(OVERLONG_VARINT)),
    },
    {
      name: 'update length past the end',
      bytes: new Uint8Array([MESSAGE_SYNC, 2, 0xf0, 0x01, 1, 2, 3]),
    },
    { name: 'update claiming 2^31 structs', bytes: syncMessage(2, hugeStructs) },
    { name: 'update claiming 2^32-1 clients', bytes: syncMessage(2, hugeClients) },
    { name: 'string of 2^30 characters announced', bytes: syncMessage(2, hugeString) },
    { name: 'ContentAny of 2^31 values announced', bytes: syncMessage(2, hugeAny) },
    { name: 'state vector past the end', bytes: new Uint8Array([MESSAGE_SYNC, 0, 5, 1, 2]) },
    { name: 'unknown sync subtype', bytes: new Uint8Array([MESSAGE_SYNC, 9, 0]) },
    { name: 'auth message type 2', bytes: new Uint8Array([2, 0]) },
    { name: 'saved message type 4 from a client', bytes: new Uint8Array([4, 0]) },
    { name: 'unknown message type', bytes: new Uint8Array([77]) },
    {
      name: 'item whose parent is a later struct of its own client',
      bytes: syncMessage(2, forwardParent),
    },
    {
      name: 'item whose origin is a later struct of its own client',
      bytes: syncMessage(2, forwardOrigin),
    },
    {
      name: 'awareness with 1000 entries',
      bytes: new Uint8Array([MESSAGE_AWARENESS, 2, 0xe8, 0x07]),
    },
    { name: 'awareness with invalid JSON', bytes: awarenessMessage([[777, 1, '{not json']]) },
    {
      name: 'awareness: a valid entry, then invalid JSON',
      bytes: awarenessMessage([
        [778, 1, '{"user":{"name":"bóng ma"}}'],
        [779, 1, '{"broken'],
      ]),
    },
  ];
}

/** A copy of `base` damaged in one of several ways; `what` says how (for replay messages). */
export function mutate(rng: Rng, base: Uint8Array): { what: string; bytes: Uint8Array } {
  const kind = rng.int(5);
  if (kind === 0 && base.byteLength > 0) {
    const at = rng.int(base.byteLength);
    return { what: `truncated to ${at}`, bytes: base.slice(0, at) };
  }
  const bytes = base.slice();
  if (kind === 1 || bytes.byteLength === 0) {
    const flips = rng.range(1, 4);
    for (let i = 0; i < flips && bytes.byteLength > 0; i++) {
      const at = rng.int(bytes.byteLength);
      bytes[at] = (bytes[at] ?? 0) ^ (1 << rng.int(8));
    }
    return { what: `${flips} bits flipped`, bytes };
  }
  if (kind === 2) {
    const at = rng.int(bytes.byteLength);
    bytes[at] = rng.pick([0x00, 0x7f, 0x80, 0xff]);
    return { what: `byte ${at} set`, bytes };
  }
  if (kind === 3) {
    const at = rng.int(bytes.byteLength + 1);
    const extra = rng.bytes(rng.range(1, 8));
    const out = new Uint8Array(bytes.byteLength + extra.byteLength);
    out.set(bytes.subarray(0, at), 0);
    out.set(extra, at);
    out.set(bytes.subarray(at), at + extra.byteLength);
    return { what: `${extra.byteLength} bytes inserted at ${at}`, bytes: out };
  }
  const at = rng.int(bytes.byteLength);
  return {
    what: `tail from ${at} replaced`,
    bytes: Uint8Array.from([...bytes.subarray(0, at), ...rng.bytes(rng.range(0, 16))]),
  };
}

/** Random bytes, sometimes behind a plausible message header so decoders get further. */
export function randomMessage(rng: Rng): { what: string; bytes: Uint8Array } {
  const headers: number[][] = [
    [],
    [MESSAGE_SYNC],
    [MESSAGE_SYNC, 0],
    [MESSAGE_SYNC, 1],
    [MESSAGE_SYNC, 2],
    [MESSAGE_AWARENESS],
  ];
  const header = rng.pick(headers);
  const body = rng.bytes(rng.chance(0.1) ? rng.range(64, 4096) : rng.range(0, 40));
  return {
    what: `random ${body.byteLength} bytes after [${header.join(',')}]`,
    bytes: Uint8Array.from([...header, ...body]),
  };
}

export function hex(bytes: Uint8Array, max = 96): string {
  const s = Buffer.from(bytes.subarray(0, max)).toString('hex');
  return bytes.byteLength > max ? `${s}… (${bytes.byteLength} bytes)` : s;
}
