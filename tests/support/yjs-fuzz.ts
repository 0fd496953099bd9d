/**
 * Message makers for fuzzing the Yjs endpoint, each message valid or invalid *by
 * construction*: the fuzzer never asks the server's own code (or copies its constants) to
 * decide what garbage is, so a server bug cannot hide in the oracle.
 *
 * Every garbage maker states why its output breaks the y-websocket protocol (docs/api.md,
 * y-protocols' encoding): a message type or sync subtype no client may send, a length
 * prefix or varint that runs past the end, a strict prefix of an update (the v1 update
 * encoding is self-delimiting, so no strict prefix of a valid update is valid), a content
 * or type reference number Yjs does not define, an awareness entry whose JSON never closes.
 * The server must close each such connection with 4400.
 *
 * `validMessages` are the positive control: well-formed messages a client may send, which
 * must be answered and leave the connection open.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '@shared/constants';
import {
  SyncSubtype,
  rawAwarenessMessage,
  syncMessage,
  syncStep1Message,
} from '@shared/protocol/messages';
import type { Rng } from './prng';

function message(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

function concat(...parts: (Uint8Array | number[])[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

function varUint(n: number): Uint8Array {
  return message((e) => encoding.writeVarUint(e, n));
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
  // Decodes as a whole, but names as parent a struct of its own client that comes later: an
  // item can only refer to what existed when it was made (Y.applyUpdate throws half-way).
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
      bytes: syncMessage(SyncSubtype.update, new Uint8Array(0)),
    },
    {
      name: 'zero-length sync step 2',
      bytes: syncMessage(SyncSubtype.step2, new Uint8Array(0)),
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
    { name: 'awareness with invalid JSON', bytes: rawAwarenessMessage([[777, 1, '{not json']]) },
    {
      name: 'awareness: a valid entry, then invalid JSON',
      bytes: rawAwarenessMessage([
        [778, 1, '{"user":{"name":"bóng ma"}}'],
        [779, 1, '{"broken'],
      ]),
    },
  ];
}

/** The client message types of the protocol: sync, awareness, query awareness. */
const CLIENT_TYPES = new Set([MESSAGE_SYNC, MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS]);
/** Content reference numbers Yjs defines (0 GC … 10 Skip); 11..31 mean nothing. */
const FIRST_UNDEFINED_CONTENT_REF = 11;
/** Type reference numbers of ContentType Yjs defines (0 Array … 6 XmlHook). */
const FIRST_UNDEFINED_TYPE_REF = 7;

/** Valid updates to cut and wrap: made on private documents, so they are valid by construction. */
export interface FuzzBases {
  /** Valid Yjs updates (none empty). */
  updates: Uint8Array[];
  /** Valid whole messages of the sync kinds (their payload is the last thing in them). */
  messages: Uint8Array[];
}

export function fuzzBases(docs: readonly Y.Doc[]): FuzzBases {
  const updates = docs.map((d) => Y.encodeStateAsUpdate(d)).filter((u) => u.byteLength > 2);
  const messages = [
    ...updates.map((u) => syncMessage(SyncSubtype.update, u)),
    ...updates.map((u) => syncMessage(SyncSubtype.step2, u)),
    ...docs.map((d) => syncStep1Message(d)),
  ];
  return { updates, messages };
}

export interface Made {
  what: string;
  bytes: Uint8Array;
}

type Maker = (rng: Rng, bases: FuzzBases) => Made;

