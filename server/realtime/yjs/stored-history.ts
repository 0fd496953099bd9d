/**
 * Rebuilds a board document from its stored history, surviving damage: a row that cannot be
 * read is skipped and reported, and the rows after it still load.
 *
 * Skipping a row leaves a hole in its author's clock sequence, and Yjs holds back every later
 * update of that author until the hole is filled, so one damaged row would silently hide the
 * rest of that person's session. The hole is therefore filled with a garbage-collected
 * placeholder (what Yjs itself leaves for deleted content): the later edits integrate, and
 * only what was anchored inside the lost row stays lost.
 */
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { errorFields, type Logger } from '../../logger';

export interface StoredRow {
  seq: number;
  update: Uint8Array;
}

/** An update holding one garbage-collected run `[from, to)` of `client`. */
function placeholderUpdate(client: number, from: number, to: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // one client
  encoding.writeVarUint(e, 1); // one struct
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, from);
  encoding.writeUint8(e, 0); // GC struct
  encoding.writeVarUint(e, to - from);
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

/** Fills the holes Yjs is waiting on; returns the filled runs. */
function fillHoles(doc: Y.Doc): { client: number; from: number; to: number }[] {
  const filled: { client: number; from: number; to: number }[] = [];
  for (let round = 0; round < 1000; round++) {
    const pending = doc.store.pendingStructs;
    if (!pending) break;
    const firstPending = new Map<number, number>();
    for (const struct of Y.decodeUpdate(pending.update).structs) {
      const { client, clock } = struct.id;
      if (clock < (firstPending.get(client) ?? Infinity)) firstPending.set(client, clock);
    }
    const holes = new Map<number, number>();
    for (const [client, clock] of firstPending) holes.set(client, clock);
    for (const [client, clock] of pending.missing) {
      if (!holes.has(client)) holes.set(client, clock + 1);
    }
    let progress = false;
    for (const [client, to] of holes) {
      const from = Y.getState(doc.store, client);
      if (to <= from) continue;
      Y.applyUpdate(doc, placeholderUpdate(client, from, to));
      filled.push({ client, from, to });
      progress = true;
    }
    if (!progress) break;
  }
  return filled;
}

export function applyStoredHistory(
  doc: Y.Doc,
  rows: readonly StoredRow[],
  log: Logger,
  boardId: string,
): boolean {
  if (rows.length === 0) return false;
  let damaged = false;
  try {
    // Fast path: merge everything and apply once.
    Y.applyUpdate(doc, Y.mergeUpdates(rows.map((r) => r.update)));
  } catch {
    damaged = true;
  }
  if (damaged) {
    // Applying again is harmless: Yjs ignores what it already has.
    for (const row of rows) {
      try {
        Y.applyUpdate(doc, row.update);
      } catch (err) {
        log.error('stored update unreadable; skipped', {
          boardId,
          seq: row.seq,
          ...errorFields(err),
        });
      }
    }
  }
  const filled = fillHoles(doc);
  if (filled.length > 0) {
    log.warn('history had holes; filled so later edits load', { boardId, holes: filled });
  }
  return damaged || filled.length > 0;
}
