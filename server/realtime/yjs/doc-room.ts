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
 *   4. group commit: every update waiting in the queue when its turn comes (all that arrived
 *      while the previous write was on its way to disk) is applied, and their effective
 *      parts are appended to storage in one transaction, with their authors and times; only
 *      then
 *   5. they are relayed to the other connections (and, through the `RoomRelay`, to other
 *      server instances) and acknowledged to their senders (MESSAGE_SAVED).
 * Updates relayed from another instance were stored there: they are applied and relayed to
 * this room's connections, never stored again. Because pub/sub may lose messages, a room
 * shared with other instances also reads from storage the rows it has not seen (`catchUp`).
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
  SyncSubtype,
  awarenessMessage,
  savedMessage,
  syncMessage,
  syncStatusMessage,
  syncStep1Message,
  syncStep2Message,
  syncUpdateMessage,
} from '@shared/protocol/messages';
import { errorFields, type Logger } from '../../logger';
import type { DocumentStore } from '../../storage/storage';
import type { NewUpdate, UpdateLogStore } from '../../storage/update-log-store';
import type { DocumentPolicy } from './board-policy';
import { applyStoredHistory } from './stored-history';
import { StoredState } from './stored-state';
import { checkUpdate } from './update-guard';
import type { RoomConnection } from './room-connection';
import {
  localRelay,
  type RelayedUpdate,
  type RoomRelay,
  type RoomRelayChannel,
} from './room-relay';

