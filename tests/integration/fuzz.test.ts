/**
 * Hostile input (issue 4, "Fuzz test"): a bounded, seeded run of garbage against a running
 * server while a bystander keeps editing the same board and a watcher must keep receiving
 * its edits.
 *
 * - Yjs endpoint, raw `ws` connections with a participant token: random bytes, truncated,
 *   bit-flipped and otherwise mutated protocol messages, oversized messages, text frames, a
 *   message flood, the known bad Yjs updates (yjs 479, 498, over-long varints, huge struct
 *   counts) and malformed WebSocket frames over bare TCP. Each must close its own connection
 *   (4400 / 4413 / 4429; 1009 past ws's maxPayload; 1002/1007 for bad frames) and nothing else.
 *   Every garbage message is invalid by construction (tests/support/yjs-fuzz.ts says why for
 *   each kind), never classified with the server's own code; valid messages sent the same
 *   way must be answered and leave their connection open (the positive control).
 * - Socket.io: random JSON, wrong types, binary, huge strings and unknown events to
 *   `presence:set`, `board:lock` and others; payloads built to be valid or invalid by
 *   construction must get the documented acknowledgement, random ones must get one at all;
 *   malformed Socket.io packets over a bare WebSocket.
 * The run sends a fixed amount of garbage and the bystander makes at least a fixed number of
 * edits, whatever the machine's speed; time caps only guard against a hang.
 * Afterwards the process is still up, nothing the fuzzer sent was stored, and a fresh client
 * of a restarted server sees the boards as before plus exactly the bystander's edits.
 *
 * Replay a failure with `SEED=<n> npx vitest run --project integration tests/integration/fuzz.test.ts`;
 * `FUZZ_DUMP=<file>` also writes every Yjs message that got the wrong answer, in full (hex).
 */
import fs from 'node:fs';
import * as decoding from 'lib0/decoding';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import type { Socket } from 'socket.io-client';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS } from '@shared/constants';
import {
  SWOT_QUADRANTS,
  addCard,
  boardView,
  cardText,
  initSwotDoc,
  type CardView,
  type Quadrant,
} from '@shared/doc/swot-board';
import { syncUpdateMessage } from '@shared/protocol/messages';
import { MeetingState } from '@shared/schemas/socket';
import { ApiClient, meetingWithParticipants } from '../support/api';
import { BoardEditor, compareWithLogs } from '../support/board-editor';
import { createRng, seedFromEnv, type Rng } from '../support/prng';
import { openRawYjs } from '../support/raw-yjs';
import { maskedFrame, sendRawFrames } from '../support/raw-frames';
import { parseLogLines } from '../support/server-logs';
import { startServer, type ServerProcess } from '../support/server-process';
import { connectSocket, type TestSocketClient } from '../support/socket-client';
import { storedUpdates } from '../support/stored-board';
import { waitFor } from '../support/wait-for';
import {
  fuzzBases,
  garbageMessage,
  hex,
  knownBadMessages,
  validMessage,
  type FuzzBases,
} from '../support/yjs-fuzz';
import { connectDoc, type TestDocClient } from '../support/yjs-client';

const SEED = seedFromEnv(4003);
/** Garbage messages made and sent on top of the fixed cases. */
const YJS_GARBAGE = 300;
/** Socket.io events sent, in batches of 40. */
const SOCKET_EVENTS = 240;
/** The bystander edits until the fuzzing is over and it has made at least this many edits. */
const BYSTANDER_EDITS = 30;
/** …and created at least this many cards. */
const BYSTANDER_CARDS = 4;
/** Guards against a hang only: a healthy server answers in milliseconds. */
const ANSWER_CAP_MS = 15_000;
/** Fuzz connections open at once. */
const POOL = 4;
const MIB = 1024 * 1024;

let server: ServerProcess | null = null;
const cleanup: (() => void)[] = [];

afterEach(async () => {
  for (const c of cleanup.splice(0)) c();
  await server?.kill();
  server = null;
});

/** Paces the bystander; never used to wait for a result. */
const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function open(boardId: string, token: string): TestDocClient {
  const c = connectDoc(server!.wsUrl, boardId, token);
  cleanup.push(() => c.destroy());
  return c;
}

function sock(token: string): TestSocketClient {
  const s = connectSocket(server!.url, token);
  cleanup.push(() => s.close());
  return s;
}

async function freshView(boardId: string, token: string): Promise<Record<Quadrant, CardView[]>> {
  const c = connectDoc(server!.wsUrl, boardId, token);
  try {
    await c.waitSynced();
    return boardView(c.doc);
  } finally {
    c.destroy();
  }
}

