/**
 * One loaded board document and the connections editing it.
 *
 * The path of an update through a room:
 *   1. `handleMessage` decodes the y-websocket message (a malformed one closes only that
 *      connection with 4400);
 *   2. the update is checked (`Y.decodeUpdate`) and queued; the room's queue is serial, so
 *      updates are applied and stored in arrival order, and a sync reply to a newcomer waits
 *      until everything received before it is stored;
 *   3. it is applied to the in-memory document, and Yjs reports the part that was new (the
 *      "effective" update: a resent or duplicate update stores nothing);
 *   4. the effective update is appended to storage with its author and time, and only then
 *   5. relayed to the other connections and acknowledged to the sender (MESSAGE_SAVED).
 * If storing fails, the room resets: every connection is closed with 1011 and the document
 * is reloaded from storage on the next connect; clients still hold their edits and resend
 * them in the sync that follows, so nothing is lost.
 */
import * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import {
  CloseCode,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
} from '@shared/constants';
import {
  awarenessMessage,
  savedMessage,
  syncStatusMessage,
  syncStep1Message,
  syncStep2Message,
  syncUpdateMessage,
} from '@shared/protocol/messages';
import { errorFields, type Logger } from '../../logger';
import type { DocumentStore } from '../../storage/storage';
import type { DocumentPolicy } from './board-policy';
import { applyStoredHistory } from './stored-history';
import { checkUpdate } from './update-guard';
import type { RoomConnection } from './room-connection';

export interface DocRoomOptions {
  boardId: string;
  store: DocumentStore;
  log: Logger;
  /** Write a snapshot after this many stored updates. */
  snapshotEvery: number;
  /** The policy of the board's kind: its limits and validation, enforced on every update. */
  policy: DocumentPolicy;
  /** Called when the last connection leaves. */
  onEmpty: (room: DocRoom) => void;
  /** Called when the room must be dropped (storage failure); the registry forgets it. */
  onBroken: (room: DocRoom) => void;
  now?: () => number;
}

/** Awareness states one message may carry (a browser has one; a few tabs share nothing). */
const MAX_AWARENESS_ENTRIES = 8;

/** A malformed message: the connection that sent it is closed, nothing else is affected. */
export class ProtocolError extends Error {}

/**
 * A write that failed without changing the document (Yjs refused the update, or a server
 * change threw on its scratch copy): only its writer is told, the room stays sound.
 */
class WriteRefused extends Error {
  constructor(override readonly cause: unknown) {
    super('write refused');
  }
}

/** Origin of the server's own writes (`applyServerChange`). */
const SERVER_WRITE = { serverWrite: true } as const;

/**
 * Reads a whole awareness update before any of it is applied: y-protocols applies entries
 * one by one, so a bad entry after good ones would leave ghost states behind.
 */
function checkAwarenessUpdate(update: Uint8Array): void {
  const decoder = decoding.createDecoder(update);
  const entries = decoding.readVarUint(decoder);
  // One browser controls one awareness state; a message naming many is forged.
  if (entries > MAX_AWARENESS_ENTRIES)
    throw new ProtocolError(`awareness update names ${entries} clients`);
  for (let i = 0; i < entries; i++) {
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    JSON.parse(decoding.readVarString(decoder));
  }
  if (decoding.hasContent(decoder))
    throw new ProtocolError('trailing bytes after awareness update');
}

export class DocRoom {
  readonly boardId: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  /** Each connection with the awareness client ids it controls. */
  private readonly conns = new Map<RoomConnection, Set<number>>();
  private readonly needsAck = new Set<RoomConnection>();
  private queue: Promise<void> = Promise.resolve();
  private pending = 0;
  private lastSeq = 0;
  private storedSinceSnapshot = 0;
  private broken = false;
  private unloaded = false;
  /** Set when the document is freed; queued work after that finds nothing to act on. */
  private destroyed = false;
  /** Set once the registry starts unloading the room; no connection may join it then. */
  closing = false;
  /** Server-side uses in progress (`RoomRegistry.withRoom`); the room stays loaded meanwhile. */
  holds = 0;

  private constructor(
    private readonly options: DocRoomOptions,
    doc: Y.Doc,
  ) {
    this.boardId = options.boardId;
    this.doc = doc;
    options.policy.prepare(doc);
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server has no awareness state of its own.
    this.awareness.setLocalState(null);
    this.awareness.on('update', this.onAwarenessUpdate);
  }

