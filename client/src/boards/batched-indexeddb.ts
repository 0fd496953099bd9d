/**
 * y-indexeddb's persistence, with each update written in the task after the one that made it
 * and all the updates of a task in one IndexedDB transaction.
 *
 * y-indexeddb opens a transaction per update, inside the Yjs transaction that made it: when
 * typing, inside the key's input event. On a 200-card board at 4× CPU slowdown that was about
 * a third of the input handler, in the task the key's frame waits for. Queued to the next
 * task, the write no longer delays the frame, and no edit is less safe: IndexedDB writes on its
 * own thread after the task that asks in either case, and a page that is being hidden (tab
 * switched, phone locked, page closed) writes what it holds at once.
 *
 * What is stored is what y-indexeddb stores: one row per update, compacted the same way.
 */
import type * as Y from 'yjs';
import { IndexeddbPersistence, PREFERRED_TRIM_SIZE, storeState } from 'y-indexeddb';
import { NextTaskBatch } from '@client/lib/next-task-batch';

const UPDATES_STORE = 'updates';

export class BatchedIndexeddbPersistence extends IndexeddbPersistence {
  private readonly batch = new NextTaskBatch<Uint8Array>((updates) => this.write(updates));

  constructor(name: string, doc: Y.Doc) {
    super(name, doc);
    doc.off('update', this._storeUpdate);
    // The base class's destroy() unsubscribes `this._storeUpdate`: this one.
    this._storeUpdate = (update: Uint8Array, origin: unknown): void => {
      // Its own writes come back from the cache; updates before the database opened are in
      // the full state y-indexeddb writes when it opens.
      if (origin === this || this.db === null) return;
      this.batch.push(update);
    };
    doc.on('update', this._storeUpdate);
  }

  /** Writes queued updates in one transaction. */
  private write(updates: Uint8Array[]): void {
    if (this.db === null || this._destroyed) return;
    try {
      const store = this.db.transaction(UPDATES_STORE, 'readwrite').objectStore(UPDATES_STORE);
      for (const update of updates) store.add(update);
    } catch {
      // A closing or full database (y-indexeddb would fail the same way): the edits stay in
      // the document and reach the server with its next sync.
      return;
    }
    this._dbsize += updates.length;
    if (this._dbsize >= PREFERRED_TRIM_SIZE) {
      // As y-indexeddb does: merge the rows into one a while after the last update.
      if (this._storeTimeoutId !== null) clearTimeout(this._storeTimeoutId);
      this._storeTimeoutId = setTimeout(() => {
        storeState(this, false).catch(() => undefined);
        this._storeTimeoutId = null;
      }, this._storeTimeout);
    }
  }

  override destroy(): Promise<void> {
    this.batch.dispose();
    return super.destroy();
  }
}