/** A board made offline with fixed ids and client id, so mutations of it replay exactly. */
function syntheticBoard(clientId: number): {
  state: Uint8Array;
  increment: Uint8Array;
  doc: Y.Doc;
} {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  initSwotDoc(doc);
  const author = { id: 'fuzzer0001', name: 'Khách', department: 'Phòng Y tế' };
  for (const [i, quadrant] of SWOT_QUADRANTS.entries()) {
    addCard(doc, {
      id: `fuzzcard${clientId}x${i}`,
      quadrant,
      author,
      text: `mẫu ${i}`,
      createdAt: 1,
    });
  }
  const before = Y.encodeStateVector(doc);
  cardText(doc, `fuzzcard${clientId}x0`)!.insert(2, 'ưu ');
  cardText(doc, `fuzzcard${clientId}x1`)!.delete(0, 2);
  return { state: Y.encodeStateAsUpdate(doc), increment: Y.encodeStateAsUpdate(doc, before), doc };
}

/** Valid updates to cut and wrap: a synthetic board (replayable) and a copy of the live one. */
function baseMessages(board: Y.Doc, clientId: number): FuzzBases {
  const synthetic = syntheticBoard(clientId);
  const clone = new Y.Doc();
  Y.applyUpdate(clone, Y.encodeStateAsUpdate(board));
  const bases = fuzzBases([synthetic.doc, clone]);
  // An incremental update (structs that start past clock 0, a delete set): valid too.
  bases.updates.push(synthetic.increment);
  bases.messages.push(syncUpdateMessage(synthetic.increment));
  synthetic.doc.destroy();
  clone.destroy();
  return bases;
}

/** The awareness client ids a fresh connection is told about (ghosts would show here). */
async function awarenessClients(wsUrl: string, boardId: string, token: string): Promise<number[]> {
  const ws = new WebSocket(`${wsUrl}/yjs/${boardId}?token=${encodeURIComponent(token)}`);
  ws.on('error', () => {});
  try {
    return await new Promise<number[]>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no awareness answer')), ANSWER_CAP_MS);
      ws.on('open', () => ws.send(new Uint8Array([MESSAGE_QUERY_AWARENESS])));
      ws.on('message', (data: Buffer) => {
        const decoder = decoding.createDecoder(new Uint8Array(data));
        if (decoding.readVarUint(decoder) !== MESSAGE_AWARENESS) return;
        const update = decoding.createDecoder(decoding.readVarUint8Array(decoder));
        const ids: number[] = [];
        for (let n = decoding.readVarUint(update); n > 0; n--) {
          ids.push(decoding.readVarUint(update));
          decoding.readVarUint(update);
          decoding.readVarString(update);
        }
        clearTimeout(timer);
        resolve(ids);
      });
    });
  } finally {
    ws.close();
  }
}

/** Runs `run` on the items `next` yields, `size` at a time, until it yields null. */
async function pool<T>(
  size: number,
  next: () => T | null,
  run: (item: T) => Promise<void>,
): Promise<void> {
  await Promise.all(
    Array.from({ length: size }, async () => {
      for (let item = next(); item !== null; item = next()) await run(item);
    }),
  );
}

// ---- Socket.io payloads -------------------------------------------------------------------

const UNKNOWN_EVENTS = [
  'board:unlock',
  'state:snapshot',
  'meeting:error',
  'me:changed',
  'admin',
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'presence:set ',
  'PRESENCE:SET',
  'x'.repeat(300),
  'sự kiện lạ',
];

function idLike(rng: Rng): string {
  const ok = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';
  const length = rng.pick([0, 1, 5, 6, 12, 21, 64, 65, 300]);
  let s = '';
  for (let i = 0; i < length; i++)
    s += rng.chance(0.97) ? rng.pick([...ok]) : rng.pick(['/', '.', ' ', 'ư', '\u0000', '"']);
  return s;
}