  /**
   * Loads a board from storage: its latest snapshot plus the updates after it. A stored
   * update that cannot be applied is reported and skipped; the rest of the board loads.
   */
  static async load(options: DocRoomOptions): Promise<DocRoom> {
    const stored = await options.store.loadDocument(options.boardId);
    const doc = new Y.Doc();
    if (stored.snapshot) {
      try {
        Y.applyUpdate(doc, stored.snapshot);
      } catch (err) {
        options.log.error('snapshot unreadable; loading from the full log', {
          boardId: options.boardId,
          ...errorFields(err),
        });
        return DocRoom.loadFullLog(options);
      }
    }
    const room = new DocRoom(options, doc);
    room.applyStored(stored.updates);
    room.lastSeq = stored.updates.at(-1)?.seq ?? stored.snapshotSeq;
    room.storedSinceSnapshot = stored.updates.length;
    return room;
  }

  private static async loadFullLog(options: DocRoomOptions): Promise<DocRoom> {
    const room = new DocRoom(options, new Y.Doc());
    const updates = await options.store.listUpdates(options.boardId, 0, Number.MAX_SAFE_INTEGER);
    room.applyStored(updates);
    room.lastSeq = updates.at(-1)?.seq ?? 0;
    room.storedSinceSnapshot = updates.length;
    return room;
  }