const makers: Maker[] = [
  // A message type no client sends (2 is y-websocket's server-side auth message, 4 and 5
  // are ours, server to client), with any tail.
  (rng) => {
    let type = rng.pick([2, 4, 5, 6, 9, 42, 127, 128, 300, 2 ** 20]);
    if (CLIENT_TYPES.has(type)) type = 77;
    const tail = rng.bytes(rng.range(0, 40));
    return { what: `message type ${type}`, bytes: concat(varUint(type), tail) };
  },
  // A sync subtype that does not exist (0, 1, 2 are step 1, step 2, update).
  (rng) => {
    const sub = rng.pick([3, 4, 7, 99, 127, 128, 5000]);
    return {
      what: `sync subtype ${sub}`,
      bytes: concat([MESSAGE_SYNC], varUint(sub), rng.bytes(rng.range(0, 40))),
    };
  },
  // A valid sync message cut short: the subtype, the length varint or the payload it
  // announces is missing.
  (rng, bases) => {
    const base = rng.pick(bases.messages);
    const at = rng.range(1, base.byteLength - 1);
    return { what: `message cut at ${at} of ${base.byteLength}`, bytes: base.slice(0, at) };
  },
  // A payload whose length prefix announces more bytes than follow.
  (rng, bases) => {
    const update = rng.pick(bases.updates);
    const extra = rng.pick([1, 2, 7, 100, 65_536]);
    return {
      what: `length prefix ${extra} past the end`,
      bytes: concat(
        [MESSAGE_SYNC, rng.pick([SyncSubtype.step2, SyncSubtype.update])],
        varUint(update.byteLength + extra),
        update,
      ),
    };
  },
  // A strict prefix of a valid update, properly wrapped: the update itself ends too early.
  (rng, bases) => {
    const update = rng.pick(bases.updates);
    const at = rng.int(update.byteLength);
    return {
      what: `update cut at ${at} of ${update.byteLength}`,
      bytes: syncMessage(rng.pick([SyncSubtype.step2, SyncSubtype.update]), update.slice(0, at)),
    };
  },
  // An over-long varint (more than 53 bits) as the type, the length or the update's first field.
  (rng) => {
    const over = OVERLONG_VARINT.slice(0, rng.range(9, OVERLONG_VARINT.length - 1)).concat([0x01]);
    const where = rng.int(3);
    const bytes =
      where === 0
        ? Uint8Array.from(over)
        : where === 1
          ? concat([MESSAGE_SYNC, SyncSubtype.update], over, rng.bytes(8))
          : syncMessage(SyncSubtype.update, concat(over, rng.bytes(rng.range(0, 16))));
    return { what: `over-long varint (${['type', 'length', 'update'][where]})`, bytes };
  },
  // One item whose content reference number Yjs does not define, then random bytes.
  (rng) => {
    const ref = rng.range(FIRST_UNDEFINED_CONTENT_REF, 31);
    const update = message((e) => {
      encoding.writeVarUint(e, 1); // one client
      encoding.writeVarUint(e, 1); // one struct
      encoding.writeVarUint(e, rng.range(1, 2 ** 30));
      encoding.writeVarUint(e, 0); // clock
      encoding.writeUint8(e, ref); // no origins: the parent follows
      encoding.writeVarUint(e, 1); // a root type, by name
      encoding.writeVarString(e, 'cards');
      encoding.writeUint8Array(e, rng.bytes(rng.range(0, 12)));
    });
    return { what: `content ref ${ref}`, bytes: syncMessage(SyncSubtype.update, update) };
  },
  // A ContentType item naming a type reference Yjs does not define.
  (rng) => {
    const typeRef = rng.range(FIRST_UNDEFINED_TYPE_REF, 127);
    const update = message((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, rng.range(1, 2 ** 30));
      encoding.writeVarUint(e, 0);
      encoding.writeUint8(e, 7 | 0x20); // ContentType with a key
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, 'cards');
      encoding.writeVarString(e, 'c');
      encoding.writeVarUint(e, typeRef);
      encoding.writeVarUint(e, 0); // empty delete set
      encoding.writeUint8Array(e, rng.bytes(rng.range(0, 4)));
    });
    return { what: `type ref ${typeRef}`, bytes: syncMessage(SyncSubtype.update, update) };
  },
  // Awareness: valid entries, then one whose JSON never closes.
  (rng) => {
    const valid: [number, number, string][] = Array.from({ length: rng.int(2) }, (_, i) => [
      rng.range(1, 2 ** 30),
      i + 1,
      '{"user":{"name":"Khách"}}',
    ]);
    const broken = `{"user":{"name":"${'ư'.repeat(rng.range(0, 20))}`;
    return {
      what: `awareness with ${valid.length} valid entries, then unclosed JSON`,
      bytes: rawAwarenessMessage([...valid, [rng.range(1, 2 ** 30), 1, broken]]),
    };
  },
  // Awareness announcing more entries than it carries.
  (rng) => {
    const announced = rng.range(1, 5);
    const entries = message((e) => {
      encoding.writeVarUint(e, announced);
      for (let i = 0; i < announced - 1; i++) {
        encoding.writeVarUint(e, 1000 + i);
        encoding.writeVarUint(e, 1);
        encoding.writeVarString(e, 'null');
      }
    });
    return {
      what: `awareness announcing ${announced} entries, carrying ${announced - 1}`,
      bytes: concat([MESSAGE_AWARENESS], varUint(entries.byteLength), entries),
    };
  },
];

/** One garbage message, invalid by construction (see the makers above for why). */
export function garbageMessage(rng: Rng, bases: FuzzBases): Made {
  return rng.pick(makers)(rng, bases);
}

/**
 * The `k`-th of a cycle of well-formed messages any client may send, each answered by the
 * server without closing the connection: the positive control of the fuzz run. Awareness
 * entries use a client id of their own each time: y-protocols ignores (and does not relay)
 * a state whose clock is not newer than the one it knows.
 */
export function validMessage(k: number, doc: Y.Doc): Made {
  switch (k % 4) {
    case 0:
      return { what: 'sync step 1', bytes: syncStep1Message(doc) };
    case 1:
      return { what: 'sync step 1, empty state', bytes: syncStep1Message(new Y.Doc()) };
    case 2:
      return { what: 'query awareness', bytes: Uint8Array.from([MESSAGE_QUERY_AWARENESS]) };
    default:
      return {
        what: 'awareness, one entry',
        bytes: rawAwarenessMessage([[900_000 + k, 1, '{"user":{"name":"Khách hợp lệ"}}']]),
      };
  }
}

export function hex(bytes: Uint8Array, max = 96): string {
  const s = Buffer.from(bytes.subarray(0, max)).toString('hex');
  return bytes.byteLength > max ? `${s}… (${bytes.byteLength} bytes)` : s;
}