function randomValue(rng: Rng, depth = 0): unknown {
  switch (rng.int(depth >= 3 ? 7 : 10)) {
    case 0:
      return null;
    case 1:
      return rng.chance(0.5);
    case 2:
      return rng.pick([0, -1, 1.5, 2 ** 53, -(2 ** 31), 1e308, Number.MIN_VALUE]);
    case 3:
      return rng.pick([
        '',
        ' ',
        'null',
        'undefined',
        '<script>alert(1)</script>',
        '\u0000',
        '\ud800',
        'Phòng Y tế',
        '{"boardId":null}',
      ]);
    case 4:
      return idLike(rng);
    case 5:
      return 'ư'.repeat(rng.range(1000, 12_000));
    case 6:
      return rng.bytes(rng.range(0, 32));
    case 7:
      return Array.from({ length: rng.int(5) }, () => randomValue(rng, depth + 1));
    case 8: {
      const keys = [
        'boardId',
        'editingCardId',
        'locked',
        '__proto__',
        'constructor',
        'prototype',
        'toString',
        idLike(rng),
      ];
      const out: Record<string, unknown> = {};
      for (let i = rng.int(5); i > 0; i--)
        Object.defineProperty(out, rng.pick(keys), {
          value: randomValue(rng, depth + 1),
          enumerable: true,
          configurable: true,
          writable: true,
        });
      return out;
    }
    default: {
      // Nearly valid: the right keys, each value right or wrong.
      const value = (): unknown =>
        rng.chance(0.6) ? rng.pick([null, idLike(rng)]) : randomValue(rng, depth + 1);
      return {
        boardId: value(),
        editingCardId: value(),
        locked: rng.chance(0.7) ? rng.chance(0.5) : randomValue(rng, depth + 1),
      };
    }
  }
}

function hasBinary(value: unknown): boolean {
  if (value instanceof Uint8Array) return true;
  if (Array.isArray(value)) return value.some(hasBinary);
  if (value && typeof value === 'object') return Object.values(value).some(hasBinary);
  return false;
}

type AckResult = { ok: true } | { ok: false; error: { code: string } };
type Want = 'ok' | 'forbidden' | 'validation_failed' | 'not_found';

/** Ids the test knows: the meeting's boards, cards on them, and a well-formed id that is no board. */
interface KnownIds {
  boards: string[];
  cards: string[];
  notABoard: string;
}

/** A JSON value of a type other than string and null: never a valid id or `locked` flag. */
function wrongType(rng: Rng): unknown {
  return rng.pick<unknown>([0, 1.5, -1, true, false, {}, { id: 'x' }, [], ['abc123']]);
}

/**
 * A payload and the answer docs/api.md promises for it, built so that the answer is known
 * without asking the server's schemas: `presence:set` takes `{ boardId: string | null,
 * editingCardId: string | null }`, `board:lock` takes `{ boardId, locked: boolean }` and is
 * refused to anyone but a facilitator whatever it carries.
 */
function constructedCase(
  rng: Rng,
  event: 'presence:set' | 'board:lock',
  role: 'participant' | 'facilitator',
  ids: KnownIds,
): { payload: unknown; want: Want; why: string } {
  const valid = rng.chance(0.5);
  if (event === 'board:lock') {
    if (role !== 'facilitator') {
      const payload = valid ? { boardId: rng.pick(ids.boards), locked: true } : wrongType(rng);
      return { payload, want: 'forbidden', why: 'a participant locking' };
    }
    if (valid)
      return {
        payload: { boardId: ids.notABoard, locked: rng.chance(0.5) },
        want: 'not_found',
        why: 'an id that is no board of the meeting',
      };
    const payload = rng.pick<unknown>([
      { boardId: ids.notABoard, locked: wrongType(rng) },
      { boardId: wrongType(rng), locked: true },
      { locked: true },
      { boardId: rng.pick(ids.boards) },
      wrongType(rng),
      'board',
      null,
    ]);
    return { payload, want: 'validation_failed', why: 'a field missing or of the wrong type' };
  }
  const board = (): string | null => rng.pick([null, ...ids.boards]);
  const card = (): string | null => rng.pick([null, ...ids.cards]);
  if (valid)
    return { payload: { boardId: board(), editingCardId: card() }, want: 'ok', why: 'valid' };
  const payload = rng.pick<unknown>([
    { boardId: wrongType(rng), editingCardId: card() },
    { boardId: board(), editingCardId: wrongType(rng) },
    { boardId: board() },
    { editingCardId: card() },
    wrongType(rng),
    'presence',
    null,
  ]);
  return { payload, want: 'validation_failed', why: 'a field missing or of the wrong type' };
}