  private applyStored(updates: { seq: number; update: Uint8Array }[]): void {
    applyStoredHistory(this.doc, updates, this.options.log, this.boardId);
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  /** Adds a connection and starts the sync: our state vector, and everyone's awareness. */
  addConnection(conn: RoomConnection): void {
    if (this.closing) throw new Error('room is closing');
    this.conns.set(conn, new Set());
    conn.send(syncStep1Message(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(awarenessMessage(this.awareness, states));
  }

  removeConnection(conn: RoomConnection): void {
    const controlled = this.conns.get(conn);
    if (!controlled) return;
    this.conns.delete(conn);
    this.needsAck.delete(conn);
    if (controlled.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...controlled], null);
    }
    if (this.conns.size === 0 && this.holds === 0) this.options.onEmpty(this);
  }

  /**
   * Handles one binary message from `conn`. Throws ProtocolError when the message is
   * malformed; the caller closes that connection.
   */
  handleMessage(conn: RoomConnection, data: Uint8Array): void {
    if (!this.conns.has(conn)) return;
    try {
      const decoder = decoding.createDecoder(data);
      const type = decoding.readVarUint(decoder);
      switch (type) {
        case MESSAGE_SYNC:
          this.handleSync(conn, decoder);
          break;
        case MESSAGE_AWARENESS: {
          const update = decoding.readVarUint8Array(decoder);
          checkAwarenessUpdate(update);
          awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn);
          break;
        }
        case MESSAGE_QUERY_AWARENESS:
          conn.send(awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]));
          break;
        default:
          throw new ProtocolError(`unknown message type ${type}`);
      }
    } catch (err) {
      if (err instanceof ProtocolError) throw err;
      throw new ProtocolError(err instanceof Error ? err.message : String(err));
    }
  }

  private handleSync(conn: RoomConnection, decoder: decoding.Decoder): void {
    const subtype = decoding.readVarUint(decoder);
    switch (subtype) {
      case syncProtocol.messageYjsSyncStep1: {
        const stateVector = decoding.readVarUint8Array(decoder);
        Y.decodeStateVector(stateVector); // throws on garbage before we queue anything
        this.enqueue(async () => {
          if (!this.conns.has(conn)) return;
          conn.send(syncStep2Message(this.doc, stateVector));
          this.needsAck.add(conn);
        });
        break;
      }
      case syncProtocol.messageYjsSyncStep2:
      case syncProtocol.messageYjsUpdate: {
        const update = decoding.readVarUint8Array(decoder);
        if (!conn.canWrite()) {
          // Read-only (observer, or a participant on a locked board): drop it without
          // touching the document or storage, and say so the way Hocuspocus does. The
          // connection stays open for reading.
          this.options.log.debug('update from read-only connection dropped', {
            boardId: this.boardId,
            conn: conn.id,
          });
          conn.send(syncStatusMessage(false));
          return;
        }
        const verdict = checkUpdate(update);
        if (!verdict.ok) throw new ProtocolError(verdict.reason);
        this.enqueue(() => this.applyAndStore(conn, update));
        break;
      }
      default:
        throw new ProtocolError(`unknown sync message ${subtype}`);
    }
  }

  private async applyAndStore(conn: RoomConnection, update: Uint8Array): Promise<void> {
    try {
      await this.applyFrom(conn, update, conn.participantId, conn);
    } catch (err) {
      if (!(err instanceof WriteRefused)) throw err;
      // checkUpdate let through an update Yjs cannot apply, and Yjs changed nothing: close
      // only the sender.
      conn.close(CloseCode.badMessage, 'malformed update');
      this.options.log.warn('update failed to apply; sender closed', {
        boardId: this.boardId,
        ...errorFields(err.cause),
      });
      return;
    }
    if (this.conns.has(conn)) this.needsAck.add(conn);
  }

  /**
   * The one path by which a change enters the document, whoever makes it: apply `update`
   * with `origin`, enforce the board's limits, store the effective part with `participantId`
   * as its author, relay it to every connection but `sender`. Runs inside the room's queue.
   * Resolves with whether anything changed.
   */
  private async applyFrom(
    origin: object,
    update: Uint8Array,
    participantId: string | null,
    sender: RoomConnection | null,
    serverWrite = false,
  ): Promise<boolean> {
    // Yjs reports, per transaction, the part of the update that was new ("effective"): a
    // resent or duplicate update stores nothing. A correction for broken limits comes as a
    // second transaction with the room's own origin.
    let effective: Uint8Array | null = null;
    let correction: Uint8Array | null = null;
    const capture = (u: Uint8Array, o: unknown): void => {
      if (o === origin) effective = effective ? Y.mergeUpdates([effective, u]) : u;
      else if (o === this) correction = correction ? Y.mergeUpdates([correction, u]) : u;
    };
    const check = (tr: Y.Transaction): void => {
      if (tr.origin === origin) this.options.policy.enforce(this.doc, tr, this);
    };
    this.doc.on('update', capture);
    this.doc.on('afterTransaction', check);
    try {
      Y.applyUpdate(this.doc, update, origin);
    } catch (err) {
      // If Yjs changed the document before failing, the room no longer matches storage and
      // is reset (the error breaks the room); otherwise only the writer hears of it.
      if (effective !== null || correction !== null) throw err;
      throw new WriteRefused(err);
    } finally {
      this.doc.off('afterTransaction', check);
      this.doc.off('update', capture);
    }
    if (effective !== null) await this.storeAndRelay(effective, participantId, sender, serverWrite);
    if (correction !== null) {
      this.options.log.warn('update broke board limits; corrected', {
        boardId: this.boardId,
        participantId,
      });
      await this.storeAndRelay(correction, null, null, true);
    }
    return effective !== null;
  }

  /**
   * A write made by the server on someone's behalf (reveal of drafts, promotion of a card,
   * import, corrections). `change` runs on a scratch copy of the document, so a change that
   * throws leaves the live board untouched; what it produced then takes exactly the path of
   * a client's update: applied in queue order, limits enforced, stored with `actor` as its
   * author, relayed to every connection. Resolves, once stored and relayed, with whether the
   * change did anything.
   */
  applyServerChange(change: (doc: Y.Doc) => void, actor: string | null): Promise<boolean> {
    return this.enqueueResult(async () => {
      const scratch = new Y.Doc({ gc: false });
      try {
        Y.applyUpdate(scratch, Y.encodeStateAsUpdate(this.doc));
        const before = Y.encodeStateVector(scratch);
        try {
          scratch.transact(() => change(scratch));
        } catch (err) {
          throw new WriteRefused(err);
        }
        const update = Y.encodeStateAsUpdate(scratch, before);
        // Marked as a server write: the record trusts the author fields the server set here
        // (a revealed draft names its owner), and only here.
        return await this.applyFrom(SERVER_WRITE, update, actor, null, true);
      } finally {
        scratch.destroy();
      }
    });
  }

  /** Reads the document after every update queued before this call has been stored. */
  read<T>(reader: (doc: Y.Doc) => T): Promise<T> {
    return this.enqueueResult(() => Promise.resolve(reader(this.doc)));
  }

  /** Appends an update to storage, then relays it to every connection except `except`. */
  private async storeAndRelay(
    update: Uint8Array,
    participantId: string | null,
    except: RoomConnection | null,
    serverWrite: boolean,
  ): Promise<void> {
    const seq = await this.options.store.appendUpdate(
      this.boardId,
      update,
      participantId,
      (this.options.now ?? Date.now)(),
      { serverWrite },
    );
    this.lastSeq = seq;
    this.storedSinceSnapshot++;
    const message = syncUpdateMessage(update);
    for (const other of this.conns.keys()) {
      if (other !== except) other.send(message);
    }
    if (this.storedSinceSnapshot >= this.options.snapshotEvery) await this.writeSnapshot();
  }

  /** Queues `task` and resolves with its result; its failure also breaks the room. */
  private enqueueResult<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.enqueue(
        async () => {
          if (this.destroyed) {
            reject(new Error('room unloaded; the write was not made'));
            return;
          }
          try {
            resolve(await task());
          } catch (err) {
            reject(err instanceof WriteRefused ? (err.cause ?? err) : err);
            // An update Yjs refused without changing anything leaves the room sound.
            if (!(err instanceof WriteRefused)) throw err;
          }
        },
        () => reject(new Error('room is broken; the write was not made')),
      );
    });
  }

  /**
   * Runs `task` after every task queued before it. A failing task breaks the room: its
   * in-memory state may now differ from storage, so it is dropped and reloaded.
   */
  private enqueue(task: () => Promise<void>, skipped?: () => void): void {
    this.pending++;
    this.queue = this.queue
      .then(() => (this.broken ? skipped?.() : task()))
      .catch((err: unknown) => this.breakRoom(err))
      .finally(() => {
        this.pending--;
        if (this.pending === 0) this.flushAcks();
      });
  }

  /** Tells each connection that asked what is now stored: once per burst, not per update. */
  private flushAcks(): void {
    if (this.needsAck.size === 0 || this.broken) return;
    const message = savedMessage(Y.encodeStateVector(this.doc));
    for (const conn of this.needsAck) conn.send(message);
    this.needsAck.clear();
  }

  private breakRoom(err: unknown): void {
    if (this.broken) return;
    this.broken = true;
    this.options.log.error('room failed; closing its connections so clients resync', {
      boardId: this.boardId,
      ...errorFields(err),
    });
    this.options.onBroken(this);
    for (const conn of [...this.conns.keys()]) {
      conn.close(CloseCode.internalError, 'storage error, reconnect');
    }
  }

  private readonly onAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void => {
    const changed = [...added, ...updated, ...removed];
    const controlled = this.conns.get(origin as RoomConnection);
    if (controlled) {
      for (const id of added) controlled.add(id);
      for (const id of removed) controlled.delete(id);
    }
    const message = awarenessMessage(this.awareness, changed);
    for (const conn of this.conns.keys()) conn.send(message);
  };

  /** Resolves when every queued update is applied and stored. */
  async drain(): Promise<void> {
    while (this.pending > 0) await this.queue;
  }

  private async writeSnapshot(): Promise<void> {
    if (this.storedSinceSnapshot === 0 || this.lastSeq === 0) return;
    await this.options.store.saveSnapshot(
      this.boardId,
      Y.encodeStateAsUpdate(this.doc),
      this.lastSeq,
    );
    this.storedSinceSnapshot = 0;
  }

  /** Drains, snapshots if worthwhile, and frees the document. */
  async unload(): Promise<void> {
    if (this.unloaded) return;
    this.unloaded = true;
    this.closing = true;
    await this.drain();
    if (!this.broken) {
      try {
        await this.writeSnapshot();
      } catch (err) {
        this.options.log.warn('snapshot on unload failed', {
          boardId: this.boardId,
          ...errorFields(err),
        });
      }
    }
    this.destroyed = true;
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Closes every connection (shutdown) with `code`, after storing what was received. */
  async closeAll(code: CloseCode, reason: string): Promise<void> {
    await this.drain();
    for (const conn of [...this.conns.keys()]) conn.close(code, reason);
  }
}