export interface DocRoomOptions {
  boardId: string;
  store: DocumentStore & UpdateLogStore;
  log: Logger;
  /** Other instances sharing the board; `localRelay` (nothing) when alone. */
  relay?: RoomRelay;
  /** Write a snapshot after this many stored updates. */
  snapshotEvery: number;
  /** Build the document this long after loading if nothing asked for it first. */
  buildAtLatestMs?: number;
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
/** Origin of updates stored elsewhere: another instance, or rows read back from storage. */
const STORED_ELSEWHERE = { storedElsewhere: true } as const;

/** By default, a loaded room builds its document this long after loading if nothing asked first. */
const BUILD_AT_LATEST_MS = 250;

/** Most updates stored in one transaction; a longer queue takes several. */
const GROUP_COMMIT_MAX = 512;

/** An effective update waiting to be stored, with who gets it relayed. */
interface PendingRow extends NewUpdate {
  /** The connection it came from (not relayed back to it), or null. */
  sender: RoomConnection | null;
}

type Task =
  | { kind: 'update'; conn: RoomConnection; update: Uint8Array }
  | { kind: 'run'; run: () => Promise<void>; skipped?: () => void };

/** Lets the event loop read sockets: what arrived meanwhile joins the next group commit. */
const yieldToIo = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

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
  private readonly tasks: Task[] = [];
  private running: Promise<void> | null = null;
  /**
   * Every stored row of this board up to this seq is in the document (rows commit in seq
   * order per board, so reading the rows after it finds everything missing). Snapshots are
   * taken up to here.
   */
  private watermark = 0;
  /** A relayed batch did not follow on from the watermark: rows were missed. */
  private behind = false;
  private storedSinceSnapshot = 0;
  /**
   * What storage held when the room was loaded, until the document is built from it (the
   * room's first queued task). Meanwhile a newcomer with nothing is answered from these
   * bytes as stored, so a cold board's first reply does not wait for the Yjs apply.
   */
  private unbuilt: StoredState | null = null;
  /** Connections answered from the stored bytes before the document was built. */
  private readonly answeredFromStorage = new Set<RoomConnection>();
  /** Connections that get the room's sync step 1 once the document is built. */
  private readonly greetAfterBuild = new Set<RoomConnection>();
  /** Builds the document if nothing asked for it soon after loading. */
  private buildTimer: NodeJS.Timeout | null = null;
  private readonly relay: RoomRelayChannel;
  private readonly sharedRelay: boolean;
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
    const relay = options.relay ?? localRelay;
    this.sharedRelay = relay.shared;
    this.relay = relay.join(this.boardId, {
      update: (message) => this.receiveRelayed(message),
      awareness: (update) => this.receiveRemoteAwareness(update),
    });
  }

  /**
   * Loads a board from storage: its latest snapshot plus the updates after it. The document
   * is built from them as the room's first queued task, so nothing that reads or writes it
   * runs before; a stored update that cannot be applied is reported and skipped, the rest of
   * the board loads.
   */
  static async load(options: DocRoomOptions): Promise<DocRoom> {
    const stored = await options.store.loadDocument(options.boardId);
    const room = new DocRoom(options, new Y.Doc());
    room.watermark = stored.updates.at(-1)?.seq ?? stored.snapshotSeq;
    room.storedSinceSnapshot = stored.updates.length;
    room.unbuilt = new StoredState(stored);
    // Built when the first task needs the document (runQueue), right after a newcomer was
    // answered from the stored bytes, or at the latest after a moment: not at once, or the
    // newcomer's request, which arrives a round trip after its socket opened, would find the
    // event loop busy building.
    room.buildTimer = setTimeout(() => room.kick(), options.buildAtLatestMs ?? BUILD_AT_LATEST_MS);
    room.buildTimer.unref();
    return room;
  }

  /** Builds the document from what `load` read, and repairs what was sent from it. */
  private async build(): Promise<void> {
    const { stored } = this.unbuilt!;
    this.unbuilt = null;
    if (this.buildTimer) clearTimeout(this.buildTimer);
    this.buildTimer = null;
    let repaired = false;
    if (stored.snapshot) {
      try {
        Y.applyUpdate(this.doc, stored.snapshot);
      } catch (err) {
        // Yjs reads every struct of an update before it integrates any, so a snapshot it
        // cannot read left the document empty: the full log rebuilds it.
        this.options.log.error('snapshot unreadable; loading from the full log', {
          boardId: this.boardId,
          ...errorFields(err),
        });
        const all = await this.options.store.listUpdates(this.boardId, 0, Number.MAX_SAFE_INTEGER);
        this.applyStored(all);
        this.storedSinceSnapshot = all.length;
        repaired = true;
      }
    }
    if (!repaired) repaired = this.applyStored(stored.updates);
    // A newcomer answered from the stored bytes has what storage holds; if building needed
    // repairs (unreadable rows skipped, holes filled), it gets the document as built.
    if (repaired) {
      const whole = syncUpdateMessage(Y.encodeStateAsUpdate(this.doc));
      for (const conn of this.answeredFromStorage) if (this.conns.has(conn)) conn.send(whole);
    }
    this.answeredFromStorage.clear();
    for (const conn of this.greetAfterBuild)
      if (this.conns.has(conn)) conn.send(syncStep1Message(this.doc));
    this.greetAfterBuild.clear();
  }

  /**
   * Answers a newcomer that has nothing from the bytes storage returned, before the document
   * is built: the snapshot exactly as stored when no row follows it (a board written to
   * storage when it unloaded), or the rows merged when there is no snapshot yet (a young
   * board: a few hundred small rows). The answer is one sync step 2 holding everything, as the
   * protocol wants: a client counts itself synced on it. A snapshot followed by rows would
   * need a merge costing about what building costs, so that case, and bytes that do not read,
   * return false; the caller then answers from the document once it is built.
   */
  private answerFromStorage(conn: RoomConnection): boolean {
    const answer = this.unbuilt!.cheapUpdate();
    if (answer === null) return false;
    conn.send(syncMessage(SyncSubtype.step2, answer));
    this.answeredFromStorage.add(conn);
    this.needsAck.add(conn);
    // The reply is on its way: now the room builds its document.
    this.kick();
    return true;
  }

  /** Applies stored rows; true when some were unreadable or holes had to be filled. */
  private applyStored(updates: { seq: number; update: Uint8Array }[]): boolean {
    return applyStoredHistory(this.doc, updates, this.options.log, this.boardId);
  }

  get connectionCount(): number {
    return this.conns.size;
  }

  /** Adds a connection and starts the sync: our state vector, and everyone's awareness. */
  addConnection(conn: RoomConnection): void {
    if (this.closing) throw new Error('room is closing');
    this.conns.set(conn, new Set());
    if (this.unbuilt && !this.sharedRelay) {
      // Our state is known once the document is built from storage; until then a newcomer
      // that has nothing is answered from the stored bytes (handleSync).
      this.greetAfterBuild.add(conn);
    } else if (this.sharedRelay) {
      // Another instance may have stored rows we have not received yet. Read them before we
      // tell the client our state, or its sync reply would resend them and we would store
      // them a second time (a client moving here from a killed instance does exactly that).
      this.catchUp();
      this.enqueue(async () => {
        if (this.conns.has(conn)) conn.send(syncStep1Message(this.doc));
      });
    } else conn.send(syncStep1Message(this.doc));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) conn.send(awarenessMessage(this.awareness, states));
  }

  removeConnection(conn: RoomConnection): void {
    const controlled = this.conns.get(conn);
    if (!controlled) return;
    this.conns.delete(conn);
    this.needsAck.delete(conn);
    this.greetAfterBuild.delete(conn);
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
        // Throws on garbage before we queue anything.
        const hasNothing = Y.decodeStateVector(stateVector).size === 0;
        // A cold board: a newcomer that has nothing gets the stored bytes at once.
        if (hasNothing && this.unbuilt && this.answerFromStorage(conn)) break;
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
        this.pushTask({ kind: 'update', conn, update });
        break;
      }
      default:
        throw new ProtocolError(`unknown sync message ${subtype}`);
    }
  }

  /**
   * One group commit: applies each queued client update in order, stores every effective
   * part in one transaction, then relays and acknowledges them. An update Yjs refuses
   * without changing anything closes only its sender.
   */
  private async applyBatch(batch: readonly Extract<Task, { kind: 'update' }>[]): Promise<void> {
    const rows: PendingRow[] = [];
    const accepted: RoomConnection[] = [];
    for (const { conn, update } of batch) {
      try {
        rows.push(...this.applyOnly(conn, update, conn.participantId, conn).rows);
        accepted.push(conn);
      } catch (err) {
        if (!(err instanceof WriteRefused)) throw err;
        // checkUpdate let through an update Yjs cannot apply, and Yjs changed nothing: close
        // only the sender.
        conn.close(CloseCode.badMessage, 'malformed update');
        this.options.log.warn('update failed to apply; sender closed', {
          boardId: this.boardId,
          ...errorFields(err.cause),
        });
      }
    }
    await this.commit(rows);
    for (const conn of accepted) if (this.conns.has(conn)) this.needsAck.add(conn);
  }

  /**
   * The one path by which a change enters the document, whoever makes it: apply `update`
   * with `origin` and enforce the board's limits. Returns the rows to store: the effective
   * part with `participantId` as its author, and the room's correction if a limit broke.
   * The caller stores them (`commit`) before anything else runs in the queue.
   */
  private applyOnly(
    origin: object,
    update: Uint8Array,
    participantId: string | null,
    sender: RoomConnection | null,
    serverWrite = false,
  ): { rows: PendingRow[]; changed: boolean } {
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
    const createdAt = (this.options.now ?? Date.now)();
    const rows: PendingRow[] = [];
    if (effective !== null)
      rows.push({ update: effective, participantId, createdAt, sender, serverWrite });
    if (correction !== null) {
      this.options.log.warn('update broke board limits; corrected', {
        boardId: this.boardId,
        participantId,
      });
      rows.push({
        update: correction,
        participantId: null,
        createdAt,
        sender: null,
        serverWrite: true,
      });
    }
    return { rows, changed: effective !== null };
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
        const { rows, changed } = this.applyOnly(SERVER_WRITE, update, actor, null, true);
        await this.commit(rows);
        return changed;
      } finally {
        scratch.destroy();
      }
    });
  }

  /** Reads the document after every update queued before this call has been stored. */
  read<T>(reader: (doc: Y.Doc) => T): Promise<T> {
    return this.enqueueResult(() => Promise.resolve(reader(this.doc)));
  }

  /**
   * The board's state as one update of at most `maxBytes` (null: larger, or unreadable), for
   * a reader outside the sync protocol (the join answer). Everything in it is stored. A room
   * not built yet answers from the stored bytes and stays unbuilt: only a connection's needs
   * build a document. With other instances, rows they stored are read first (`catchUp`), as
   * for a new connection.
   */
  async stateAsUpdate(maxBytes: number): Promise<Uint8Array | null> {
    if (this.unbuilt) return this.unbuilt.boundedUpdate(maxBytes);
    if (this.sharedRelay) this.catchUp();
    const update = await this.read((doc) => Y.encodeStateAsUpdate(doc));
    return update.byteLength <= maxBytes ? update : null;
  }

  /**
   * Stores `rows` in one transaction, then relays each to every connection but its sender,
   * and the batch to other instances. Until this resolves nothing else runs in the queue, so
   * no sync reply or read ever sees an update that is not stored.
   */
  private async commit(rows: readonly PendingRow[]): Promise<void> {
    if (rows.length === 0) return;
    const { seqs, prevSeq } = await this.options.store.appendUpdates(this.boardId, rows);
    const lastSeq = seqs.at(-1) ?? prevSeq;
    // Our batch follows on from what we had: the watermark moves past it. Otherwise another
    // instance wrote rows in between that we have not seen; a catch-up reads them.
    if (prevSeq === this.watermark) this.watermark = lastSeq;
    else this.markBehind();
    this.storedSinceSnapshot += rows.length;
    if (rows.length === 1) {
      const row = rows[0]!;
      const message = syncUpdateMessage(row.update);
      for (const other of this.conns.keys()) if (other !== row.sender) other.send(message);
      if (this.sharedRelay) this.relay.publishUpdate({ update: row.update, prevSeq, lastSeq });
    } else {
      // One merged update, encoded once and written once to every connection: under load a
      // batch holds many senders' edits, and a frame per edit per connection made the
      // socket writes most of the server's time. A sender gets its own edits back inside the
      // merge; Yjs applies what it already has as a no-op.
      const merged = Y.mergeUpdates(rows.map((r) => r.update));
      const message = syncUpdateMessage(merged);
      for (const other of this.conns.keys()) other.send(message);
      if (this.sharedRelay) this.relay.publishUpdate({ update: merged, prevSeq, lastSeq });
    }
    if (this.storedSinceSnapshot >= this.options.snapshotEvery) await this.writeSnapshot();
  }

  /** Applies an update stored elsewhere and relays what was new to this room's connections. */
  private applyStoredElsewhere(update: Uint8Array): void {
    let effective: Uint8Array | null = null;
    const capture = (u: Uint8Array, o: unknown): void => {
      if (o === STORED_ELSEWHERE) effective = effective ? Y.mergeUpdates([effective, u]) : u;
    };
    this.doc.on('update', capture);
    try {
      Y.applyUpdate(this.doc, update, STORED_ELSEWHERE);
    } finally {
      this.doc.off('update', capture);
    }
    if (effective === null) return;
    const message = syncUpdateMessage(effective);
    for (const conn of this.conns.keys()) conn.send(message);
  }

  /** A batch another instance stored: apply and relay it in queue order, never store it. */
  private receiveRelayed(message: RelayedUpdate): void {
    this.enqueue(async () => {
      if (this.destroyed) return;
      try {
        this.applyStoredElsewhere(message.update);
      } catch (err) {
        // Storage has the rows: reading them back repairs whatever this message lacked.
        this.options.log.warn('relayed update unreadable; reading storage', {
          boardId: this.boardId,
          ...errorFields(err),
        });
        this.markBehind();
        return;
      }
      if (message.prevSeq === this.watermark) this.watermark = message.lastSeq;
      else if (message.lastSeq > this.watermark) this.markBehind();
    });
  }

  private markBehind(): void {
    if (this.behind) return;
    this.behind = true;
    this.catchUp();
  }

  /**
   * Reads from storage every row after the watermark and applies it (without storing it
   * again): the repair for relayed messages that were lost, and the check a shared room runs
   * on a schedule, after the relay reconnects, and before it greets a new connection.
   */
  catchUp(): void {
    this.enqueue(async () => {
      if (this.destroyed) return;
      this.behind = false;
      for (;;) {
        const rows = await this.options.store.listUpdates(this.boardId, this.watermark, 1000);
        if (rows.length === 0) return;
        for (const row of rows) {
          try {
            this.applyStoredElsewhere(row.update);
          } catch (err) {
            this.options.log.error('stored update unreadable; skipped', {
              boardId: this.boardId,
              seq: row.seq,
              ...errorFields(err),
            });
          }
        }
        this.watermark = rows.at(-1)?.seq ?? this.watermark;
        if (rows.length < 1000) return;
      }
    });
  }

  private receiveRemoteAwareness(update: Uint8Array): void {
    if (this.destroyed) return;
    try {
      checkAwarenessUpdate(update);
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, STORED_ELSEWHERE);
    } catch (err) {
      this.options.log.warn('relayed awareness unreadable; ignored', {
        boardId: this.boardId,
        ...errorFields(err),
      });
    }
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
    this.pushTask({ kind: 'run', run: task, skipped });
  }

  private pushTask(task: Task): void {
    this.tasks.push(task);
    this.kick();
  }

  /** Starts the queue if it is idle (it builds the document first if it is not built yet). */
  private kick(): void {
    this.running ??= this.runQueue();
  }

  /**
   * The room's serial queue. Consecutive client updates at its head are one group commit;
   * any other task (a sync reply, a server write, a relayed batch) runs alone between them.
   */
  private async runQueue(): Promise<void> {
    try {
      // Gather every message the event loop has already read before the first commit.
      await yieldToIo();
      if (this.unbuilt && !this.broken) await this.guard(() => this.build());
      this.flushAcks();
      while (this.tasks.length > 0) {
        const head = this.tasks[0]!;
        if (head.kind === 'update') {
          let n = 1;
          while (n < this.tasks.length && n < GROUP_COMMIT_MAX && this.tasks[n]!.kind === 'update')
            n++;
          const batch = this.tasks.splice(0, n) as Extract<Task, { kind: 'update' }>[];
          if (!this.broken) await this.guard(() => this.applyBatch(batch));
        } else {
          this.tasks.shift();
          if (this.broken) head.skipped?.();
          else await this.guard(head.run);
        }
        this.flushAcks();
        // What arrived during this write (an fsync, a round trip) makes the next batch.
        if (this.tasks.length > 0) await yieldToIo();
      }
    } finally {
      this.running = null;
    }
  }

  private async guard(task: () => Promise<void>): Promise<void> {
    try {
      await task();
    } catch (err) {
      this.breakRoom(err);
    }
  }

  /** Tells each connection that asked what is now stored: once per commit, not per update. */
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
    // Our own clients' presence goes to the other instances; theirs came from there.
    if (this.sharedRelay && origin !== STORED_ELSEWHERE) {
      this.relay.publishAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    }
  };

  /** Resolves when every queued update is applied and stored. */
  async drain(): Promise<void> {
    if (this.unbuilt) this.kick();
    while (this.running) await this.running;
  }

  private async writeSnapshot(): Promise<void> {
    // An unbuilt room's document is empty: there is nothing newer than storage to write.
    if (this.unbuilt || this.storedSinceSnapshot === 0 || this.watermark === 0) return;
    // Up to the watermark, not our last write: rows other instances wrote below our last
    // seq may still be missing here, and a snapshot past them would skip them for good.
    await this.options.store.saveSnapshot(
      this.boardId,
      Y.encodeStateAsUpdate(this.doc),
      this.watermark,
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
    if (this.buildTimer) clearTimeout(this.buildTimer);
    this.relay.close();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Closes every connection (shutdown) with `code`, after storing what was received. */
  async closeAll(code: CloseCode, reason: string): Promise<void> {
    await this.drain();
    for (const conn of [...this.conns.keys()]) conn.close(code, reason);
  }
}
