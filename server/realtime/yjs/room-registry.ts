/**
 * Keeps one DocRoom per loaded board: loads it on first use, unloads it a little after the
 * last connection leaves (a page reload should not pay for a reload of the board), and
 * never lets a connection join a room that is being unloaded.
 */
import type { CloseCode } from '@shared/constants';
import type { Logger } from '../../logger';
import type { DocumentStore } from '../../storage/storage';
import type { PolicyLookup } from './board-policy';
import type { UpdateLogStore } from '../../storage/update-log-store';
import { DocRoom } from './doc-room';
import { StoredState } from './stored-state';
import { localRelay, type RoomRelay } from './room-relay';

export interface RoomRegistryOptions {
  store: DocumentStore & UpdateLogStore;
  log: Logger;
  snapshotEvery: number;
  /** The policy (kind: limits, validation) of a document, from its board record. */
  policyFor: PolicyLookup;
  /** How long an empty room stays loaded. */
  unloadAfterMs?: number;
  /** How long a loaded room waits, at most, before it builds its document (DocRoom). */
  buildAtLatestMs?: number;
  /** Other instances sharing the boards; `localRelay` when alone. */
  relay?: RoomRelay;
  /** With a shared relay: how often every loaded room reads the rows it may have missed. */
  catchUpEveryMs?: number;
}

export class RoomRegistry {
  private readonly rooms = new Map<string, Promise<DocRoom>>();
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>();
  private readonly unloading = new Map<string, Promise<void>>();

  private readonly catchUpTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: RoomRegistryOptions) {
    const relay = options.relay ?? localRelay;
    if (relay.shared) {
      // Pub/sub may drop messages; storage has every row. Reconnects and a schedule both make
      // every room read what it lacks.
      relay.onResync(() => void this.catchUpAll());
      this.catchUpTimer = setInterval(() => void this.catchUpAll(), options.catchUpEveryMs ?? 5000);
      this.catchUpTimer.unref();
    }
  }

  /** Makes every loaded room read from storage the rows it has not seen. */
  async catchUpAll(): Promise<void> {
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    for (const r of rooms) if (r.status === 'fulfilled' && !r.value.closing) r.value.catchUp();
  }

  /** Number of boards in memory. */
  get size(): number {
    return this.rooms.size;
  }

  /**
   * The loaded room of `boardId`, loading it if needed. The caller must add its connection
   * synchronously after this resolves (before yielding), so the room cannot start unloading
   * in between.
   */
  async acquire(boardId: string): Promise<DocRoom> {
    for (;;) {
      const timer = this.unloadTimers.get(boardId);
      if (timer) {
        clearTimeout(timer);
        this.unloadTimers.delete(boardId);
      }
      const inFlight = this.unloading.get(boardId);
      if (inFlight) {
        await inFlight;
        continue;
      }
      let promise = this.rooms.get(boardId);
      if (!promise) {
        promise = this.options.policyFor(boardId).then((policy) =>
          DocRoom.load({
            boardId,
            store: this.options.store,
            log: this.options.log,
            relay: this.options.relay,
            snapshotEvery: this.options.snapshotEvery,
            buildAtLatestMs: this.options.buildAtLatestMs,
            policy,
            onEmpty: (room) => this.scheduleUnload(room),
            onBroken: (room) => this.forget(room),
          }),
        );
        this.rooms.set(boardId, promise);
        promise.catch(() => this.rooms.delete(boardId));
      }
      const room = await promise;
      if (!room.closing && this.rooms.get(boardId) === promise) return room;
    }
  }

  /**
   * Runs `use` with the loaded room of `boardId` and keeps the room loaded until it is done,
   * even with no connection: the server's own reads and writes (reveal, promotion, import)
   * reach a board nobody has open the same way they reach a busy one.
   */
  async withRoom<T>(boardId: string, use: (room: DocRoom) => Promise<T>): Promise<T> {
    const room = await this.acquire(boardId);
    room.holds++;
    try {
      return await use(room);
    } finally {
      room.holds--;
      if (room.connectionCount === 0 && room.holds === 0) this.scheduleUnload(room);
    }
  }

  /**
   * The state of `docId` as one Yjs update of at most `maxBytes`, or null (larger, or its
   * stored bytes do not read); kind-agnostic, for readers outside the sync protocol (the join
   * answer). A loaded room answers (from its document, or its stored bytes while unbuilt);
   * otherwise it is read from storage with the room's own loader and reader, without loading a
   * room or building a document: the join of a newcomer must not cost a large board's build.
   */
  async stateAsUpdate(docId: string, maxBytes: number): Promise<Uint8Array | null> {
    const loaded = this.rooms.get(docId);
    const room = loaded ? await loaded.catch(() => null) : null;
    if (room && !room.closing) return room.stateAsUpdate(maxBytes);
    // Storage is the truth: whatever a room being unloaded held is stored before it unloads.
    const stored = await this.options.store.loadDocument(docId);
    return new StoredState(stored).boundedUpdate(maxBytes);
  }

  private scheduleUnload(room: DocRoom): void {
    if (room.closing) return;
    const existing = this.unloadTimers.get(room.boardId);
    if (existing) clearTimeout(existing);
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.boardId);
      if (room.connectionCount === 0 && room.holds === 0) void this.unload(room);
    }, this.options.unloadAfterMs ?? 2000);
    timer.unref();
    this.unloadTimers.set(room.boardId, timer);
  }

  /** Drops a broken room at once; the next connection loads the board afresh from storage. */
  private forget(room: DocRoom): void {
    void this.unload(room);
  }

  private async unload(room: DocRoom): Promise<void> {
    room.closing = true;
    const done = room.unload().finally(() => {
      this.unloading.delete(room.boardId);
    });
    this.unloading.set(room.boardId, done);
    this.rooms.delete(room.boardId);
    await done;
  }

  /** Shutdown: stores what was received, closes every connection with `code`, unloads all. */
  async closeAll(code: CloseCode, reason: string): Promise<void> {
    if (this.catchUpTimer) clearInterval(this.catchUpTimer);
    for (const timer of this.unloadTimers.values()) clearTimeout(timer);
    this.unloadTimers.clear();
    const rooms = await Promise.allSettled([...this.rooms.values()]);
    await Promise.all(
      rooms.map(async (r) => {
        if (r.status !== 'fulfilled') return;
        await r.value.closeAll(code, reason);
        await this.unload(r.value);
      }),
    );
    await Promise.all([...this.unloading.values()]);
  }
}