/** Malformed Socket.io / Engine.IO packets (one or more frames), sent after a correct handshake. */
const BAD_PACKETS: { name: string; frames: (string | Buffer)[] }[] = [
  { name: 'empty text frame', frames: [''] },
  { name: 'unknown engine.io type', frames: ['9'] },
  { name: 'message without a socket.io packet', frames: ['4'] },
  { name: 'event with invalid JSON', frames: ['42["presence:set",{'] },
  { name: 'event with an empty array', frames: ['42[]'] },
  { name: 'event named by an object', frames: ['42[{},{}]'] },
  { name: 'reserved event "disconnect"', frames: ['42["disconnect"]'] },
  { name: 'event with an object instead of an array', frames: ['42{"boardId":null}'] },
  { name: 'unknown socket.io packet type', frames: ['48["x"]'] },
  {
    name: 'binary event whose placeholder points past its attachment',
    frames: ['451-["presence:set",{"_placeholder":true,"num":7}]', Buffer.from([1, 2, 3])],
  },
  { name: 'binary frame nobody announced', frames: [Buffer.from([1, 2, 3, 4])] },
];

/** Opens a Socket.io connection by hand, sends one bad packet, and says if the server closed it. */
async function sendBadPacket(
  wsUrl: string,
  token: string,
  frames: (string | Buffer)[],
): Promise<boolean> {
  const ws = new WebSocket(`${wsUrl}/socket.io/?EIO=4&transport=websocket`);
  ws.on('error', () => {});
  const closed = new Promise<boolean>((resolve) => ws.on('close', () => resolve(true)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no socket.io handshake')), ANSWER_CAP_MS);
    ws.on('message', (raw: Buffer, isBinary: boolean) => {
      const text = isBinary ? '' : raw.toString();
      if (text.startsWith('0')) ws.send(`40${JSON.stringify({ token })}`);
      else if (text.startsWith('40')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  for (const frame of frames) ws.send(frame);
  const result = await Promise.race([closed, pause(ANSWER_CAP_MS).then(() => false)]);
  ws.terminate();
  return result;
}

describe('fuzzing the Yjs endpoint and the Socket.io channel', () => {
  it('garbage closes only its own connection; the bystander edits throughout; nothing is stored', async () => {
    const seed = `seed ${SEED} (replay with SEED=${SEED})`;
    server = await startServer();
    const { dataDir, port } = server;
    const api = new ApiClient(server.url);
    const { created, view, participants } = await meetingWithParticipants(api, 3);
    const [by, wa, fz] = participants as [
      (typeof participants)[0],
      (typeof participants)[0],
      (typeof participants)[0],
    ];
    const boardF = view.boards[0]!.id;
    const boardG = view.boards[1]!.id;
    const author = (p: typeof by, name: string) => ({
      id: p.participantId,
      name,
      department: view.departments[0]!,
    });

    // Both boards get some content first; the watcher of F and the one of G write it.
    const watcher = open(boardF, wa.token);
    const watcherG = open(boardG, wa.token);
    await Promise.all([watcher.waitSynced(), watcherG.waitSynced()]);
    const seedF = new BoardEditor(
      'seedF',
      watcher.doc,
      boardF,
      author(wa, 'Người xem'),
      createRng(SEED + 1),
      { maxCards: 4, moveOthers: 0 },
    );
    const seedG = new BoardEditor(
      'seedG',
      watcherG.doc,
      boardG,
      author(wa, 'Người xem'),
      createRng(SEED + 2),
      { maxCards: 4, moveOthers: 0 },
    );
    for (const editor of [seedF, seedG]) {
      for (let i = 0; i < 4; i++) editor.type(editor.add());
    }
    await Promise.all([watcher.waitSaved(), watcherG.waitSaved()]);
    const before = { F: await freshView(boardF, wa.token), G: await freshView(boardG, wa.token) };
    expect(before.F).not.toEqual(before.G);

    // The bystander edits board F for the whole run, over both channels.
    const bystander = open(boardF, by.token);
    await bystander.waitSynced();
    const byEditor = new BoardEditor(
      'bystander',
      bystander.doc,
      boardF,
      author(by, 'Người ngoài cuộc'),
      createRng(SEED + 3),
      {
        maxCards: 12,
        moveOthers: 0,
        weights: { add: 2, type: 6, move: 1 },
      },
    );
    const bySocket = sock(by.token);
    const waSocket = sock(wa.token);
    await waitFor(() => expect(bySocket.state && waSocket.state).toBeTruthy());
    const presenceAcks: unknown[] = [];
    let lastPresence: string | null = null;
    // The bystander's quota is counted in edits, not in time: it keeps going until the fuzzing
    // is over and it has made its edits, so a slow machine cannot make the run look idle.
    let fuzzing = true;
    const bystanderDone = (): boolean =>
      !fuzzing && byEditor.ops >= BYSTANDER_EDITS && byEditor.log.created.length >= BYSTANDER_CARDS;
    const bystanderLoop = (async () => {
      let n = 0;
      while (!bystanderDone()) {
        byEditor.step();
        if (n++ % 6 === 0) {
          const last = byEditor.log.created.at(-1)?.cardId ?? null;
          lastPresence = last;
          presenceAcks.push(
            await bySocket.socket
              .timeout(ANSWER_CAP_MS)
              .emitWithAck('presence:set', { boardId: boardF, editingCardId: last })
              .catch((err: unknown) => ({ ok: false, error: String(err) })),
          );
        }
        await pause(40);
      }
    })();

    // The watcher must keep receiving the bystander's edits during the whole run.
    const liveness: string[] = [];
    let checkpoints = 0;
    const livenessLoop = (async () => {
      while (fuzzing || checkpoints < 3) {
        const clock = Y.getState(bystander.doc.store, bystander.doc.clientID);
        const started = Date.now();
        try {
          await waitFor(
            () =>
              expect(Y.getState(watcher.doc.store, bystander.doc.clientID)).toBeGreaterThanOrEqual(
                clock,
              ),
            { timeout: ANSWER_CAP_MS },
          );
          checkpoints++;
        } catch {
          liveness.push(
            `watcher did not get the bystander's clock ${clock} within ${ANSWER_CAP_MS} ms (from ${started})`,
          );
        }
        await pause(300);
      }
    })();

    const failures: string[] = [];
    const ghosts: number[] = [];
    const legitAwareness = (): number[] => [bystander.doc.clientID, watcher.doc.clientID];
    const codes = new Map<number, number>();
    let garbageSent = 0;
    let validSent = 0;
    let validAnswered = 0;
    const expectClosed = async (
      label: string,
      boardId: string,
      messages: (Uint8Array | string)[],
      want: number[],
    ): Promise<void> => {
      const raw = await openRawYjs(server!.wsUrl, boardId, fz.token);
      for (const m of messages) raw.ws.send(m);
      const code = await Promise.race([raw.closed, pause(ANSWER_CAP_MS).then(() => -1)]);
      if (code === -1) raw.ws.terminate();
      codes.set(code, (codes.get(code) ?? 0) + 1);
      if (!want.includes(code)) {
        failures.push(
          `${label}: ${code === -1 ? `still open after ${ANSWER_CAP_MS} ms` : `closed with ${code}`}, expected ${want.join('/')}`,
        );
        // FUZZ_DUMP=<file> keeps the whole failing messages (hex, one per line) for replay.
        const dump = process.env.FUZZ_DUMP;
        if (dump)
          for (const m of messages)
            fs.appendFileSync(
              dump,
              `${label.split(' (')[0]}\t${boardId === boardF ? 'F' : 'G'}\t${typeof m === 'string' ? m : hex(m, Infinity)}\n`,
            );
      }
    };

    /** A valid message: answered (any message beyond the opening sync) and the connection stays open. */
    const expectAnswered = async (
      label: string,
      boardId: string,
      bytes: Uint8Array,
    ): Promise<void> => {
      const raw = await openRawYjs(server!.wsUrl, boardId, fz.token);
      // The server opens with its sync step 1 (and awareness, if anyone is there).
      await waitFor(() => expect(raw.received.length).toBeGreaterThan(0), {
        timeout: ANSWER_CAP_MS,
      });
      const before = raw.received.length;
      raw.send(bytes);
      try {
        await waitFor(() => expect(raw.received.length).toBeGreaterThan(before), {
          timeout: ANSWER_CAP_MS,
        });
        if (raw.ws.readyState !== raw.ws.OPEN) failures.push(`${label}: connection closed`);
        else validAnswered++;
      } catch {
        failures.push(
          `${label}: no answer, connection ${raw.ws.readyState === raw.ws.OPEN ? 'open' : 'closed'}`,
        );
      }
      raw.ws.close();
    };

    const yjsFuzz = async (): Promise<void> => {
      // The fixed cases: the known bad updates, and what the limits are for.
      for (const bad of knownBadMessages()) {
        await expectClosed(`known bad: ${bad.name}`, boardF, [bad.bytes], [4400]);
      }
      // A refused awareness message leaves no state behind for later joiners.
      ghosts.push(
        ...(await awarenessClients(server!.wsUrl, boardF, wa.token)).filter(
          (id) => !legitAwareness().includes(id),
        ),
      );
      await expectClosed('text frame', boardF, ['{"type":"update"}'], [4400]);
      for (const size of [MIB + 1, MIB + 1000, 2 * MIB]) {
        await expectClosed(`${size} bytes`, boardF, [new Uint8Array(size).fill(2)], [4413]);
      }
      await expectClosed(
        '4 MiB + 1 bytes (past ws maxPayload)',
        boardF,
        [new Uint8Array(4 * MIB + 1).fill(2)],
        [1009],
      );
      await expectClosed(
        '400 messages at once',
        boardF,
        Array.from({ length: 400 }, () => new Uint8Array([MESSAGE_QUERY_AWARENESS])),
        [4429],
      );
      const path = `/yjs/${boardF}?token=${encodeURIComponent(fz.token)}`;
      const frames: { name: string; bytes: Buffer; want: number }[] = [
        { name: 'reserved opcode', bytes: maskedFrame(0x83, Buffer.from([1, 2, 3])), want: 1002 },
        { name: 'unmasked frame', bytes: Buffer.from([0x82, 0x03, 1, 2, 3]), want: 1002 },
        {
          name: 'RSV1 without an extension',
          bytes: maskedFrame(0xc2, Buffer.from([0, 0])),
          want: 1002,
        },
        { name: 'fragmented ping', bytes: maskedFrame(0x09, Buffer.from([1])), want: 1002 },
        { name: 'close code 999', bytes: maskedFrame(0x88, Buffer.from([0x03, 0xe7])), want: 1002 },
        {
          name: 'text frame with invalid UTF-8',
          bytes: maskedFrame(0x81, Buffer.from([0xff, 0xfe, 0xfd])),
          want: 1007,
        },
      ];
      for (const frame of frames) {
        const result = await sendRawFrames(port, path, frame.bytes, ANSWER_CAP_MS);
        if (!result.closedByServer || result.closeCode !== frame.want) {
          failures.push(
            `bad frame, ${frame.name}: close code ${result.closeCode}, closed by server: ${result.closedByServer}; expected ${frame.want}`,
          );
        }
      }

      // Garbage made to be invalid, a fixed number of messages, four connections at a time;
      // after every 25th, a valid message on a connection of its own must be answered.
      const rng = createRng(SEED);
      const bases = { F: baseMessages(watcher.doc, 1001), G: baseMessages(watcherG.doc, 1002) };
      let n = 0;
      const next = (): {
        label: string;
        boardId: string;
        bytes: Uint8Array;
        ok: boolean;
      } | null => {
        if (garbageSent >= YJS_GARBAGE) return null;
        const i = n++;
        const onF = rng.chance(0.7);
        const boardId = onF ? boardF : boardG;
        if (i % 25 === 24) {
          const m = validMessage(validSent++, watcher.doc);
          return { label: `valid ${i}: ${m.what}`, boardId, bytes: m.bytes, ok: true };
        }
        garbageSent++;
        const made = garbageMessage(rng, onF ? bases.F : bases.G);
        return {
          label: `case ${i} (${made.what}) ${hex(made.bytes)}`,
          boardId,
          bytes: made.bytes,
          ok: false,
        };
      };
      await pool(POOL, next, (c) =>
        c.ok
          ? expectAnswered(c.label, c.boardId, c.bytes)
          : expectClosed(c.label, c.boardId, [c.bytes], [4400]),
      );
    };

    const socketFailures: string[] = [];
    const unknownSent = new Set<string>();
    let socketEvents = 0;
    let constructedAcks = 0;
    const socketFuzz = async (): Promise<void> => {
      const rng = createRng(SEED + 17);
      const ids: KnownIds = {
        boards: view.boards.map((b) => b.id),
        cards: [...seedF.log.created, ...seedG.log.created].map((c) => c.cardId),
        notABoard: fz.participantId,
      };
      const summary = (a: AckResult): string => (a.ok ? 'ok' : a.error.code);
      for (let batch = 0; socketEvents < SOCKET_EVENTS; batch++) {
        const role = batch % 2 === 0 ? 'participant' : 'facilitator';
        const s = sock(role === 'participant' ? fz.token : created.facilitatorToken);
        await waitFor(() => expect(s.socket.connected).toBe(true), { timeout: ANSWER_CAP_MS });
        const untyped = s.socket as unknown as Socket;
        const acks: Promise<void>[] = [];
        const ask = (
          event: string,
          payload: unknown,
          check: (got: AckResult) => string | null,
        ): void => {
          acks.push(
            untyped
              .timeout(ANSWER_CAP_MS)
              .emitWithAck(event, payload)
              .then(
                (got: AckResult) => {
                  const problem = check(got);
                  if (problem)
                    socketFailures.push(
                      `${event} as ${role} with ${JSON.stringify(payload)?.slice(0, 200)}: ${problem}`,
                    );
                },
                (err: unknown) => {
                  socketFailures.push(`${event} as ${role}: no acknowledgement (${String(err)})`);
                },
              ),
          );
        };
        for (let i = 0; i < 40; i++, socketEvents++) {
          const r = rng.next();
          const event =
            r < 0.4 ? 'presence:set' : r < 0.75 ? 'board:lock' : rng.pick(UNKNOWN_EVENTS);
          const known = event === 'presence:set' || event === 'board:lock';
          if (!known) unknownSent.add(event);
          if (known && rng.chance(0.6)) {
            // Built to have a known answer.
            const c = constructedCase(rng, event, role, ids);
            constructedAcks++;
            ask(event, c.payload, (got) =>
              summary(got) === c.want ? null : `${c.why}: got ${summary(got)}, expected ${c.want}`,
            );
            continue;
          }
          const argc = rng.pick([0, 1, 1, 1, 2]);
          let args = Array.from({ length: argc }, () => randomValue(rng));
          // Stay under the 64 KiB message limit here; going over it is its own case below.
          while (Buffer.byteLength(JSON.stringify(args)) > 40_000)
            args = Array.from({ length: argc }, () => randomValue(rng));
          if (known && argc === 1 && !hasBinary(args[0]) && rng.chance(0.5)) {
            // Random: whatever it is, an event that asks for an answer gets one.
            ask(event, args[0], (got) =>
              typeof got === 'object' && got !== null && typeof got.ok === 'boolean'
                ? null
                : `answer ${JSON.stringify(got)} is not an acknowledgement`,
            );
          } else untyped.emit(event, ...args);
        }
        await Promise.all(acks);
        if (!s.socket.connected)
          socketFailures.push(`batch ${batch} (${role}): disconnected by the server`);
        s.close();
      }

      // Past the message size limit: only that socket is dropped.
      const big = sock(fz.token);
      await waitFor(() => expect(big.socket.connected).toBe(true));
      const dropped = new Promise<string>((resolve) =>
        big.socket.once('disconnect', (reason) => resolve(reason)),
      );
      (big.socket as unknown as Socket).emit('presence:set', {
        boardId: 'x'.repeat(70_000),
        editingCardId: null,
      });
      const reason = await Promise.race([
        dropped,
        pause(ANSWER_CAP_MS).then(() => 'still connected'),
      ]);
      big.close();
      if (reason !== 'transport close' && reason !== 'transport error')
        socketFailures.push(`a 70 kB event: ${reason}`);

      // Over the event rate: told, then disconnected.
      const flood = sock(fz.token);
      await waitFor(() => expect(flood.socket.connected).toBe(true));
      const kicked = new Promise<string>((resolve) =>
        flood.socket.once('disconnect', (r) => resolve(r)),
      );
      for (let i = 0; i < 100; i++)
        flood.socket.emit('presence:set', { boardId: null, editingCardId: null });
      const kickReason = await Promise.race([
        kicked,
        pause(ANSWER_CAP_MS).then(() => 'still connected'),
      ]);
      if (
        kickReason !== 'io server disconnect' ||
        !flood.errors.some((e) => e.code === 'rate_limited')
      ) {
        socketFailures.push(
          `flood: ${kickReason}, errors ${JSON.stringify(flood.errors.slice(0, 3))}`,
        );
      }
      flood.close();

      for (const bad of BAD_PACKETS) {
        if (!(await sendBadPacket(server!.wsUrl, fz.token, bad.frames)))
          socketFailures.push(`bad socket.io packet, ${bad.name}: connection left open`);
      }
    };

    await Promise.all([yjsFuzz(), socketFuzz()]);
    fuzzing = false;
    await Promise.all([livenessLoop, bystanderLoop]);

    // Soft assertions from here: one broken rule must not hide the others.
    // The server is up and answering.
    expect.soft(server.child.exitCode).toBeNull();
    expect.soft(server.child.signalCode).toBeNull();
    expect.soft((await fetch(`${server.url}/healthz`)).status).toBe(200);

    // Every garbage connection was closed, with the right code, and only it.
    expect.soft(failures, `${seed}; close codes seen: ${JSON.stringify([...codes])}`).toEqual([]);
    expect.soft(garbageSent, `${seed}: garbage messages sent`).toBe(YJS_GARBAGE);
    expect.soft(validSent, `${seed}: valid messages sent`).toBeGreaterThan(5);
    expect.soft(validAnswered, `${seed}: valid messages answered`).toBe(validSent);
    expect.soft(socketFailures, seed).toEqual([]);
    expect.soft(socketEvents).toBe(SOCKET_EVENTS);
    expect.soft(constructedAcks, 'events with a known answer').toBeGreaterThan(50);
    expect.soft(liveness).toEqual([]);
    expect.soft(checkpoints).toBeGreaterThanOrEqual(3);
    expect.soft(byEditor.ops).toBeGreaterThanOrEqual(BYSTANDER_EDITS);
    expect.soft(bystander.closes).toEqual([]);
    expect.soft(watcher.closes).toEqual([]);
    expect.soft(watcherG.closes).toEqual([]);
    expect.soft(presenceAcks.length).toBeGreaterThan(3);
    expect.soft(presenceAcks.filter((a) => (a as AckResult).ok !== true)).toEqual([]);
    expect.soft(bySocket.errors).toEqual([]);
    expect.soft(bySocket.socket.connected && waSocket.socket.connected).toBe(true);

    // The bystander's edits reached the watcher, and were confirmed stored.
    await bystander.waitSaved();
    await waitFor(() => expect(boardView(watcher.doc)).toEqual(boardView(bystander.doc)));
    await waitFor(() =>
      expect(
        waSocket.state?.presence.find((p) => p.participantId === by.participantId)?.editingCardId,
      ).toBe(lastPresence),
    );

    // Garbage left nothing behind: no ghost awareness state, no meeting state, no stored row.
    expect.soft(ghosts, 'awareness states left by refused messages').toEqual([]);
    expect
      .soft(
        (await awarenessClients(server.wsUrl, boardF, wa.token)).filter(
          (id) => !legitAwareness().includes(id),
        ),
      )
      .toEqual([]);
    const fresh = sock(wa.token);
    await waitFor(() => expect(fresh.state).not.toBeNull());
    const state = MeetingState.parse(fresh.state);
    expect
      .soft(new Set(state.presence.map((p) => p.participantId)))
      .toEqual(new Set([by.participantId, wa.participantId]));
    const meeting = await api.meeting(created.id, created.facilitatorToken);
    expect
      .soft(meeting.boards.map((b) => [b.id, b.locked]))
      .toEqual(view.boards.map((b) => [b.id, false]));
    for (const boardId of [boardF, boardG]) {
      expect
        .soft(storedUpdates(dataDir, boardId).filter((r) => r.participantId === fz.participantId))
        .toEqual([]);
    }
    const logs = parseLogLines(server.logs());
    expect.soft(logs.filter((l) => l.level === 'error' || l.level === 'raw')).toEqual([]);
    // Unknown events are ignored and logged, whatever their name.
    const loggedUnknown = new Set(
      logs.filter((l) => l.msg === 'unknown socket event ignored').map((l) => l.event),
    );
    expect.soft(unknownSent.size).toBeGreaterThan(5);
    expect
      .soft(
        [...unknownSent].filter((e) => !loggedUnknown.has(e)),
        'unknown events not logged',
      )
      .toEqual([]);
    expect.soft(logs.some((l) => l.msg === 'malformed yjs message; closing connection')).toBe(true);

    // What is stored: the boards as before, plus exactly the bystander's edits.
    for (const c of cleanup.splice(0)) c();
    await server.kill('SIGKILL');
    server = await startServer({ dataDir, port });
    const bystanderCards = new Set(byEditor.log.created.map((c) => c.cardId));
    const withoutBystander = (v: Record<Quadrant, CardView[]>) =>
      Object.fromEntries(
        Object.entries(v).map(([q, cards]) => [q, cards.filter((c) => !bystanderCards.has(c.id))]),
      );
    const afterF = open(boardF, wa.token);
    const afterG = open(boardG, wa.token);
    await Promise.all([afterF.waitSynced(), afterG.waitSynced()]);
    expect(withoutBystander(boardView(afterF.doc))).toEqual(before.F);
    expect(boardView(afterG.doc)).toEqual(before.G);
    expect(compareWithLogs(afterF.doc, [seedF.log, byEditor.log]), seed).toEqual([]);
    expect(compareWithLogs(afterG.doc, [seedG.log]), seed).toEqual([]);
    expect(byEditor.log.created.length).toBeGreaterThanOrEqual(BYSTANDER_CARDS);
  });
});
