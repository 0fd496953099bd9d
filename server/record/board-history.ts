/**
 * A board's stored history indexed by time, with checkpoints, so that replaying it to any
 * moment costs one checkpoint plus at most `checkpointEvery` updates, never a rebuild from
 * the first update. The index is derived from storage (never authoritative): it is extended
 * with the rows stored since it was built each time it is used.
 */
import * as Y from 'yjs';
import type { Logger } from '../logger';
import { applyStoredHistory } from '../realtime/yjs/stored-history';
import type { StoredUpdate } from '../storage/storage';
import { UpdateIndex } from './update-index';

/** Updates between two checkpoints. */
export const CHECKPOINT_EVERY = 256;

export class BoardHistory {
  readonly rows: StoredUpdate[] = [];
  readonly index = new UpdateIndex();
  /** `checkpoints[i]`: the state after rows [0, (i + 1) × every). */
  private readonly checkpoints: Uint8Array[] = [];
  /** Non-decreasing times: row i's time, or the latest earlier one if clocks went back. */
  private readonly times: number[] = [];
  /** The whole history applied, kept to cut the next checkpoint without a replay. */
  private readonly head = new Y.Doc({ gc: false });

  constructor(
    readonly docId: string,
    private readonly log: Logger,
    private readonly every = CHECKPOINT_EVERY,
  ) {}

  get lastSeq(): number {
    return this.rows.at(-1)?.seq ?? 0;
  }

  /** Adds rows stored after the last one seen, in seq order. */
  append(rows: readonly StoredUpdate[]): void {
    for (const row of rows) {
      if (row.seq <= this.lastSeq) continue;
      const n = this.rows.length;
      this.rows.push(row);
      this.times.push(Math.max(row.createdAt, this.times.at(-1) ?? 0));
      this.index.add(n, row.update);
      applyStoredHistory(this.head, [row], this.log, this.docId);
      if ((n + 1) % this.every === 0) this.checkpoints.push(Y.encodeStateAsUpdate(this.head));
    }
  }

  /** How many rows were stored at or before `at`. */
  countAt(at: number): number {
    let lo = 0;
    let hi = this.times.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.times[mid]! <= at) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** A new document holding exactly rows [0, count): one checkpoint plus the tail. */
  docAt(count: number): Y.Doc {
    const n = Math.max(0, Math.min(count, this.rows.length));
    const doc = new Y.Doc({ gc: false });
    const c = Math.floor(n / this.every);
    if (c > 0) Y.applyUpdate(doc, this.checkpoints[c - 1]!);
    const tail = this.rows.slice(c * this.every, n);
    applyStoredHistory(doc, tail, this.log, this.docId);
    return doc;
  }

  /** Frees the head document. */
  destroy(): void {
    this.head.destroy();
  }
}

/**
 * A small cache of indexed histories. Loading is serialised per document, so concurrent
 * requests extend one index once.
 */
export class HistoryCache {
  private readonly entries = new Map<string, Promise<BoardHistory>>();

  constructor(
    private readonly load: (docId: string, afterSeq: number) => Promise<StoredUpdate[]>,
    private readonly log: Logger,
    private readonly max = 64,
  ) {}

  /** The history of `docId`, extended with everything stored so far. */
  get(docId: string): Promise<BoardHistory> {
    const previous = this.entries.get(docId);
    const next = (async () => {
      let history: BoardHistory;
      try {
        history = previous ? await previous : new BoardHistory(docId, this.log);
      } catch {
        history = new BoardHistory(docId, this.log);
      }
      history.append(await this.load(docId, history.lastSeq));
      return history;
    })();
    this.entries.delete(docId);
    this.entries.set(docId, next);
    next.catch(() => this.entries.delete(docId));
    while (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value as string;
      const evicted = this.entries.get(oldest);
      this.entries.delete(oldest);
      void evicted?.then((h) => h.destroy()).catch(() => undefined);
    }
    return next;
  }
}
