/**
 * What storage returned for a board (its latest snapshot and the rows after it), read as one
 * Yjs update without building the document. Two readers need it: a room not yet built answers
 * a newcomer that has nothing from it (DocRoom), and the join answer carries the state of the
 * board a new participant lands on (RoomRegistry.stateAsUpdate).
 */
import * as Y from 'yjs';
import { matchesDigest } from '../../storage/snapshot-digest';
import type { StoredDocument } from '../../storage/storage';

/** An update that changes nothing: the state of a board with no history. */
const EMPTY_UPDATE = Y.encodeStateAsUpdate(new Y.Doc());

export class StoredState {
  /** A board without a snapshot: its rows merged (null when they cannot be merged). */
  private merged: Uint8Array | null | undefined;
  /** Whether the snapshot reads to its end (checked once, on first use). */
  private snapshotReadable: boolean | undefined;

  constructor(readonly stored: StoredDocument) {}

  /** Bytes storage holds for the board: the snapshot and every row after it. */
  get storedBytes(): number {
    let bytes = this.stored.snapshot?.byteLength ?? 0;
    for (const row of this.stored.updates) bytes += row.update.byteLength;
    return bytes;
  }

  /**
   * The whole stored state as one update, when that costs a fraction of building the
   * document: the snapshot exactly as stored when no row follows it (a board written to
   * storage when it unloaded), or the rows merged when there is no snapshot yet (a young
   * board: a few hundred small rows). Null for a snapshot followed by rows (merging them costs
   * about what building costs) and for bytes that do not read: a damaged update must never
   * reach a client, whose Yjs would throw on it.
   */
  cheapUpdate(): Uint8Array | null {
    const { snapshot, updates } = this.stored;
    if (snapshot) {
      if (updates.length > 0) return null;
      return this.snapshotReads() ? snapshot : null;
    }
    if (this.merged === undefined) {
      try {
        this.merged =
          updates.length > 0 ? Y.mergeUpdates(updates.map((r) => r.update)) : EMPTY_UPDATE;
      } catch {
        this.merged = null;
      }
    }
    return this.merged;
  }

  /**
   * The whole stored state as one update, or null when storage holds more than `maxBytes` for
   * the board or its bytes do not read. A snapshot followed by rows is merged here too: the
   * bound keeps that cost small whatever the board, so a large board is never merged (nor
   * built) only to answer this.
   */
  boundedUpdate(maxBytes: number): Uint8Array | null {
    if (this.storedBytes > maxBytes) return null;
    const cheap = this.cheapUpdate();
    const { snapshot, updates } = this.stored;
    if (cheap !== null || !snapshot || updates.length === 0) return cheap;
    if (!this.snapshotReads()) return null;
    try {
      const merged = Y.mergeUpdates([snapshot, ...updates.map((r) => r.update)]);
      return readsToEnd(merged) ? merged : null;
    } catch {
      return null;
    }
  }

  /**
   * Whether the snapshot reads to its end, checked once. Bytes that are exactly what a server
   * saved (their digest matches, storage/snapshot-digest.ts) were encoded from a built
   * document and are not read again; any other snapshot (stored before digests, or changed
   * since) is read in full, which is a fraction of applying it.
   */
  private snapshotReads(): boolean {
    const { snapshot, snapshotDigest } = this.stored;
    this.snapshotReadable ??=
      snapshot !== null && (matchesDigest(snapshot, snapshotDigest) || readsToEnd(snapshot));
    return this.snapshotReadable;
  }
}

function readsToEnd(update: Uint8Array): boolean {
  try {
    Y.encodeStateVectorFromUpdate(update);
    return true;
  } catch {
    return false;
  }
}
